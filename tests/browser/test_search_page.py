"""The search page in a real browser: results and no results, checked by axe-core and vnu."""

import os
from urllib.parse import quote

from django.core.management import call_command

from articles.models import Article


def load_demo():
    call_command("load_demo", stdout=open(os.devnull, "w"))
    return Article.objects.get(import_source="000_7077a1414e491a78.txt")


def test_search_from_the_header_finds_the_seed_story(site, page, axe_violations, html_errors, screenshot):
    story = load_demo()
    page.goto(site + "/")
    page.get_by_role("search", name="البحث في الموقع").get_by_role("searchbox").fill("الجَائِزَه")
    page.get_by_role("search", name="البحث في الموقع").get_by_role("button").click()
    page.wait_for_url("**/search/?q=*")
    assert page.locator("h1").inner_text() == "البحث"
    result = page.locator(".search-result").first
    assert (
        result.get_by_role("link", name=story.headline_ar).get_attribute("href") == story.get_absolute_url()
    )
    # Whole words are marked, clitics and all: the standfirst's بالجائزة.
    assert "بالجائزة" in page.locator(".search-result mark").all_inner_texts()
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex"
    # The Arabic font is downloaded from our own static files and used.
    assert page.evaluate("document.fonts.check('1em \"Noto Naskh Arabic\"', 'جائزة')")
    assert axe_violations(page) == []
    assert html_errors(page.url) == []
    screenshot(page, "search-ar")


def test_no_results_page_is_friendly_and_valid(site, new_page, axe_violations, html_errors, screenshot):
    load_demo()
    page = new_page(viewport=(390, 844))  # a phone
    url = f"{site}/search/?q={quote('بركان زلزال')}"
    page.goto(url)
    assert "لا نتائج للبحث عن" in page.locator(".search-empty h2").inner_text()
    page.get_by_role("link", name="زلزال").click()
    page.wait_for_url(f"**/search/?q={quote('زلزال')}")
    assert page.locator(".search-empty").is_visible()
    page.go_back()
    # Nothing runs off the side of a phone screen.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert axe_violations(page) == []
    assert html_errors(url) == []
    screenshot(page, "search-no-results")


def test_dark_mode_search_page_passes_contrast(site, new_page, axe_violations):
    load_demo()
    page = new_page()
    page.emulate_media(color_scheme="dark")
    page.goto(f"{site}/search/?q={quote('جائزة')}")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(20, 22, 26)"
    assert axe_violations(page) == []
