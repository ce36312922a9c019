"""Notifications: who is told about each step, the email (Arabic, a link to the story, only
after the commit), the front page's block, marking read, and the send-back note at the top
of the story's form."""

import datetime

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone, translation

from articles import publishing
from articles.desk import notifications
from articles.desk.models import Notification
from articles.models import Article, Author, Byline, WorkflowEvent

from .conftest import change_url, press

INDEX = reverse("admin:index")


def told(kind=None):
    rows = Notification.objects.all()
    if kind:
        rows = rows.filter(kind=kind)
    return sorted(rows.values_list("recipient__username", flat=True))


@pytest.fixture
def people(reporter, other_reporter, editor, second_editor):
    for user in (reporter, other_reporter, editor, second_editor):
        user.email = f"{user.username}@example.org"
        user.save()
    return reporter, other_reporter, editor, second_editor


@pytest.fixture
def story(draft, other_reporter, people):
    """The reporter's draft, with the other reporter's author record in its byline too."""
    co_author = Author.objects.create(name_ar="خالد المراسل", user=other_reporter)
    Byline.objects.create(article=draft, author=co_author, position=1)
    return draft


@pytest.mark.django_db
def test_submit_tells_the_editors_by_email_after_the_commit(
    story, reporter, login, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = press(login(reporter), story, "submit")
        assert response.status_code == 302
        assert mail.outbox == []  # nothing is sent before the step is committed
    assert told("submit") == ["editor", "editor2"]
    for callback in callbacks:
        callback()
    assert sorted(message.to[0] for message in mail.outbox) == ["editor2@example.org", "editor@example.org"]
    message = mail.outbox[0]
    assert message.subject == "[نيوزروم] للمراجعة: مسودة المراسلة"
    assert "أُرسل الخبر «مسودة المراسلة» للمراجعة (سارة المراسلة)." in message.body
    assert message.body.startswith("مرحباً منى المحررة،") or message.body.startswith("مرحباً عمر المحرر،")
    assert f"http://127.0.0.1:8000{change_url(story)}" in message.body


@pytest.mark.django_db
def test_send_back_tells_the_reporters_with_the_note(
    story, reporter, editor, login, django_capture_on_commit_callbacks
):
    publishing.submit(story, reporter)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        response = press(login(editor), story, "send_back", {"note": "أضف مصدراً للرقم في الفقرة الثانية"})
    assert response.status_code == 302
    # The one who started it and the byline's linked user; never the editor who sent it back.
    assert told("send_back") == ["reporter", "reporter2"]
    assert set(Notification.objects.values_list("note", flat=True)) == {"أضف مصدراً للرقم في الفقرة الثانية"}
    assert set(Notification.objects.values_list("actor__username", flat=True)) == {"editor"}
    assert sorted(m.to[0] for m in mail.outbox) == ["reporter2@example.org", "reporter@example.org"]
    body = mail.outbox[0].body
    assert mail.outbox[0].subject == "[نيوزروم] أُعيد إليك: مسودة المراسلة"
    assert "أُعيد الخبر «مسودة المراسلة» إلى المراسل (منى المحررة)." in body
    assert "ملاحظة المحرر:\nأضف مصدراً للرقم في الفقرة الثانية" in body


@pytest.mark.django_db
def test_publish_tells_the_reporters_and_everyone_who_moved_the_story(
    story, reporter, editor, second_editor, login, django_capture_on_commit_callbacks
):
    publishing.submit(story, reporter)
    publishing.send_back(story, editor, "راجع العنوان")
    publishing.submit(story, reporter)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        press(login(second_editor), story, "publish")
    story.refresh_from_db()
    assert story.is_public
    # Reporters (starter + byline user) and the editor who sent it back; not the publisher.
    assert told("publish") == ["editor", "reporter", "reporter2"]
    assert {m.subject for m in mail.outbox} == {"[نيوزروم] نُشر: مسودة المراسلة"}


@pytest.mark.django_db
def test_schedule_withdraw_and_correction_are_told_too(
    story, reporter, editor, second_editor, django_capture_on_commit_callbacks
):
    at = timezone.now() + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.perform("schedule", story, editor, at=timezone.localtime(at).strftime("%Y-%m-%dT%H:%M"))
    assert told("schedule") == ["reporter", "reporter2"]
    assert "للنشر في" in mail.outbox[0].body and "بتوقيت الرياض (منى المحررة)" in mail.outbox[0].body
    publishing.publish(story, editor)
    Notification.objects.all().delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publishing.add_correction(story, second_editor, "صُحّح اسم الجهة")
    # The reporters and the editor who scheduled and published it.
    assert told("correct") == ["editor", "reporter", "reporter2"]
    assert "نص التصحيح:\nصُحّح اسم الجهة" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        publishing.withdraw(story, editor, "خطأ في الرقم")
    assert told("withdraw") == ["editor2", "reporter", "reporter2"]


@pytest.mark.django_db
def test_a_refused_step_tells_no_one(story, reporter, editor, login, django_capture_on_commit_callbacks):
    publishing.submit(story, reporter)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        # No note: the form comes back with the reason, nothing saved, nobody told.
        response = press(login(editor), story, "send_back", {"note": "  "}, headline_ar="عنوان جديد")
        assert response.status_code == 200
        # A reporter pressing publish: a 403.
        assert press(login(reporter), story, "publish").status_code == 403
    # The refused form's text is kept as the editor's autosave (issue 25), a desk-only write:
    # nothing is told to anyone and nothing waits for the commit.
    assert Notification.objects.count() == 0 and mail.outbox == [] and callbacks == []
    story.refresh_from_db()
    assert story.status == Article.Status.REVIEW and story.headline_ar == "مسودة المراسلة"


@pytest.mark.django_db
def test_a_step_rolled_back_after_it_was_taken_leaves_no_notification(
    story, reporter, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                publishing.submit(story, reporter)
                assert Notification.objects.count() == 2
                raise RuntimeError("the request failed after the step")
    assert Notification.objects.count() == 0 and mail.outbox == []


@pytest.mark.django_db
def test_the_system_notifies_no_one_and_people_without_email_only_on_the_desk(
    story, reporter, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(story)  # load_demo, import_story --publish
    assert Notification.objects.count() == 0 and mail.outbox == []
    editor.email = ""
    editor.save()
    other = Article.objects.create(
        headline_ar="خبر آخر", body_ar="<p>نص</p>", section=story.section, created_by=reporter
    )
    with django_capture_on_commit_callbacks(execute=True):
        publishing.submit(other, reporter)
    assert told("submit") == ["editor", "editor2"]
    assert [m.to for m in mail.outbox] == [["editor2@example.org"]]


@pytest.mark.django_db
def test_inactive_and_non_staff_people_are_not_told(story, reporter, editor, second_editor):
    second_editor.is_active = False
    second_editor.save()
    publishing.submit(story, reporter)
    assert told("submit") == ["editor"]


@pytest.mark.django_db
def test_the_email_is_arabic_whatever_language_the_actor_uses(
    story, reporter, django_capture_on_commit_callbacks
):
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        publishing.submit(story, reporter)
    assert mail.outbox[0].subject == "[نيوزروم] للمراجعة: مسودة المراسلة"
    assert "افتح الخبر في غرفة الأخبار:" in mail.outbox[0].body
    # The desk itself shows the sentence in the reader's chosen language.
    with translation.override("en"):
        assert notifications.sentence("submit", "Sara", "X") == "Sara sent the story “X” for review."


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


@pytest.mark.django_db
def test_a_mail_server_that_is_down_does_not_undo_the_step(
    story, reporter, settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        publishing.submit(story, reporter)
    story.refresh_from_db()
    assert story.status == Article.Status.REVIEW and told("submit") == ["editor", "editor2"]
    assert "notification emails not sent" in caplog.text


@pytest.mark.django_db
def test_a_headline_with_a_newline_cannot_break_the_mail_header(
    story, reporter, django_capture_on_commit_callbacks
):
    Article.objects.filter(pk=story.pk).update(headline_ar="سطر\nBcc: x@evil.example")
    story.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        publishing.submit(story, reporter)
    from email.header import decode_header, make_header

    message = mail.outbox[0].message()
    subject = str(make_header(decode_header(message["Subject"])))
    assert message["Bcc"] is None and subject == "[نيوزروم] للمراجعة: سطر Bcc: x@evil.example"


# The front page
@pytest.mark.django_db
def test_the_front_page_lists_notifications_with_the_unread_count(
    story, reporter, editor, login, django_assert_max_num_queries
):
    publishing.submit(story, reporter)
    publishing.send_back(story, editor, "أضف مصدراً")
    client = login(reporter)
    html = client.get(INDEX).content.decode()
    assert 'id="front-notifications"' in html
    assert "تنبيه واحد غير مقروء" in html
    assert "أُعيد الخبر «مسودة المراسلة» إلى المراسل (منى المحررة)." in html and "أضف مصدراً" in html
    notice = Notification.objects.get(recipient=reporter)
    assert reverse("admin:articles_article_notification_open", args=[notice.pk]) in html
    # More notifications cost no more queries.
    with django_assert_max_num_queries(30) as one:
        client.get(INDEX)
    for n in range(6):
        extra = Article.objects.create(
            headline_ar=f"خبر {n}", body_ar="<p>ن</p>", section=story.section, created_by=reporter
        )
        publishing.submit(extra, reporter)
        publishing.send_back(extra, editor, f"ملاحظة {n}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        html = client.get(INDEX).content.decode()
    assert "7 تنبيهات غير مقروءة" in html


@pytest.mark.django_db
def test_opening_a_notification_marks_it_read_and_opens_the_story(story, reporter, editor, login):
    publishing.submit(story, reporter)
    publishing.send_back(story, editor, "أضف مصدراً")
    notice = Notification.objects.get(recipient=reporter)
    open_url = reverse("admin:articles_article_notification_open", args=[notice.pk])
    # Someone else's notification: not found, and still unread.
    assert login(editor).get(open_url).status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None
    for bad in ("9" * 30, "0"):
        assert login(reporter).get(f"/admin/articles/article/notifications/{bad}/open/").status_code == 404
    response = login(reporter).get(open_url)
    assert response.status_code == 302 and response["Location"] == change_url(story)
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert "غير مقروء" not in login(reporter).get(INDEX).content.decode()


@pytest.mark.django_db
def test_dismissing_one_or_all(story, reporter, editor, second_editor, login):
    publishing.submit(story, reporter)
    other = Article.objects.create(
        headline_ar="خبر ثان", body_ar="<p>ن</p>", section=story.section, created_by=reporter
    )
    publishing.submit(other, reporter)
    mine = list(Notification.objects.filter(recipient=editor).order_by("pk"))
    theirs = Notification.objects.get(recipient=second_editor, story=story)
    read = reverse("admin:articles_article_notifications_read")
    client = login(editor)
    assert client.get(read).status_code == 405
    # Another person's id, nonsense and a NUL change nothing.
    for bad in (str(theirs.pk), "abc", "1\x00", "9" * 40, "-1"):
        assert client.post(read, {"id": bad}).status_code in (302, 400)  # the NUL: 400 before any view
    assert Notification.objects.filter(read_at__isnull=False).count() == 0
    client.post(read, {"id": mine[0].pk})
    assert [n.read_at is not None for n in Notification.objects.filter(recipient=editor).order_by("pk")] == [
        True,
        False,
    ]
    client.post(read, {"all": "1"})
    assert not Notification.objects.filter(recipient=editor, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


@pytest.mark.django_db
def test_opening_the_story_marks_its_notifications_read(story, reporter, editor, login):
    publishing.submit(story, reporter)
    publishing.send_back(story, editor, "أضف مصدراً")
    assert login(reporter).get(change_url(story)).status_code == 200
    assert not Notification.objects.filter(recipient=reporter, read_at__isnull=True).exists()


# The send-back note at the top of the form
@pytest.mark.django_db
def test_the_send_back_note_is_at_the_top_of_the_form_until_submitted_again(story, reporter, editor, login):
    publishing.submit(story, reporter)
    assert 'id="desk-send-back"' not in login(editor).get(change_url(story)).content.decode()
    publishing.send_back(story, editor, "العنوان طويل؛ اختصره")
    html = login(reporter).get(change_url(story)).content.decode()
    note = html.index('id="desk-send-back"')
    assert note < html.index('id="desk-title"') < html.index('name="headline_ar"')
    block = html[note : html.index("</section>", note)]
    assert "العنوان طويل؛ اختصره" in block and "منى المحررة" in block
    event = WorkflowEvent.objects.filter(transition="send_back").get()
    from articles.dates import desk_time

    assert desk_time(event.at) in block
    # Editors opening the story see it too; after the story is submitted again, it is gone.
    assert 'id="desk-send-back"' in login(editor).get(change_url(story)).content.decode()
    press(login(reporter), story, "submit")
    story.refresh_from_db()
    assert notifications.send_back_note(story) is None
    assert 'id="desk-send-back"' not in login(editor).get(change_url(story)).content.decode()
    # Sent back again: the new note, not the old one.
    publishing.send_back(story, editor, "شكراً؛ بقي المصدر")
    html = login(reporter).get(change_url(story)).content.decode()
    block = html[html.index('id="desk-send-back"') :]
    assert "شكراً؛ بقي المصدر" in block[: block.index("</section>")]
    assert "العنوان طويل" not in block[: block.index("</section>")]


@pytest.mark.django_db
def test_a_refused_save_keeps_the_note_on_top(story, reporter, editor, login):
    publishing.submit(story, reporter)
    publishing.send_back(story, editor, "أضف مصدراً")
    # Submitting with a stale version: the form comes back (200) with the note still on top.
    response = press(login(reporter), story, "submit", version=0)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index('id="desk-send-back"') < html.index('id="desk-title"')
