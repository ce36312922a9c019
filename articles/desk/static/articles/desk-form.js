// The story form at the desk: keep the edit lock alive (and hand it back when the tab closes),
// autosave what is typed to the server (before any submit leaves the page, too), keep a copy in
// this browser until the server has it, and ask before leaving unsaved or refused text.
// No libraries, no CDN.
(function () {
  "use strict";
  var form = document.getElementById("article_form");
  if (!form || !window.fetch) { return; }
  var submitting = false;  // the form is on its way to the server: the page is not being abandoned
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
    // A tab that closes (or navigates away) hands the lock back at once: the next person need
    // not wait for it to lapse. A crash sends nothing; the lapse still covers that.
    var releaseLock = function () {
      if (submitting || !navigator.sendBeacon) { return; }  // a save answers for the lock itself
      var body = new FormData();
      body.append("csrfmiddlewaretoken", token);
      body.append("release", "1");
      navigator.sendBeacon(beatUrl, body);
    };
    window.addEventListener("pagehide", releaseLock);
    // Back from the browser's page cache: take the lock again if it is free.
    window.addEventListener("pageshow", function (event) {
      if (event.persisted && (!passive || typed)) { beat(); }
    });
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
  // The form came back from the server unsaved (a refused save or step, a take-over): what is
  // on screen is not the story. The server kept it as this person's autosave before answering.
  var refused = note.getAttribute("data-refused") === "1";
  if (restored && window.history && window.history.replaceState) {
    // The text is on screen now; the address must not restore it again on a reload or a save.
    var clean = window.location.search.replace(/([?&])autosave=restore(&|$)/, "$1").replace(/[?&]$/, "");
    window.history.replaceState(window.history.state, "", window.location.pathname + clean + window.location.hash);
  }

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

  var touched = restored || refused;
  var baseline = JSON.stringify(snapshot());
  var lastSeen = baseline;
  // Restored or refused, the server already holds exactly this text as the autosave.
  var lastSent = baseline;
  var lastChange = Date.now();
  if (restored) { say(note.getAttribute("data-restored")); }
  if (refused) { say(note.getAttribute("data-refused-kept")); }

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

  // Before any submit leaves the page, the server gets the typed text as the autosave: if the
  // save or step is then refused and the person leaves or closes the tab, it is offered back.
  // (Other listeners may hold the submit first, e.g. the copy check before review; they run before.)
  var pending = false;
  var letGo = false;
  form.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    if (event.defaultPrevented) { return; }
    // A preview opens in another tab: this page stays, with its text.
    if (submitter && submitter.getAttribute("formtarget") === "_blank") { return; }
    if (pending) { event.preventDefault(); return; }
    var data = snapshot();
    var current = JSON.stringify(data);
    var discarding = submitter && submitter.id === "desk-recovery-discard";
    if (!letGo && touched && !discarding && current !== lastSent) {
      event.preventDefault();
      pending = true;
      var go = function () {
        if (!pending) { return; }
        pending = false;
        letGo = true;
        if (form.requestSubmit) { form.requestSubmit(submitter || undefined); } else { form.submit(); }
      };
      send(current, data).then(go);
      window.setTimeout(go, 3000);  // a slow server must not hold the save; the browser keeps a copy
      return;
    }
    letGo = false;
    submitting = true;
    // The server has this text now (the autosave, or this very request): not for resending.
    remember(data, true);
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
    if (restored || refused || (touched && JSON.stringify(snapshot()) !== baseline)) {
      flush();
      event.preventDefault();
      event.returnValue = note.getAttribute("data-leave");
      return event.returnValue;
    }
  });

  // Sharing a preview asks the server without leaving the page: unsaved text stays on screen,
  // kept as the autosave first (the link itself shows the saved story).
  var share = form.querySelector("button[name=desk-share-preview]");
  var shared = document.getElementById("desk-share-result");
  if (share && shared) {
    share.addEventListener("click", function (event) {
      event.preventDefault();
      var data = snapshot();
      var current = JSON.stringify(data);
      var unsaved = touched && current !== baseline;
      var first = unsaved && current !== lastSent ? send(current, data) : Promise.resolve();
      first.then(function () {
        return fetch(share.getAttribute("formaction"), {
          method: "POST", credentials: "same-origin", body: payload({}),
          headers: { "X-CSRFToken": token, "X-Requested-With": "fetch" }, redirect: "manual"
        });
      }).then(function (response) {
        if (!response.ok) { throw new Error("no link"); }
        return response.json();
      }).then(function (answer) {
        shared.textContent = answer.message + " ";
        var link = document.createElement("a");
        link.href = answer.url;
        link.target = "_blank";
        link.rel = "noopener";
        link.dir = "ltr";
        link.textContent = answer.url;
        shared.appendChild(link);
        if (unsaved) { shared.appendChild(document.createTextNode(" " + shared.getAttribute("data-unsaved"))); }
        shared.hidden = false;
      }).catch(function () {
        // No answer (offline, session gone): fall back to the plain form post, kept first.
        form.requestSubmit(share);
      });
    });
  }

  // Discarding the offered draft forgets this browser's copy too.
  var discard = document.getElementById("desk-recovery-discard");
  if (discard) { discard.addEventListener("click", forget); }

  // Text this browser kept but the server never got (the session had expired, the network
  // was down): send it now, then offer it like any autosave.
  var kept = remembered();
  if (refused || restored) {
    // What is on screen is newer than anything this browser kept.
    remember(snapshot(), true);
  } else if (kept && !kept.sent && !document.getElementById("desk-recovery")
      && JSON.stringify(kept.data) !== baseline) {
    send(JSON.stringify(kept.data), kept.data).then(function () {
      if (lastSent === JSON.stringify(kept.data)) { window.location.reload(); }
    });
    lastSent = baseline;
  } else if (kept && JSON.stringify(kept.data) === baseline) {
    forget();
  }
})();
