/* modeltranslation's Arabic/English tabs, made accessible.
 *
 * jQuery UI makes each tab an <li role="tab"> (focusable, arrow keys move between tabs) around a
 * link to its panel: a link inside a tab is a control inside a control, which screen readers
 * announce twice and axe reports (nested-interactive). Once the tabs are built, each link is
 * made inert and a click on the tab chooses it. The form-wide language menu gets a name.
 */
"use strict";
(function () {
  function mend() {
    const translate = window.gettext || ((text) => text);
    document.querySelectorAll(".ui-tabs-tab > .ui-tabs-anchor:not([inert])").forEach((anchor) => {
      anchor.inert = true;
    });
    const main = document.getElementById("modeltranslation-main-switch");
    if (main && !main.hasAttribute("aria-label")) main.setAttribute("aria-label", translate("لغة الحقول"));
  }

  // A click on the tab (its link is inert now) chooses it, through jQuery UI itself.
  document.addEventListener("click", (event) => {
    const tab = event.target.closest && event.target.closest(".ui-tabs-tab");
    const $ = window.django && window.django.jQuery;
    if (!tab || !$) return;
    const tabs = $(tab).closest(".ui-tabs");
    if (tabs.length && tabs.tabs("instance")) tabs.tabs("option", "active", $(tab).index());
  });
  // Right after modeltranslation's ready handler builds the tabs (same jQuery, registered
  // later, so called later), and again once everything has loaded.
  const jQuery = window.jQuery || (window.django && window.django.jQuery);
  if (jQuery) jQuery(() => setTimeout(mend, 0));
  window.addEventListener("load", mend);
})();
