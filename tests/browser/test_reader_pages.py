"""Reader pages in Chromium: accessibility (axe-core) and valid HTML (vnu), plus screenshots.

`pytest tests/browser -k screenshots` refreshes docs/screenshots/article-{phone,desktop}-{ar,en}.png.
"""

import os

import pytest
from django.core.management import call_command
from django.utils.translation import override

from articles.models import Article, Award, Tag

PHONE, DESKTOP = (390, 844), (1280, 900)


def load_demo():
    call_command("load_demo", stdout=open(os.devnull, "w"))
    return Article.objects.get(import_source="000_7077a1414e491a78.txt")


def check(page, url, axe_violations, html_errors):
    page.goto(url)
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == [], url
    assert html_errors(url) == [], url


def test_arabic_reader_pages_pass_axe_and_the_html_checker(site, page, axe_violations, html_errors):
    story = load_demo()
    award = Award.objects.get()
    tag = Tag.objects.create(name_ar="الحكومة الذكية", name_en="Smart government")
    story.tags.add(tag)  # the story page then has its tag list and keywords too
    for path in (
        "/",
        "/archive/",
        story.get_absolute_url(),
        story.byline[0].get_absolute_url(),
        award.get_absolute_url(),
        story.award_wins.first().organisation.get_absolute_url(),
        tag.get_absolute_url(),
        story.section.get_absolute_url(),
    ):
        check(page, site + path, axe_violations, html_errors)
        assert page.locator("html").get_attribute("dir") == "rtl"


def test_english_article_passes_axe_and_the_html_checker(site, new_page, axe_violations, html_errors):
    story = load_demo()
    page = new_page(locale="en-US")
    with override("en"):
        url = site + story.get_absolute_url()
    check(page, url, axe_violations, html_errors)
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert " AH (" in page.locator(".article__times").inner_text()


def test_not_found_page_passes_axe(site, page, axe_violations):
    load_demo()
    response = page.goto(site + "/authors/nobody/")
    assert response.status == 404
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("device, viewport", [("phone", PHONE), ("desktop", DESKTOP)])
def test_article_screenshots(site, new_page, screenshot, language, device, viewport):
    story = load_demo()
    page = new_page(locale="ar-SA" if language == "ar" else "en-US", viewport=viewport)
    with override(language):
        page.goto(site + story.get_absolute_url())
    # Nothing runs off the side of a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport[0]
    assert screenshot(page, f"article-{device}-{language}").exists()
