// The story as a search result and as a share card, redrawn as it is typed (the preview in
// «محركات البحث والمشاركة»). The fallbacks are the reader page's (Article.page_title,
// page_description, share_picture): the edition's SEO title, else its headline; its SEO
// description, else its standfirst, else the start of its body; the social image, else the
// lead picture. Cut the way search results cut, at a word with "…". No libraries, no CDN.
(function () {
  "use strict";
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }

  var DESCRIPTION_FALLBACK = 160;  // articles/models/article.py: DESCRIPTION_FALLBACK_CHARS
  function squeeze(text) { return (text || "").split(/\s+/).filter(Boolean).join(" "); }
  // The body's words and the cut at a word, as the server has them (static/articles/story-text.js).
  function plainText(html) { return window.NewsroomStoryText.words(html).join(" "); }
  function cut(text, limit) { return window.NewsroomStoryText.cut(text, limit); }

  function start() {
    var form = document.getElementById("article_form");
    var preview = form && form.querySelector(".share-preview");
    if (!preview) { return; }
    var titleShown = parseInt(preview.getAttribute("data-title-shown"), 10) || 60;
    var descriptionShown = parseInt(preview.getAttribute("data-description-shown"), 10) || 155;
    var pictureUrl = preview.getAttribute("data-share-picture-url");
    var picture = null;  // {url}: the chosen picture's share cut once asked; null = as the page loaded

    function value(name) {
      var field = form.elements[name];
      return field && typeof field.value === "string" ? field.value : "";
    }

    function draw(edition) {
      var code = edition.getAttribute("data-language");
      var title = squeeze(value("seo_title_" + code)) || squeeze(value("headline_" + code));
      var description = squeeze(value("seo_description_" + code)) ||
        cut(squeeze(value("standfirst_" + code)) || plainText(value("body_" + code)), DESCRIPTION_FALLBACK);
      var q = function (selector) { return edition.querySelector(selector); };
      q("[data-share-empty]").hidden = Boolean(title);
      q("[data-share-shown]").hidden = !title;
      // As search results write a URL: the site, then its first folder (here the section).
      var section = (edition.getAttribute("data-path") || "").split("/").filter(Boolean)
        .filter(function (part) { return part !== code; })[0];
      var url = q("[data-share-url]");
      url.textContent = window.location.protocol + "//" + window.location.host;
      if (section) {
        url.appendChild(document.createTextNode(" › "));
        var crumb = document.createElement("bdi");
        crumb.textContent = cut(section, 40);
        url.appendChild(crumb);
      }
      q("[data-share-title]").textContent = cut(title, titleShown);
      q("[data-share-description]").textContent = cut(description, descriptionShown);
      q("[data-share-host]").textContent = window.location.host.toUpperCase();
      q("[data-share-card-title]").textContent = cut(title, 90);
      q("[data-share-card-description]").textContent = cut(description, 120);
      if (picture) {
        var box = q("[data-share-image-box]");
        box.textContent = "";
        if (picture.url) {
          var image = document.createElement("img");
          image.src = picture.url;
          image.alt = "";
          image.setAttribute("data-share-image", "");
          box.appendChild(image);
        } else {
          var none = document.createElement("span");
          none.className = "share-preview__no-image";
          none.setAttribute("data-share-no-image", "");
          none.textContent = preview.getAttribute("data-no-image") || "";
          box.appendChild(none);
        }
      }
    }
    function drawAll() {
      Array.prototype.forEach.call(preview.querySelectorAll(".share-preview__edition"), draw);
    }

    // The social image, else the lead picture: ask the server for its share cut.
    var asked = 0;
    function pictureChanged() {
      var chosen = value("social_image") || value("lead_image");
      var mine = ++asked;
      if (!chosen) { picture = { url: "" }; drawAll(); return; }
      fetch(pictureUrl + "?image=" + encodeURIComponent(chosen), {
        credentials: "same-origin", headers: { "X-Requested-With": "fetch" }
      }).then(function (response) {
        return response.ok ? response.json() : { url: "" };
      }).then(function (answer) {
        if (mine === asked) { picture = { url: answer.url || "" }; drawAll(); }
      }).catch(function () { /* offline: keep the picture shown */ });
    }

    form.addEventListener("input", function (event) {
      if (event.target && /^(seo_title|seo_description|headline|standfirst|body)_/.test(event.target.name || "")) {
        drawAll();
      }
    });
    ["social_image", "lead_image"].forEach(function (name) {
      var field = form.elements[name];
      if (!field) { return; }
      // The admin's autocomplete (select2) announces a choice through jQuery only; jQuery's
      // listener hears the browser's own change events as well.
      if (window.django && window.django.jQuery) {
        window.django.jQuery(field).on("change", pictureChanged);
      } else {
        field.addEventListener("change", pictureChanged);
      }
    });
    drawAll();
  }
})();
