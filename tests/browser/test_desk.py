"""The desk in a real browser (ar-SA): draft, submit, schedule, appear on time, no lost edits, correct.

The clock is controlled with time-machine, which moves time for the live server's thread too:
the story is scheduled two minutes ahead in real time and the test then travels past it.
"""

import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.utils import timezone

from articles.models import Article, Author, Section
from tests.conftest import desk_groups

from .staff import fill_new_story, make_staff

RIYADH = ZoneInfo("Asia/Riyadh")


def test_reporter_to_editor_to_reader(site, new_page, screenshot):
    editors, reporters = desk_groups()
    reporter = make_staff("sara", "سارة المراسلة", reporters)
    editor = make_staff("mona", "منى المحررة", editors)
    second_editor = make_staff("omar", "عمر المحرر", editors)
    section = Section.objects.create(name_ar="اقتصاد", name_en="Economy")
    Author.objects.create(name_ar="سارة المراسلة", name_en="Sara")

    # 1. The reporter drafts a story in the admin and submits it.
    page = new_page(user=reporter)
    page.goto(site + "/admin/articles/article/add/")
    fill_new_story(page, "ارتفاع صادرات التمور", "ارتفعت صادرات التمور هذا العام.", section, "سارة المراسلة")
    page.locator("input[name=_save]").click()
    page.locator(".messagelist .success").wait_for()
    story = Article.objects.get(headline_ar="ارتفاع صادرات التمور")
    assert story.created_by == reporter and story.status == Article.Status.DRAFT

    change = f"{site}/admin/articles/article/{story.pk}/change/"
    page.goto(change)
    assert page.locator("button[name=_desk_action][value=publish]").count() == 0  # not a reporter's button
    page.locator("button[name=_desk_action][value=submit]").click()
    page.locator(".messagelist .success").wait_for()
    assert page.locator("[data-desk-status]").inner_text() == "قيد المراجعة"

    # 2. The editor schedules it two minutes ahead, in Riyadh time.
    desk = new_page(user=editor)
    desk.goto(change)
    assert desk.locator(".ui-tabs").first.is_visible()  # Arabic/English translation tabs
    assert desk.locator("#desk-lock").is_hidden()  # the reporter's submit freed the story
    screenshot(desk, "admin-edit")
    due = (timezone.now() + datetime.timedelta(minutes=2)).astimezone(RIYADH)
    due = due.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
    desk.locator("#desk-schedule-at").fill(due.strftime("%Y-%m-%dT%H:%M"))
    desk.locator("button[name=_desk_action][value=schedule]").click()
    desk.locator(".messagelist .success").wait_for()
    assert desk.locator("[data-desk-status]").inner_text() == "مجدول"
    story.refresh_from_db()
    assert story.published_at == due

    # 3. Readers get 404 before its time and the story after it, with no sleep.
    reader = new_page()
    assert reader.goto(site + story.get_absolute_url()).status == 404
    with time_machine.travel(due + datetime.timedelta(seconds=30), tick=True):
        # Only the server's clock travels: the first reader's browser may keep its 404 for the
        # short max-age (NEWSROOM_CACHE_MAX_AGE, 4 s) in real time, so a reader arriving now asks.
        reader = new_page()
        response = reader.goto(site + story.get_absolute_url())
        assert response.status == 200
        assert reader.locator("h1").inner_text() == "ارتفاع صادرات التمور"

        # 4. Two editors: the second opened the story first; the first takes over and saves.
        late = new_page(user=second_editor)
        late.goto(change)
        desk.goto(change)
        assert "عمر المحرر" in desk.locator("#desk-lock").inner_text()
        desk.locator("#desk-lock button").click()
        desk.locator(".messagelist .success").wait_for()
        desk.locator("#id_headline_ar").fill("ارتفاع قياسي في صادرات التمور")
        desk.locator("input[name=_continue]").click()
        desk.locator(".messagelist .success").wait_for()

        # ...so the second editor's save is stale: refused, naming who saved, their text kept.
        mine = "صادرات التمور تبلغ رقماً غير مسبوق"
        late.locator("#id_headline_ar").fill(mine)
        late.locator("input[name=_continue]").click()
        late.locator(".errornote").first.wait_for()
        assert "منى المحررة" in late.locator("form .errorlist, .errornote").all_inner_texts().__str__()
        assert late.locator("#id_headline_ar").input_value() == mine
        story.refresh_from_db()
        assert story.headline_ar == "ارتفاع قياسي في صادرات التمور"

        # 5. A correction shows on the reader's page.
        desk.goto(change)
        desk.locator("#desk-correct-text").fill("الصادرات ارتفعت ١٢٪ لا ٢١٪")
        desk.locator("button[name=_desk_action][value=correct]").click()
        desk.locator(".messagelist .success").wait_for()
        # A reader arriving now (the first reader's browser may keep its copy for max-age seconds).
        reader = new_page()
        reader.goto(site + story.get_absolute_url())
        corrections = reader.locator(".corrections")
        assert "تصحيحات وتحديثات" in corrections.inner_text()
        assert "الصادرات ارتفعت ١٢٪ لا ٢١٪" in corrections.inner_text()


def test_heartbeat_keeps_the_lock_and_shows_a_take_over(site, new_page, make_article):
    """The page's heartbeat runs on Playwright's fake clock: 30 s pass without waiting."""
    from articles.models import EditLock

    editors, _reporters = desk_groups()
    first = make_staff("mona", "منى المحررة", editors)
    second = make_staff("omar", "عمر المحرر", editors)
    story = make_article("خبر قيد التحرير", status=Article.Status.REVIEW)
    change = f"{site}/admin/articles/article/{story.pk}/change/"

    page = new_page(user=first)
    page.clock.install()
    page.goto(change)
    assert page.locator("#desk-lock").is_hidden()
    taken = EditLock.objects.get(article=story).heartbeat_at

    with page.expect_response(lambda r: r.url.endswith(f"/{story.pk}/lock/")) as beat:
        page.clock.run_for(31_000)
    assert beat.value.json() == {"mine": True, "holder": ""}
    assert EditLock.objects.get(article=story).heartbeat_at > taken

    # Another editor takes over; the first page's next heartbeat says who has the story now.
    other = new_page(user=second)
    other.goto(change)
    other.locator("#desk-lock button").click()
    other.locator(".messagelist .success").wait_for()
    with page.expect_response(lambda r: r.url.endswith(f"/{story.pk}/lock/")):
        page.clock.run_for(31_000)
    box = page.locator("#desk-lock")
    box.wait_for(state="visible")
    assert "عمر المحرر" in box.inner_text() and "تولي التحرير" in box.inner_text()


def test_desk_panel_and_preview_pass_the_checkers(site, new_page, make_article, axe_violations, html_errors):
    from articles.desk import previews

    editors, _reporters = desk_groups()
    editor = make_staff("mona", "منى المحررة", editors)
    story = make_article("خبر للمعاينة", status=Article.Status.DRAFT)
    page = new_page(user=editor)
    page.goto(f"{site}/admin/articles/article/{story.pk}/change/")
    # The admin's own widgets (select2, modeltranslation tabs) are not the desk's; its panel must be clean.
    desk = [v for v in axe_violations(page) if any("desk" in target for target in v["targets"])]
    assert desk == []

    shared = site + previews.share_url(story, editor)
    reader = new_page()
    reader.goto(shared)
    assert "معاينة" in reader.locator(".preview-banner").inner_text()
    assert axe_violations(reader) == []
    assert html_errors(shared) == []
