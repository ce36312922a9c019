/* The body editor's toolbar in the admin's language.
 *
 * django-prose-editor translates its dialogs through Django's JavaScript catalogue (jsi18n,
 * whose Arabic lives in locale/ar/LC_MESSAGES/djangojs.po), but writes its toolbar's tooltips
 * and the block-type menu in English. This names every button (title and aria-label) and menu
 * entry through the same catalogue, including the copies the menu makes of its buttons later.
 */
"use strict";
(function () {
  const translate = window.gettext || ((text) => text);

  function name(element) {
    for (const attribute of ["title", "aria-label"]) {
      const text = element.getAttribute(attribute);
      if (text && translate(text) !== text) element.setAttribute(attribute, translate(text));
    }
  }

  function nameAll(wrapper) {
    wrapper.querySelectorAll(".prose-menubar button[title], .prose-menubar button[aria-label]").forEach(name);
    wrapper.querySelectorAll(".prose-menubar__option > *").forEach((label) => {
      const text = label.textContent.trim();
      if (text && translate(text) !== text) label.textContent = translate(text);
    });
  }

  // The toolbar is built just after the editor reports ready, and its menus copy buttons
  // later on: name whatever appears.
  document.addEventListener("prose-editor:ready", (event) => {
    const wrapper = event.target.closest(".prose-editor");
    if (!wrapper) return;
    nameAll(wrapper);
    new MutationObserver(() => nameAll(wrapper)).observe(wrapper, { childList: true, subtree: true });
  });
})();
