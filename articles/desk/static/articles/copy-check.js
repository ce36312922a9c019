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
    var toggle = panel.querySelector("[data-copy-check-toggle]");
    var panelBody = document.getElementById("copy-check-body");
    var FOLDED = "newsroom-copy-check-folded";
    function fold(folded) {
      if (!toggle || !panelBody) { return; }
      panelBody.hidden = folded;
      toggle.setAttribute("aria-expanded", folded ? "false" : "true");
      toggle.textContent = toggle.getAttribute(folded ? "data-unfold" : "data-fold");
      try { window.localStorage.setItem(FOLDED, folded ? "1" : ""); } catch (e) { /* not kept */ }
    }
    if (toggle) {
      toggle.addEventListener("click", function () { fold(!panelBody.hidden); });
      var wasFolded = false;
      try { wasFolded = window.localStorage.getItem(FOLDED) === "1"; } catch (e) { /* unfolded */ }
      if (wasFolded) { fold(true); }
    }
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
        if (TEXT.test(el.name)) { body.append(el.name, lines(el.value)); }
        if (BYLINE.test(el.name) && (el.type !== "checkbox" || el.checked)) { body.append(el.name, el.value); }
      });
      return body;
    }
    function say(text) { status.textContent = text || ""; }
    // Positions are counted on LF line breaks, here and on the server (a form post sends CRLF).
    function lines(text) { return text.replace(/\r\n?/g, "\n"); }

    function labelFor(name) {
      var label = form.querySelector("label[for='id_" + name + "']");
      return label ? label.textContent.replace(/[:：]\s*$/, "").trim() : name;
    }

    function render() {
      list.textContent = "";
      count.textContent = findings.length ? "(" + findings.length + ")" : "";
      // «No remarks on the text» stays true beside a remark on an author record.
      var onText = findings.filter(function (finding) { return !finding.author; }).length;
      say(onText ? "" : panel.getAttribute("data-none"));
      findings.forEach(function (finding, index) {
        var item = document.createElement("li");
        var where = document.createElement("strong");
        where.textContent = (finding.label || labelFor(finding.field)) + ": ";
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
        if (finding.author && !finding.fix_url) {
          // An author record: fixed by whoever manages the records, not from this form.
          item.appendChild(document.createTextNode(" " + finding.no_fix));
          list.appendChild(item);
          return;
        }
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

    function fixRecord(finding) {
      // The author record itself (its one-click fix is the check's own, applied by the server).
      var body = new FormData();
      body.append("csrfmiddlewaretoken", token());
      body.append("author", String(finding.author));
      body.append("name", finding.text);
      body.append("replacement", finding.replacement);
      fetch(finding.fix_url, {
        method: "POST", credentials: "same-origin", body: body,
        headers: { "X-CSRFToken": token(), "X-Requested-With": "fetch" }
      }).then(function (response) {
        if (!response.ok) {
          say(panel.getAttribute("data-changed"));
        } else {
          // The byline's own choice shows the record's new name too.
          var field = form.elements[finding.field];
          var option = field && field.querySelector && field.querySelector("option[value='" + finding.author + "']");
          if (option) { option.textContent = finding.replacement; }
          var shown = field && field.parentNode && field.parentNode.querySelector(".select2-selection__rendered");
          if (shown) { shown.textContent = finding.replacement; shown.title = finding.replacement; }
        }
        check();
      }).catch(function () { say(panel.getAttribute("data-failed")); });
    }

    function apply(finding) {
      if (finding.author) { fixRecord(finding); return; }
      var field = form.elements[finding.field];
      var current = field ? lines(field.value) : "";
      if (!field || current.slice(finding.start, finding.end) !== finding.text) {
        say(panel.getAttribute("data-changed"));
        check();
        return;
      }
      var value = current.slice(0, finding.start) + finding.replacement + current.slice(finding.end);
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
      check().then(function (found) {
        // An author record's slip is not the story's text: it does not hold the story back.
        var left = found && found.filter(function (finding) { return !finding.author; });
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
        fold(false);  // what is left must be seen before sending
        panel.scrollIntoView({ block: "nearest" });
        anyway.focus();
      });
    }, true);

    check();
  }
})();
