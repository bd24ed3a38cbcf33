/* The claim page's keys: 1–5 set the verdict (the legend under the form says which is which),
 * n saves and opens the next claim of the list the editor came from.
 * Never while typing: a key pressed in a field (or with Ctrl, Alt or Cmd) is the field's. */
"use strict";

(() => {
  const verdict = document.getElementById("id_verdict");
  const saveNext = document.getElementById("save-next");
  const verdictKeys = new Map(
    Array.from(document.querySelectorAll("[data-verdict-key]"), (key) => [
      key.dataset.verdictKey,
      key.dataset.verdict,
    ]),
  );

  function typing(target) {
    return target instanceof Element && target.closest("input, textarea, select, [contenteditable]");
  }

  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
    if (typing(event.target)) return;
    if (verdict && verdictKeys.has(event.key)) {
      event.preventDefault();
      verdict.value = verdictKeys.get(event.key);
      verdict.dispatchEvent(new Event("change", { bubbles: true }));
    } else if (saveNext && event.key === "n") {
      event.preventDefault();
      saveNext.click();
    }
  });
})();
