"""The desk's front page in a real browser (an English-asking browser still gets Arabic), and the language switch."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Article, EditLock
from tests.conftest import desk_groups


def test_editor_front_page_then_english_by_choice(site, new_page, make_article, screenshot, axe_violations):
    editors, reporters = desk_groups()
    editor = get_user_model().objects.create_user(
        "mona", password="x-desk-browser-9", is_staff=True, first_name="منى", last_name="المحررة"
    )
    editor.groups.add(editors)
    waiting = make_article("خبر ينتظر المراجعة", status=Article.Status.REVIEW)
    make_article("خبر مجدول", published_at=timezone.now() + datetime.timedelta(hours=2))
    EditLock.objects.create(article=waiting, user=editor)

    page = new_page(locale="en-US", user=editor)
    page.goto(site + "/admin/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    review = page.locator("#front-review")
    review.get_by_role("link", name="خبر ينتظر المراجعة").wait_for()
    assert "خبر مجدول" in page.locator("#front-scheduled").inner_text()
    assert "منى المحررة" in page.locator("#front-locked").inner_text()
    assert axe_violations(page) == []
    page.evaluate("document.fonts.ready.then(() => true)")
    screenshot(page, "admin-front-page")

    page.locator("#admin-language").select_option("en")
    page.locator(".admin-language button").click()
    page.locator("#front-review", has_text="Waiting for review").wait_for()
    assert page.locator("html").get_attribute("dir") == "ltr"
    review.get_by_role("link", name="خبر ينتظر المراجعة").click()
    page.wait_for_url(f"**/admin/articles/article/{waiting.pk}/change/")


def test_admin_text_is_set_in_the_self_hosted_naskh(site, new_page, django_user_model):
    boss = django_user_model.objects.create_superuser("boss", "boss@example.com", "x-desk-browser-9")
    page = new_page(user=boss)
    page.goto(site + "/admin/")
    page.wait_for_function("document.fonts.check('16px \"Noto Naskh Arabic\"', 'ن')")
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert family.startswith('"Noto Naskh Arabic"')
    assert page.evaluate("document.fonts.check('16px \"Noto Naskh Arabic\"', 'ن')")
