// Writing aids on the story form: live word count and reading time per edition, headline and
// SEO length guidance, and Ctrl+S / Cmd+S to save. The numbers come from the fields' data
// attributes (the server's one copy); the words from the admin's jsi18n catalogue (gettext,
// ngettext, interpolate; locale/*/LC_MESSAGES/djangojs.po). No libraries, no CDN.
(function () {
  "use strict";
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }

  // The catalogue is loaded before the form's media; without it, say the numbers plainly.
  var t = window.gettext || function (text) { return text; };
  var nt = window.ngettext || function (one, many, n) { return n === 1 ? one : many; };
  var fill = window.interpolate || function (text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_m, key) { return values[key]; });
  };
  function counted(one, many, n) { return fill(nt(one, many, n), { count: n }, true); }

  // The same words as the reader page's reading time (static/articles/story-text.js).
  function wordCount(html) { return window.NewsroomStoryText.words(html).length; }

  function note(field, className) {
    // Under the field (the body's under its editor), in the field's own row, like its help.
    var box = document.createElement("p");
    box.className = "help writing-aids__note " + className;
    var anchor = field.closest(".flex-container") || field.closest(".body-editor") || field;
    anchor.parentNode.insertBefore(box, anchor.nextSibling);
    var described = field.getAttribute("aria-describedby");
    box.id = field.id + "-writing-aid";
    field.setAttribute("aria-describedby", (described ? described + " " : "") + box.id);
    return box;
  }

  function bodyCount(field) {
    var box = note(field, "writing-aids__words");
    var perMinute = parseInt(field.getAttribute("data-words-per-minute"), 10) || 180;
    function update() {
      var words = wordCount(field.value);
      var minutes = Math.max(1, Math.ceil(words / perMinute));
      box.textContent = counted("كلمة واحدة", "%(count)s كلمة", words) + " · " +
        counted("مدة القراءة: دقيقة واحدة", "مدة القراءة: %(count)s دقيقة", minutes);
    }
    field.addEventListener("input", update);
    update();
  }

  function lengthGuide(field, form) {
    var box = note(field, "writing-aids__length");
    var shown = parseInt(field.getAttribute("data-search-shown"), 10) || 60;
    var max = parseInt(field.getAttribute("data-max"), 10) || 0;
    var language = field.name.slice(field.name.lastIndexOf("_") + 1);
    var isHeadline = field.name.indexOf("headline_") === 0;
    var seoTitle = isHeadline ? form.elements["seo_title_" + language] : null;
    function update() {
      var length = field.value.trim().length;
      var parts = [max ? fill(t("%(count)s من %(max)s حرفاً"), { count: length, max: max }, true)
                       : counted("حرف واحد", "%(count)s حرف", length)];
      var state = "";
      if (max && length > max) {
        state = "over";
        parts.push(fill(t("أطول من الحد (%(max)s حرفاً): لن يُحفظ حتى تختصره."), { max: max }, true));
      } else if (length > shown) {
        state = "long";
        if (isHeadline && seoTitle && seoTitle.value.trim()) {
          parts.push(t("يظهر في نتائج البحث «العنوان في محركات البحث» بدلاً منه."));
        } else if (isHeadline) {
          parts.push(fill(t("تعرض محركات البحث نحو %(shown)s حرفاً من العنوان، وتقطع ما بعدها. اختصره، أو اكتب عنواناً أقصر في «محركات البحث والمشاركة»."), { shown: shown }, true));
        } else {
          parts.push(fill(t("قد تقطع محركات البحث ما بعد %(shown)s حرفاً."), { shown: shown }, true));
        }
      }
      box.textContent = parts.join(" ");
      box.setAttribute("data-state", state);
    }
    field.addEventListener("input", update);
    if (seoTitle) { seoTitle.addEventListener("input", update); }
    update();
  }

  function saveShortcut(form) {
    var sending = false;
    form.addEventListener("submit", function (event) {
      // Another script may hold the submit back (the copy check before review): not sent yet.
      window.setTimeout(function () { sending = !event.defaultPrevented; }, 0);
    });
    // Capture: the body editor must not keep the keys to itself.
    document.addEventListener("keydown", function (event) {
      var key = (event.key || "").toLowerCase();
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || (key !== "s" && event.code !== "KeyS")) {
        return;
      }
      event.preventDefault();
      if (sending || event.repeat) { return; }
      // The same button as «حفظ ومتابعة التحرير»: validation, locks and stale-save checks all apply.
      var button = form.querySelector("[type=submit][name=_continue]");
      if (!button) { return; }
      if (form.requestSubmit) {
        form.requestSubmit(button);
      } else {
        button.click();
      }
    }, true);
  }

  function start() {
    var form = document.getElementById("article_form");
    if (!form) { return; }
    Array.prototype.forEach.call(form.querySelectorAll("textarea[data-words-per-minute]"), bodyCount);
    Array.prototype.forEach.call(form.querySelectorAll("[data-search-shown]"), function (field) {
      lengthGuide(field, form);
    });
    saveShortcut(form);
  }
})();
