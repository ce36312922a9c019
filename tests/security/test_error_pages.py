"""The refusals a reader or an editor may meet are pages in their language: a CSRF failure,
a 403, a 413 and the search page's rate limit (429)."""

import pytest
from django.test import Client

from tests.desk.conftest import client_for, make_user, roles  # noqa: F401  (fixtures)


@pytest.mark.django_db
def test_a_csrf_failure_is_explained_in_arabic_and_says_the_text_is_not_lost():
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    page = response.content.decode()
    assert 'lang="ar" dir="rtl"' in page
    assert "تعذّر التحقق من النموذج" in page and "ما كتبته باقٍ في الصفحة السابقة" in page
    assert "CSRF verification failed" not in page


@pytest.mark.django_db
def test_a_csrf_failure_in_the_english_edition_is_in_english():
    response = Client(enforce_csrf_checks=True).post("/en/", {"q": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert 'lang="en" dir="ltr"' in page and "could not be verified" in page


@pytest.mark.django_db
def test_a_403_in_the_desk_is_in_arabic(make_user):  # noqa: F811
    reporter = make_user("reporter", "reporter")
    response = client_for(reporter).get("/admin/auth/user/")
    assert response.status_code == 403
    page = response.content.decode()
    assert 'dir="rtl"' in page and "ليست لديك صلاحية لفتح هذه الصفحة" in page
    assert "403 Forbidden" not in page


@pytest.mark.django_db
def test_a_request_too_large_is_a_413_in_arabic(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = Client().post("/admin/login/", {"username": "x", "password": "y" * 5000})
    assert response.status_code == 413
    page = response.content.decode()
    assert 'lang="ar" dir="rtl"' in page and "ما أُرسل أكبر مما نقبل" in page


def test_the_413_page_for_nginx(client):
    response = client.get("/errors/413")
    assert response.status_code == 413 and "ما أُرسل أكبر مما نقبل" in response.content.decode()


@pytest.mark.django_db
def test_search_is_limited_per_client(client, settings, make_article):
    settings.NEWSROOM_SEARCH_RATE = "3/minute"
    make_article("وزير الصحة يزور عسير")
    address = "203.0.113.91"
    statuses = [
        client.get("/search/", {"q": f"الصحة {n}"}, REMOTE_ADDR=address).status_code for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/search/", {"q": "عسير"}, REMOTE_ADDR=address)
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    page = refused.content.decode()
    assert 'dir="rtl"' in page and "عمليات بحث كثيرة" in page
    english = client.get("/en/search/", {"q": "health"}, REMOTE_ADDR=address)
    assert english.status_code == 429 and "Too many searches" in english.content.decode()
    # The empty search page costs nothing and is not counted; other readers are not affected.
    assert client.get("/search/", REMOTE_ADDR=address).status_code == 200
    assert client.get("/search/", {"q": "عسير"}, REMOTE_ADDR="203.0.113.92").status_code == 200
