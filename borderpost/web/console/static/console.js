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

// A snapshot from the browser's camera fills the live-capture file field, as if the officer
// had chosen a file. Shown only where the browser offers a camera (getUserMedia needs HTTPS or
// localhost); the plain file field works everywhere.
function cameraCapture(box) {
  const input = document.getElementById(box.dataset.camera);
  const media = navigator.mediaDevices;
  if (!input || !media || !media.getUserMedia || typeof DataTransfer === "undefined") return;
  const button = box.querySelector(".camera-button");
  const video = box.querySelector(".camera-video");
  const canvas = box.querySelector(".camera-snapshot");
  const status = box.querySelector(".camera-status");
  let stream = null;
  const stop = () => {
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    video.hidden = true;
    button.textContent = box.dataset.start;
  };
  button.addEventListener("click", async () => {
    if (!stream) {
      try {
        stream = await media.getUserMedia({ video: { facingMode: "user" }, audio: false });
      } catch (error) {
        status.textContent = `${box.dataset.denied} (${error.name})`;
        return;
      }
      video.srcObject = stream;
      video.hidden = false;
      await video.play();
      button.textContent = box.dataset.take;
      return;
    }
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext("2d").drawImage(video, 0, 0, canvas.width, canvas.height);
    stop();
    canvas.toBlob((blob) => {
      if (!blob) return;
      const transfer = new DataTransfer();
      transfer.items.add(new File([blob], "live-capture.jpg", { type: "image/jpeg" }));
      input.files = transfer.files;
      canvas.hidden = false;
      status.textContent = box.dataset.done;
    }, "image/jpeg", 0.92);
  });
  input.form.addEventListener("submit", stop);
  box.hidden = false;
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("textarea[data-mrz]").forEach(watchMrz);
  document.querySelectorAll("[data-camera]").forEach(cameraCapture);
  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    select.addEventListener("change", () => select.form.requestSubmit());
    const button = select.form.querySelector("button");
    if (button) button.classList.add("visually-hidden");
  });
});
