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

  /** Renders every formula in `root` that is not rendered yet. */
  function renderAll(root, katex) {
    if (root.matches && root.matches(".math[data-tex]")) renderElement(root, katex);
    for (const element of root.querySelectorAll(".math[data-tex]")) renderElement(element, katex);
  }

  function init() {
    const katex = global.katex;
    if (!katex || typeof katex.render !== "function") return;
    const lectern = global.Lectern;
    if (lectern && typeof lectern.enhancePage === "function") {
      // KaTeX's own output has no data-tex, so rendering does not feed the observer.
      lectern.enhancePage(".math[data-tex]", ".math-display", (root) => renderAll(root, katex));
    } else {
      renderAll(document, katex);
    }
  }

  if (typeof document !== "undefined") {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
  }
})(typeof window !== "undefined" ? window : globalThis);
