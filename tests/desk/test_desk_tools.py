import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage

from articles import revisions
from articles.models import Article, Author, Byline
from articles.pictures.models import Image

LIST = reverse("admin:articles_article_changelist")


def rows(page):
    return re.findall(r'<tr[^>]*>\s*<td class="action-checkbox">.*?</tr>', page, re.S)


@pytest.mark.django_db
def test_list_shows_the_desk_columns(
    admin_client, admin_user, make_article, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    output = io.BytesIO()
    PILImage.new("RGB", (20, 10), "red").save(output, format="PNG")
    with django_capture_on_commit_callbacks(execute=True):  # its renditions are cut on commit
        image = Image.objects.create(file=SimpleUploadedFile("x.png", output.getvalue()), alt_text_ar="مطر")
    story = make_article(headline="خبر بصورة", lead_image=image)
    admin_user.first_name, admin_user.last_name = "سارة", "العتيبي"
    admin_user.save()
    story.last_edited_by = admin_user  # what every admin save and restore records
    story.save()
    page = admin_client.get(LIST).content.decode()
    headers = re.findall(r'<th scope="col"[^>]*>.*?</th>', page, re.S)
    for header in ("العنوان", "الحالة", "القسم", "التوقيع", "وقت النشر", "آخر من حرّر", "الصورة"):
        assert any(header in th for th in headers), header
    assert "<bdi>فاطمه قرعه القحطاني</bdi>" in page
    assert "<bdi>سارة العتيبي</bdi>" in page
    assert 'class="story-thumb"' in page and 'alt="مطر"' in page


@pytest.mark.django_db
def test_a_published_story_due_later_shows_as_scheduled(admin_client, make_article):
    make_article(headline="خبر مجدول", published_at=timezone.now() + datetime.timedelta(hours=2))
    make_article(headline="خبر منشور")
    page = admin_client.get(LIST).content.decode()
    assert "مجدول" in page
    scheduled = admin_client.get(LIST, {"status": "scheduled"}).content.decode()
    assert "خبر مجدول" in scheduled and "خبر منشور" not in scheduled
    live = admin_client.get(LIST, {"status": "published"}).content.decode()
    assert "خبر منشور" in live and "خبر مجدول" not in live


@pytest.mark.django_db
def test_filters_by_section_author_and_date(admin_client, make_article, section):
    story = make_article(headline="خبر فاطمة")
    other_author = Author.objects.create(name_ar="وليد")
    other = make_article(headline="خبر وليد")
    Byline.objects.filter(article=other).update(author=other_author)
    page = admin_client.get(LIST, {"author": str(other_author.pk)}).content.decode()
    assert "خبر وليد" in page and "خبر فاطمة" not in page
    assert "خبر فاطمة" in admin_client.get(LIST, {"section__id__exact": section.pk}).content.decode()
    year = timezone.localtime(story.published_at).year
    response = admin_client.get(LIST, {"published_at__year": year})
    assert response.status_code == 200


@pytest.mark.django_db
def test_list_page_query_count_does_not_grow_with_stories(
    admin_client, admin_user, make_article, django_assert_max_num_queries
):
    for n in range(15):
        revisions.save_version(make_article(headline=f"خبر {n}"), user=admin_user)
    with django_assert_max_num_queries(16):
        response = admin_client.get(LIST)
    assert len(rows(response.content.decode())) == 15


@pytest.mark.django_db
@pytest.mark.parametrize("term", ["فاطمة", "فاطمه", "فَاطِمَة"])
def test_search_folds_arabic_spelling_in_headline_body_and_byline(admin_client, make_article, author, term):
    make_article(headline="تكريم فاطمه في الرياض", body_ar="<p>نص</p>")
    make_article(headline="خبر آخر", body_ar="<p>قالت فاطمة إن</p>")
    nobody = Author.objects.create(name_ar="خالد")
    third = make_article(headline="خبر ثالث", body_ar="<p>نص</p>")
    line = third.bylines.get()
    line.author = nobody
    line.save()  # as the admin's inline does (signals keep the search columns current)
    fourth = make_article(headline="خبر رابع", body_ar="<p>نص</p>")  # by فاطمه قرعه (the author)
    page = admin_client.get(LIST, {"q": term}).content.decode()
    assert "تكريم فاطمه في الرياض" in page
    assert "خبر آخر" in page
    assert "خبر رابع" in page and fourth.headline_ar in page
    assert "خبر ثالث" not in page
    assert len(rows(page)) == 3  # no duplicate rows from the byline join


@pytest.mark.django_db
def test_search_needs_every_word(admin_client, make_article):
    make_article(headline="أمطار غزيرة على عسير")
    make_article(headline="أمطار على جدة")
    page = admin_client.get(LIST, {"q": "امطار عسير"}).content.decode()
    assert "أمطار غزيرة على عسير" in page and "أمطار على جدة" not in page


@pytest.mark.django_db
def test_form_has_autocomplete_directions_editor_and_byline_ordering(admin_client, make_article):
    story = make_article()
    page = admin_client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    # Autocomplete for tags and for the byline's authors.
    assert re.search(r'<select[^>]*name="tags"[^>]*admin-autocomplete', page)
    assert re.search(r'<select[^>]*name="bylines-0-author"[^>]*admin-autocomplete', page)
    # Arabic inputs right-to-left, English left-to-right.
    assert re.search(r'<input[^>]*name="headline_ar"[^>]*dir="rtl"', page)
    assert re.search(r'<input[^>]*name="headline_en"[^>]*dir="ltr"', page)
    assert re.search(r'<textarea[^>]*name="standfirst_en"[^>]*dir="ltr"', page)
    # The body editor, from our static files, in a box with the language's direction.
    assert '<div class="body-editor" dir="rtl" lang="ar">' in page
    assert '<div class="body-editor" dir="ltr" lang="en">' in page
    assert "data-django-prose-editor-configurable" in page
    assert "/static/django_prose_editor/editor.js" in page
    assert "TextDirection" not in page
    assert not re.search(r'(src|href)="(https?:)?//', page)
    # The byline's order: position field and the local up/down script.
    assert 'name="bylines-0-position"' in page
    assert "/static/articles/byline-order.js" in page
    # The versions page is linked from the form (Django's "history" button).
    assert reverse("admin:articles_article_history", args=[story.pk]) in page


@pytest.mark.django_db
def test_body_is_sanitised_on_save_keeping_direction(make_article):
    story = make_article(
        body_ar=(
            '<p dir="ltr">Quote</p><h2>عنوان</h2><ul><li>بند</li></ul><blockquote>اقتباس</blockquote>'
            '<p><a href="javascript:alert(1)">رابط</a><a href="https://example.com">آخر</a>'
            "<img src=x onerror=alert(1)><strong>مهم</strong><em>مائل</em></p><script>alert(1)</script>"
        )
    )
    story.refresh_from_db()
    body = story.body_ar
    assert '<p dir="ltr">Quote</p>' in body
    for kept in ("<h2>", "<ul>", "<li>", "<blockquote>", "<strong>", "<em>", 'href="https://example.com"'):
        assert kept in body
    for dropped in ("javascript:", "<img", "onerror", "<script"):
        assert dropped not in body


@pytest.mark.django_db
def test_byline_order_follows_the_position_field(admin_client, make_article):
    from tests.desk.test_revisions import edit

    story = make_article()
    second = Author.objects.create(name_ar="وفاء")
    edit(
        admin_client,
        story,
        **{
            "bylines-TOTAL_FORMS": "2",
            "bylines-1-author": second.pk,
            "bylines-1-article": story.pk,
            "bylines-0-position": "1",
            "bylines-1-position": "0",
        },
    )
    assert [a.name_ar for a in Article.objects.get(pk=story.pk).byline] == ["وفاء", "فاطمه قرعه القحطاني"]


@pytest.mark.django_db
def test_author_and_tag_autocomplete_endpoints_fold_spelling(admin_client, author):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles",
            "model_name": "byline",
            "field_name": "author",
            "term": "فاطمة",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["فاطمه قرعه القحطاني"]
