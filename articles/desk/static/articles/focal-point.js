/* The picture's focal point, set by clicking on the picture in its admin form.
 *
 * A click (or the arrow keys while the picture has focus) writes the point as fractions of the
 * width and height (0..1, three decimals) into the two fields focal_x and focal_y, which stay
 * the keyboard's plain way to type it; the marker follows whatever the fields say. On a new
 * picture the chosen file is shown before it is uploaded. The server checks the values.
 */
"use strict";
(function () {
  const STEP = 0.05;

  function clamp(value) {
    return Math.min(1, Math.max(0, value));
  }

  function setUp(picker) {
    const form = picker.closest("form");
    const inputX = form && form.querySelector("#id_focal_x");
    const inputY = form && form.querySelector("#id_focal_y");
    const frame = picker.querySelector(".focal-picker__frame");
    const image = picker.querySelector(".focal-picker__image");
    const marker = picker.querySelector(".focal-picker__marker");
    const help = picker.querySelector(".help");
    if (!inputX || !inputY || !frame || !image || !marker || !help) return;
    const instructions = help.textContent;

    const read = (input) => {
      const value = parseFloat(input.value);
      return Number.isFinite(value) ? clamp(value) : 0.5;
    };
    const show = () => {
      // Fractions are measured from the picture's left and top whatever the page direction.
      marker.style.left = `${read(inputX) * 100}%`;
      marker.style.top = `${read(inputY) * 100}%`;
    };
    const write = (x, y) => {
      inputX.value = clamp(x).toFixed(3);
      inputY.value = clamp(y).toFixed(3);
      inputX.dispatchEvent(new Event("input", { bubbles: true }));
      inputY.dispatchEvent(new Event("input", { bubbles: true }));
      show();
    };

    image.addEventListener("click", (event) => {
      const box = image.getBoundingClientRect();
      if (!box.width || !box.height) return;
      write((event.clientX - box.left) / box.width, (event.clientY - box.top) / box.height);
    });
    image.addEventListener("keydown", (event) => {
      const moves = { ArrowLeft: [-STEP, 0], ArrowRight: [STEP, 0], ArrowUp: [0, -STEP], ArrowDown: [0, STEP] };
      const move = moves[event.key];
      if (!move) return;
      event.preventDefault();
      write(read(inputX) + move[0], read(inputY) + move[1]);
    });
    inputX.addEventListener("input", show);
    inputY.addEventListener("input", show);

    // A new picture: show the chosen file (a blob: URL, which the page's CSP allows for images).
    const file = form.querySelector("#id_file");
    const preview = () => {
      const chosen = file.files && file.files[0];
      if (!chosen || !chosen.type.startsWith("image/")) return;
      if (image.dataset.objectUrl) URL.revokeObjectURL(image.dataset.objectUrl);
      image.dataset.objectUrl = URL.createObjectURL(chosen);
      image.src = image.dataset.objectUrl;
      frame.hidden = false;
      help.textContent = instructions;
    };
    if (file) {
      file.addEventListener("change", preview);
      // A file chosen before this script ran (a quick hand, or the browser restoring the form).
      preview();
    }
    if (frame.hidden) help.textContent = picker.dataset.empty;
    show();
  }

  function start() {
    document.querySelectorAll("[data-focal-picker]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
