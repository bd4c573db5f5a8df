/* The check-in door (checkin.views.door): read QR codes with the camera, check people in,
 * keep the figures current.
 *
 * Codes are read by the browser's BarcodeDetector where it knows QR codes (Chrome on
 * Android, Safari), otherwise by jsQR (static/vendor/jsqr) from frames drawn on a canvas.
 * The same code is not sent again for a few seconds, so a badge held up for a while counts
 * once on this device; the server counts it once across all devices.
 */
(function () {
  "use strict";

  var door = document.querySelector("[data-checkin-door]");
  if (!door) {
    return;
  }
  var video = door.querySelector("[data-checkin-video]");
  var canvas = door.querySelector("[data-checkin-canvas]");
  var result = door.querySelector("[data-checkin-result]");
  var startButton = door.querySelector("[data-checkin-camera]");
  var figures = door.querySelector("[data-checkin-figures]");
  var csrf = (document.cookie.match(/(?:^|; )csrftoken=([^;]+)/) || [])[1] || "";
  var detector = null;
  var lastCode = "";
  var lastAt = 0;
  var busy = false;

  function send(code) {
    var now = Date.now();
    if (busy || (code === lastCode && now - lastAt < 4000)) {
      return;
    }
    busy = true;
    lastCode = code;
    lastAt = now;
    var body = new URLSearchParams({
      code: code,
      forum: door.dataset.forum || "",
      session: door.dataset.session || "",
    });
    fetch(door.dataset.scanUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": decodeURIComponent(csrf), "X-Requested-With": "XMLHttpRequest" },
      body: body,
    })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        result.innerHTML = answer.html;
        if (navigator.vibrate) {
          navigator.vibrate(answer.state === "checked-in" ? 80 : [60, 60, 60]);
        }
        refreshFigures();
      })
      .catch(function () { lastCode = ""; })
      .finally(function () { busy = false; });
  }

  function readFrame() {
    if (video.readyState < 2) {
      return Promise.resolve(null);
    }
    if (detector) {
      return detector.detect(video).then(function (codes) {
        return codes.length ? codes[0].rawValue : null;
      });
    }
    if (!window.jsQR) {
      return Promise.resolve(null);
    }
    var width = video.videoWidth;
    var height = video.videoHeight;
    canvas.width = width;
    canvas.height = height;
    var context = canvas.getContext("2d", { willReadFrequently: true });
    context.drawImage(video, 0, 0, width, height);
    var found = window.jsQR(context.getImageData(0, 0, width, height).data, width, height, {
      inversionAttempts: "dontInvert",
    });
    return Promise.resolve(found ? found.data : null);
  }

  function loop() {
    readFrame()
      .then(function (code) {
        if (code) {
          send(code);
        }
      })
      .catch(function () { /* a frame that could not be read; the next one may */ })
      .finally(function () { setTimeout(loop, 200); });
  }

  function start() {
    startButton.disabled = true;
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        startButton.hidden = true;
        return video.play();
      })
      .then(loop)
      .catch(function () {
        startButton.disabled = false;
        var error = door.querySelector("[data-checkin-camera-error]");
        error.classList.remove("w-sr-only");
        error.setAttribute("role", "alert");
      });
  }

  function refreshFigures() {
    fetch(door.dataset.figuresUrl, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(); })
      .then(function (html) { figures.innerHTML = html; })
      .catch(function () { /* keep the last figures */ });
  }

  function prepareDetector() {
    if (!("BarcodeDetector" in window)) {
      return Promise.resolve();
    }
    return window.BarcodeDetector.getSupportedFormats()
      .then(function (formats) {
        if (formats.indexOf("qr_code") !== -1) {
          detector = new window.BarcodeDetector({ formats: ["qr_code"] });
        }
      })
      .catch(function () { /* jsQR reads the frames */ });
  }

  if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    prepareDetector().then(function () {
      startButton.hidden = false;
      startButton.addEventListener("click", start);
    });
  }
  /* What the other devices at the door did. */
  setInterval(refreshFigures, 5000);
})();
