// The copy check on the story form: as the story is written (debounced), send the unsaved
// text to the server's check and list its findings; a finding's button puts its fix into the
// field (the rich-text body through its editor). Before "send for review", list what is left.
// The check never changes text by itself. No libraries, no CDN.
(function () {
  "use strict";
  // The editors may announce themselves before the form is parsed: listen from the start.
  var editors = new WeakMap();
  document.addEventListener("prose-editor:ready", function (event) {
    if (event.detail && event.detail.textarea) { editors.set(event.detail.textarea, event.detail.editor); }
  });
  // Loaded in the page's head with the admin's media: start once the form is there.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }

  function start() {
    var panel = document.getElementById("copy-check");
    var form = document.getElementById("article_form");
    if (!panel || !form || !window.fetch) { return; }
    var url = panel.getAttribute("data-url");
    var list = panel.querySelector("[data-copy-check-list]");
    var status = panel.querySelector("[data-copy-check-status]");
    var count = panel.querySelector("[data-copy-check-count]");
    var confirmBox = panel.querySelector("[data-copy-check-confirm]");
    var TEXT = /^(kicker|headline|standfirst|body|dateline|seo_title|seo_description)_[a-z]{2,3}$/;
    var BYLINE = /^bylines-\d+-(author|DELETE)$/;
    var DELAY = 800;
    var findings = [];
    var timer = null;
    var sequence = 0;
    var confirmed = false;

    function editorFor(field) {
      if (editors.has(field)) { return editors.get(field); }
      var wrap = field.closest(".prose-editor");
      var view = wrap && wrap.querySelector(".ProseMirror");
      return view && view.editor ? view.editor : null;  // TipTap keeps its editor on the view's element
    }

    function token() {
      var input = form.querySelector("input[name=csrfmiddlewaretoken]");
      return input ? input.value : "";
    }
    function payload() {
      var body = new FormData();
      body.append("csrfmiddlewaretoken", token());
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name || el.disabled) { return; }
        if (TEXT.test(el.name)) { body.append(el.name, el.value); }
        if (BYLINE.test(el.name) && (el.type !== "checkbox" || el.checked)) { body.append(el.name, el.value); }
      });
      return body;
    }
    function say(text) { status.textContent = text || ""; }

    function labelFor(name) {
      var label = form.querySelector("label[for='id_" + name + "']");
      return label ? label.textContent.replace(/[:：]\s*$/, "").trim() : name;
    }

    function render() {
      list.textContent = "";
      count.textContent = findings.length ? "(" + findings.length + ")" : "";
      say(findings.length ? "" : panel.getAttribute("data-none"));
      findings.forEach(function (finding, index) {
        var item = document.createElement("li");
        var where = document.createElement("strong");
        where.textContent = labelFor(finding.field) + ": ";
        item.appendChild(where);
        if (finding.text.trim()) {
          var word = document.createElement("bdi");
          word.className = "copy-check__word";
          word.textContent = finding.text;
          item.appendChild(word);
          item.appendChild(document.createTextNode(" ← "));
          var better = document.createElement("bdi");
          better.textContent = finding.replacement;
          item.appendChild(better);
          item.appendChild(document.createTextNode(" — "));
        }
        item.appendChild(document.createTextNode(finding.message));
        var fix = document.createElement("button");
        fix.type = "button";
        fix.className = "button copy-check__fix";
        fix.textContent = panel.getAttribute("data-fix");
        fix.setAttribute("data-copy-check-fix", String(index));
        fix.setAttribute("data-rule", finding.rule);
        item.appendChild(fix);
        list.appendChild(item);
      });
    }

    function check() {
      var mine = ++sequence;
      say(panel.getAttribute("data-checking"));
      return fetch(url, {
        method: "POST", credentials: "same-origin", body: payload(),
        headers: { "X-CSRFToken": token(), "X-Requested-With": "fetch" }
      }).then(function (response) {
        if (!response.ok) { throw new Error("no check"); }
        return response.json();
      }).then(function (answer) {
        if (mine !== sequence) { return findings; }  // a later check is on its way
        findings = answer.findings || [];
        render();
        return findings;
      }).catch(function () {
        if (mine === sequence) { say(panel.getAttribute("data-failed")); }
        return null;
      });
    }
    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(check, DELAY);
    }

    function apply(finding) {
      var field = form.elements[finding.field];
      if (!field || field.value.slice(finding.start, finding.end) !== finding.text) {
        say(panel.getAttribute("data-changed"));
        check();
        return;
      }
      var value = field.value.slice(0, finding.start) + finding.replacement + field.value.slice(finding.end);
      var editor = field.tagName === "TEXTAREA" ? editorFor(field) : null;
      if (editor) {
        // The editor writes its HTML back into the textarea and announces the input itself.
        editor.commands.setContent(value, { emitUpdate: true });
      } else {
        field.value = value;
        field.dispatchEvent(new Event("input", { bubbles: true }));
      }
      later();
    }

    list.addEventListener("click", function (event) {
      var button = event.target.closest("[data-copy-check-fix]");
      if (!button) { return; }
      var finding = findings[parseInt(button.getAttribute("data-copy-check-fix"), 10)];
      if (finding) { apply(finding); }
    });

    form.addEventListener("input", function (event) {
      if (event.target && event.target.name && (TEXT.test(event.target.name) || BYLINE.test(event.target.name))) {
        confirmed = false;
        later();
      }
    });
    form.addEventListener("change", function (event) {
      if (event.target && event.target.name && BYLINE.test(event.target.name)) { later(); }
    });

    // Before "send for review": if findings are left, list them and ask once.
    function sendsForReview(submitter) {
      if (!submitter) { return false; }
      return (submitter.name === "_desk_action" && submitter.value === "submit") || submitter.name === "desk-submit";
    }
    document.addEventListener("submit", function (event) {
      var submitter = event.submitter;
      if (confirmed || !sendsForReview(submitter)) { return; }
      event.preventDefault();
      event.stopPropagation();  // the page is not leaving yet: other listeners must not think so
      window.clearTimeout(timer);
      check().then(function (left) {
        if (left && left.length === 0) {
          confirmed = true;
          event.target.requestSubmit(submitter);
          return;
        }
        confirmBox.textContent = panel.getAttribute("data-before-submit") + " ";
        var anyway = document.createElement("button");
        anyway.type = "button";
        anyway.className = "button";
        anyway.textContent = panel.getAttribute("data-submit-anyway");
        anyway.addEventListener("click", function () {
          confirmed = true;
          confirmBox.hidden = true;
          event.target.requestSubmit(submitter);
        });
        confirmBox.appendChild(anyway);
        confirmBox.hidden = false;
        panel.scrollIntoView({ block: "nearest" });
        anyway.focus();
      });
    }, true);

    check();
  }
})();
