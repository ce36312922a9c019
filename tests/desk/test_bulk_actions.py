"""Bulk actions in the story list: the single step's permission and transition checks for
each story, refusals listed with the reason and left untouched, bad input refused in Arabic
(never a 500), and a query count that grows by a fixed amount per story."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from articles.dates import desk_zone
from articles.desk import bulk
from articles.desk.models import Notification
from articles.models import Article, EditLock, Section, Tag, WorkflowEvent

LIST = reverse("admin:articles_article_changelist")
Status = Article.Status


def act(client, action, stories, follow=True, **inputs):
    """Post the list's action form (or, with inputs, the intermediate page's form)."""
    data = {"action": action, "_selected_action": [getattr(s, "pk", s) for s in stories], **inputs}
    if not inputs:
        data["index"] = "0"
    return client.post(LIST, data, follow=follow)


def said(response):
    return (
        [str(m) for m in get_messages(response.wsgi_request)]
        if response.context is None
        else [str(m) for m in response.context["messages"]]
    )


def status_of(*stories):
    return [Article.objects.get(pk=s.pk).status for s in stories]


def desk_input(moment):
    return timezone.localtime(moment, desk_zone()).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def stories(make_article, reporter, other_reporter):
    return {
        "draft": make_article("مسودة أولى", status=Status.DRAFT, created_by=reporter),
        "review": make_article("خبر للمراجعة", status=Status.REVIEW, created_by=reporter),
        "published": make_article("خبر منشور", created_by=other_reporter),
        "others_draft": make_article("مسودة زميل", status=Status.DRAFT, created_by=other_reporter),
    }


# Publish
@pytest.mark.django_db
def test_an_editor_publishes_what_may_be_published_and_is_told_about_the_rest(stories, editor, login):
    response = act(
        login(editor), "publish_selected", [stories["draft"], stories["review"], stories["published"]]
    )
    assert response.status_code == 200
    assert status_of(stories["draft"], stories["review"]) == [Status.PUBLISHED, Status.PUBLISHED]
    assert Article.objects.get(pk=stories["draft"].pk).is_public
    messages = said(response)
    assert "طُبّق «النشر» على خبرين." in messages
    assert "لم يُطبَّق «النشر» على «خبر منشور»: هذا الخبر منشور فعلاً." in messages
    # The same step as the form's button: recorded, and the reporter told.
    assert WorkflowEvent.objects.filter(transition="publish", user=editor).count() == 2
    assert Notification.objects.filter(kind="publish", recipient__username="reporter").count() == 2


@pytest.mark.django_db
def test_a_reporter_is_not_offered_publishing_and_a_crafted_request_changes_nothing(stories, reporter, login):
    client = login(reporter)
    html = client.get(LIST).content.decode()
    assert 'value="publish_selected"' not in html and 'value="schedule_selected"' not in html
    assert 'value="withdraw_selected"' not in html
    assert 'value="move_selected"' in html and 'value="tag_selected"' in html
    for action in ("publish_selected", "withdraw_selected"):
        response = act(client, action, [stories["draft"], stories["review"]])
        assert response.status_code == 200
    response = act(
        client,
        "schedule_selected",
        [stories["draft"]],
        at=desk_input(timezone.now() + datetime.timedelta(days=1)),
        apply="1",
    )
    assert response.status_code == 200
    assert status_of(stories["draft"], stories["review"]) == [Status.DRAFT, Status.REVIEW]
    assert not WorkflowEvent.objects.filter(user=reporter).exists()


@pytest.mark.django_db
def test_a_superuser_publishes_too(stories, django_user_model, login):
    boss = django_user_model.objects.create_superuser("boss", "boss@example.org", "x-desk-test-9")
    response = act(login(boss), "publish_selected", [stories["draft"], stories["others_draft"]])
    assert status_of(stories["draft"], stories["others_draft"]) == [Status.PUBLISHED, Status.PUBLISHED]
    assert "طُبّق «النشر» على خبرين." in said(response)


@pytest.mark.django_db
def test_a_story_someone_else_is_editing_is_left_alone(stories, editor, second_editor, login):
    EditLock.objects.create(article=stories["review"], user=second_editor)
    response = act(login(editor), "publish_selected", [stories["draft"], stories["review"]])
    assert status_of(stories["draft"], stories["review"]) == [Status.PUBLISHED, Status.REVIEW]
    assert "لم يُطبَّق «النشر» على «خبر للمراجعة»: يحرر هذا الخبر الآن: عمر المحرر." in said(response)


@pytest.mark.django_db
def test_publishing_costs_a_fixed_number_of_queries_per_story(
    make_article, editor, login, django_assert_max_num_queries
):
    client = login(editor)
    client.get(LIST)  # sessions and permissions warmed as for any page

    def batch(n, tag):
        return [make_article(f"{tag} {i}", status=Status.REVIEW) for i in range(n)]

    two = batch(2, "أ")
    with django_assert_max_num_queries(60) as for_two:
        act(client, "publish_selected", two, follow=False)
    six = batch(6, "ب")
    per_story = 12
    with django_assert_max_num_queries(len(for_two.captured_queries) + 4 * per_story):
        act(client, "publish_selected", six, follow=False)
    assert set(status_of(*two, *six)) == {Status.PUBLISHED}


@pytest.mark.django_db
def test_too_many_stories_at_once_are_refused(stories, editor, login, monkeypatch):
    monkeypatch.setattr(bulk, "MAX_STORIES", 2)
    response = act(
        login(editor), "publish_selected", [stories["draft"], stories["review"], stories["others_draft"]]
    )
    assert "اختر 2 خبراً على الأكثر في الإجراء الواحد." in said(response)
    assert status_of(stories["draft"], stories["review"]) == [Status.DRAFT, Status.REVIEW]


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["abc", "1 OR 1=1", "-3", "9" * 40, "١٢"])
def test_tampered_story_ids_are_refused_not_a_500(stories, editor, login, bad):
    response = act(login(editor), "publish_selected", [stories["draft"].pk, bad])
    assert response.status_code == 200
    assert "اختيار الأخبار غير صالح: اخترها من القائمة مرة أخرى." in said(response)
    assert status_of(stories["draft"]) == [Status.DRAFT]


@pytest.mark.django_db
def test_ids_of_missing_stories_are_ignored(stories, editor, login):
    response = act(login(editor), "publish_selected", [stories["draft"].pk, 999999])
    assert status_of(stories["draft"]) == [Status.PUBLISHED]
    assert "طُبّق «النشر» على خبر واحد." in said(response)


# Schedule
@pytest.mark.django_db
def test_schedule_asks_for_a_time_then_schedules(stories, editor, login):
    client = login(editor)
    chosen = [stories["draft"], stories["review"], stories["published"]]
    page = act(client, "schedule_selected", chosen)
    html = page.content.decode()
    assert page.status_code == 200 and 'type="datetime-local"' in html and "بتوقيت الرياض" in html
    assert "مسودة أولى" in html and "خبر منشور" in html
    at = timezone.now() + datetime.timedelta(days=2)
    response = act(client, "schedule_selected", chosen, at=desk_input(at), apply="1")
    draft = Article.objects.get(pk=stories["draft"].pk)
    assert draft.is_scheduled and abs(draft.published_at - at) < datetime.timedelta(minutes=1)
    assert Article.objects.get(pk=stories["review"].pk).is_scheduled
    assert "طُبّق «الجدولة» على خبرين." in said(response)
    assert "لم يُطبَّق «الجدولة» على «خبر منشور»: هذا الخبر منشور فعلاً." in said(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed, reason",
    [
        ("", "اكتب تاريخ النشر وساعته."),
        ("غداً", "وقت الجدولة غير صالح: اكتب التاريخ والساعة بتوقيت الرياض."),
        ("2026-13-45T99:99", "وقت الجدولة غير صالح: اكتب التاريخ والساعة بتوقيت الرياض."),
        ("2020-01-01T10:00", "اختر وقتاً في المستقبل لجدولة الخبر."),
        ("2030-01-01T10:00\x00", "Null characters are not allowed."),
    ],
)
def test_a_bad_schedule_time_shows_the_page_again_with_the_reason(stories, editor, login, typed, reason):
    response = act(login(editor), "schedule_selected", [stories["draft"]], at=typed, apply="1")
    if "Null" in reason:
        assert response.status_code == 400  # refused before any view (articles/ops/middleware.py)
    else:
        assert response.status_code == 200
        html = response.content.decode()
        assert 'class="errornote"' in html and 'id="desk-bulk-form"' in html and reason in html
    assert status_of(stories["draft"]) == [Status.DRAFT]


# Withdraw
@pytest.mark.django_db
def test_withdraw_needs_a_reason_and_takes_only_what_is_out(stories, editor, login):
    client = login(editor)
    chosen = [stories["published"], stories["draft"]]
    response = act(client, "withdraw_selected", chosen, note="   ", apply="1")
    assert "اكتب سبب سحب الخبر." in response.content.decode()
    assert status_of(stories["published"]) == [Status.PUBLISHED]
    response = act(client, "withdraw_selected", chosen, note="خطأ في الأرقام", apply="1")
    assert status_of(*chosen) == [Status.WITHDRAWN, Status.DRAFT]
    assert WorkflowEvent.objects.get(transition="withdraw").note == "خطأ في الأرقام"
    assert "لم يُطبَّق «السحب» على «مسودة أولى»: لا يُسحب إلا خبر منشور أو مجدول." in said(response)


# Move to a section
@pytest.mark.django_db
def test_move_to_a_section_per_role(stories, reporter, editor, login):
    sport = Section.objects.create(name_ar="رياضة", name_en="Sport")
    page = act(login(reporter), "move_selected", [stories["draft"]])
    assert "رياضة" in page.content.decode() and 'name="section"' in page.content.decode()
    # A reporter: their own draft only, as the form lets them edit.
    chosen = [stories["draft"], stories["review"], stories["others_draft"]]
    response = act(login(reporter), "move_selected", chosen, section=sport.pk, apply="1")
    sections = {s.headline_ar: Article.objects.get(pk=s.pk).section_id for s in chosen}
    assert sections["مسودة أولى"] == sport.pk
    assert sections["خبر للمراجعة"] != sport.pk and sections["مسودة زميل"] != sport.pk
    messages = said(response)
    assert "طُبّق «النقل إلى قسم «رياضة»» على خبر واحد." in messages
    assert (
        "لم يُطبَّق «النقل إلى قسم «رياضة»» على «مسودة زميل»: ليست لديك صلاحية تحرير هذا الخبر في حالته الآن."
        in messages
    )
    # An editor: any story; one already there is said so and left.
    draft = Article.objects.get(pk=stories["draft"].pk)
    response = act(
        login(editor), "move_selected", [*chosen, stories["published"]], section=sport.pk, apply="1"
    )
    assert {Article.objects.get(pk=s.pk).section_id for s in [*chosen, stories["published"]]} == {sport.pk}
    assert "لم يُطبَّق «النقل إلى قسم «رياضة»» على «مسودة أولى»: الخبر في هذا القسم فعلاً." in said(response)
    # A form opened before the move is told someone saved since (a new version, by whom).
    moved = Article.objects.get(pk=stories["review"].pk)
    assert moved.version > stories["review"].version and moved.last_edited_by == editor
    assert Article.objects.get(pk=draft.pk).version == draft.version


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["", "abc", "999999", "1\x00", "-1", "9" * 30, "1.5"])
def test_a_bad_section_shows_the_page_again(stories, editor, login, bad):
    before = stories["draft"].section_id
    response = act(login(editor), "move_selected", [stories["draft"]], section=bad, apply="1")
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert 'class="errornote"' in response.content.decode()
    assert Article.objects.get(pk=stories["draft"].pk).section_id == before


# Add a tag
@pytest.mark.django_db
def test_add_a_tag(stories, reporter, editor, login):
    budget = Tag.objects.create(name_ar="الميزانية", name_en="Budget")
    stories["published"].tags.add(budget)
    page = act(login(editor), "tag_selected", [stories["draft"]])
    assert "الميزانية" in page.content.decode()
    response = act(
        login(editor), "tag_selected", [stories["draft"], stories["published"]], tag=budget.pk, apply="1"
    )
    assert list(Article.objects.get(pk=stories["draft"].pk).tags.all()) == [budget]
    assert "لم يُطبَّق «إضافة الوسم «الميزانية»» على «خبر منشور»: في الخبر هذا الوسم فعلاً." in said(response)
    # The story's search columns know the tag (the m2m signal ran).
    from articles.arabic import index_text

    assert (
        index_text("الميزانية").split()[0]
        in Article.objects.get(pk=stories["draft"].pk).search_names_ar.split()
    )
    # A reporter may not tag someone else's story.
    act(login(reporter), "tag_selected", [stories["others_draft"]], tag=budget.pk, apply="1")
    assert not Article.objects.get(pk=stories["others_draft"].pk).tags.exists()
    response = act(login(editor), "tag_selected", [stories["others_draft"]], tag="nope", apply="1")
    assert "هذا الوسم غير موجود؛ اختر وسماً من القائمة." in response.content.decode()


@pytest.mark.django_db
def test_a_superuser_may_take_every_bulk_action(stories, django_user_model, login):
    boss = login(django_user_model.objects.create_superuser("boss", "boss@example.org", "x-desk-test-9"))
    html = boss.get(LIST).content.decode()
    for action in (
        "publish_selected",
        "schedule_selected",
        "withdraw_selected",
        "move_selected",
        "tag_selected",
    ):
        assert f'value="{action}"' in html
    culture = Section.objects.create(name_ar="ثقافة", name_en="Culture")
    fair = Tag.objects.create(name_ar="معرض", name_en="Fair")
    everyone = list(stories.values())
    act(boss, "move_selected", everyone, section=culture.pk, apply="1")
    act(boss, "tag_selected", everyone, tag=fair.pk, apply="1")
    assert {Article.objects.get(pk=s.pk).section_id for s in everyone} == {culture.pk}
    assert Tag.objects.get(pk=fair.pk).articles.count() == 4
    at = desk_input(timezone.now() + datetime.timedelta(hours=5))
    act(boss, "schedule_selected", [stories["others_draft"]], at=at, apply="1")
    act(boss, "withdraw_selected", [stories["published"]], note="سحب للمراجعة", apply="1")
    assert Article.objects.get(pk=stories["others_draft"].pk).is_scheduled
    assert status_of(stories["published"]) == [Status.WITHDRAWN]


@pytest.mark.django_db
def test_a_story_that_changed_after_the_check_is_refused_alone(stories, editor, login, monkeypatch):
    from articles import publishing

    real = publishing.perform

    def racing(name, story, user, **inputs):
        if story.pk == stories["review"].pk:
            # As if someone published it between the check and its turn (here inside the
            # story's savepoint, so it is rolled back with the refusal).
            Article.objects.filter(pk=story.pk).update(status=Status.PUBLISHED, published_at=timezone.now())
        return real(name, story, user, **inputs)

    monkeypatch.setattr(publishing, "perform", racing)
    response = act(login(editor), "publish_selected", [stories["draft"], stories["review"]])
    assert status_of(stories["draft"]) == [Status.PUBLISHED]
    assert WorkflowEvent.objects.filter(transition="publish", article=stories["review"]).count() == 0
    assert "لم يُطبَّق «النشر» على «خبر للمراجعة»: هذا الخبر منشور فعلاً." in said(response)
    assert "طُبّق «النشر» على خبر واحد." in said(response)
