"""Share cards: a 1200×675 picture made from a story's headline, for stories with no picture.

Share previews (Open Graph, X, WhatsApp) and Google's article results want a large image; a
story without a picture had only the 600×60 logo. Its card shows the headline (Noto Naskh
Arabic Bold, right to left, shaped by Pillow's libraqm layout), the section and the logo.

A card is a rendition of the story's edition: made when a published story is saved with a
headline or section its card does not show yet (on commit, like picture renditions; see
`articles/pictures/signals.py`) or by `manage.py make_share_cards`, never while a page renders. Its
file name carries a digest of what it shows, so a headline change gives a new URL (share
caches see the new card) and an unchanged story is never drawn twice. `Article.share_cards`
keeps {edition: file name}.

Fonts: the site's own Noto Naskh Arabic files (static/fonts, SIL Open Font Licence): the
Arabic subset for Arabic letters, the Latin subset for Latin letters, digits and punctuation.
A line is cut into runs of one direction (a simplified Unicode bidi: Arabic is right to
left, Latin letters and digits left to right, spaces and punctuation take the direction
around them) and each run is drawn with the font that has its letters.
"""

import functools
import hashlib
import io
import logging
import unicodedata
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import get_language_bidi, override
from PIL import Image, ImageDraw, ImageFont, features

from articles import freshness
from articles.context_processors import site_name
from articles.languages import codes
from articles.models import Article

logger = logging.getLogger(__name__)

SIZE = (1200, 675)
MARGIN = 72
BACKGROUND = (11, 93, 75)  # the site's accent (--accent in static/css/site.css)
INK = (255, 253, 248)
SOFT = (190, 222, 211)
FOLDER = "renditions/cards"
# Bump when the drawing changes: every card is then made again.
VERSION = "1"
HEADLINE_SIZES = (76, 68, 60, 52, 46)  # the largest that fits in MAX_LINES is used
MAX_LINES = 4
FONTS = Path(settings.BASE_DIR) / "static" / "fonts"
ARABIC_FONT = FONTS / "noto-naskh-arabic-arabic-700-normal.woff2"
LATIN_FONT = FONTS / "noto-naskh-arabic-latin-700-normal.woff2"


@functools.lru_cache(maxsize=32)
def _fonts(size):
    layout = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
    return (
        ImageFont.truetype(str(ARABIC_FONT), size, layout_engine=layout),
        ImageFont.truetype(str(LATIN_FONT), size, layout_engine=layout),
    )


@functools.lru_cache(maxsize=4096)
def _has_glyph(font_path, char):
    """Does the font draw `char` (not its "missing" box)?"""
    font = ImageFont.truetype(str(font_path), 24)
    return _mask(font, char) != _mask(font, "\uffff")


def _mask(font, text):
    canvas = Image.new("L", (48, 48))
    ImageDraw.Draw(canvas).text((4, 4), text, font=font, fill=255)
    return canvas.tobytes()


def _direction(char):
    """ "R", "L" or "" (neutral: takes the direction around it)."""
    kind = unicodedata.bidirectional(char)
    if kind in ("R", "AL", "AN"):
        return "R"
    if kind in ("L", "EN"):
        return "L"
    return ""


def _runs(line, rtl=True):
    """[(text, "rtl"|"ltr")] in logical order. A neutral between two runs of the other
    direction than the paragraph's takes theirs (27.6 and "Vision 2030" in Arabic); every
    other neutral takes the paragraph's."""
    base, other = ("R", "L") if rtl else ("L", "R")
    marks = [_direction(char) for char in line]
    resolved = []
    for index, mark in enumerate(marks):
        if mark:
            resolved.append(mark)
            continue
        before = next((m for m in reversed(marks[:index]) if m), base)
        after = next((m for m in marks[index + 1 :] if m), base)
        resolved.append(other if before == after == other else base)
    runs = []
    for char, mark in zip(line, resolved, strict=True):
        direction = "rtl" if mark == "R" else "ltr"
        if runs and runs[-1][1] == direction:
            runs[-1][0] += char
        else:
            runs.append([char, direction])
    return [(text, direction) for text, direction in runs]


def _pieces(text, size):
    """`text` cut where the font must change: [(piece, font)]."""
    arabic, latin = _fonts(size)
    pieces = []
    for char in text:
        # Arabic letters (and what the Latin font lacks, ، ؟) from the Arabic font; Latin
        # letters, digits and common punctuation (the Latin full stop in 27.6) from the Latin.
        arabic_script = _direction(char) == "R" or (char == " " and pieces and pieces[-1][1] is arabic)
        font = arabic if arabic_script or not _has_glyph(LATIN_FONT, char) else latin
        if pieces and pieces[-1][1] is font:
            pieces[-1][0] += char
        else:
            pieces.append([char, font])
    return pieces


def _width(text, size, direction):
    return sum(font.getlength(piece, direction=direction) for piece, font in _pieces(text, size))


def line_width(line, size, rtl=True):
    return sum(_width(text, size, direction) for text, direction in _runs(line, rtl))


def draw_line(draw, line, size, edge, y, fill, rtl=True):
    """Draw `line` from `edge`: right-aligned there in a right-to-left paragraph (runs in
    logical order from the right), left-aligned in a left-to-right one. Inside a run, its
    pieces go in the run's own direction."""
    x = edge
    for text, direction in _runs(line, rtl):
        width = _width(text, size, direction)
        if rtl:
            x -= width
        pieces = _pieces(text, size)
        if direction == "rtl":
            at = x + width
            for piece, font in pieces:
                piece_width = font.getlength(piece, direction="rtl")
                at -= piece_width
                draw.text((at, y), piece, font=font, fill=fill, direction="rtl")
        else:
            at = x
            for piece, font in pieces:
                draw.text((at, y), piece, font=font, fill=fill, direction="ltr")
                at += font.getlength(piece, direction="ltr")
        if not rtl:
            x += width


