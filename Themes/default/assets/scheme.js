/* Lectern colour scheme: pages follow the system's light or dark setting unless the learner chose one
 * with the header's "Dark mode" switch. The choice is kept in localStorage (per site, also from disk) and
 * applied by changing the media query of the dark stylesheets, so each palette is written once in CSS.
 * Loaded without defer right after the stylesheets: the remembered scheme is in place before the first
 * paint, so a page never flashes in the other one. */
(function () {
  "use strict";

  const KEY = "lectern.scheme";
  const SYSTEM_DARK = "screen and (prefers-color-scheme: dark)";
  const system = window.matchMedia ? window.matchMedia(SYSTEM_DARK) : null;
  /** The choice on this page when storage refuses it (private browsing): not remembered, still applied. */
  let unsaved = null;

  /** "dark", "light", or null to follow the system. Private browsing may refuse storage: follow the system. */
  function chosen() {
    try {
      const value = window.localStorage.getItem(KEY);
      return value === "dark" || value === "light" ? value : null;
    } catch (error) {
      return unsaved;
    }
  }

  function isDark() {
    const choice = chosen();
    return choice ? choice === "dark" : Boolean(system && system.matches);
  }

  function apply() {
    const choice = chosen();
    const root = document.documentElement;
    if (choice) root.setAttribute("data-scheme", choice);
    else root.removeAttribute("data-scheme");
    // "screen": dark on screens whatever the system says; paper is still printed light.
    const media = choice === "dark" ? "screen" : choice === "light" ? "not all" : SYSTEM_DARK;
    for (const link of document.querySelectorAll('link[data-scheme="dark"]')) link.media = media;
  }

  function initSwitch() {
    const button = document.getElementById("lectern-scheme-switch");
    if (!button) return;
    const show = () => button.setAttribute("aria-pressed", String(isDark()));
    show();
    button.hidden = false;
    button.addEventListener("click", () => {
      const wantDark = !isDark();
      // A choice that matches the system is stored as "follow the system": a later change there is followed.
      const choice = wantDark === Boolean(system && system.matches) ? null : (wantDark ? "dark" : "light");
      try {
        if (choice) window.localStorage.setItem(KEY, choice);
        else window.localStorage.removeItem(KEY);
      } catch (error) {
        unsaved = choice;
      }
      apply();
      show();
    });
    if (system && system.addEventListener) system.addEventListener("change", show);
    // Another tab of the site switched.
    window.addEventListener("storage", (event) => {
      if (event.key === KEY) {
        apply();
        show();
      }
    });
  }

  apply();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initSwitch);
  else initSwitch();
})();
