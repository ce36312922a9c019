import re

import pytest
from django.urls import reverse

from articles.models import (
    Article,
    Author,
    Award,
    AwardCategory,
    AwardWin,
    Byline,
    Organisation,
    Section,
    Tag,
)
from articles.pictures.models import Image

from .conftest import new_story_form

MODELS = [Article, Author, Award, AwardCategory, AwardWin, Image, Organisation, Section, Tag]


@pytest.mark.django_db
def test_admin_is_arabic_and_rtl_even_when_the_browser_asks_for_english(admin_client):
    response = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = re.search(r"<html[^>]*>", response.content.decode()).group(0)
    assert 'lang="ar"' in html and 'dir="rtl"' in html


@pytest.mark.django_db
def test_admin_follows_the_language_the_editor_chose(admin_client):
    response = admin_client.post("/i18n/setlang/", {"language": "en", "next": "/admin/"})
    assert response.status_code == 302
    html = re.search(r"<html[^>]*>", admin_client.get("/admin/").content.decode()).group(0)
    assert 'lang="en"' in html and 'dir="ltr"' in html
    # ...and the public Arabic site stays Arabic for them.
    page = admin_client.get("/").content.decode()
    assert 'lang="ar"' in re.search(r"<html[^>]*>", page).group(0)


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_model_is_registered_with_working_pages(admin_client, demo, model):
    meta = model._meta
    assert (
        admin_client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")).status_code == 200
    )
    assert admin_client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_add")).status_code == 200


@pytest.mark.django_db
def test_article_form_has_translation_tabs_with_local_jquery_ui(admin_client, demo):
    page = admin_client.get(reverse("admin:articles_article_change", args=[demo.pk])).content.decode()
    assert 'name="headline_ar"' in page and 'name="headline_en"' in page
    assert "/static/vendor/jquery-ui/jquery-ui.min.js" in page
    assert "tabbed_translation_fields.js" in page
    assert "googleapis" not in page


@pytest.mark.django_db
def test_author_search_folds_arabic_spelling(admin_client, demo):
    url = reverse("admin:articles_author_changelist")
    page = admin_client.get(url, {"q": "فاطمة"}).content.decode()
    assert "فاطمه قرعه القحطاني" in page


@pytest.mark.django_db
def test_editor_can_create_a_story_in_the_admin(admin_client, section, author):
    response = admin_client.post(
        reverse("admin:articles_article_add"),
        new_story_form(
            section,
            author,
            headline_ar="خبر من المحرر",
            body_ar="<p>نص <script>alert(1)</script>الخبر</p>",
            status="draft",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(headline_ar="خبر من المحرر")
    assert "<script>" not in article.body_ar  # bodies are sanitised on save
    assert article.slug_ar == "خبر-من-المحرر"
    assert Byline.objects.filter(article=article, author=author).exists()


@pytest.mark.django_db
def test_reserved_section_slug_is_refused_in_arabic(admin_client):
    response = admin_client.post(
        reverse("admin:articles_section_add"), {"name_ar": "بحث", "slug_ar": "search", "position": 0}
    )
    assert response.status_code == 200
    assert "هذا المعرّف محجوز" in response.content.decode()
    assert not Section.objects.exists()
