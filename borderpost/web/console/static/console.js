// Borderpost console: the little the pages need beyond HTML. Everything works without it.
"use strict";

// MRZ lines are 30 (TD1, three lines), 36 (TD2) or 44 (TD3) characters.
function mrzComplete(text) {
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length);
  if (lines.length === 3) return lines.every((line) => line.length === 30);
  if (lines.length === 2) return lines.every((line) => line.length === 36 || line.length === 44);
  if (lines.length === 1) return [72, 88, 90].includes(lines[0].length);
  return false;
}

// A document reader types the MRZ like a keyboard, Enter after each line. Enter submits once
// the text is a whole MRZ (or with Ctrl); before that it starts the next line. Shift+Enter
// always starts a new line.
function watchMrz(area) {
  area.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
    if (event.ctrlKey || event.metaKey || mrzComplete(area.value)) {
      event.preventDefault();
      area.form.requestSubmit();
    }
  });
  area.form.addEventListener("submit", () => {
    const button = area.form.querySelector("button[type=submit]");
    if (button) button.disabled = true; // one inspection per scan
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("textarea[data-mrz]").forEach(watchMrz);
  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    select.addEventListener("change", () => select.form.requestSubmit());
    const button = select.form.querySelector("button");
    if (button) button.classList.add("visually-hidden");
  });
});
