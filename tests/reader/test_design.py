"""The design system's rules, checked on the files: self-hosted font, no external URLs,
logical properties only, and a palette with enough contrast (light and dark)."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
CSS = (ROOT / "static" / "css" / "site.css").read_text("utf-8")
# The shared templates and each app's own (articles/<app>/templates/).
TEMPLATES = sorted(
    [*(ROOT / "templates").rglob("*.html"), *(ROOT / "articles").glob("*/templates/**/*.html")]
)
FONTS = [
    "fonts/noto-naskh-arabic-arabic-400-normal.woff2",
    "fonts/noto-naskh-arabic-arabic-700-normal.woff2",
    "fonts/noto-naskh-arabic-latin-400-normal.woff2",
    "fonts/noto-naskh-arabic-latin-700-normal.woff2",
]


@pytest.mark.parametrize("name", FONTS)
def test_font_files_are_real_woff2_and_referenced_by_the_css(name):
    path = finders.find(name)
    assert path, name
    assert Path(path).read_bytes()[:4] == b"wOF2"
    assert f'url("../{name}")' in CSS


def test_font_licence_ships_with_the_fonts():
    assert "SIL OPEN FONT LICENSE" in (ROOT / "static" / "fonts" / "OFL.txt").read_text("utf-8")


def test_every_font_face_swaps():
    faces = re.findall(r"@font-face\s*{[^}]*}", CSS)
    assert len(faces) == len(FONTS)
    assert all("font-display: swap" in face for face in faces)


@pytest.mark.django_db
def test_fonts_are_served_and_the_main_weight_is_preloaded(settings):
    from django.test import Client

    # WhiteNoise serves from the finders as in development (tests run without collectstatic).
    settings.WHITENOISE_USE_FINDERS = True
    client = Client()
    for name in FONTS:
        response = client.get(static(name))
        assert response.status_code == 200, name
        assert (
            b"".join(response.streaming_content if response.streaming else [response.content])[:4] == b"wOF2"
        )
    home = client.get(reverse("articles:home")).content.decode()
    assert f'<link rel="preload" href="{static(FONTS[0])}" as="font" type="font/woff2" crossorigin>' in home


EXTERNAL = re.compile(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", re.IGNORECASE)


@pytest.mark.parametrize("path", [*TEMPLATES, ROOT / "static" / "css" / "site.css"], ids=lambda p: p.name)
def test_no_external_urls(path):
    """No CDN, no web fonts, no scripts from elsewhere: everything comes from static/."""
    text = path.read_text("utf-8")
    assert not EXTERNAL.findall(text)
    assert "@import" not in text


PHYSICAL = re.compile(
    r"(?<![\w-])(?:margin-left|margin-right|padding-left|padding-right|border-left|border-right"
    r"|left|right)\s*:|text-align\s*:\s*(?:left|right)|float\s*:\s*(?:left|right)",
)


def test_site_css_uses_logical_properties_only():
    assert PHYSICAL.findall(CSS) == []


def test_site_css_is_mobile_first_with_dark_mode_print_and_focus():
    assert "@media (prefers-color-scheme: dark)" in CSS
    assert "@media print" in CSS
    assert "attr(href)" in CSS
    assert ":focus-visible" in CSS and ".skip-link:focus" in CSS
    assert "--measure: 65ch" in CSS
    assert "max-width" not in CSS  # widths grow with min-width queries only


# --- Contrast ---------------------------------------------------------------------------


def _palette(block):
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", block))


def _luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


LIGHT = _palette(CSS.split("@media (prefers-color-scheme: dark)")[0].split(":root {", 1)[1].split("}", 1)[0])
DARK = {**LIGHT, **_palette(CSS.split("@media (prefers-color-scheme: dark)")[1].split("}", 1)[0])}
# (text, background): every pairing the stylesheet uses.
PAIRS = [
    ("ink", "paper"),
    ("muted", "paper"),
    ("accent", "paper"),
    ("ink", "panel"),
    ("muted", "panel"),
    ("accent", "panel"),
    ("mark-ink", "mark"),
    ("paper", "accent"),
]


def test_dark_palette_overrides_every_colour():
    assert set(_palette(CSS.split("@media (prefers-color-scheme: dark)")[1].split("}", 1)[0])) == set(LIGHT)


def test_contrast_ratio_formula():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("text,background", PAIRS)
def test_palette_meets_wcag_aa_for_body_text(scheme, text, background):
    palette = LIGHT if scheme == "light" else DARK
    assert contrast(palette[text], palette[background]) >= 4.5, (scheme, text, background)


def test_focus_ring_is_visible_against_the_paper():
    for palette in (LIGHT, DARK):
        assert contrast(palette["focus"], palette["paper"]) >= 3
