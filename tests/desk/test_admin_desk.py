import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles import publishing
from articles.models import Article, Correction, EditLock, WorkflowEvent

from .conftest import change_url, form_data, new_story_form, press

Status = Article.Status
RIYADH = ZoneInfo("Asia/Riyadh")
ACTIONS = {
    "submit": {},
    "send_back": {"note": "ملاحظة"},
    "publish": {},
    "schedule": {"at": "2099-01-01T10:00"},
    "withdraw": {"note": "سبب"},
    "correct": {"text": "تصحيح", "kind": "correction"},
}


def lock_box_hidden(page):
    """Whether the "someone else is editing" box is hidden (the page holds the lock itself)."""
    start = page.index('id="desk-lock"')
    return "hidden" in page[start : page.index(">", start)]


def snapshot(article):
    article.refresh_from_db()
    return (
        article.status,
        article.published_at,
        article.version,
        article.workflow_events.count(),
        article.corrections.count(),
    )


# --- crafted requests -------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["send_back", "publish", "schedule", "withdraw", "correct"])
@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW, Status.PUBLISHED])
def test_reporters_crafted_post_for_an_editors_transition_is_403(
    login, reporter, make_article, action, status
):
    article = make_article(status=status)
    before = snapshot(article)
    response = press(login(reporter), article, action, ACTIONS[action])
    assert response.status_code == 403
    assert "صلاحية" in response.content.decode()
    assert snapshot(article) == before


@pytest.mark.django_db
@pytest.mark.parametrize("action", list(ACTIONS))
def test_anonymous_crafted_post_changes_nothing(client, make_article, action):
    article = make_article(status=Status.REVIEW if action == "send_back" else Status.DRAFT)
    before = snapshot(article)
    response = press(client, article, action, ACTIONS[action])
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert snapshot(article) == before


@pytest.mark.django_db
def test_reporter_cannot_submit_another_reporters_draft_by_crafted_post(login, other_reporter, draft):
    before = snapshot(draft)
    assert press(login(other_reporter), draft, "submit").status_code == 403
    assert snapshot(draft) == before


