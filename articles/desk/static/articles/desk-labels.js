// Accessible names for the widgets the story form borrows, which draw their own controls
// without one: the admin's autocomplete boxes (select2), the body editor, the byline table's
// inputs (modeltranslation's tabs and language switch: translation-tabs.js, on every
// translated admin page). Each is named after the field's own <label> (or the column's heading), so screen
// readers say what the control is for. Widgets appear late (the editor loads as a module,
// select2 on jQuery's ready, a new byline row on click): a MutationObserver names them as
// they come. No libraries, no CDN.
(function () {
  "use strict";
  var made = 0;
  function withId(el, hint) {
    if (el && !el.id) { el.id = (hint || "desk-label") + "-" + (++made); }
    return el;
  }
  // What names a control: its field's <label>, else (in a table of inline rows, the byline)
  // its column's heading; the delete column has no class of its own and comes last.
  function namer(el) {
    var label = el.id ? document.querySelector("label[for='" + el.id + "']") : null;
    if (label) { return withId(label, el.id + "-label"); }
    var cell = el.closest("td");
    var table = cell && cell.closest("table");
    if (!table) { return null; }
    var column = /\bfield-([\w-]+)/.exec(cell.className);
    var heading = column ? table.querySelector("th.column-" + column[1])
      : cell.classList.contains("delete") ? table.querySelector("thead th:last-child") : null;
    return withId(heading, "desk-column");
  }
  function textOf(el) { return el ? el.textContent.replace(/[:：]\s*$/, "").trim() : ""; }
  function unnamed(el) {
    return !el.hasAttribute("aria-label") && !el.hasAttribute("aria-labelledby") && !(el.labels && el.labels.length);
  }

  function nameAll(root) {
    // select2: the box, its rendered text and its search field, after the <select> they serve.
    Array.prototype.forEach.call(root.querySelectorAll(".select2-container"), function (box) {
      var select = box.previousElementSibling;
      if (!select || select.tagName !== "SELECT") { return; }
      var label = namer(select);
      if (!label) { return; }
      var combo = box.querySelector(".select2-selection[role=combobox]");
      if (combo && (combo.getAttribute("aria-labelledby") || "").indexOf(label.id) !== 0) {
        var shown = combo.getAttribute("aria-labelledby");
        combo.setAttribute("aria-labelledby", label.id + (shown ? " " + shown : ""));
      }
      Array.prototype.forEach.call(box.querySelectorAll("[role=textbox], .select2-search__field"), function (el) {
        if (unnamed(el)) { el.setAttribute("aria-label", textOf(label)); }
      });
    });
    // Plain inputs without a label (the byline table's order and delete boxes).
    Array.prototype.forEach.call(root.querySelectorAll(".tabular td input:not([type=hidden]), .tabular td select, .tabular td textarea"), function (el) {
      if (!unnamed(el) || el.classList.contains("select2-search__field")) { return; }
      var label = namer(el);
      if (label) { el.setAttribute("aria-labelledby", label.id); }
    });
    // The body editor: the editable area is named by the body's label.
    Array.prototype.forEach.call(root.querySelectorAll(".prose-editor"), function (editor) {
      var textarea = editor.querySelector("textarea");
      var area = editor.querySelector("[contenteditable=true]");
      var label = textarea && namer(textarea);
      if (area && label && !area.hasAttribute("aria-labelledby")) {
        area.setAttribute("aria-labelledby", label.id);
        area.setAttribute("aria-multiline", "true");
        if (!area.hasAttribute("role")) { area.setAttribute("role", "textbox"); }
      }
    });
  }

  function start() {
    var form = document.getElementById("content") || document.body;
    var pending = false;
    nameAll(form);
    new MutationObserver(function () {
      if (pending) { return; }
      pending = true;
      window.requestAnimationFrame(function () { pending = false; nameAll(form); });
    }).observe(form, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
