"""Writing aids and SEO on the story form, on the server's side: what the fields tell the page's
script, the «محركات البحث والمشاركة» fieldset and its preview, length refusals in Arabic with
nothing saved, the share-picture lookup, versions and autosave keeping the new fields."""

import re
from html import unescape

import pytest
from django.urls import reverse

from articles import revisions
from articles.desk import autosaves
from articles.html import WORDS_PER_MINUTE, reading_minutes, word_count
from articles.models import Article
from articles.pictures.models import Image
from tests.desk.conftest import change_url, form_data
from tests.reader.stories import png


def field_tag(page, name):
    return re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', page).group(0)


def test_words_are_counted_as_the_reader_page_counts_them():
    # Blocks stay apart even where the editor wrote no space; markup is not a word.
    assert word_count("<p>أولى</p><p>ثانية <strong>ثالثة</strong></p>") == 3
    assert word_count("<p>سطر<br>وسطر</p><ul><li>بند</li><li>آخر</li></ul>") == 4
    assert word_count("") == word_count(None) == 0
    assert word_count("<p>كلمة&nbsp;كلمة</p>") == 2
    assert reading_minutes("") == 1
    assert reading_minutes("<p>" + "كلمة " * WORDS_PER_MINUTE + "</p>") == 1
    assert reading_minutes("<p>" + "كلمة " * (WORDS_PER_MINUTE + 1) + "</p>") == 2


@pytest.mark.django_db
def test_the_form_carries_the_numbers_and_the_sharing_fieldset(login, draft, reporter):
    page = login(reporter).get(change_url(draft)).content.decode()
    body = field_tag(page, "body_ar")
    assert f'data-words-per-minute="{WORDS_PER_MINUTE}"' in body
    assert 'data-search-shown="60"' in field_tag(page, "headline_ar")
    for name, shown, limit in (("seo_title_ar", 60, 70), ("seo_description_en", 155, 160)):
        tag = field_tag(page, name)
        assert f'data-search-shown="{shown}"' in tag and f'data-max="{limit}"' in tag
        assert "maxlength" not in tag  # a paste is never cut without a word
    assert field_tag(page, "seo_description_ar").startswith("<textarea")
    assert "articles/writing-aids.js" in page and "articles/share-preview.js" in page
    assert "articles/writing-aids.css" in page and "articles/share-preview.css" in page
    assert "محركات البحث والمشاركة" in page
    # The preview starts from the saved story: the headline, and the body for a description.
    preview = page[page.index('class="share-preview"') :]
    assert "مسودة المراسلة" in preview and "نص الخبر" in preview
    assert reverse("admin:articles_article_share_picture") in preview


@pytest.mark.django_db
def test_the_add_form_has_the_aids_too(login, reporter, section):
    page = login(reporter).get(reverse("admin:articles_article_add")).content.decode()
    assert "data-words-per-minute" in page and 'class="share-preview"' in page
    assert 'name="_continue"' in page  # what Ctrl+S presses


@pytest.mark.django_db
def test_seo_fields_are_saved_from_the_form(login, draft, reporter):
    response = login(reporter).post(
        change_url(draft),
        form_data(
            draft,
            seo_title_ar="عنوان قصير للبحث",
            seo_description_ar="وصف للبحث",
            seo_title_en="Short title",
        ),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.seo_title_ar, draft.seo_description_ar, draft.seo_title_en) == (
        "عنوان قصير للبحث",
        "وصف للبحث",
        "Short title",
    )


@pytest.mark.django_db
def test_too_long_seo_text_is_refused_in_arabic_and_nothing_is_saved(login, draft, reporter):
    response = login(reporter).post(
        change_url(draft),
        form_data(
            draft,
            headline_ar="عنوان جديد",
            seo_title_ar="ع" * 75,
            seo_description_en="d" * 200,
        ),
    )
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "العنوان في محركات البحث أطول من 70 حرفاً (فيه 75). اختصره." in page
    assert "الوصف في محركات البحث أطول من 160 حرفاً (فيه 200). اختصره." in page
    assert "Ensure this value" not in page
    assert 'value="عنوان جديد"' in page  # the typed text comes back
    draft.refresh_from_db()
    assert draft.headline_ar == "مسودة المراسلة" and not draft.seo_title_ar


@pytest.fixture
def picture(db, settings, tmp_path, django_capture_on_commit_callbacks):
    """A library picture with its renditions (cut when the save commits), files outside the tree."""
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        return Image.objects.create(file=png(), caption_ar="شعار الجائزة", alt_text_ar="مبنى")


@pytest.mark.django_db
def test_share_picture_answers_the_share_cut_of_a_picture(login, reporter, picture):
    image = picture
    url = reverse("admin:articles_article_share_picture")
    client = login(reporter)
    answer = client.get(url, {"image": image.pk}).json()
    assert re.search(r"/media/renditions/[^/]+-1200w-16x9\.jpg$", answer["url"]) and answer["alt"] == "مبنى"
    for bad in ("", "abc", "99999", "1" * 40, "-1", "١"):
        assert client.get(url, {"image": bad}).status_code == 404
    assert client.get(url, {"image": "1\x00"}).status_code == 400  # refused before any view
    assert client.post(url, {"image": image.pk}).status_code == 405
    assert login(None).get(url, {"image": image.pk}).status_code == 302  # to the login page


@pytest.mark.django_db
def test_versions_compare_and_restore_the_seo_fields(admin_client, make_article, picture):
    logo = picture
    story = make_article("خبر الجائزة")
    url = change_url(story)
    assert (
        admin_client.post(url, form_data(story, seo_title_ar="عنوان أول", social_image=logo.pk)).status_code
        == 302
    )
    first = revisions.versions_of(story).first()
    assert (
        admin_client.post(
            url, form_data(story, seo_title_ar="عنوان ثان", seo_description_ar="وصف")
        ).status_code
        == 302
    )
    second = revisions.versions_of(story).first()
    labels = {
        field["label"]: field
        for section in revisions.compare(first, second)
        for field in section["fields"]
        if field["changed"]
    }
    assert {"العنوان في محركات البحث", "الوصف في محركات البحث", "صورة المشاركة"} <= {
        str(label) for label in labels
    }
    revisions.restore(Article.objects.get(pk=story.pk), first)
    story.refresh_from_db()
    assert story.seo_title_ar == "عنوان أول" and story.social_image == logo and not story.seo_description_ar


@pytest.mark.django_db
def test_autosave_keeps_the_typed_seo_text(login, draft, reporter):
    client = login(reporter)
    response = client.post(
        reverse("admin:articles_article_desk_autosave", args=[draft.pk]),
        {
            "version": draft.version,
            "headline_ar": draft.headline_ar,
            "seo_title_ar": "عنوان للبحث لم يُحفظ",
        },
    )
    assert response.json()["saved"] is True
    draft.refresh_from_db()
    recovery = autosaves.recovery(draft, reporter)
    assert recovery is not None
    rows = [field for section in recovery["sections"] for field in section["fields"] if field["changed"]]
    assert [str(field["label"]) for field in rows] == ["العنوان في محركات البحث"]
