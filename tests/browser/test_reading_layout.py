"""The article page's header as Chromium lays it out, on a phone and a desktop, in both
editions: the publication time stays on its date's line, and the kicker keeps clear of the
masthead rule."""

import os

import pytest
from django.core.management import call_command
from django.utils.translation import override

from articles.models import Article

PHONE, DESKTOP = (390, 844), (1280, 900)

# The last line box of the date's own text, and the time's box: on one line when their tops
# match. The time is the <span class="nowrap"> inside <time>, after the date's text node.
LINES = """() => {
  const time = document.querySelector('.article__times time');
  const range = document.createRange();
  range.selectNodeContents(time.firstChild);
  const dateLines = range.getClientRects();
  // Several boxes for one line when Arabic and digits mix (bidi runs): compare their tops.
  const clock = [...time.querySelector('.nowrap').getClientRects()].map(rect => rect.top);
  return {lastDateLine: dateLines[dateLines.length - 1].top, clock: clock};
}"""
GAP = """() => document.querySelector('.kicker').getBoundingClientRect().top
          - document.querySelector('.masthead').getBoundingClientRect().bottom"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("language", ["ar", "en"])
def test_time_stays_with_its_date_and_the_kicker_clears_the_rule(site, new_page, viewport, language):
    call_command("load_demo", stdout=open(os.devnull, "w"))
    story = Article.objects.get(import_source="000_7077a1414e491a78.txt")
    with override(language):
        url = site + story.get_absolute_url()
    page = new_page(viewport=viewport)
    page.goto(url)
    lines = page.evaluate(LINES)
    assert lines["clock"] and all(abs(top - lines["lastDateLine"]) < 2 for top in lines["clock"]), lines
    assert page.evaluate(GAP) >= 12
