"""The desk's tools in a real browser: edit twice, read the diff, restore, and the story list."""

from django.urls import reverse

from articles import revisions
from articles.models import Article


def save_with(page, headline, standfirst):
    page.fill('input[name="headline_ar"]', headline)
    page.fill('textarea[name="standfirst_ar"]', standfirst)
    page.click('input[name="_continue"]')
    page.wait_for_selector(".messagelist .success")


def test_editor_edits_twice_compares_and_restores_the_first_version(
    site, new_page, make_article, django_user_model, screenshot, axe_violations
):
    editor = django_user_model.objects.create_superuser("sara", "sara@example.com", "x", first_name="سارة")
    story = make_article(
        headline="الأمطار تعود إلى عسير",
        standfirst_ar="موجز أول",
        body_ar="<p>الفقرة الأولى عن الطقس في أبها.</p>",
    )
    page = new_page(user=editor)
    change_url = site + reverse("admin:articles_article_change", args=[story.pk])

    page.goto(change_url)
    # The body editor ran (ProseMirror built from our static files) right-to-left.
    page.locator(".body-editor[dir=rtl] [contenteditable=true]").first.wait_for()
    save_with(page, "أمطار غزيرة تعود إلى عسير", "موجز أول عن الأمطار")
    save_with(page, "سيول في عسير بعد أمطار غزيرة", "موجز ثان")
    assert len(revisions.versions_of(story)) == 2

    page.goto(site + reverse("admin:articles_article_history", args=[story.pk]))
    assert page.locator("#revision-list tbody tr").count() == 2
    assert "سارة" in page.locator("#revision-list").inner_text()
    page.get_by_role("button", name="قارن").click()
    diff = page.locator(".revision-diff")
    diff.wait_for()
    assert diff.locator("ins", has_text="سيول").count() >= 1
    assert (
        diff.locator("del", has_text="غزيرة تعود").count() + diff.locator("del", has_text="تعود").count() >= 1
    )
    assert page.locator(".revision-diff-table").first.get_attribute("dir") == "rtl"
    assert axe_violations(page) == []
    screenshot(page, "admin-history-diff")

    page.get_by_role("link", name="استعد النسخة #1").click()
    page.get_by_role("button", name="نعم، استعد هذه النسخة").click()
    page.wait_for_selector(".messagelist .success")

    story.refresh_from_db()
    assert story.headline_ar == "أمطار غزيرة تعود إلى عسير"
    assert story.standfirst_ar == "موجز أول عن الأمطار"
    assert len(revisions.versions_of(story)) == 3  # the restore is a version of its own
    assert page.locator("#revision-list tbody tr").count() == 3
    page.goto(change_url)
    assert page.locator('input[name="headline_ar"]').input_value() == "أمطار غزيرة تعود إلى عسير"


def test_story_list_for_the_desk(site, new_page, make_article, django_user_model, screenshot):
    editor = django_user_model.objects.create_superuser("sara", "sara@example.com", "x")
    for headline in ["تكريم فاطمه في الرياض", "أمطار على جدة", "افتتاح معرض الكتاب"]:
        story = make_article(headline=headline)
        revisions.save_version(story, user=editor)
    Article.objects.filter(headline_ar="أمطار على جدة").update(status=Article.Status.DRAFT)
    page = new_page(user=editor)
    page.goto(site + reverse("admin:articles_article_changelist"))
    assert page.locator("#result_list tbody tr").count() == 3
    assert page.locator("html").get_attribute("dir") == "rtl"
    screenshot(page, "admin-list")
    page.fill("#searchbar", "تكريم فاطمة")  # every story is by فاطمه: the words narrow it
    page.press("#searchbar", "Enter")
    page.wait_for_url("**q=*")
    assert page.locator("#result_list tbody tr").count() == 1
    assert "تكريم فاطمه" in page.locator("#result_list").inner_text()
