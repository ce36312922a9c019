// Every other form of the desk (authors, sections, pictures, the bulk actions' reason and time):
// leaving with typed text that was not saved, or with a form the server sent back refused,
// asks first (the browser's own "leave page?"). The story form has its own (desk-form.js).
// No libraries, no CDN.
(function () {
  "use strict";
  function start() {
    var forms = Array.prototype.filter.call(document.querySelectorAll("form[method=post], form[method=POST]"), function (form) {
      // The story form guards itself; the list's form only ticks boxes; logging in/out types nothing kept.
      return form.id !== "article_form" && form.id !== "changelist-form" && form.id !== "logout-form"
        && !form.closest("#header") && !form.querySelector("input[name=password]:not([type=hidden])");
    });
    if (!forms.length) { return; }
    var refused = document.querySelector(".errornote, .errorlist") !== null;
    function state(form) {
      var parts = [];
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name || el.type === "hidden" || el.type === "submit" || el.type === "button" || el.type === "file") { return; }
        parts.push(el.name + "=" + ((el.type === "checkbox" || el.type === "radio") ? el.checked : el.value));
      });
      return parts.join("\n");
    }
    var before = forms.map(state);
    var submitting = false;
    forms.forEach(function (form) {
      form.addEventListener("submit", function (event) {
        // Another script may still hold the submit back.
        window.setTimeout(function () { submitting = !event.defaultPrevented; }, 0);
      });
    });
    window.addEventListener("beforeunload", function (event) {
      if (submitting) { return; }
      var changed = forms.some(function (form, n) { return state(form) !== before[n]; });
      if (changed || refused) {
        event.preventDefault();
        event.returnValue = "";
        return "";
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
