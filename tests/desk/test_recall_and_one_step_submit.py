"""Issue 25 (D12): a reporter sends a new story for review in one step from the unsaved form,
and pulls her own story back from review while no editor has it open (the "recall" step of
the one transition table)."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from articles import locks, publishing
from articles.desk import notifications
from articles.desk.front_page import front_page
from articles.desk.models import Autosave, Notification
from articles.models import Article, WorkflowEvent

from .conftest import change_url, new_story_form

pytestmark = pytest.mark.django_db
Status = Article.Status
ADD_URL = reverse("admin:articles_article_add")


def step_url(article):
    return reverse("admin:articles_article_desk_step", args=[article.pk])


def new_story(section, author, **changes):
    typed = {
        "headline_ar": "خبر جديد من المراسلة",
        "body_ar": "<p>نص الخبر الجديد</p>",
        "_desk_action": "submit",
    }
    return new_story_form(section, author, **{**typed, **changes})


# Recall, in publishing


def test_the_reporter_recalls_her_story_and_the_editors_are_told(review, reporter, editor):
    publishing.recall(review, reporter)
    review.refresh_from_db()
    assert review.status == Status.DRAFT
    event = review.workflow_events.latest("at")
    assert (event.transition, event.from_status, event.to_status, event.user) == (
        WorkflowEvent.Transition.RECALL,
        Status.REVIEW,
        Status.DRAFT,
        reporter,
    )
    told = Notification.objects.filter(kind=Notification.Kind.RECALL)
    assert [n.recipient for n in told] == [editor]
    sentence = front_page(editor).notifications[0].text
    assert sentence.startswith("استُرجع الخبر «مسودة المراسلة» من المراجعة"), sentence
    # She can edit it again.
    assert publishing.can_edit(reporter, review)


def test_no_recall_while_an_editor_has_it_open(review, reporter, editor):
    locks.acquire(review, editor)
    with pytest.raises(publishing.TransitionNotAllowed, match="منى المحررة"):
        publishing.recall(review, reporter)
    review.refresh_from_db()
    assert review.status == Status.REVIEW
    assert "recall" not in {step.name for step in publishing.available_transitions(review, reporter)}
    # Once the editor has closed it, she may.
    locks.release(review, editor)
    assert "recall" in {step.name for step in publishing.available_transitions(review, reporter)}


def test_only_the_writer_recalls(review, other_reporter, editor):
    for someone in (other_reporter, editor):
        with pytest.raises(PermissionDenied):
            publishing.recall(review, someone)
    review.refresh_from_db()
    assert review.status == Status.REVIEW and not review.workflow_events.filter(transition="recall").exists()


def test_only_a_story_in_review_is_recalled(draft, reporter):
    with pytest.raises(publishing.TransitionNotAllowed):
        publishing.recall(draft, reporter)


# Recall, on the desk


def test_the_read_only_page_offers_recall_and_it_works(login, review, reporter, editor):
    client = login(reporter)
    page = client.get(change_url(review)).content.decode()
    assert "desk-read-only" in page and 'value="recall"' in page
    response = client.post(step_url(review), {"_desk_action": "recall"}, follow=True)
    review.refresh_from_db()
    assert review.status == Status.DRAFT
    page = response.content.decode()
    assert "استُرجع من المراجعة" in page  # the message, then the timeline
    assert 'name="headline_ar"' in page  # her form again, to edit
    # Not listed as sent back on her front page: nobody sent it back.
    desk = front_page(reporter)
    assert [item.article_id for item in desk.my_drafts] == [review.pk] and desk.sent_back == []


def test_an_editor_reading_it_holds_the_recall_back_with_the_reason(login, review, reporter, editor):
    login(editor).get(change_url(review))  # the editor opens it: her lock
    client = login(reporter)
    page = client.get(change_url(review)).content.decode()
    assert 'value="recall"' not in page and "يراجعه منى المحررة" in page
    # A press from a page opened before the editor came: refused, said, nothing moved.
    response = client.post(step_url(review), {"_desk_action": "recall"}, follow=True)
    assert "يراجعه منى المحررة" in response.content.decode()
    review.refresh_from_db()
    assert review.status == Status.REVIEW and Notification.objects.filter(kind="recall").count() == 0


def test_the_step_address_takes_only_steps_without_a_form(login, review, reporter, editor, other_reporter):
    # Publishing through it is not possible, even for an editor.
    login(editor).post(step_url(review), {"_desk_action": "publish"})
    review.refresh_from_db()
    assert review.status == Status.REVIEW
    # Someone else's story: refused in Arabic, a 403.
    response = login(other_reporter).post(step_url(review), {"_desk_action": "recall"})
    assert response.status_code == 403
    assert login(reporter).get(step_url(review)).status_code == 405


def test_a_story_sent_back_then_resubmitted_then_recalled_carries_no_old_note(review, reporter, editor):
    publishing.send_back(review, editor, "أضف مصدراً")
    publishing.submit(review, reporter)
    publishing.recall(review, reporter)
    desk = front_page(reporter)
    assert desk.sent_back == [] and [item.article_id for item in desk.my_drafts] == [review.pk]
    assert notifications.send_back_note(review) is None


# One-step submit from the add form


def test_the_add_form_offers_send_for_review(login, reporter):
    page = login(reporter).get(ADD_URL).content.decode()
    assert 'name="_desk_action" value="submit"' in page and "احفظ وأرسل للمراجعة" in page


def test_a_new_story_is_saved_and_sent_for_review_in_one_press(
    login, reporter, editor, section, author, django_capture_on_commit_callbacks
):
    editor.email = "mona@example.com"
    editor.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = login(reporter).post(ADD_URL, new_story(section, author))
    story = Article.objects.get(headline_ar="خبر جديد من المراسلة")
    assert response.status_code == 302 and response["Location"].startswith(change_url(story))
    assert story.status == Status.REVIEW and story.created_by == reporter
    assert list(story.bylines.values_list("author", flat=True)) == [author.pk]
    assert [e.transition for e in story.workflow_events.all()] == [WorkflowEvent.Transition.SUBMIT]
    assert Notification.objects.get(kind="submit").recipient == editor
    assert len(mail.outbox) == 1
    assert not Autosave.objects.filter(user=reporter).exists()  # the story is saved: no draft left


def test_a_refused_new_story_keeps_the_text_and_sends_nothing(login, reporter, section, author):
    client = login(reporter)
    response = client.post(ADD_URL, new_story(section, author, headline_ar="", standfirst_ar="موجز كتبته"))
    assert response.status_code == 200
    assert "موجز كتبته" in response.content.decode()
    assert not Article.objects.exists() and not WorkflowEvent.objects.exists()
    # Kept as her draft of a new story, offered back if she leaves.
    assert Autosave.objects.get(user=reporter, article=None).data["standfirst_ar"] == "موجز كتبته"


def test_a_new_story_takes_no_other_step(login, editor, section, author):
    response = login(editor).post(ADD_URL, new_story(section, author, _desk_action="publish"))
    assert response.status_code == 200
    assert "احفظ الخبر أولاً" in response.content.decode()
    assert not Article.objects.exists()