@pytest.mark.django_db
def test_reporter_edits_own_draft_but_not_once_it_is_in_review(login, reporter, draft):
    client = login(reporter)
    page = client.get(change_url(draft)).content.decode()
    assert 'name="_desk_action" value="submit"' in page
    assert 'value="publish"' not in page and 'value="schedule"' not in page
    response = client.post(change_url(draft), form_data(draft, headline_ar="عنوان المراسلة الجديد"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.headline_ar == "عنوان المراسلة الجديد" and draft.last_edited_by == reporter

    assert press(client, draft, "submit").status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW
    response = client.post(change_url(draft), form_data(draft, headline_ar="تعديل بعد الإرسال"))
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.headline_ar == "عنوان المراسلة الجديد"


@pytest.mark.django_db
def test_reporter_cannot_change_another_reporters_story(login, other_reporter, draft):
    response = login(other_reporter).post(change_url(draft), form_data(draft, headline_ar="سطو"))
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.headline_ar == "مسودة المراسلة"


@pytest.mark.django_db
def test_reporter_creates_a_story_and_is_its_author(login, reporter, section, author):
    response = login(reporter).post(
        reverse("admin:articles_article_add"),
        new_story_form(
            section,
            author,
            headline_ar="خبر المراسلة",
            body_ar="<p>نص</p>",
            # A crafted status is ignored: status only moves through transitions.
            status="published",
            published_at_0="2020-01-01",
            published_at_1="10:00",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(headline_ar="خبر المراسلة")
    assert article.created_by == reporter and article.status == Status.DRAFT and article.published_at is None


@pytest.mark.django_db
def test_editor_buttons_and_timeline(login, editor, reporter, draft):
    publishing.submit(draft, reporter)
    client = login(editor)
    response = press(client, draft, "send_back", {"note": "أضف مصدراً"})
    assert response.status_code == 302
    page = client.get(change_url(draft)).content.decode()
    assert "سجل مسار الخبر" in page and "أضف مصدراً" in page and "سارة المراسلة" in page
    assert "بتوقيت الرياض" in page


@pytest.mark.django_db
def test_wrong_status_via_admin_is_an_arabic_message_not_a_change(login, editor, make_article):
    article = make_article()
    before = snapshot(article)
    response = press(login(editor), article, "submit", follow=True)
    assert "لا يُرسل للمراجعة إلا خبر في حالة مسودة" in response.content.decode()
    assert snapshot(article) == before


@pytest.mark.django_db
def test_get_with_a_step_does_nothing(login, editor, make_article):
    article = make_article(status=Status.REVIEW)
    assert login(editor).get(change_url(article) + "?_desk_action=publish").status_code == 200
    article.refresh_from_db()
    assert article.status == Status.REVIEW


@pytest.mark.django_db
def test_correction_via_admin(login, editor, make_article, client):
    article = make_article()
    response = press(login(editor), article, "correct", {"kind": "update", "text": "أُضيفت تصريحات الوزير"})
    assert response.status_code == 302
    note = Correction.objects.get(article=article)
    assert note.kind == "update" and note.created_by == editor
    assert "أُضيفت تصريحات الوزير" in client.get(article.get_absolute_url()).content.decode()


# --- scheduling --------------------------------------------------------------------------


@pytest.mark.django_db
def test_schedule_in_riyadh_time_and_the_story_appears_on_time(login, editor, client, make_article):
    article = make_article(status=Status.REVIEW)
    start = datetime.datetime(2030, 3, 1, 9, 0, tzinfo=RIYADH)
    with time_machine.travel(start, tick=False) as clock:
        response = press(login(editor), article, "schedule", {"at": "2030-03-01T09:02"})
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.status == Status.PUBLISHED
        assert article.published_at == datetime.datetime(2030, 3, 1, 6, 2, tzinfo=datetime.UTC)
        assert article.status_label == "مجدول"
        assert article.workflow_events.last().transition == "schedule"
        url = article.get_absolute_url()
        assert client.get(url).status_code == 404
        assert "مجدول" in login(editor).get(reverse("admin:articles_article_changelist")).content.decode()
        clock.shift(datetime.timedelta(minutes=2))
        assert client.get(url).status_code == 200
        assert article in Article.objects.published()


@pytest.mark.django_db
@pytest.mark.parametrize("at", ["", "غداً", "2000-01-01T10:00"])
def test_bad_or_past_schedule_time_is_refused_in_arabic(login, editor, make_article, at):
    article = make_article(status=Status.REVIEW)
    before = snapshot(article)
    response = press(login(editor), article, "schedule", {"at": at}, follow=True)
    page = response.content.decode()
    assert "وقت الجدولة غير صالح" in page or "اختر وقتاً في المستقبل" in page
    assert snapshot(article) == before


@pytest.mark.django_db
def test_scheduled_story_can_be_published_now_or_rescheduled(login, editor, make_article):
    article = make_article(status=Status.REVIEW)
    client = login(editor)
    press(client, article, "schedule", {"at": "2099-01-01T10:00"})
    press(client, article, "publish")
    article.refresh_from_db()
    assert article.is_public


# --- stale saves -------------------------------------------------------------------------


@pytest.mark.django_db
def test_stale_save_is_refused_naming_who_saved_and_keeps_the_text(
    login, editor, second_editor, make_article
):
    article = make_article(status=Status.REVIEW)
    first, second = login(editor), login(second_editor)
    opened_by_second = form_data(article)  # second editor opens the story (version N)
    response = first.post(change_url(article), form_data(article, headline_ar="عنوان المحررة الأولى"))
    assert response.status_code == 302

    mine = "نص المحرر الثاني الذي لا يجوز أن يضيع"
    response = second.post(change_url(article), {**opened_by_second, "body_ar": f"<p>{mine}</p>"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "لم يُحفظ نصك" in page and "منى المحررة" in page
    assert mine in page  # the editor's text is still in the form
    article.refresh_from_db()
    assert article.headline_ar == "عنوان المحررة الأولى" and mine not in article.body_ar
    # The re-rendered form now carries the current version: saving again is deliberate, and works.
    assert f'name="version" value="{article.version}"' in page
    again = {**opened_by_second, "body_ar": f"<p>{mine}</p>", "version": article.version}
    assert second.post(change_url(article), again).status_code == 302
    article.refresh_from_db()
    assert mine in article.body_ar


@pytest.mark.django_db
def test_save_without_version_is_refused(login, editor, make_article):
    article = make_article(status=Status.REVIEW)
    data = form_data(article, headline_ar="بلا رقم نسخة")
    del data["version"]
    assert login(editor).post(change_url(article), data).status_code == 200
    article.refresh_from_db()
    assert article.headline_ar != "بلا رقم نسخة"


# --- edit locks --------------------------------------------------------------------------


@pytest.mark.django_db
def test_lock_shows_who_edits_refuses_their_save_and_can_be_taken_over(
    login, editor, second_editor, make_article
):
    article = make_article(status=Status.REVIEW)
    first, second = login(editor), login(second_editor)
    assert lock_box_hidden(first.get(change_url(article)).content.decode())
    assert EditLock.objects.get(article=article).user == editor

    page = second.get(change_url(article)).content.decode()
    assert not lock_box_hidden(page)
    assert "يحرر هذا الخبر الآن:" in page and "منى المحررة" in page and "تولي التحرير" in page
    response = second.post(change_url(article), form_data(article, headline_ar="محاولة أثناء القفل"))
    assert response.status_code == 200 and "يحرر هذا الخبر الآن" in response.content.decode()
    article.refresh_from_db()
    assert article.headline_ar != "محاولة أثناء القفل"

    # Taking over is a button of the same form: the typed text comes back, not the stored one.
    taken = second.post(
        change_url(article), form_data(article, headline_ar="بعد التولي", _desk_take_over="1")
    )
    assert taken.status_code == 200
    assert (
        'value="بعد التولي"' in taken.content.decode() and "توليت تحرير هذا الخبر" in taken.content.decode()
    )
    assert EditLock.objects.get(article=article).user == second_editor
    article.refresh_from_db()
    assert article.headline_ar != "بعد التولي"  # taking over alone saves nothing
    assert second.post(change_url(article), form_data(article, headline_ar="بعد التولي")).status_code == 302
    # The first editor's heartbeat now learns who has the story.
    beat = first.post(reverse("admin:articles_article_desk_lock", args=[article.pk])).json()
    assert beat == {"mine": True, "holder": ""}  # lock was released by the save, so it is free again


@pytest.mark.django_db
def test_lock_expires_on_its_own_and_heartbeat_keeps_it(login, editor, second_editor, make_article, settings):
    settings.NEWSROOM_EDIT_LOCK_SECONDS = 120
    article = make_article(status=Status.REVIEW)
    first, second = login(editor), login(second_editor)
    lock_url = reverse("admin:articles_article_desk_lock", args=[article.pk])
    with time_machine.travel(timezone.now(), tick=False) as clock:
        first.get(change_url(article))
        clock.shift(datetime.timedelta(seconds=90))
        assert first.post(lock_url).json()["mine"] is True  # heartbeat refreshes
        clock.shift(datetime.timedelta(seconds=90))
        assert second.post(lock_url).json() == {"mine": False, "holder": "منى المحررة"}
        clock.shift(datetime.timedelta(seconds=121))  # no heartbeat for longer than the lifetime
        assert lock_box_hidden(second.get(change_url(article)).content.decode())
        assert EditLock.objects.get(article=article).user == second_editor
        assert first.post(lock_url).json() == {"mine": False, "holder": "عمر المحرر"}


@pytest.mark.django_db
def test_view_only_reporter_takes_no_lock(login, reporter, make_article):
    article = make_article(status=Status.REVIEW)
    assert login(reporter).get(change_url(article)).status_code == 200
    assert not EditLock.objects.exists()
    lock_url = reverse("admin:articles_article_desk_lock", args=[article.pk])
    assert login(reporter).post(lock_url).status_code == 403
    take_over = form_data(article, _desk_take_over="1")
    assert login(reporter).post(change_url(article), take_over).status_code == 403
    assert not EditLock.objects.exists()


# --- events are all recorded ------------------------------------------------------------


@pytest.mark.django_db
def test_every_admin_transition_records_one_event(login, editor, reporter, draft):
    press(login(reporter), draft, "submit")
    client = login(editor)
    press(client, draft, "publish")
    press(client, draft, "correct", {"text": "تصحيح", "kind": "correction"})
    press(client, draft, "withdraw", {"note": "سبب"})
    press(client, draft, "send_back", {"note": "أعد الكتابة"})
    assert list(WorkflowEvent.objects.filter(article=draft).values_list("transition", flat=True)) == [
        "submit",
        "publish",
        "correct",
        "withdraw",
        "send_back",
    ]


@pytest.mark.django_db
def test_submitting_frees_the_reporters_lock(login, reporter, draft):
    client = login(reporter)
    client.get(change_url(draft))
    assert EditLock.objects.filter(article=draft, user=reporter).exists()
    press(client, draft, "submit")
    assert not EditLock.objects.exists()


@pytest.mark.django_db
def test_change_page_and_list_query_counts(login, editor, make_article, django_assert_max_num_queries):
    article = make_article()
    publishing.add_correction(article, editor, "تصحيح")
    client = login(editor)
    client.get(change_url(article))  # warm the session and the lock
    with django_assert_max_num_queries(22):
        assert client.get(change_url(article)).status_code == 200
    for n in range(5):
        make_article(f"خبر {n}")
    with django_assert_max_num_queries(14):
        assert client.get(reverse("admin:articles_article_changelist")).status_code == 200


@pytest.mark.django_db
def test_an_edit_to_a_live_story_is_an_update_readers_are_told_about(login, editor, make_article, client):
    story = make_article(body_ar="<p>نص أول</p>")
    desk = login(editor)
    # Saving without changing the text is not an update.
    assert desk.post(change_url(story), form_data(story)).status_code == 302
    story.refresh_from_db()
    assert story.revised_at is None
    assert "حُدّث" not in client.get(story.get_absolute_url()).content.decode()
    # Changing what readers read is.
    assert desk.post(change_url(story), form_data(story, body_ar="<p>نص معدّل</p>")).status_code == 302
    story.refresh_from_db()
    assert story.revised_at is not None and story.revised_at > story.published_at
    assert "حُدّث" in client.get(story.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_editing_a_draft_or_a_scheduled_story_is_not_an_update(login, editor, make_article):
    draft = make_article(status=Status.DRAFT)
    later = make_article(published_at=timezone.now() + datetime.timedelta(hours=3))
    desk = login(editor)
    for story in (draft, later):
        assert desk.post(change_url(story), form_data(story, headline_ar="عنوان جديد")).status_code == 302
        story.refresh_from_db()
        assert story.headline_ar == "عنوان جديد" and story.revised_at is None


@pytest.mark.django_db
def test_the_form_shows_the_publication_time_in_riyadh_time_and_says_so(
    login, editor, make_article, settings
):
    settings.TIME_ZONE = "UTC"  # the server's zone does not matter: the desk reads Riyadh time
    story = make_article(published_at=datetime.datetime(2026, 1, 1, 7, 0, tzinfo=datetime.UTC))
    page = login(editor).get(change_url(story)).content.decode()
    assert "وقت النشر (بتوقيت الرياض)" in page
    assert "2026-01-01 10:00" in page
