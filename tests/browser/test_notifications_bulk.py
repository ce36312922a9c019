"""Notifications and bulk actions in a real browser: a reporter submits, the editor is told on
the desk's front page and sends the story back with a note; the reporter is told and finds
the note at the top of the form; the editor then publishes two stories and schedules one
from the list in one go."""

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from articles.desk.models import Notification
from articles.models import Article, Author, Byline, Section, Tag
from tests.conftest import desk_groups

from .conftest import WCAG_TAGS

RIYADH = ZoneInfo("Asia/Riyadh")


def make_staff(username, full_name, group):
    first, _, last = full_name.partition(" ")
    user = get_user_model().objects.create_user(
        username,
        email=f"{username}@example.org",
        password="x-desk-browser-9",
        is_staff=True,
        first_name=first,
        last_name=last,
    )
    user.groups.add(group)
    return user


def test_notified_sent_back_and_bulk_published(site, new_page, make_article, screenshot, axe_violations):
    editors, reporters = desk_groups()
    reporter = make_staff("sara", "سارة المراسلة", reporters)
    editor = make_staff("mona", "منى المحررة", editors)
    story = make_article("ارتفاع صادرات التمور", status=Article.Status.DRAFT, created_by=reporter)
    Byline.objects.filter(article=story).update(
        author=Author.objects.create(name_ar="سارة المراسلة", user=reporter)
    )
    first = make_article("افتتاح معرض الكتاب", status=Article.Status.REVIEW, created_by=reporter)
    second = make_article("أمطار على عسير", status=Article.Status.REVIEW, created_by=reporter)
    later = make_article("تقرير الميزانية", status=Article.Status.REVIEW, created_by=reporter)
    mail.outbox.clear()
    change = f"{site}/admin/articles/article/{story.pk}/change/"

    # 1. The reporter submits the story.
    desk = new_page(user=reporter)
    desk.goto(change)
    desk.locator("button[name=_desk_action][value=submit]").click()
    desk.locator(".messagelist .success").wait_for()
    assert [m.to for m in mail.outbox] == [["mona@example.org"]]
    assert mail.outbox[0].subject == "[نيوزروم] للمراجعة: ارتفاع صادرات التمور"

    # 2. The editor sees it on the front page, opens it from there and sends it back.
    editing = new_page(user=editor)
    editing.goto(site + "/admin/")
    block = editing.locator("#front-notifications")
    block.get_by_role("link", name="أُرسل الخبر «ارتفاع صادرات التمور» للمراجعة (سارة المراسلة).").wait_for()
    assert "تنبيه واحد غير مقروء" in editing.locator("#front-unread").inner_text()
    assert axe_violations(editing) == []
    screenshot(editing, "desk-notifications-editor")
    block.get_by_role("link", name="أُرسل الخبر «ارتفاع صادرات التمور» للمراجعة (سارة المراسلة).").click()
    editing.wait_for_url(f"**/admin/articles/article/{story.pk}/change/")
    assert Notification.objects.get(recipient=editor).read_at is not None
    editing.locator("#desk-send_back-note").fill("أضف مصدر رقم الصادرات في الفقرة الأولى")
    editing.locator("button[name=_desk_action][value=send_back]").click()
    editing.locator(".messagelist .success").wait_for()
    assert mail.outbox[-1].to == ["sara@example.org"]
    assert "أضف مصدر رقم الصادرات في الفقرة الأولى" in mail.outbox[-1].body

    # 3. The reporter is told, and finds the note at the top of the story's form.
    desk.goto(site + "/admin/")
    told = desk.locator("#front-notifications")
    told.get_by_text("أضف مصدر رقم الصادرات في الفقرة الأولى").wait_for()
    assert axe_violations(desk) == []
    screenshot(desk, "desk-notifications-reporter")
    told.get_by_role("link", name="أُعيد الخبر «ارتفاع صادرات التمور» إلى المراسل (منى المحررة).").click()
    desk.wait_for_url(f"**/admin/articles/article/{story.pk}/change/")
    note = desk.locator("#desk-send-back")
    assert "أضف مصدر رقم الصادرات في الفقرة الأولى" in note.inner_text()
    assert "منى المحررة" in note.inner_text()
    assert note.bounding_box()["y"] < desk.locator("#desk-title").bounding_box()["y"]
    assert note.bounding_box()["y"] < desk.locator("#id_headline_ar").bounding_box()["y"]
    # The form's other widgets are not this test's; the note itself must pass.
    axe_violations(desk)  # loads axe into the page
    assert (
        desk.evaluate(
            """async (tags) => (await axe.run('#desk-send-back', {runOnly: {type: 'tag', values: tags}}))
             .violations.map(v => v.id)""",
            WCAG_TAGS,
        )
        == []
    )
    screenshot(desk, "desk-send-back-note")
    desk.goto(site + "/admin/")
    assert desk.locator("#front-unread").count() == 0  # opened: read

    # 4. The editor publishes two stories from the list at once…
    editing.goto(site + "/admin/articles/article/?status=review")
    for chosen in (first, second):
        editing.locator(f"input[name=_selected_action][value='{chosen.pk}']").check()
    editing.locator("select[name=action]").select_option("publish_selected")
    editing.locator("button[name=index]").click()
    editing.locator(".messagelist .success", has_text="طُبّق «النشر» على خبرين.").wait_for()
    assert [Article.objects.get(pk=s.pk).is_public for s in (first, second, later)] == [True, True, False]
    screenshot(editing, "desk-bulk-published")

    # … and schedules a third, on the page that asks for the time (a past time is refused first).
    editing.goto(site + "/admin/articles/article/?status=review")
    editing.locator(f"input[name=_selected_action][value='{later.pk}']").check()
    editing.locator("select[name=action]").select_option("schedule_selected")
    editing.locator("button[name=index]").click()
    editing.locator("#desk-bulk-form").wait_for()
    editing.locator("#id_at").fill("2020-01-01T10:00")
    editing.locator("#desk-bulk-apply").click()
    editing.locator(".errornote", has_text="اختر وقتاً في المستقبل لجدولة الخبر.").wait_for()
    assert axe_violations(editing) == []
    screenshot(editing, "desk-bulk-schedule")
    due = (timezone.now() + datetime.timedelta(days=1)).astimezone(RIYADH).replace(second=0, microsecond=0)
    editing.locator("#id_at").fill(due.strftime("%Y-%m-%dT%H:%M"))
    editing.locator("#desk-bulk-apply").click()
    editing.locator(".messagelist .success", has_text="طُبّق «الجدولة» على خبر واحد.").wait_for()
    later.refresh_from_db()
    assert later.is_scheduled and later.published_at == due

    # 5. Moves, tags and a withdrawal from the list, each through its own page.
    sport = Section.objects.create(name_ar="ثقافة", name_en="Culture")
    Tag.objects.create(name_ar="معرض الكتاب", name_en="Book fair")

    def bulk(stories, action):
        editing.goto(site + "/admin/articles/article/")
        for chosen in stories:
            editing.locator(f"input[name=_selected_action][value='{chosen.pk}']").check()
        editing.locator("select[name=action]").select_option(action)
        editing.locator("button[name=index]").click()
        editing.locator("#desk-bulk-form").wait_for()

    bulk([first, second], "move_selected")
    editing.locator("#id_section").select_option(label="ثقافة")
    assert axe_violations(editing) == []
    screenshot(editing, "desk-bulk-move")
    editing.locator("#desk-bulk-apply").click()
    editing.locator(".messagelist .success", has_text="طُبّق «النقل إلى قسم «ثقافة»» على خبرين.").wait_for()
    bulk([first], "tag_selected")
    editing.locator("#id_tag").select_option(label="معرض الكتاب")
    editing.locator("#desk-bulk-apply").click()
    editing.locator(".messagelist .success", has_text="على خبر واحد.").wait_for()
    bulk([first, later], "withdraw_selected")
    editing.locator("#desk-bulk-apply").click()  # no reason yet
    editing.locator(".errornote", has_text="اكتب سبب سحب الخبر.").wait_for()
    editing.locator("#id_note").fill("خطأ في موعد المعرض")
    editing.locator("#desk-bulk-apply").click()
    editing.locator(".messagelist .success", has_text="طُبّق «السحب» على خبرين.").wait_for()
    first.refresh_from_db()
    assert first.section == sport and first.status == Article.Status.WITHDRAWN
    assert [t.name for t in first.tags.all()] == ["معرض الكتاب"]
    assert Article.objects.get(pk=second.pk).section == sport

    # 6. The reporter was told of each step; «تعليم الكل مقروءاً» clears the count.
    desk.goto(site + "/admin/")
    # Two published, one scheduled, two withdrawn (moves and tags are edits, not steps).
    assert "5 تنبيهات غير مقروءة" in desk.locator("#front-unread").inner_text()
    desk.locator("#front-read-all").click()
    desk.locator("#front-notifications").wait_for()
    assert desk.locator("#front-unread").count() == 0
    assert not Notification.objects.filter(recipient=reporter, read_at__isnull=True).exists()
