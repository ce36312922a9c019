// Edit-lock heartbeat: every 30 s tell the server this story is still open here. If someone
// else has taken it over, show who, with the take-over button. No libraries, no CDN.
(function () {
  "use strict";
  var box = document.getElementById("desk-lock");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-heartbeat-url");
  var seconds = parseInt(box.getAttribute("data-interval"), 10) || 30;
  var tokenInput = document.querySelector("input[name=csrfmiddlewaretoken]");
  var token = tokenInput ? tokenInput.value : "";

  function beat() {
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token, "X-Requested-With": "fetch" }
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (state) {
      if (!state) { return; }
      box.querySelector(".desk-lock__name").textContent = state.holder;
      box.hidden = state.mine;
    }).catch(function () { /* offline for a moment: the next beat tries again */ });
  }

  window.setInterval(beat, seconds * 1000);
})();
