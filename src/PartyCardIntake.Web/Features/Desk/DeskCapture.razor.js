// The desk's camera and signature pad for DeskCapture.razor. The photo and the signature stay in the browser as blobs
// until the component asks for them; they then travel as JS streams (IJSStreamReference), never in one SignalR message.
import SignaturePad from "/lib/signature_pad/signature_pad.min.js";

const PHOTO_WIDTH = 720;
const PHOTO_HEIGHT = 960; // 3:4, above the 600×800 minimum

// Captures attached on this page. A circuit the server let go and the browser resumed renders the desk anew, and the
// old capture's elements leave the page without a dispose from the old circuit: that capture is ended here, or its
// camera would stay on and its keys would answer before the new one's.
const attached = new Set();

export function attach(root, dotnet, options) {
  for (const old of attached) {
    if (!old.root.isConnected) old.dispose();
  }
  const capture = new DeskCapture(root, dotnet, options);
  attached.add(capture);
  return capture;
}

// The 3:4 part of a picture that becomes the photo: the largest centred 3:4 rectangle.
function portraitCrop(width, height) {
  if (width / height > 3 / 4) return { cropWidth: Math.round((height * 3) / 4), cropHeight: height };
  return { cropWidth: width, cropHeight: Math.round((width * 4) / 3) };
}

function toPortrait(source, width, height) {
  const { cropWidth, cropHeight } = portraitCrop(width, height);
  const output = document.createElement("canvas");
  output.width = PHOTO_WIDTH;
  output.height = PHOTO_HEIGHT;
  const context = output.getContext("2d");
  context.imageSmoothingQuality = "high";
  context.drawImage(source, Math.round((width - cropWidth) / 2), Math.round((height - cropHeight) / 2), cropWidth, cropHeight, 0, 0, PHOTO_WIDTH, PHOTO_HEIGHT);
  return new Promise((resolve) => output.toBlob(resolve, "image/jpeg", 0.9));
}

function format(template, ...values) {
  return template.replace(/\{(\d+)\}/g, (match, i) => String(values[Number(i)]));
}

// Typing in a field must never capture, retake or save by accident.
function isTyping(target) {
  return target instanceof Element && !!target.closest("input, textarea, select, [contenteditable=true]");
}

class DeskCapture {
  constructor(root, dotnet, options) {
    this.root = root;
    this.dotnet = dotnet;
    this.text = options.text;
    this.minWidth = options.minWidth;
    this.minHeight = options.minHeight;
    this.video = root.querySelector("#camera");
    this.preview = root.querySelector("#photo-preview");
    this.captureButton = root.querySelector("#photo-capture");
    this.retakeButton = root.querySelector("#photo-retake");
    this.fileInput = root.querySelector("#photo-file");
    this.status = root.querySelector("#photo-status");
    this.canvas = root.querySelector("#signature-pad");
    this.photoBlob = null;
    this.photoVersion = 0;
    this.signatureVersion = 0;
    this.stream = null;
    this.disposed = false;

    this.onKey = (event) => this.key(event);
    this.onFile = () => this.useFile();
    this.onCapture = () => this.capture();
    this.onRetake = () => this.retake();
    this.onResize = () => this.sizeCanvas();
    document.addEventListener("keydown", this.onKey);
    this.fileInput.addEventListener("change", this.onFile);
    this.captureButton.addEventListener("click", this.onCapture);
    this.retakeButton.addEventListener("click", this.onRetake);

    this.sizeCanvas();
    this.pad = new SignaturePad(this.canvas, { minWidth: 1, maxWidth: 2.6, penColor: "#0b1f66", backgroundColor: "rgb(255,255,255)" });
    this.pad.addEventListener("endStroke", () => this.signatureChanged());
    window.addEventListener("resize", this.onResize);
  }

  // Called once the component knows whether a draft exists: a restored photo needs no camera.
  async start(restore) {
    if (restore?.photo) {
      const bytes = await restore.photo.arrayBuffer();
      this.setPhoto(new Blob([bytes], { type: "image/jpeg" }), restore.photoVersion, false);
    }
    if (restore?.strokes) {
      this.pad.fromData(JSON.parse(restore.strokes));
      this.signatureVersion = restore.signatureVersion;
    }
    if (!this.photoBlob) await this.startCamera();
    this.focusCapture();
  }

  focusCapture() {
    if (this.photoBlob) this.canvas.focus();
    else if (this.stream) this.captureButton.focus();
    else this.fileInput.focus();
  }

  showStatus(message, refused) {
    this.status.textContent = message;
    this.status.classList.toggle("refused", !!refused);
    if (refused) this.fileInput.setAttribute("aria-invalid", "true");
    else this.fileInput.removeAttribute("aria-invalid");
  }

