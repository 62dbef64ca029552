/* Lectern code blocks: colours from highlight.js and a copy button.
 *
 * Loaded with `defer`, after highlight.min.js (Debian's highlight.js 9, global `hljs`), and only on pages
 * whose content has a code block. The builder has already written each line in its own
 * <span class="line" data-line="N">, numbered and marked `highlighted` where the author asked, so pages read
 * well without this script. Here we only colour the text inside those spans, keeping them, and add a
 * button that copies the code. Languages highlight.js does not know stay plain.
 *
 * One plain script, no modules, no fetch: pages must also work from disk (file://) and inside a SCORM
 * package's frame. */
(function (global) {
  "use strict";

  /* ---------------------------------------------------------------- Languages */

  // Names authors often write in the info string → highlight.js 9's own name. hljs knows many aliases
  // itself, but not all of these, and some it maps differently (it reads "console" as a shell session).
  const ALIASES = {
    js: "javascript",
    ts: "typescript",
    sh: "bash",
    shell: "bash",
    console: "bash",
    yml: "yaml",
    "c++": "cpp",
    cpp: "cpp",
    html: "xml",
    py: "python",
    rs: "rust",
    golang: "go"
  };

  /** highlight.js's name for the language of a block, or null when it cannot highlight it. */
  function languageName(lang, hljs) {
    if (!hljs || typeof hljs.getLanguage !== "function") return null;
    const written = String(lang || "").trim().toLowerCase();
    if (!written) return null;
    const name = Object.prototype.hasOwnProperty.call(ALIASES, written) ? ALIASES[written] : written;
    return hljs.getLanguage(name) ? name : null;
  }

  /**
   * The HTML of each line, highlighted one line at a time. highlight.js 9 returns, with each result, the
   * mode it stopped in (`top`); passing it back as the continuation makes a string or comment that spans
   * lines colour correctly, while every line's HTML stays balanced (hljs reopens the spans it continues).
   */
  function highlightLines(texts, language, hljs) {
    const html = [];
    let state;
    for (const text of texts) {
      const result = hljs.highlight(language, text, true, state);
      html.push(result.value);
      state = result.top;
    }
    return html;
  }

  /** The lines of a <pre class="code">: its .line spans, or its whole text for any other <pre>. */
  function lineElements(pre) {
    return Array.from(pre.querySelectorAll("code > .line"));
  }

  /** Colours one block; on any error the block keeps its plain text. */
  function highlightBlock(pre, hljs) {
    if (pre.hasAttribute("data-highlighted")) return;
    const language = languageName(pre.getAttribute("data-lang"), hljs);
    if (!language) return;
    const lines = lineElements(pre);
    const texts = lines.map((line) => line.textContent);
    let html;
    try {
      html = highlightLines(texts, language, hljs);
    } catch (error) {
      if (global.console) global.console.warn("Lectern: could not highlight", language, error);
      return;
    }
    // Written only once every line succeeded, so a failure never leaves a half-coloured block.
    lines.forEach((line, index) => { line.innerHTML = html[index]; });
    pre.setAttribute("data-highlighted", language);
  }

  /* ---------------------------------------------------------------- Copying */

  /** The code as the author wrote it: the lines' text (line numbers are CSS, never part of it). */
  function codeText(pre) {
    const lines = lineElements(pre);
    if (lines.length === 0) {
      const code = pre.querySelector("code") || pre;
      return code.textContent.replace(/\n$/, "");
    }
    return lines.map((line) => line.textContent).join("\n");
  }

  /**
   * Copies through a hidden <textarea> and execCommand("copy"): deprecated, but the only way where the
   * asynchronous clipboard is missing or refused (plain http, some file:// pages, frames of an LMS).
   */
  function copyWithTextarea(text, container) {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.setAttribute("aria-hidden", "true");
    area.tabIndex = -1;
    area.className = "visually-hidden";
    // Inside the block rather than at the end of the page, so selecting it does not scroll the page.
    container.appendChild(area);
    const active = document.activeElement;
    let copied = false;
    try {
      area.select();
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    area.remove();
    if (active && typeof active.focus === "function") active.focus();
    return copied;
  }

  /** Resolves when the text is on the clipboard, rejects when no way worked. */
  function copyText(text, container) {
    const clipboard = global.navigator && global.navigator.clipboard;
    if (clipboard && typeof clipboard.writeText === "function" && global.isSecureContext !== false) {
      return clipboard.writeText(text).catch(() => {
        if (!copyWithTextarea(text, container)) throw new Error("copy refused");
      });
    }
    return copyWithTextarea(text, container) ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  /** Selects the code, so that a learner whose browser refused to copy can press Ctrl+C. */
  function selectCode(pre) {
    const selection = global.getSelection && global.getSelection();
    if (!selection) return;
    const range = document.createRange();
    range.selectNodeContents(pre.querySelector("code") || pre);
    selection.removeAllRanges();
    selection.addRange(range);
  }

  /* ---------------------------------------------------------------- UI */

  /** A UI string from the page's table (lectern.js reads it), or the English fallback. */
  function t(key, fallback) {
    const lectern = global.Lectern;
    const text = lectern && typeof lectern.t === "function" ? lectern.t(key) : key;
    return text === key ? fallback : text;
  }


  /**
   * A toolbar before the <pre>: the language as written, and a real <button> (focusable, always visible,
   * not only on hover) with a status beside it. The status is a polite live region, so "Copied" is read
   * out by screen readers as well as shown; it is cleared after a while so that the next copy is announced
   * again.
   */
  function addCopyButton(figure) {
    const pre = figure.querySelector("pre");
    if (!pre || figure.querySelector(".code-toolbar")) return;
    const toolbar = document.createElement("div");
    toolbar.className = "code-toolbar";
    const lang = (figure.getAttribute("data-lang") || "").trim();
    if (lang) {
      const label = document.createElement("span");
      label.className = "code-lang";
      label.textContent = lang;
      toolbar.appendChild(label);
    }
    const status = document.createElement("span");
    status.className = "code-copy-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "code-copy";
    button.textContent = t("code.copy", "Copy");
    // "Copy" alone does not say which block: the name starts with the visible word (WCAG 2.5.3) and
    // names the block by its place on the page and its language.
    const number = Array.prototype.indexOf.call(figure.ownerDocument.querySelectorAll("figure.code-block"), figure) + 1;
    const name = lang ? t("code.copyNamedLang", "Copy code block {number} ({lang})") : t("code.copyNamed", "Copy code block {number}");
    button.setAttribute("aria-label", name.replace("{number}", String(number)).replace("{lang}", lang));
    toolbar.appendChild(status);
    toolbar.appendChild(button);
    figure.insertBefore(toolbar, figure.firstChild);

    let timers = [];
    function report(text, isError) {
      for (const timer of timers) global.clearTimeout(timer);
      status.classList.toggle("is-error", isError);
      // Emptied first: a live region only speaks when its text changes.
      status.textContent = "";
      timers = [global.setTimeout(() => {
        status.textContent = text;
        timers.push(global.setTimeout(() => { status.textContent = ""; }, isError ? 8000 : 3000));
      }, 50)];
    }
    button.addEventListener("click", () => {
      copyText(codeText(pre), toolbar).then(
        () => report(t("code.copied", "Copied"), false),
        () => {
          selectCode(pre);
          report(t("code.copyFailed", "Press Ctrl+C to copy the selected code."), true);
        });
    });
  }

  /** Colours and equips every code block in `root` that has not been done yet. */
  function processRoot(root, hljs) {
    const pres = root.matches && root.matches("pre.code") ? [root] : Array.from(root.querySelectorAll("pre.code"));
    for (const pre of pres) {
      if (hljs && pre.hasAttribute("data-lang")) highlightBlock(pre, hljs);
    }
    const figures = root.matches && root.matches("figure.code-block")
      ? [root] : Array.from(root.querySelectorAll("figure.code-block"));
    for (const figure of figures) {
      try {
        addCopyButton(figure);
      } catch (error) {
        if (global.console) global.console.error("Lectern:", error);
      }
    }
  }

  /* ---------------------------------------------------------------- Start-up */

  function init() {
    const hljs = global.hljs;
    if (hljs && typeof hljs.configure === "function") {
      // The theme ships Debian's highlight.js 9, which Debian keeps patched; without this it logs an
      // end-of-life notice in every page's console.
      hljs.configure({ hideUpgradeWarningAcceptNoSupportOrSecurityUpdates: true });
    }
    const lectern = global.Lectern;
    if (lectern && typeof lectern.enhancePage === "function") {
      lectern.enhancePage("figure.code-block", "pre.code", (root) => processRoot(root, hljs));
    } else {
      processRoot(document, hljs);
    }
  }

  if (typeof document !== "undefined") {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
  }
})(typeof window !== "undefined" ? window : globalThis);
