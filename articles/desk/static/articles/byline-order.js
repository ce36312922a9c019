// The byline's order: "up"/"down" buttons move a row; positions are renumbered from the
// rows' order on every move and before the form is sent. Local script, no dependencies.
(function () {
  "use strict";
  const LABELS = document.documentElement.lang === "en"
    ? {up: "Move up", down: "Move down"}
    : {up: "قدّم", down: "أخّر"};

  function rows(group) {
    return Array.from(group.querySelectorAll("tbody tr.form-row:not(.empty-form)"));
  }

  function renumber(group) {
    rows(group).forEach(function (row, index) {
      const input = row.querySelector("input[name$='-position']");
      if (input) { input.value = index; }
    });
  }

  function addButtons(group, row) {
    const cell = row.querySelector("td.field-position");
    if (!cell || cell.querySelector(".byline-move")) { return; }
    [["up", "▲"], ["down", "▼"]].forEach(function (pair) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "byline-move byline-move-" + pair[0];
      button.textContent = pair[1];
      button.title = LABELS[pair[0]];
      button.setAttribute("aria-label", LABELS[pair[0]]);
      button.addEventListener("click", function () {
        const all = rows(group);
        const index = all.indexOf(row);
        const other = pair[0] === "up" ? all[index - 1] : all[index + 1];
        if (!other) { return; }
        if (pair[0] === "up") { other.before(row); } else { other.after(row); }
        renumber(group);
        button.focus();
      });
      cell.appendChild(button);
    });
  }

  function setUp(group) {
    rows(group).forEach(function (row) { addButtons(group, row); });
    const form = group.closest("form");
    if (form) { form.addEventListener("submit", function () { renumber(group); }); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".sortable-byline").forEach(function (fieldset) {
      const group = fieldset.closest(".inline-group") || fieldset;
      setUp(group);
    });
  });
  document.addEventListener("formset:added", function (event) {
    const row = event.target;
    const group = row.closest(".inline-group");
    if (group && group.querySelector(".sortable-byline")) {
      addButtons(group, row);
      renumber(group);
    }
  });
})();
