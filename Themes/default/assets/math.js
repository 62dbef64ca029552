/* Lectern math: renders the formulas of a page with KaTeX.
 *
 * Loaded with `defer`, after katex.min.js (Debian's KaTeX, global `katex`), and only on pages whose content
 * has math. The builder writes `$x^2$` as <span class="math math-inline" data-tex="x^2">$x^2$</span> and
 * `$$…$$` as <div class="math math-display" data-tex="…">$$…$$</div>: the TeX source stays readable
 * without JavaScript, and here it is replaced by KaTeX's output, which includes MathML for screen readers.
 * A formula KaTeX cannot render keeps its source text. */
(function (global) {
  "use strict";

  /** Renders one element; returns whether KaTeX replaced its text. */
  function renderElement(element, katex) {
    const tex = element.getAttribute("data-tex");
    if (tex === null || element.classList.contains("is-rendered")) return false;
    const fallback = element.textContent;
    try {
      katex.render(tex, element, {
        displayMode: element.classList.contains("math-display"),
        // Bad TeX shows as its source, marked, instead of stopping the other formulas of the page.
        throwOnError: false,
        // HTML to look at and MathML for assistive technology.
        output: "htmlAndMathml"
      });
    } catch (error) {
      // Anything else KaTeX throws (an internal error, a limit): keep the readable source.
      element.textContent = fallback;
      if (global.console) global.console.warn("Lectern: could not render", tex, error);
      return false;
    }
    element.classList.add("is-rendered");
    return true;
  }

  /**
   * A display formula wider than the column scrolls sideways (see lectern.css); keyboard users need to be
   * able to focus it to scroll, and one that fits needs no extra tab stop.
   */
  function updateScrollFocus() {
    for (const element of document.querySelectorAll(".math-display")) {
      if (element.scrollWidth > element.clientWidth + 1) {
        element.setAttribute("tabindex", "0");
      } else {
        element.removeAttribute("tabindex");
      }
    }
  }

  /** Renders every formula in `root` that is not rendered yet. */
  function renderAll(root, katex) {
    if (root.matches && root.matches(".math[data-tex]")) renderElement(root, katex);
    for (const element of root.querySelectorAll(".math[data-tex]")) renderElement(element, katex);
  }

  function init() {
    const katex = global.katex;
    if (!katex || typeof katex.render !== "function") return;
    renderAll(document, katex);
    updateScrollFocus();
    // Quiz feedback and explanations are inserted after the learner submits (lectern.js), and may hold
    // formulas of their own: render them as they arrive. KaTeX's own output has no data-tex, so rendering
    // does not feed the observer.
    const main = document.querySelector("main") || document.body;
    if (main && typeof global.MutationObserver === "function") {
      new global.MutationObserver((records) => {
        let added = false;
        for (const record of records) {
          for (const node of record.addedNodes) {
            if (node.nodeType !== 1 || !(node.matches(".math[data-tex]") || node.querySelector(".math[data-tex]"))) continue;
            renderAll(node, katex);
            added = true;
          }
        }
        if (added) updateScrollFocus();
      }).observe(main, { childList: true, subtree: true });
    }
    let pending = false;
    global.addEventListener("resize", () => {
      if (pending) return;
      pending = true;
      global.requestAnimationFrame(() => {
        pending = false;
        updateScrollFocus();
      });
    });
  }

  const api = { renderElement, renderAll };
  global.LecternMath = api;
  if (typeof module === "object" && module && module.exports) module.exports = api;
  if (typeof document !== "undefined") {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
  }
})(typeof window !== "undefined" ? window : globalThis);