def wrap(text, size, width, rtl=True):
    """The headline's lines at `size`, each at most `width` wide (words never split)."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and line_width(candidate, size, rtl) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


def _fit(headline, width, rtl):
    """(size, lines): the largest headline size whose lines fit; the last size cut with …."""
    for size in HEADLINE_SIZES:
        lines = wrap(headline, size, width, rtl)
        if len(lines) <= MAX_LINES:
            return size, lines
    lines = wrap(headline, size, width, rtl)[:MAX_LINES]
    lines[-1] = lines[-1].rsplit(" ", 1)[0] + " …"
    return size, lines


def logo_mark(size):
    """The square logo: the site's «ن» on the accent colour (static/img/logo-square.png)."""
    mark = Image.new("RGB", (size, size), BACKGROUND)
    draw = ImageDraw.Draw(mark)
    draw.rounded_rectangle(
        (0, 0, size - 1, size - 1), radius=size // 6, outline=INK, width=max(2, size // 40)
    )
    font = _fonts(int(size * 0.7))[0]
    draw.text((size / 2, size * 0.42), "ن", font=font, fill=INK, anchor="mm", direction="rtl")
    return mark


def render(headline, section, name, rtl=True):
    """The card as PNG bytes: `headline`, `section` and the site's `name` (and logo mark),
    laid out right to left (Arabic) or left to right (English)."""
    card = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(card)
    start = SIZE[0] - MARGIN if rtl else MARGIN  # where lines begin
    # The section, small, at the top, over a rule.
    draw_line(draw, section, 34, start, MARGIN - 20, SOFT, rtl)
    draw.line((MARGIN, MARGIN + 44, SIZE[0] - MARGIN, MARGIN + 44), fill=SOFT, width=2)
    size, lines = _fit(" ".join(headline.split()), SIZE[0] - 2 * MARGIN, rtl)
    leading = int(size * 1.55)
    top = MARGIN + 80 + max(0, (MAX_LINES - len(lines)) * leading // 2 - leading // 2)
    for n, line in enumerate(lines):
        draw_line(draw, line, size, start, top + n * leading, INK, rtl)
    # The logo at the bottom, on the side where lines end: the mark and the site's name.
    mark, bottom = logo_mark(84), SIZE[1] - MARGIN - 84
    if rtl:
        card.paste(mark, (MARGIN, bottom))
        draw_line(draw, name, 40, MARGIN + 84 + 24 + line_width(name, 40), bottom + 12, INK)
    else:
        card.paste(mark, (SIZE[0] - MARGIN - 84, bottom))
        draw_line(
            draw, name, 40, SIZE[0] - MARGIN - 84 - 24 - line_width(name, 40, False), bottom + 12, INK, False
        )
    out = io.BytesIO()
    card.save(out, "PNG", optimize=True)
    return out.getvalue()


def _shows(article, language):
    """What the edition's card shows: (headline, section, site name, right to left)."""
    with override(language):
        return article.headline, article.section.name, str(site_name()), get_language_bidi()


def file_name(article, language):
    shows = "\n".join(str(part) for part in (VERSION, *_shows(article, language)))
    digest = hashlib.sha256(shows.encode()).hexdigest()[:16]
    return f"{FOLDER}/{article.pk}-{language}-{digest}.png"


def stale_editions(article):
    """The story's editions whose card is missing or shows an older headline or section."""
    cards = article.share_cards or {}
    return [
        language
        for language in codes()
        if article.has_edition(language)
        and not (
            cards.get(language) == file_name(article, language)
            and default_storage.exists(cards[language])  # a restored version may name a gone file
        )
    ]


def make_share_cards(article):
    """Draw and store the cards the story lacks; forget (and delete) the ones it outgrew.
    Returns the editions drawn."""
    stale = stale_editions(article)
    if not stale:
        return []
    cards = dict(article.share_cards or {})
    for language in stale:
        name = file_name(article, language)
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(render(*_shows(article, language))))
        old, cards[language] = cards.get(language), name
        if old and old != name and default_storage.exists(old):
            default_storage.delete(old)
    # update(): the cards are derived state; no save() rules, no version bump, no signals;
    # so the pages showing the story (they record its key) are told here.
    Article.objects.filter(pk=article.pk).update(share_cards=cards)
    article.share_cards = cards
    freshness.changed(freshness.key(article))
    return stale


def story_saved(sender, instance, raw=False, **kwargs):
    """post_save: once the save is committed, draw the cards a published story lacks."""
    if raw or instance.status != Article.Status.PUBLISHED:
        return

    def draw():
        article = Article.objects.filter(pk=instance.pk).select_related("section").first()
        if article is None:
            return
        try:
            make_share_cards(article)
        except Exception:  # a card is an extra: the story is saved and shared with the logo
            logger.exception("share card for story %s not drawn", instance.pk)

    transaction.on_commit(draw)


def card_url(article, language):
    """The URL of the edition's card, or "" when it has none yet (never drawn here)."""
    name = (getattr(article, "share_cards", None) or {}).get(language)
    return default_storage.url(name) if name else ""
