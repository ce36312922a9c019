"""The foundation in a real browser: direction, language and the checkers on the seed story."""

import os

from django.core.management import call_command
from django.utils.translation import override

from articles.models import Article


def load_demo():
    call_command("load_demo", stdout=open(os.devnull, "w"))
    return Article.objects.get(import_source="000_7077a1414e491a78.txt")


def test_seed_story_reads_right_to_left_and_passes_the_checkers(site, page, axe_violations, html_errors):
    story = load_demo()
    page.goto(site + story.get_absolute_url())
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("h1").inner_text() == story.headline_ar
    # Right-to-left for real: the headline's right edge sits at the page's inline start.
    box = page.locator("h1").bounding_box()
    assert box["x"] + box["width"] > 1280 / 2
    assert axe_violations(page) == []
    assert html_errors(site + story.get_absolute_url()) == []


def test_english_edition_reads_left_to_right(site, new_page):
    story = load_demo()
    page = new_page(locale="en-US")
    with override("en"):
        page.goto(site + story.get_absolute_url())
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert "Arab Smart Government Shield" in page.locator("h1").inner_text()


def test_admin_stays_arabic_for_an_english_browser(site, new_page, django_user_model):
    admin = django_user_model.objects.create_superuser("chief", "chief@example.com", "x")
    page = new_page(locale="en-US", user=admin)
    page.goto(site + "/admin/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    # modeltranslation's tabs run with our local jQuery UI: the tabs widget is built.
    story = load_demo()
    page.goto(site + f"/admin/articles/article/{story.pk}/change/")
    assert page.locator(".ui-tabs").first.is_visible()
