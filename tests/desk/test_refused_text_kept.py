"""Issue 25, D1/D6/D7 on the server: a form that goes back unsaved has its text kept as the
autosave first; the closing tab's beacon hands the lock back (only its own); sharing a
preview answers the page's script without a redirect."""

import pytest
from django.urls import reverse

from articles.desk.models import Autosave
from articles.models import Article, EditLock

from .conftest import change_url, form_data, press


def lock_url(article):
    return reverse("admin:articles_article_desk_lock", args=[article.pk])


@pytest.mark.django_db
def test_a_stale_save_keeps_the_typed_text_as_the_autosave(login, draft, reporter, editor):
    opened = form_data(draft)
    assert (
        login(editor).post(change_url(draft), form_data(draft, headline_ar="حفظ المحررة")).status_code == 302
    )
    opened.update({"standfirst_ar": "موجز كتبته قبل الضغط بثانية", "_desk_action": "submit"})
    response = login(reporter).post(change_url(draft), opened)
    assert response.status_code == 200 and "لم يُحفظ نصك" in response.content.decode()
    kept = Autosave.objects.get(article=draft, user=reporter)
    assert kept.data["standfirst_ar"] == "موجز كتبته قبل الضغط بثانية"
    # Opened again (after leaving or closing), the text is offered back.
    page = login(reporter).get(change_url(draft)).content.decode()
    assert 'id="desk-recovery"' in page and "موجز كتبته قبل الضغط بثانية" in page


@pytest.mark.django_db
def test_a_refused_step_and_a_locked_save_keep_the_text_too(login, review, editor, second_editor):
    editor_client = login(editor)
    editor_client.get(change_url(review))  # she has it open: a lock
    press(editor_client, review, "send_back", {"note": ""}, standfirst_ar="موجز بلا ملاحظة")
    assert Autosave.objects.get(article=review, user=editor).data["standfirst_ar"] == "موجز بلا ملاحظة"
    response = press(login(second_editor), review, "publish", standfirst_ar="موجز أثناء القفل")
    assert "يحرر هذا الخبر الآن" in response.content.decode()
    assert (
        Autosave.objects.get(article=review, user=second_editor).data["standfirst_ar"] == "موجز أثناء القفل"
    )
    review.refresh_from_db()
    assert review.status == Article.Status.REVIEW  # nothing saved, nothing moved


@pytest.mark.django_db
def test_the_refused_page_tells_the_script_it_holds_unsaved_text(login, review, editor):
    response = press(login(editor), review, "send_back", {"note": ""})
    assert 'data-refused="1"' in response.content.decode()
    assert 'data-refused="1"' not in login(editor).get(change_url(review)).content.decode()


@pytest.mark.django_db
def test_a_successful_save_leaves_no_autosave(login, draft, reporter):
    client = login(reporter)
    client.post(
        reverse("admin:articles_article_desk_autosave", args=[draft.pk]),
        {"version": draft.version, "headline_ar": "قبل الحفظ"},
    )
    assert client.post(change_url(draft), form_data(draft, headline_ar="بعد الحفظ")).status_code == 302
    assert not Autosave.objects.filter(article=draft).exists()


@pytest.mark.django_db
def test_the_closing_tabs_beacon_releases_only_its_own_lock(login, draft, reporter, editor):
    reporter_client = login(reporter)
    reporter_client.get(change_url(draft))
    assert EditLock.objects.get(article=draft).user == reporter
    # Someone else's beacon (an editor who reads it) cannot free the reporter's lock.
    assert login(editor).post(lock_url(draft), {"release": "1"}).status_code == 200
    assert EditLock.objects.get(article=draft).user == reporter
    answer = reporter_client.post(lock_url(draft), {"release": "1"})
    assert answer.json() == {"mine": False, "released": True}
    assert not EditLock.objects.filter(article=draft).exists()


@pytest.mark.django_db
def test_the_release_beacon_is_csrf_checked(draft, reporter):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(reporter)
    client.get(change_url(draft))
    assert client.post(lock_url(draft), {"release": "1"}).status_code == 403
    assert EditLock.objects.filter(article=draft, user=reporter).exists()
    token = client.cookies["csrftoken"].value
    assert client.post(lock_url(draft), {"release": "1", "csrfmiddlewaretoken": token}).status_code == 200
    assert not EditLock.objects.filter(article=draft).exists()


@pytest.mark.django_db
def test_share_preview_answers_the_script_without_leaving_the_page(login, draft, reporter):
    url = reverse("admin:articles_article_desk_share_preview", args=[draft.pk])
    answer = login(reporter).post(url, HTTP_X_REQUESTED_WITH="fetch")
    assert answer.status_code == 200
    data = answer.json()
    assert "/preview/" in data["url"] and "رابط المعاينة" in data["message"]
    # Without the script: the old redirect with the link in a message.
    assert login(reporter).post(url).status_code == 302
