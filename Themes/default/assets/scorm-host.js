/* The runtime page of `lectern serve`'s SCORM origin (`/lectern-runtime/player.html`): its window holds
 * the `API`/`API_1484_11` object (scorm-runtime.js) and frames one SCO from this same origin, so the SCO
 * finds the API by walking `window.parent`. It knows nothing of the learner's token: the kiosk's player page
 * that frames it hands it the launch by `postMessage` and sends the commits it relays to the server.
 * Messages: to the parent `lectern-scorm-ready`, then `lectern-scorm-commit` {launchId, sco, values} at each
 * Commit and Terminate and `lectern-scorm-terminate` {launchId, sco, request}; from the parent, one
 * `lectern-scorm-launch` {launchId, sco, folder, launch, settings, stored}. */
(function (global) {
  "use strict";

  if (global.parent === global) return;
  let kiosk = null;

  global.addEventListener("message", (event) => {
    // Only the page that frames this one launches, and only once per page.
    if (kiosk !== null || event.source !== global.parent) return;
    const data = event.data;
    if (!data || data.type !== "lectern-scorm-launch" || typeof data.launchId !== "string") return;
    if (!/^[0-9a-f]{64}$/.test(String(data.folder)) || typeof data.launch !== "string" || /^[a-z][a-z0-9+.-]*:|^\/|\.\.|\\/i.test(data.launch)) return;
    kiosk = event.origin;
    const send = (message) => global.parent.postMessage(Object.assign({ launchId: data.launchId, sco: data.sco }, message), kiosk);
    const session = global.LecternScorm.start(data.settings || {}, data.stored || {}, {
      // Terminate's commit is the session's last: an attempt may end with it.
      commit: (values, kind) => send({ type: "lectern-scorm-commit", values, terminated: kind === "terminate" }),
      terminate: (request) => send({ type: "lectern-scorm-terminate", request })
    });
    // For the SCO and tests to see; the SCO shares this origin and could read them anyway.
    global.lecternSession = Object.assign(session, { launchId: data.launchId, sco: data.sco });
    const frame = document.createElement("iframe");
    frame.id = "sco";
    frame.title = String((data.settings && data.settings.title) || "SCO");
    frame.src = "/" + data.folder + "/" + data.launch;
    frame.setAttribute("allow", "fullscreen; autoplay");
    document.body.appendChild(frame);
  });

  // The kiosk answers with the launch; "*" because this page does not know the kiosk's origin yet, and
  // the message carries nothing.
  global.parent.postMessage({ type: "lectern-scorm-ready" }, "*");
})(typeof window !== "undefined" ? window : this);
