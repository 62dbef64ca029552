/* The kiosk's SCORM player (scorm-player.html?package=ID, on a site served by `lectern serve`): plays a
 * hosted package for the signed-in learner. The package runs on the server's second origin (`--scorm-port`),
 * framed here: its runtime page holds the API objects and sends this page the SCO's commits by
 * `postMessage`; this page, which alone holds the token, sends them to the server in order
 * (`POST /api/v1/scorm-packages/{id}/commits`, numbered per SCO), only from the frame it launched and only
 * for the package and SCO it launched. Multi-SCO packages get a table of contents; on Terminate, a 2004
 * SCO's `adl.nav.request` continue, previous and {target=…}choice/jump open that SCO, anything else ends
 * the session (no 2004 sequencing rules are evaluated). */
(function (global) {
  "use strict";

  const Lectern = global.Lectern;
  if (!Lectern || !Lectern.server || typeof document === "undefined") return;
  const { t, element, pageUI } = Lectern;
  const server = Lectern.server;

  function byId(id) {
    return document.getElementById(id);
  }

  function randomId() {
    const bytes = new Uint8Array(16);
    global.crypto.getRandomValues(bytes);
    return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  }

  /** A commit's values as the server takes them: names of data model elements, string values. */
  function cleanValues(values) {
    if (!values || typeof values !== "object" || Array.isArray(values)) return null;
    const clean = {};
    for (const [name, value] of Object.entries(values)) {
      if (typeof value !== "string" || !/^(cmi|adl)\./.test(name)) return null;
      clean[name] = value;
    }
    return clean;
  }

  async function start() {
    if (!document.body || document.body.dataset.page !== "scorm-player") return;
    const ui = pageUI("lectern-scorm");
    if (!(await server.detect())) { ui.show("no-server"); return; }
    if (!server.auth()) { ui.show("signed-out"); return; }
    const id = new URLSearchParams(global.location.search).get("package") || "";
    if (!/^[0-9]{1,12}$/.test(id)) { ui.say(t("scormPlayer.noPackage")); return; }
    let pkg, player;
    try {
      [pkg, player] = await Promise.all([server.api("GET", "/scorm-packages/" + id), server.api("GET", "/scorm-player")]);
    } catch (error) {
      if (error.signedOut) { ui.say(""); ui.show("signed-out"); return; }
      ui.say(t("scormPlayer.error", { detail: error.detail || String(error) }));
      return;
    }
    const origin = player.origin || global.location.protocol + "//" + global.location.hostname + ":" + Number(player.port);
    const scos = Array.isArray(pkg.scos) ? pkg.scos : [];
    const v12 = pkg.edition === "scorm12";
    const auth = server.auth();
    const user = (auth && auth.user) || {};
    byId("lectern-scorm-title").textContent = String(pkg.title || "");
    document.title = String(pkg.title || "") + " · " + document.title;
    const stage = byId("lectern-scorm-stage");
    const done = byId("lectern-scorm-done");
    const toc = byId("lectern-scorm-toc");
    const tocList = byId("lectern-scorm-toc-list");

    // Commits: numbered per SCO from the server's last one, sent one after the other.
    const sequences = {};
    // The attempt each SCO's launch answered: a launch after an attempt that ended begins the next.
    const attempts = {};
    const pending = [];
    let queue = Promise.resolve();
    function relay(sco, values, terminated) {
      const body = { sco, attempt: attempts[sco] || 1, sequence: (sequences[sco] || 0) + 1, values, terminated: terminated === true };
      sequences[sco] = body.sequence;
      pending.push(body);
      queue = queue.then(() => server.api("POST", "/scorm-packages/" + id + "/commits", body)).then(
        () => { ui.say(t("scormPlayer.saved")); },
        (error) => { ui.say(t("scormPlayer.commitFailed", { detail: error.detail || String(error) })); }
      ).then(() => { pending.splice(pending.indexOf(body), 1); });
    }
    // Leaving the page: what is still waiting goes with keepalive (the server refuses any it already has).
    global.addEventListener("pagehide", () => {
      const current = server.auth();
      if (!current) return;
      for (const body of pending) {
        const text = JSON.stringify(body);
        if (text.length > 60000) continue;
        global.fetch(Lectern.apiRoot + "/scorm-packages/" + id + "/commits", {
          method: "POST", keepalive: true, body: text, credentials: "same-origin",
          headers: { "Content-Type": "application/json", Authorization: "Bearer " + current.access_token }
        }).catch(() => {});
      }
    });

    // Each launch has its own id and frame; messages are taken only from that frame with that id.
    const launches = new Map();
    let current = null;
    let frame = null;

    async function launch(index) {
      const sco = scos[index];
      if (!sco) return;
      done.hidden = true;
      ui.say(t("scormPlayer.loading"));
      await queue;
      let answer;
      try {
        answer = await server.api("GET", "/scorm-packages/" + id + "/launch?sco=" + server.enc(sco.identifier));
      } catch (error) {
        if (error.signedOut) { ui.say(""); ui.show("signed-out"); return; }
        ui.say(t("scormPlayer.error", { detail: error.detail || String(error) }));
        return;
      }
      const attempt = Number(answer.attempt) || 1;
      if (attempts[sco.identifier] !== attempt) sequences[sco.identifier] = 0;
      attempts[sco.identifier] = attempt;
      sequences[sco.identifier] = Math.max(sequences[sco.identifier] || 0, Number(answer.sequence) || 0);
      if (frame) frame.remove();
      frame = element("iframe", "scorm-frame");
      frame.title = String(sco.title || pkg.title || "");
      frame.setAttribute("allow", "fullscreen; autoplay");
      // Everything a package needs, keeping its own (second) origin, but never navigating this page away.
      frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-modals allow-downloads");
      stage.append(frame);
      frame.src = origin + "/lectern-runtime/player.html";
      const mastery = typeof sco.mastery_score === "number" ? (v12 ? sco.mastery_score : sco.mastery_score / 100) : null;
      current = {
        launchId: randomId(), sco: sco.identifier, index, window: frame.contentWindow,
        message: {
          type: "lectern-scorm-launch", sco: sco.identifier, folder: String(pkg.sha256), launch: String(sco.launch),
          settings: {
            edition: v12 ? "1.2" : "2004", entry: String(answer.entry || ""), mode: "normal", credit: "credit",
            learnerId: String(user.id || user.username || ""), learnerName: server.displayName(user), mastery,
            scos: scos.map((item) => item.identifier), sco: sco.identifier, title: String(sco.title || "")
          },
          stored: answer.cmi || {}
        }
      };
      current.message.launchId = current.launchId;
      launches.set(current.launchId, current);
      for (const button of tocList.querySelectorAll("button")) {
        if (button.dataset.sco === sco.identifier) button.setAttribute("aria-current", "step");
        else button.removeAttribute("aria-current");
      }
      ui.say("");
    }

    function finish() {
      if (frame) frame.remove();
      frame = null;
      current = null;
      done.hidden = false;
    }

    /** On Terminate: the 2004 navigation request the SCO left, else the end of the session. */
    function navigate(request) {
      const index = current.index;
      let next = -1;
      if (request === "continue") next = index + 1;
      else if (request === "previous") next = index - 1;
      else {
        const target = /^\{target=([^}]+)\}(choice|jump)$/.exec(String(request));
        if (target) next = scos.findIndex((sco) => sco.identifier === target[1]);
      }
      if (next >= 0 && next < scos.length) launch(next);
      else finish();
    }

    global.addEventListener("message", (event) => {
      if (event.origin !== origin) return;
      const data = event.data;
      if (!data || typeof data !== "object") return;
      if (data.type === "lectern-scorm-ready") {
        if (current && event.source === current.window) current.window.postMessage(current.message, origin);
        return;
      }
      const from = launches.get(data.launchId);
      if (!from || event.source !== from.window || data.sco !== from.sco) return;
      if (data.type === "lectern-scorm-commit") {
        const values = cleanValues(data.values);
        if (values) relay(from.sco, values, data.terminated === true);
      } else if (data.type === "lectern-scorm-terminate" && from === current) {
        navigate(String(data.request || "_none_"));
      }
    });

    if (scos.length > 1) {
      for (const [index, sco] of scos.entries()) {
        const button = element("button", "scorm-toc-item", String(sco.title || sco.identifier));
        button.type = "button";
        button.dataset.sco = sco.identifier;
        button.addEventListener("click", () => launch(index));
        const item = element("li");
        item.append(button);
        tocList.append(item);
      }
      toc.hidden = false;
    }
    byId("lectern-scorm-again").addEventListener("click", () => launch(0));
    await launch(0);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(typeof window !== "undefined" ? window : globalThis);
