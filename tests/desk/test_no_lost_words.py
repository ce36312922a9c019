"""Issue 10: the desk never loses a typed word. Workflow buttons save the form; refused saves
never move the story; locks follow the work; take-over keeps the form; autosave and recovery;
live preview; the read-only view; versions as an editor speaks of them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import publishing, revisions
from articles.desk.models import Autosave
from articles.models import Article, EditLock, Tag

from .conftest import change_url, form_data, press

Status = Article.Status


def autosave_url(article):
    return reverse("admin:articles_article_desk_autosave", args=[article.pk])


def preview_url(article):
    return reverse("admin:articles_article_desk_preview", args=[article.pk])


@pytest.fixture
def review(draft, reporter):
    publishing.submit(draft, reporter)
    draft.refresh_from_db()
    return draft


# Each step, from a status it is offered in, by whom, with what it needs.
STEPS = [
    ("submit", "draft", "reporter", {}, Status.REVIEW),
    ("send_back", "review", "editor", {"note": "أضف مصدراً"}, Status.DRAFT),
    ("publish", "review", "editor", {}, Status.PUBLISHED),
    ("schedule", "review", "editor", {"at": "2099-01-01T10:00"}, Status.PUBLISHED),
    ("withdraw", "published", "editor", {"note": "خطأ في الأرقام"}, Status.WITHDRAWN),
    ("correct", "published", "editor", {"text": "صُحح الرقم", "kind": "correction"}, Status.PUBLISHED),
]


def story_in(status, draft, reporter, editor):
    if status in ("review", "published"):
        publishing.submit(draft, reporter)
    if status == "published":
        publishing.publish(draft, editor)
    draft.refresh_from_db()
    return draft


@pytest.mark.django_db
@pytest.mark.parametrize("name,status,who,inputs,after", STEPS, ids=[s[0] for s in STEPS])
def test_every_step_button_saves_the_form_then_moves_the_story(
    login, draft, reporter, editor, name, status, who, inputs, after
):
    article = story_in(status, draft, reporter, editor)
    user = reporter if who == "reporter" else editor
    events = article.workflow_events.count()
    response = press(login(user), article, name, inputs, standfirst_ar="موجز كتبه قبل الضغط مباشرة")
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert article.standfirst_ar == "موجز كتبه قبل الضغط مباشرة"
    assert article.status == after and article.workflow_events.count() == events + 1
    assert article.last_edited_by == user


@pytest.mark.django_db
def test_a_stale_save_never_moves_the_story_and_the_typed_text_stays(login, review, editor, second_editor):
    opened = form_data(review)  # the second editor opened the form before the first saved
    assert (
        login(editor).post(change_url(review), form_data(review, headline_ar="حفظ محرر آخر")).status_code
        == 302
    )
    client = login(second_editor)
    client.get(change_url(review))
    opened.update({"standfirst_ar": "موجز لم يُحفظ", "_desk_action": "publish"})
    response = client.post(change_url(review), opened)
    page = response.content.decode()
    assert response.status_code == 200 and "لم يُحفظ نصك" in page and "موجز لم يُحفظ" in page
    review.refresh_from_db()
    assert review.status == Status.REVIEW and review.standfirst_ar != "موجز لم يُحفظ"


@pytest.mark.django_db
def test_a_locked_story_is_neither_saved_nor_moved(login, review, editor, second_editor):
    login(editor).get(change_url(review))  # the first editor has it open
    response = press(login(second_editor), review, "publish", standfirst_ar="موجز أثناء القفل")
    page = response.content.decode()
    assert response.status_code == 200 and "يحرر هذا الخبر الآن" in page and "موجز أثناء القفل" in page
    review.refresh_from_db()
    assert review.status == Status.REVIEW and review.standfirst_ar != "موجز أثناء القفل"


@pytest.mark.django_db
def test_an_invalid_form_is_neither_saved_nor_moved(login, review, editor):
    response = press(login(editor), review, "publish", headline_ar="", standfirst_ar="موجز مع عنوان فارغ")
    assert response.status_code == 200 and "موجز مع عنوان فارغ" in response.content.decode()
    review.refresh_from_db()
    assert review.status == Status.REVIEW and review.standfirst_ar != "موجز مع عنوان فارغ"


@pytest.mark.django_db
def test_a_refused_step_saves_nothing_and_keeps_text_and_note_fields(login, review, editor):
    # Withdraw is not offered for a story in review; send back without a note is refused.
    response = press(login(editor), review, "send_back", {"note": ""}, standfirst_ar="موجز محفوظ في النموذج")
    page = response.content.decode()
    assert response.status_code == 200 and "اكتب ملاحظة للمراسل" in page and "موجز محفوظ في النموذج" in page
    review.refresh_from_db()
    assert review.status == Status.REVIEW and review.standfirst_ar != "موجز محفوظ في النموذج"
    past = press(login(editor), review, "schedule", {"at": "2000-01-01T10:00"})
    assert "اختر وقتاً في المستقبل" in past.content.decode()
    assert 'value="2000-01-01T10:00"' in past.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("name,inputs", [("send_back", {"note": "أعد الصياغة"}), ("publish", {})])
def test_a_step_releases_the_actors_lock_so_the_next_person_saves_at_once(
    login, review, editor, reporter, name, inputs
):
    editor_client = login(editor)
    editor_client.get(change_url(review))
    assert EditLock.objects.get(article=review).user == editor
    press(editor_client, review, name, inputs)
    assert not EditLock.objects.filter(article=review, user=editor).exists()
    if name == "send_back":
        client = login(reporter)
        page = client.get(change_url(review)).content.decode()
        assert "يحرر هذا الخبر الآن: <bdi" not in page or 'id="desk-lock"' in page and "hidden>" in page
        response = client.post(change_url(review), form_data(review, headline_ar="المراسلة تحفظ فوراً"))
        assert response.status_code == 302
        review.refresh_from_db()
        assert review.headline_ar == "المراسلة تحفظ فوراً"


@pytest.mark.django_db
def test_the_publishing_functions_release_the_lock_too(review, editor):
    from articles import locks

    locks.acquire(review, editor)
    publishing.send_back(review, editor, "ملاحظة")
    assert not EditLock.objects.exists()


@pytest.mark.django_db
def test_take_over_keeps_the_bound_form_with_the_new_lock(login, draft, reporter, editor):
    login(editor).get(change_url(draft))  # the editor has the reporter's draft open
    client = login(reporter)
    typed = form_data(draft, body_ar="<p>فقرة كتبتها المراسلة للتو</p>")
    refused = client.post(change_url(draft), typed)
    assert "اضغط «تولي التحرير»" in refused.content.decode()
    taken = client.post(change_url(draft), {**typed, "_desk_take_over": "1"})
    page = taken.content.decode()
    assert taken.status_code == 200 and "فقرة كتبتها المراسلة للتو" in page
    assert "توليت تحرير هذا الخبر" in page and "errornote" not in page
    assert EditLock.objects.get(article=draft).user == reporter
    assert client.post(change_url(draft), typed).status_code == 302
    draft.refresh_from_db()
    assert "فقرة كتبتها المراسلة للتو" in draft.body_ar


@pytest.mark.django_db
def test_heartbeat_interval_follows_the_lock_lifetime(login, draft, reporter, settings):
    settings.NEWSROOM_EDIT_LOCK_SECONDS = 40
    page = login(reporter).get(change_url(draft)).content.decode()
    assert 'data-interval="10"' in page


# Autosave and recovery


@pytest.mark.django_db
def test_autosave_keeps_typed_text_and_the_form_offers_it_back(login, draft, reporter):
    client = login(reporter)
    client.get(change_url(draft))
    response = client.post(
        autosave_url(draft),
        {
            "version": draft.version,
            "body_ar": "<p>نص الخبر وفقرة لم تُحفظ</p>",
            "headline_ar": draft.headline_ar,
        },
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 200 and response.json()["saved"] is True
    draft.refresh_from_db()
    assert "فقرة لم تُحفظ" not in draft.body_ar  # the story itself is untouched
    page = client.get(change_url(draft)).content.decode()
    assert "استعادة النص غير المحفوظ" in page and "<ins>لم</ins>" not in page and "<ins>" in page
    restored = client.get(change_url(draft) + "?autosave=restore").content.decode()
    assert "فقرة لم تُحفظ" in restored and "استعادة النص غير المحفوظ" not in restored
    # Saving what was restored makes it the story and ends the draft.
    assert (
        client.post(change_url(draft), form_data(draft, body_ar="<p>نص الخبر وفقرة لم تُحفظ</p>")).status_code
        == 302
    )
    assert not Autosave.objects.exists()


@pytest.mark.django_db
def test_a_restored_autosave_is_saved_against_the_version_it_was_typed_on(login, draft, reporter, editor):
    client = login(reporter)
    client.post(autosave_url(draft), {"version": draft.version, "headline_ar": "عنوان غير محفوظ"})
    publishing.submit(draft, reporter)
    publishing.send_back(draft, editor, "ملاحظة")  # the story changed since the draft was typed
    page = client.get(change_url(draft) + "?autosave=restore").content.decode()
    assert 'value="عنوان غير محفوظ"' in page
    draft.refresh_from_db()
    assert f'name="version" value="{draft.version}"' not in page


@pytest.mark.django_db
def test_discarding_the_autosave(login, draft, reporter):
    client = login(reporter)
    client.post(autosave_url(draft), {"version": draft.version, "headline_ar": "عنوان غير محفوظ"})
    assert client.post(autosave_url(draft), {"discard": "1"}).status_code == 302
    assert not Autosave.objects.exists()
    assert "استعادة النص غير المحفوظ" not in client.get(change_url(draft)).content.decode()


@pytest.mark.django_db
def test_autosaves_are_per_person_and_need_the_right_to_edit(login, draft, reporter, other_reporter, editor):
    login(reporter).post(autosave_url(draft), {"version": draft.version, "headline_ar": "نص المراسلة"})
    assert "استعادة النص غير المحفوظ" not in login(editor).get(change_url(draft)).content.decode()
    refused = login(other_reporter).post(autosave_url(draft), {"headline_ar": "سطو"})
    assert refused.status_code == 403
    assert Autosave.objects.get().user == reporter
    assert login(reporter).get(autosave_url(draft)).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"headline_ar": "عنوان\x00فيه صفر"},
        {"version": "ليس رقماً", "headline_ar": "عنوان"},
        {"body_ar": "k" * 500_001},
        {"unrelated": "x"},
    ],
)
def test_bad_autosave_input_is_a_clear_answer_never_a_500(login, draft, reporter, data):
    response = login(reporter).post(autosave_url(draft), data)
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert "\x00" not in Autosave.objects.get().data["headline_ar"]
    elif response["Content-Type"].startswith("application/json"):
        assert response.json()["error"]
    else:  # a NUL is refused for every form before any view (articles/ops/middleware.py)
        assert "طلب غير صالح" in response.content.decode()


# A new story, not saved even once

ADD_URL = "/admin/articles/article/add/"
NEW_AUTOSAVE_URL = "/admin/articles/article/add/autosave/"


def new_story_form(section, author, **typed):
    data = {
        "section": section.pk,
        "version": "",
        "bylines-TOTAL_FORMS": "1",
        "bylines-INITIAL_FORMS": "0",
        "bylines-MIN_NUM_FORMS": "1",
        "bylines-MAX_NUM_FORMS": "1000",
        "bylines-0-author": author.pk,
        "bylines-0-position": "0",
    }
    for name in ("headline", "slug", "kicker", "standfirst", "body", "dateline"):
        for lang in ("ar", "en"):
            data[f"{name}_{lang}"] = ""
    data.update(typed)
    return data


@pytest.mark.django_db
def test_a_new_story_is_autosaved_before_its_first_save_and_offered_back(login, reporter, section, author):
    client = login(reporter)
    page = client.get(ADD_URL).content.decode()
    assert f'data-url="{NEW_AUTOSAVE_URL}"' in page and 'data-story="new"' in page
    response = client.post(
        NEW_AUTOSAVE_URL,
        {"headline_ar": "عنوان خبر جديد", "body_ar": "<p>فقرة أولى لم تُحفظ</p>"},
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 200 and response.json()["saved"] is True
    assert not Article.objects.exists()  # nothing is a story until it is saved
    # The tab was closed. Opening "add story" again offers the text, with what it holds.
    page = client.get(ADD_URL).content.decode()
    assert "لديك خبر جديد بدأت كتابته ولم تحفظه" in page and "فقرة أولى لم تُحفظ" in page
    restored = client.get(ADD_URL + "?autosave=restore").content.decode()
    assert 'value="عنوان خبر جديد"' in restored and "فقرة أولى لم تُحفظ" in restored
    assert "لديك خبر جديد بدأت كتابته" not in restored
    # Saving it makes it a story and ends the draft.
    saved = client.post(
        ADD_URL + "?autosave=restore",
        new_story_form(section, author, headline_ar="عنوان خبر جديد", body_ar="<p>فقرة أولى لم تُحفظ</p>"),
    )
    assert saved.status_code == 302, saved.content.decode()[:3000]
    assert Article.objects.get().headline_ar == "عنوان خبر جديد"
    assert not Autosave.objects.exists()
    assert "لديك خبر جديد بدأت كتابته" not in client.get(ADD_URL).content.decode()


@pytest.mark.django_db
def test_a_refused_first_save_keeps_the_new_story_draft(login, reporter, section, author):
    client = login(reporter)
    client.post(NEW_AUTOSAVE_URL, {"headline_ar": "عنوان", "body_ar": "<p>نص</p>"})
    refused = client.post(ADD_URL, new_story_form(section, author, headline_ar="", body_ar="<p>نص</p>"))
    assert refused.status_code == 200  # the form again, with its error
    assert Autosave.objects.filter(article=None, user=reporter).exists()


@pytest.mark.django_db
def test_new_story_drafts_are_one_per_person_and_can_be_discarded(login, reporter, other_reporter):
    login(reporter).post(NEW_AUTOSAVE_URL, {"headline_ar": "الأول"})
    login(reporter).post(NEW_AUTOSAVE_URL, {"headline_ar": "الثاني"})
    login(other_reporter).post(NEW_AUTOSAVE_URL, {"headline_ar": "لزميلة"})
    assert Autosave.objects.get(user=reporter).data["headline_ar"] == "الثاني"
    assert "الثاني" not in login(other_reporter).get(ADD_URL).content.decode()
    assert login(reporter).post(NEW_AUTOSAVE_URL, {"discard": "1"}).status_code == 302
    assert not Autosave.objects.filter(user=reporter).exists()
    assert Autosave.objects.filter(user=other_reporter).exists()


@pytest.mark.django_db
def test_new_story_autosave_needs_the_right_to_add_stories(login, roles, django_user_model):
    outsider = django_user_model.objects.create_user("visitor", password="x-desk-test-9", is_staff=True)
    assert login(outsider).post(NEW_AUTOSAVE_URL, {"headline_ar": "x"}).status_code == 403
    assert login(None).post(NEW_AUTOSAVE_URL, {"headline_ar": "x"}).status_code == 302  # to the login page
    assert not Autosave.objects.exists()


# Live preview


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language,field,text",
    [
        ("ar", "headline_ar", "عنوان لم يُحفظ بعد"),
        ("en", "headline_en", "An unsaved English headline"),
    ],
)
def test_preview_shows_the_unsaved_text_in_each_language(login, draft, reporter, language, field, text):
    data = form_data(draft, **{field: text, "body_en": "<p>English body</p>"}, _desk_preview=language)
    response = login(reporter).post(preview_url(draft), data)
    page = response.content.decode()
    assert response.status_code == 200 and text in page
    assert f'<html lang="{language}"' in page and "preview-banner" in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    draft.refresh_from_db()
    assert getattr(draft, field) != text


@pytest.mark.django_db
def test_saved_preview_links_both_editions(login, draft, reporter, client):
    Article.objects.filter(pk=draft.pk).update(headline_en="Saved English headline", body_en="<p>Body</p>")
    staff = login(reporter)
    page = staff.get(preview_url(draft) + "?lang=en").content.decode()
    assert "Saved English headline" in page and '<html lang="en"' in page
    assert f'href="{preview_url(draft)}?lang=ar"' in page
    from articles.desk import previews

    shared = client.get(previews.share_url(draft, reporter) + "?lang=en").content.decode()
    assert "Saved English headline" in shared


@pytest.mark.django_db
def test_unsaved_preview_needs_the_right_to_edit(login, review, reporter):
    response = login(reporter).post(
        preview_url(review), form_data(review, headline_ar="x", _desk_preview="ar")
    )
    assert response.status_code == 403


# The read-only view, view-on-site and versions


@pytest.mark.django_db
def test_read_only_view_renders_the_body_and_each_language_in_its_direction(login, review, reporter):
    Article.objects.filter(pk=review.pk).update(
        headline_en="The new app",
        body_en="<p>The new app <strong>works</strong>.</p>",
    )
    page = login(reporter).get(change_url(review)).content.decode()
    assert "&lt;p&gt;" not in page and "<strong>works</strong>" in page
    assert 'lang="en" dir="ltr"' in page and 'lang="ar" dir="rtl"' in page
    assert "<select" not in page.split('id="content"', 1)[1] and 'name="_desk_action"' not in page


@pytest.mark.django_db
def test_view_on_site_only_for_what_readers_can_see(login, review, editor):
    client = login(editor)
    page = client.get(change_url(review)).content.decode()
    assert "مشاهدة على الموقع" not in page and preview_url(review) in page
    publishing.publish(review, editor)
    page = client.get(change_url(review)).content.decode()
    assert "مشاهدة على الموقع" in page


@pytest.mark.django_db
def test_versions_are_numbered_and_restore_notes_name_number_and_author(login, make_article, editor):
    article = make_article()
    client = login(editor)
    client.post(change_url(article), form_data(article, headline_ar="العنوان الأول", kicker_ar="عاجل"))
    tag = Tag.objects.create(name_ar="اقتصاد", name_en="Economy")
    client.post(
        change_url(article),
        form_data(article, headline_ar="العنوان الثاني", dateline_ar="الرياض", tags=[tag.pk]),
    )
    first = revisions.versions_of(article).last()
    history = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    page = history.content.decode()
    assert "#1" in page and "#2" in page and "T" not in page.split("#1")[1][:80]
    newest = revisions.versions_of(article).first()
    diff = client.get(
        reverse("admin:articles_article_history", args=[article.pk]), {"old": first.pk, "new": newest.pk}
    ).content.decode()
    assert "الفرق بين النسخة #1 والنسخة #2" in diff
    for label in ("العنوان الفرعي العلوي", "مكان الخبر", "الوسوم", "القسم", "التوقيع"):
        assert label in diff
    assert "اقتصاد" in diff
    client.post(reverse("admin:articles_article_restore", args=[article.pk, first.pk]))
    note = revisions.versions_of(article).first().revision.get_comment()
    assert note == "استُعيدت النسخة #1 (حفظها منى المحررة)"


@pytest.mark.django_db
def test_autosave_diff_covers_both_languages(login, draft, reporter):
    client = login(reporter)
    client.post(
        autosave_url(draft), {"version": draft.version, "headline_en": "English typed", "kicker_ar": "عاجل"}
    )
    page = client.get(change_url(draft)).content.decode()
    recovery = page[page.index('id="desk-recovery"') :]
    assert "English typed" in recovery and "عاجل" in recovery and 'dir="ltr"' in recovery


@pytest.mark.django_db
def test_schedule_label_names_the_desk_zone(login, review, editor, settings):
    settings.NEWSROOM_DESK_TIME_ZONE = "Europe/London"
    page = login(editor).get(change_url(review)).content.decode()
    assert "بتوقيت Europe/London" in page and "بتوقيت الرياض" not in page
    future = timezone.now() + datetime.timedelta(days=1)
    publishing.publish(review, editor, at=future)


@pytest.mark.django_db
def test_coming_back_after_a_step_takes_no_lock_until_typing(login, review, editor):
    client = login(editor)
    client.get(change_url(review))
    response = press(client, review, "send_back", {"note": "أعد الصياغة"})
    assert response.status_code == 302 and response["Location"].endswith("?released=1")
    page = client.get(response["Location"]).content.decode()
    assert not EditLock.objects.exists()  # a closed tab now keeps nobody out
    assert 'data-passive="1"' in page
