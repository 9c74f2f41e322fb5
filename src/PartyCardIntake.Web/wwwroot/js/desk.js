// Capture at the desk: camera (or file) → 3:4 JPEG, signature pad → PNG + strokes, one multipart POST.
// Images travel as ordinary HTTP uploads; the server checks everything again.
(function () {
  "use strict";

  const form = document.getElementById("capture-form");
  if (!form) return;

  const text = JSON.parse(document.getElementById("desk-text").textContent);
  const PHOTO_WIDTH = 720;
  const PHOTO_HEIGHT = 960; // 3:4, above the 600×800 minimum
  // The server's minimum, from the page. Scaling up would pass the server's size check with a blurred
  // portrait, so a file is measured as decoded, before any canvas touches it.
  const MIN_WIDTH = Number(form.dataset.photoMinWidth) || 600;
  const MIN_HEIGHT = Number(form.dataset.photoMinHeight) || 800;

  const video = document.getElementById("camera");
  const preview = document.getElementById("photo-preview");
  const startButton = document.getElementById("camera-start");
  const captureButton = document.getElementById("photo-capture");
  const retakeButton = document.getElementById("photo-retake");
  const fileInput = document.getElementById("photo-file");
  const photoStatus = document.getElementById("photo-status");
  const canvas = document.getElementById("signature-pad");
  const clearButton = document.getElementById("signature-clear");
  const submitButton = document.getElementById("submit");
  const errorBox = document.getElementById("submit-error");

  // One key per capture: a double click or a retry after a lost answer saves the same application once.
  const idempotencyKey = crypto.randomUUID();
  let photoBlob = null;
  let stream = null;

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = !message;
  }

  function setPhoto(blob) {
    photoBlob = blob;
    if (preview.src) URL.revokeObjectURL(preview.src);
    preview.src = URL.createObjectURL(blob);
    preview.hidden = false;
    video.hidden = true;
    captureButton.hidden = true;
    retakeButton.hidden = false;
    showPhotoStatus(text.photoTaken);
    showError("");
  }

  function showPhotoStatus(message, refused) {
    photoStatus.textContent = message;
    photoStatus.classList.toggle("text-danger", !!refused);
    if (refused) fileInput.setAttribute("aria-invalid", "true");
    else fileInput.removeAttribute("aria-invalid");
  }

  function format(template, ...values) {
    return template.replace(/\{(\d+)\}/g, (match, i) => String(values[Number(i)]));
  }

  // Largest centred 3:4 rectangle of the source, scaled to the stored size.
  // The 3:4 part of a picture that becomes the photo.
  function portraitCrop(width, height) {
    const target = 3 / 4;
    if (width / height > target) return { cropWidth: Math.round(height * target), cropHeight: height };
    return { cropWidth: width, cropHeight: Math.round(width / target) };
  }

  function toPortrait(source, width, height) {
    const { cropWidth, cropHeight } = portraitCrop(width, height);
    const x = Math.round((width - cropWidth) / 2);
    const y = Math.round((height - cropHeight) / 2);
    const output = document.createElement("canvas");
    output.width = PHOTO_WIDTH;
    output.height = PHOTO_HEIGHT;
    const context = output.getContext("2d");
    context.imageSmoothingQuality = "high";
    context.drawImage(source, x, y, cropWidth, cropHeight, 0, 0, PHOTO_WIDTH, PHOTO_HEIGHT);
    return new Promise((resolve) => output.toBlob(resolve, "image/jpeg", 0.9));
  }

  async function startCamera() {
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { width: { ideal: 1280 }, height: { ideal: 960 }, facingMode: "user" },
        audio: false,
      });
      video.srcObject = stream;
      await video.play();
      video.hidden = false;
      preview.hidden = true;
      captureButton.disabled = false;
      captureButton.hidden = false;
      retakeButton.hidden = true;
      startButton.hidden = true;
      showPhotoStatus(text.cameraReady);
    } catch {
      showPhotoStatus(text.cameraUnavailable);
      fileInput.focus();
    }
  }

  async function capture() {
    if (!stream || !video.videoWidth) return;
    // A camera that gives fewer pixels than the rule would otherwise be scaled up into a photo that only looks large enough.
    const { cropWidth, cropHeight } = portraitCrop(video.videoWidth, video.videoHeight);
    if (cropWidth < MIN_WIDTH || cropHeight < MIN_HEIGHT) {
      showPhotoStatus(format(text.cameraTooSmall, cropWidth, cropHeight, MIN_WIDTH, MIN_HEIGHT), true);
      fileInput.focus();
      return;
    }

    setPhoto(await toPortrait(video, video.videoWidth, video.videoHeight));
    retakeButton.focus();
  }

  function retake() {
    photoBlob = null;
    preview.hidden = true;
    if (stream) {
      video.hidden = false;
      captureButton.hidden = false;
      retakeButton.hidden = true;
      captureButton.focus();
    } else {
      startCamera();
    }
  }

  async function useFile() {
    const file = fileInput.files && fileInput.files[0];
    if (!file) return;
    let bitmap;
    try {
      bitmap = await createImageBitmap(file);
    } catch {
      showPhotoStatus(text.photoUnreadable, true);
      return;
    }
    try {
      // Any previous photo stays: a refused file replaces nothing.
      if (bitmap.width < MIN_WIDTH || bitmap.height < MIN_HEIGHT) {
        showPhotoStatus(format(text.photoTooSmall, bitmap.width, bitmap.height, MIN_WIDTH, MIN_HEIGHT), true);
        fileInput.value = "";
        return;
      }
      setPhoto(await toPortrait(bitmap, bitmap.width, bitmap.height));
    } catch {
      showPhotoStatus(text.photoUnreadable, true);
    } finally {
      bitmap.close();
    }
  }

  // The pad draws in device pixels; resizing would clear it, so size it once to its box.
  function sizeCanvas() {
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = canvas.offsetHeight * ratio;
    canvas.getContext("2d").scale(ratio, ratio);
  }
  sizeCanvas();
  const pad = new SignaturePad(canvas, { minWidth: 1, maxWidth: 2.6, penColor: "#0b1f66", backgroundColor: "rgb(255,255,255)" });

  async function submit(event) {
    event.preventDefault();
    if (submitButton.disabled) return;
    if (!photoBlob) return showError(text.photoMissing);
    if (pad.isEmpty()) return showError(text.signatureMissing);

    // Straight from the canvas: fetching a data: URL would need connect-src data: in the Content-Security-Policy.
    const signatureBlob = await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
    const data = new FormData();
    data.append("__RequestVerificationToken", form.querySelector("input[name=__RequestVerificationToken]").value);
    data.append("idempotencyKey", idempotencyKey);
    data.append("photo", photoBlob, "photo.jpg");
    data.append("signature", signatureBlob, "signature.png");
    data.append("strokes", JSON.stringify(pad.toData()));

    submitButton.disabled = true;
    const label = submitButton.innerHTML;
    submitButton.textContent = text.saving;
    showError("");
    try {
      // Asking for JSON gets the server's message as problem details also when the request fails before the
      // handler (the database unavailable for a moment); the same key is sent again on the next press.
      const response = await fetch(form.dataset.submitUrl, { method: "POST", body: data, credentials: "same-origin", headers: { Accept: "application/json" } });
      const body = await response.json().catch(() => ({}));
      if (response.ok) {
        if (stream) stream.getTracks().forEach((t) => t.stop());
        // A home visit returns to the officer's visit list; the desk returns to its search.
        window.location.assign((form.dataset.doneUrl || "/desk?saved=") + encodeURIComponent(body.applicationId));
        return;
      }
      showError(body.detail || body.title || text.network);
    } catch {
      showError(text.network);
    }
    submitButton.disabled = false;
    submitButton.innerHTML = label;
  }

  startButton.addEventListener("click", startCamera);
  captureButton.addEventListener("click", capture);
  retakeButton.addEventListener("click", retake);
  fileInput.addEventListener("change", useFile);
  clearButton.addEventListener("click", () => { pad.clear(); canvas.focus(); });
  form.addEventListener("submit", submit);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) form.requestSubmit();
  });

  if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) startCamera();
  else showPhotoStatus(text.cameraUnavailable);
})();
