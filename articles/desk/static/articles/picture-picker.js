/* The story form's picture chooser (articles/admin/picture_chooser.py).
 *
 * «اختر من مكتبة الصور» opens the picture library in Django's lookup popup, «ارفع صورة جديدة»
 * its upload form in the add-related popup; Django's RelatedObjectLookups.js writes the chosen
 * or new picture's id into the hidden field and triggers "change", and this script asks the
 * library's cards/ URL for its thumbnail and caption. «أزل الصورة» empties the field.
 */
"use strict";
(function () {
  function setUp(chooser) {
    const input = chooser.querySelector("input[type=hidden]");
    const current = chooser.querySelector(".picture-chooser__current");
    const thumb = chooser.querySelector(".picture-chooser__thumb");
    const caption = chooser.querySelector(".picture-chooser__caption");
    const empty = chooser.querySelector(".picture-chooser__empty");
    const clear = chooser.querySelector(".picture-chooser__clear");

    const showNone = () => {
      current.hidden = true;
      clear.hidden = true;
      empty.hidden = false;
    };
    const showCard = (card) => {
      thumb.src = card.thumbnail;
      caption.textContent = card.credit ? `${card.caption} (${card.credit})` : card.caption;
      current.hidden = false;
      clear.hidden = false;
      empty.hidden = true;
    };
    const refresh = () => {
      const id = input.value.trim();
      if (!/^\d+$/.test(id)) {
        showNone();
        return;
      }
      fetch(`${chooser.dataset.cardsUrl}?ids=${id}`, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : { pictures: [] }))
        .then((data) => {
          const found = (data.pictures || []).find((card) => String(card.id) === id);
          if (found) showCard(found);
          else showNone();
        })
        .catch(showNone);
    };

    chooser.querySelector(".picture-chooser__choose").addEventListener("click", (event) => {
      event.preventDefault();
      window.showRelatedObjectLookupPopup(event.currentTarget);
    });
    const upload = chooser.querySelector(".picture-chooser__upload");
    if (upload) {
      upload.addEventListener("click", (event) => {
        event.preventDefault();
        window.showRelatedObjectPopup(event.currentTarget);
      });
    }
    clear.addEventListener("click", () => {
      input.value = "";
      input.dispatchEvent(new Event("input", { bubbles: true }));
      // Listeners of a choice (the share preview) hear a removal the same way.
      window.django.jQuery(input).trigger("change");
    });
    // RelatedObjectLookups.js announces a choice with jQuery's trigger("change").
    window.django.jQuery(input).on("change", refresh);
  }

  function start() {
    document.querySelectorAll("[data-picture-chooser]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
