import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles import publishing
from articles.models import Article, Correction, WorkflowEvent
from articles.publishing import TransitionNotAllowed

Status = Article.Status


@pytest.mark.django_db
def test_migration_creates_the_two_roles_without_any_power_over_users():
    editors, reporters = Group.objects.get(name="Editors"), Group.objects.get(name="Reporters")
    editor_perms = set(editors.permissions.values_list("codename", flat=True))
    reporter_perms = set(reporters.permissions.values_list("codename", flat=True))
    assert {"publish_article", "send_back_article", "correct_article", "edit_any_article"} <= editor_perms
    assert {"add_article", "change_article", "view_article"} <= reporter_perms
    assert not reporter_perms & {
        "publish_article",
        "send_back_article",
        "correct_article",
        "edit_any_article",
        "delete_article",
    }
    for group in (editors, reporters):
        assert not group.permissions.filter(content_type__app_label="auth").exists()


@pytest.mark.django_db
def test_the_whole_way_draft_review_back_review_published_withdrawn(draft, reporter, editor):
    publishing.submit(draft, reporter)
    assert draft.status == Status.REVIEW
    publishing.send_back(draft, editor, "المصدر الثاني ناقص")
    assert draft.status == Status.DRAFT
    publishing.submit(draft, reporter)
    publishing.publish(draft, editor)
    assert draft.is_public
    publishing.withdraw(draft, editor, "خطأ في الأرقام")
    draft.refresh_from_db()
    assert draft.status == Status.WITHDRAWN and not draft.is_public
    events = list(
        draft.workflow_events.values_list("transition", "from_status", "to_status", "user__username")
    )
    assert events == [
        ("submit", "draft", "review", "reporter"),
        ("send_back", "review", "draft", "editor"),
        ("submit", "draft", "review", "reporter"),
        ("publish", "review", "published", "editor"),
        ("withdraw", "published", "withdrawn", "editor"),
    ]
    assert draft.workflow_events.get(transition="send_back").note == "المصدر الثاني ناقص"
    assert draft.last_edited_by == editor


@pytest.mark.django_db
@pytest.mark.parametrize(
    "call",
    [
        lambda a, u: publishing.publish(a, u),
        lambda a, u: publishing.publish(a, u, at=timezone.now() + datetime.timedelta(hours=1)),
        lambda a, u: publishing.send_back(a, u, "ملاحظة"),
        lambda a, u: publishing.withdraw(a, u, "سبب"),
        lambda a, u: publishing.add_correction(a, u, "تصحيح"),
    ],
    ids=["publish", "schedule", "send_back", "withdraw", "correct"],
)
def test_reporter_cannot_make_an_editors_transition(make_article, reporter, call):
    for status in (Status.DRAFT, Status.REVIEW, Status.PUBLISHED):
        article = make_article(status=status)
        events = WorkflowEvent.objects.count()
        with pytest.raises(PermissionDenied) as refusal:
            call(article, reporter)
        assert "صلاحية" in str(refusal.value)
        article.refresh_from_db()
        assert article.status == status
        assert WorkflowEvent.objects.count() == events


@pytest.mark.django_db
def test_reporter_cannot_submit_someone_elses_draft(draft, other_reporter):
    with pytest.raises(PermissionDenied):
        publishing.submit(draft, other_reporter)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status,call",
    [
        (Status.REVIEW, lambda a, u: publishing.submit(a, u)),
        (Status.DRAFT, lambda a, u: publishing.send_back(a, u, "ملاحظة")),
        (Status.DRAFT, lambda a, u: publishing.withdraw(a, u, "سبب")),
        (Status.DRAFT, lambda a, u: publishing.add_correction(a, u, "تصحيح")),
        (Status.PUBLISHED, lambda a, u: publishing.publish(a, u)),
    ],
)
def test_transition_from_the_wrong_status_is_refused_in_arabic(make_article, editor, status, call):
    article = make_article(status=status)
    events = WorkflowEvent.objects.count()
    with pytest.raises(TransitionNotAllowed) as refusal:
        call(article, editor)
    assert any("\u0600" <= ch <= "\u06ff" for ch in str(refusal.value))
    assert WorkflowEvent.objects.count() == events


@pytest.mark.django_db
def test_send_back_and_withdraw_need_a_note(make_article, editor):
    with pytest.raises(TransitionNotAllowed):
        publishing.send_back(make_article(status=Status.REVIEW), editor, "  ")
    with pytest.raises(TransitionNotAllowed):
        publishing.withdraw(make_article(), editor, "")


@pytest.mark.django_db
def test_publish_without_a_user_is_the_systems_and_keeps_working(make_article):
    article = make_article(status=Status.DRAFT)
    at = timezone.now() - datetime.timedelta(days=3)
    event = publishing.publish(article, at=at)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.published_at == at
    assert event.user is None and event.transition == "publish"


@pytest.mark.django_db
def test_correction_is_recorded_changes_revised_at_and_shows_on_the_page(client, make_article, editor):
    article = make_article()
    assert article.revised_at is None
    correction = publishing.add_correction(
        article,
        editor,
        "الرقم الصحيح ١٢ لا ٢١",
        kind=Correction.Kind.CORRECTION,
        text_en="The figure is 12",
    )
    article.refresh_from_db()
    assert article.revised_at == correction.published_at
    assert correction.text_en == "The figure is 12" and correction.created_by == editor
    assert article.workflow_events.filter(transition="correct", user=editor).count() == 1
    page = client.get(article.get_absolute_url()).content.decode()
    assert "تصحيحات وتحديثات" in page and "الرقم الصحيح ١٢ لا ٢١" in page


@pytest.mark.django_db
def test_every_save_is_a_new_version(make_article):
    article = make_article(status=Status.DRAFT)
    before = article.version
    article.save()
    article.save(update_fields=["headline_ar"])
    article.refresh_from_db()
    assert article.version == before + 2