  async startCamera() {
    if (!navigator.mediaDevices?.getUserMedia) {
      this.showStatus(this.text.cameraUnavailable, true);
      return;
    }
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({
        video: { width: { ideal: 1280 }, height: { ideal: 960 }, facingMode: "user" },
        audio: false,
      });
      if (this.disposed) return this.stopCamera();
      this.video.srcObject = this.stream;
      await this.video.play();
      this.showLive(true);
      this.showStatus(this.text.cameraReady);
    } catch {
      this.stream = null;
      this.showStatus(this.text.cameraUnavailable, true);
    }
  }

  stopCamera() {
    this.stream?.getTracks().forEach((t) => t.stop());
    this.stream = null;
  }

  showLive(live) {
    this.video.hidden = !live;
    this.preview.hidden = live;
    this.captureButton.hidden = !live;
    this.captureButton.disabled = !this.stream;
    this.retakeButton.hidden = live;
  }

  setPhoto(blob, version, announce) {
    this.photoBlob = blob;
    this.photoVersion = version ?? this.photoVersion + 1;
    if (this.preview.src) URL.revokeObjectURL(this.preview.src);
    this.preview.src = URL.createObjectURL(blob);
    this.showLive(false);
    this.showStatus(this.text.photoTaken);
    if (announce) this.dotnet.invokeMethodAsync("PhotoTaken", this.photoVersion).catch(() => {});
  }

  async capture() {
    if (!this.stream || !this.video.videoWidth || this.photoBlob) return;
    // A camera that gives fewer pixels than the rule would be scaled up into a photo that only looks large enough.
    const { cropWidth, cropHeight } = portraitCrop(this.video.videoWidth, this.video.videoHeight);
    if (cropWidth < this.minWidth || cropHeight < this.minHeight) {
      this.showStatus(format(this.text.cameraTooSmall, cropWidth, cropHeight, this.minWidth, this.minHeight), true);
      this.fileInput.focus();
      return;
    }
    this.setPhoto(await toPortrait(this.video, this.video.videoWidth, this.video.videoHeight), undefined, true);
    this.canvas.focus();
  }

  async retake() {
    if (!this.photoBlob) return;
    this.photoBlob = null;
    this.photoVersion += 1;
    this.dotnet.invokeMethodAsync("PhotoTaken", this.photoVersion).catch(() => {});
    if (!this.stream) await this.startCamera();
    this.showLive(!!this.stream);
    if (this.stream) {
      this.showStatus(this.text.cameraReady);
      this.captureButton.focus();
    } else {
      this.fileInput.focus();
    }
  }

  async useFile() {
    const file = this.fileInput.files && this.fileInput.files[0];
    if (!file) return;
    let bitmap;
    try {
      bitmap = await createImageBitmap(file);
    } catch {
      this.showStatus(this.text.photoUnreadable, true);
      this.fileInput.value = "";
      return;
    }
    try {
      // Measured as decoded, before any canvas touches it; a refused file replaces nothing.
      if (bitmap.width < this.minWidth || bitmap.height < this.minHeight) {
        this.showStatus(format(this.text.photoTooSmall, bitmap.width, bitmap.height, this.minWidth, this.minHeight), true);
        this.fileInput.value = "";
        return;
      }
      this.setPhoto(await toPortrait(bitmap, bitmap.width, bitmap.height), undefined, true);
    } catch {
      this.showStatus(this.text.photoUnreadable, true);
    } finally {
      bitmap.close();
    }
  }

  signatureChanged() {
    this.signatureVersion += 1;
    const version = this.signatureVersion;
    // One announcement after the pen rests, not one per stroke.
    clearTimeout(this.signatureTimer);
    this.signatureTimer = setTimeout(() => {
      if (!this.disposed && version === this.signatureVersion) this.dotnet.invokeMethodAsync("SignatureChanged", version).catch(() => {});
    }, 400);
  }

  clearSignature() {
    this.pad.clear();
    this.signatureChanged();
    this.canvas.focus();
  }

  // The pad draws in device pixels, at least twice the CSS size so that the stored image keeps the strokes sharp
  // (and above the server's 200 px minimum on a low pad); resizing clears it, so its strokes are drawn again.
  sizeCanvas() {
    const ratio = Math.max(window.devicePixelRatio || 1, 2);
    const width = this.canvas.offsetWidth * ratio;
    const height = this.canvas.offsetHeight * ratio;
    if (!width || (this.canvas.width === width && this.canvas.height === height)) return;
    const strokes = this.pad && !this.pad.isEmpty() ? this.pad.toData() : null;
    this.canvas.width = width;
    this.canvas.height = height;
    this.canvas.getContext("2d").scale(ratio, ratio);
    if (this.pad) {
      this.pad.clear();
      if (strokes) this.pad.fromData(strokes);
    }
  }

  key(event) {
    if (this.disposed || event.defaultPrevented) return;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.dotnet.invokeMethodAsync("SaveFromKeyboard").catch(() => {});
      return;
    }
    if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
    if ((event.key === "r" || event.key === "R") && this.photoBlob) {
      event.preventDefault();
      this.retake();
    } else if (event.key === "Enter" && !this.photoBlob && this.stream && !(event.target instanceof Element && event.target.closest("a, button"))) {
      event.preventDefault();
      this.capture();
    }
  }

  // What the component needs to decide what to upload: versions change whenever the officer changes something.
  state() {
    return {
      photoVersion: this.photoVersion,
      hasPhoto: !!this.photoBlob,
      photoSize: this.photoBlob ? this.photoBlob.size : 0,
      signatureVersion: this.signatureVersion,
      signatureEmpty: this.pad.isEmpty(),
    };
  }

  photo() {
    return this.photoBlob;
  }

  signature() {
    // Straight from the canvas, drawn on white as the pad's background.
    return new Promise((resolve) => this.canvas.toBlob(resolve, "image/png"));
  }

  strokes() {
    return new Blob([JSON.stringify(this.pad.toData())], { type: "application/json" });
  }

  dispose() {
    attached.delete(this);
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.signatureTimer);
    this.stopCamera();
    document.removeEventListener("keydown", this.onKey);
    window.removeEventListener("resize", this.onResize);
    this.fileInput.removeEventListener("change", this.onFile);
    this.captureButton.removeEventListener("click", this.onCapture);
    this.retakeButton.removeEventListener("click", this.onRetake);
    this.pad.off();
    if (this.preview.src) URL.revokeObjectURL(this.preview.src);
  }
}
