"""NUL bytes and control characters in URLs and forms are a 400 (or 404), never a 500 —
on PostgreSQL, where the ORM raises ValueError for a NUL, as on SQLite."""

import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

PROBES = [
    "/tags/%00/",
    "/authors/%00x/",
    "/%00/",
    "/%00/1/x/",
    "/en/tags/a%00b/",
    "/search/?q=%00",
    "/search/?q=a%01b",
    "/feeds/rss/?x=%00",
    "/feeds/sections/%00/rss/",
    "/feeds/authors/%00/atom/",
    "/preview/%00/",
    "/archive/?page=%00",
    "/awards/%00/",
    "/organisations/%0a/",
    "/sitemap-%00.xml",
    "/admin/autocomplete/?term=%00&app_label=articles&model_name=article&field_name=tags",
    "/admin/articles/article/?q=%00",
    "/admin/articles/article/%00/change/",
]


@pytest.mark.parametrize("url", PROBES)
def test_control_characters_in_urls_are_refused(client, url, demo):
    response = client.get(url)
    assert response.status_code in (400, 404)


@pytest.mark.parametrize("url", ["/admin/articles/article/?q=%00", "/admin/autocomplete/?term=%00"])
def test_control_characters_reach_no_admin_query(admin_client, url):
    assert admin_client.get(url).status_code == 400


def test_the_400_page_is_in_arabic(client, demo):
    response = client.get("/tags/%00/")
    assert response.status_code == 400
    assert "طلب غير صالح" in response.content.decode()


def test_nul_in_a_login_form_is_refused(client):
    User.objects.create_user("sara", password="correct horse")
    response = client.post("/admin/login/", {"username": "sa\x00ra", "password": "x"})
    assert response.status_code == 400


def test_nul_in_an_admin_form_field_saves_nothing(admin_client, section):
    from articles.models import Article

    response = admin_client.post(
        "/admin/articles/article/add/",
        {
            "headline_ar": "عنوان\x00",
            "body_ar": "<p>نص</p>",
            "section": section.pk,
        },
    )
    assert response.status_code == 400
    assert not Article.objects.exists()


def test_tabs_and_line_breaks_in_forms_are_fine(client, demo):
    response = client.get("/search/", {"q": "عسير"})
    assert response.status_code == 200
