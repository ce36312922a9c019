// The story's text as the server reads it (articles/html.py: words() and cut()), for the
// form's live counts and previews: the end of a block is a space, markup goes, entities are
// read, then split on white space; a text cut to a length ends at a word with "…".
// No libraries, no CDN.
window.NewsroomStoryText = (function () {
  "use strict";
  var BLOCK_END = /<\/(?:p|h[1-6]|li|blockquote)>|<br\s*\/?>/gi;
  var decoder = document.createElement("textarea");  // reads entities; runs nothing
  function words(html) {
    decoder.innerHTML = (html || "").replace(BLOCK_END, " ").replace(/<[^>]*>/g, "");
    var text = decoder.value.trim();
    return text ? text.split(/\s+/) : [];
  }
  function cut(text, limit) {
    if (text.length <= limit) { return text; }
    var kept = text.slice(0, limit - 1);
    if (kept.indexOf(" ") >= 0) { kept = kept.slice(0, kept.lastIndexOf(" ")); }
    return kept.replace(/[ ،,.؛:]+$/, "") + "…";
  }
  return { words: words, cut: cut };
})();
