// The story form at the desk: keep the edit lock alive, autosave what is typed to the server,
// keep a copy in this browser until the server has it, and ask before leaving unsaved text.
// No libraries, no CDN.
(function () {
  "use strict";
  var form = document.getElementById("article_form");
  if (!form || !window.fetch) { return; }
  var tokenInput = form.querySelector("input[name=csrfmiddlewaretoken]");
  var token = tokenInput ? tokenInput.value : "";

  // The edit lock's heartbeat: the interval comes from NEWSROOM_EDIT_LOCK_SECONDS (server side).
  var box = document.getElementById("desk-lock");
  if (box) {
    var beatUrl = box.getAttribute("data-heartbeat-url");
    var beatSeconds = parseInt(box.getAttribute("data-interval"), 10) || 30;
    var beat = function () {
      fetch(beatUrl, {
        method: "POST", credentials: "same-origin",
        headers: { "X-CSRFToken": token, "X-Requested-With": "fetch" }
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (state) {
        if (!state) { return; }
        box.querySelector(".desk-lock__name").textContent = state.holder;
        box.hidden = state.mine;
      }).catch(function () { /* offline for a moment: the next beat tries again */ });
    };
    // After a workflow step the page holds no lock; it takes one again once you type.
    var passive = box.getAttribute("data-passive") === "1";
    var typed = false;
    form.addEventListener("input", function () {
      if (passive && !typed) { typed = true; beat(); }
    });
    window.setInterval(function () {
      if (!passive || typed) { beat(); }
    }, beatSeconds * 1000);
  }

  // Autosave.
  var note = document.getElementById("desk-autosave");
  if (!note) { return; }
  var url = note.getAttribute("data-url");
  var idle = (parseFloat(note.getAttribute("data-idle")) || 3) * 1000;
  var key = "newsroom-autosave:" + note.getAttribute("data-story") + ":" + note.getAttribute("data-user");
  var versionInput = form.querySelector("input[name=version]");
  var TEXT = /^(kicker|headline|standfirst|body|dateline|seo_title|seo_description)_[a-z]{2,3}$/;
  var restored = /[?&]autosave=restore\b/.test(window.location.search);

  function snapshot() {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && TEXT.test(el.name)) { data[el.name] = el.value; }
    });
    return data;
  }
  function payload(data) {
    var body = new FormData();
    body.append("csrfmiddlewaretoken", token);
    body.append("version", versionInput ? versionInput.value : "");
    Object.keys(data).forEach(function (name) { body.append(name, data[name]); });
    return body;
  }
  function remember(data, sent) {
    try {
      window.localStorage.setItem(key, JSON.stringify({ data: data, sent: sent, at: Date.now() }));
    } catch (e) { /* private mode or full: the server copy still works */ }
  }
  function remembered() {
    try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }
  function forget() {
    try { window.localStorage.removeItem(key); } catch (e) { /* nothing kept */ }
  }
  function say(text) { note.textContent = text; }

  var touched = restored;
  var submitting = false;
  var baseline = JSON.stringify(snapshot());
  var lastSeen = baseline;
  var lastSent = restored ? "" : baseline;
  var lastChange = Date.now();

  function send(current, data) {
    say(note.getAttribute("data-saving"));
    return fetch(url, {
      method: "POST", credentials: "same-origin", body: payload(data),
      headers: { "X-CSRFToken": token, "X-Requested-With": "fetch" }, redirect: "manual"
    }).then(function (response) {
      if (!response.ok) { throw new Error("not kept"); }
      return response.json();
    }).then(function (state) {
      if (!state.saved) { throw new Error("not kept"); }
      lastSent = current;
      remember(data, true);
      say(note.getAttribute("data-saved") + " " + state.at);
    }).catch(function () {
      say(note.getAttribute("data-failed"));
    });
  }

  form.addEventListener("input", function () { touched = true; });
  form.addEventListener("keydown", function (event) {
    if (event.key && event.key.length === 1) { touched = true; }
  });
  form.addEventListener("submit", function () {
    submitting = true;
    // A new story being saved becomes a story: its copy here must not come back as a new
    // story's unsent text next time the form opens. (Refused, the form comes back typed.)
    if (note.getAttribute("data-story") === "new") { remember(snapshot(), true); }
  });

  window.setInterval(function () {
    var data = snapshot();
    var current = JSON.stringify(data);
    if (!touched) {
      // The editor may re-write its field as it starts: that is not typing.
      baseline = lastSeen = lastSent = current;
      return;
    }
    if (current !== lastSeen) {
      lastSeen = current;
      lastChange = Date.now();
      remember(data, false);
      return;
    }
    if (current !== lastSent && Date.now() - lastChange >= idle) {
      send(current, data);
    }
  }, 1000);

  // Closing the tab or switching away: hand the last words to the server now.
  function flush() {
    if (submitting || !touched) { return; }
    var data = snapshot();
    var current = JSON.stringify(data);
    if (current === lastSent) { return; }
    remember(data, false);
    if (navigator.sendBeacon && navigator.sendBeacon(url, payload(data))) { lastSent = current; }
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { flush(); }
  });
  window.addEventListener("pagehide", flush);

  window.addEventListener("beforeunload", function (event) {
    if (submitting) { return; }
    if (restored || (touched && JSON.stringify(snapshot()) !== baseline)) {
      flush();
      event.preventDefault();
      event.returnValue = note.getAttribute("data-leave");
      return event.returnValue;
    }
  });

  // Discarding the offered draft forgets this browser's copy too.
  var discard = document.getElementById("desk-recovery-discard");
  if (discard) { discard.addEventListener("click", forget); }

  // Text this browser kept but the server never got (the session had expired, the network
  // was down): send it now, then offer it like any autosave.
  var kept = remembered();
  if (kept && !kept.sent && !restored && !document.getElementById("desk-recovery")
      && JSON.stringify(kept.data) !== baseline) {
    send(JSON.stringify(kept.data), kept.data).then(function () {
      if (lastSent === JSON.stringify(kept.data)) { window.location.reload(); }
    });
    lastSent = baseline;
  } else if (kept && JSON.stringify(kept.data) === baseline) {
    forget();
  }
})();
