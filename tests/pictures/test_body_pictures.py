"""Pictures inside a story's body: what the sanitiser keeps, and how readers, the preview, the
API and the feeds get them."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.html import body_picture_ids, sanitise_body
from articles.models import Article
from tests.desk.conftest import form_data


def figure(image_id):
    return f'<figure data-image-id="{image_id}"></figure>'


@pytest.mark.parametrize(
    "hostile, kept",
    [
        # Only the id survives: handlers, styles, classes, a source address, direction.
        (
            '<figure data-image-id="12" onclick="steal()" style="x" class="y" dir="ltr" src="//evil/x.png"></figure>',
            figure(12),
        ),
        # Whatever was inside goes: an <img> with a handler, a script, a caption to go stale.
        (
            '<figure data-image-id="7"><img src=x onerror=alert(1)><figcaption>قديم</figcaption>'
            "<script>alert(1)</script><p>نص</p></figure>",
            figure(7),
        ),
        # An id that is not a plain number is no picture: the figure gives way to its content.
        ('<figure data-image-id="javascript:alert(1)"><p>يبقى</p></figure>', "<p>يبقى</p>"),
        (
            '<figure data-image-id="0"></figure><figure data-image-id="-3"></figure><figure data-image-id="1e3"></figure>',
            "",
        ),
        ("<figure><p>نص بلا صورة</p></figure>", "<p>نص بلا صورة</p>"),
        # Only at the body's top level: nowhere inside a heading, a list, a quote or another figure.
        ('<h2>عنوان<figure data-image-id="3"></figure></h2>', "<h2>عنوان</h2>"),
        ('<blockquote><figure data-image-id="3"></figure></blockquote>', "<blockquote></blockquote>"),
        (f'<figure data-image-id="1">{figure(2)}نص</figure><p>بعد</p>', figure(1) + "<p>بعد</p>"),
        # A figure inside a paragraph closes it, as a browser would.
        ('<p>قبل<figure data-image-id="4"></figure></p>', f"<p>قبل</p>{figure(4)}<p></p>"),
        # Other tags and text pass through untouched, entities included.
        (
            '<p dir="ltr">a &amp; b &lt;c&gt;<br>d</p>' + figure(5),
            '<p dir="ltr">a &amp; b &lt;c&gt;<br>d</p>' + figure(5),
        ),
    ],
)
def test_the_sanitiser_keeps_a_body_picture_as_its_id_only(hostile, kept):
    assert sanitise_body(hostile) == kept
    assert sanitise_body(kept) == kept  # and what it keeps is stable


def test_the_ids_of_a_bodys_pictures_in_order_each_once():
    body = sanitise_body(f"{figure(9)}<p>x</p>{figure(3)}{figure(9)}")
    assert body_picture_ids(body) == [9, 3]


@pytest.fixture
def pictures(make_image):
    return [
        make_image(caption_ar=f"صورة رقم {n}", credit_ar=f"تصوير: سالم {n}", alt=f"وصف الصورة {n}")
        for n in range(3)
    ]


def page_of(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def article_body(page):
    return re.search(
        r'<div class="article__body">(.*?)</div>\s*(?:<section|<aside|<p class="tags"|<nav)', page, re.S
    ).group(1)


@pytest.mark.django_db
def test_a_body_picture_reaches_readers_as_a_responsive_picture_with_caption_credit_and_alt(
    client,
    make_article,
    pictures,
):
    picture = pictures[0]
    story = make_article(body_ar=f"<p>الفقرة الأولى</p>{figure(picture.pk)}<p>الفقرة الثانية</p>")
    body = article_body(page_of(client, story))
    assert "data-image-id" not in body
    assert body.index("الفقرة الأولى") < body.index("<figure") < body.index("الفقرة الثانية")
    assert re.search(
        r'<source type="image/webp" srcset="[^"]+-400w\.webp 400w, [^"]+-800w\.webp 800w, [^"]+-1200w\.webp 1200w"',
        body,
    )
    assert re.search(r'<source type="image/jpeg" srcset="[^"]+-400w\.jpg 400w, [^"]+-800w\.jpg 800w', body)
    assert 'alt="وصف الصورة 0"' in body and 'loading="lazy"' in body
    assert re.search(r"<figcaption[^>]*>.*صورة رقم 0.*تصوير: سالم 0.*</figcaption>", body, re.S)
    assert picture.file.url not in body  # renditions, not the camera original


@pytest.mark.django_db
def test_body_pictures_cost_two_queries_however_many_there_are(
    make_article,
    pictures,
    django_assert_max_num_queries,
):
    plain = make_article(headline="بلا صور", body_ar="<p>نص</p>")
    one = make_article(headline="صورة واحدة", body_ar=figure(pictures[0].pk))
    three = make_article(headline="ثلاث صور", body_ar="".join(figure(p.pk) for p in pictures) + "<p>x</p>")
    cost = {}
    for story in (plain, one, three):
        with CaptureQueriesContext(connection) as queries:
            page_of(Client(), story)
        cost[story.pk] = len(queries)
    assert cost[one.pk] == cost[plain.pk] + 2  # the pictures, then their renditions
    with django_assert_max_num_queries(cost[plain.pk] + 2):
        body = article_body(page_of(Client(), three))
    assert body.count("<figure") == 3 and body.count("<figcaption") == 3


@pytest.mark.django_db
def test_a_deleted_picture_leaves_no_broken_markup(client, make_article, pictures):
    story = make_article(body_ar=f"<p>قبل</p>{figure(pictures[1].pk)}<p>بعد</p>")
    pictures[1].delete()
    body = article_body(page_of(client, story))
    assert "<figure" not in body and "<img" not in body and "data-image-id" not in body
    assert "<p>قبل</p><p>بعد</p>" in body


@pytest.mark.django_db
def test_the_body_editor_stores_the_id_only_whatever_is_posted(make_article, pictures):
    story = make_article(
        body_ar=f'<figure data-image-id="{pictures[0].pk}" onmouseover="x()"><img src="https://evil.example/t.gif"></figure>'
    )
    story.refresh_from_db()
    assert story.body_ar == figure(pictures[0].pk)


@pytest.mark.django_db
def test_the_preview_shows_an_unsaved_body_picture(admin_client, make_article, pictures):
    story = make_article(status=Article.Status.DRAFT)
    data = form_data(story, body_ar=f"<p>معاينة</p>{figure(pictures[2].pk)}")
    response = admin_client.post(reverse("admin:articles_article_desk_preview", args=[story.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200, page[:500]
    assert "صورة رقم 2" in page and 'alt="وصف الصورة 2"' in page and "data-image-id" not in page


@pytest.mark.django_db
def test_the_api_gives_body_pictures_in_full_with_absolute_addresses(
    client, make_article, pictures, settings
):
    settings.NEWSROOM_API_RATE = "100000/minute"
    story = make_article(body_ar=f"<p>نص</p>{figure(pictures[0].pk)}{figure(999999)}")
    data = client.get(f"/api/v1/articles/{story.pk}/").json()
    body = data["body"]
    assert "data-image-id" not in body and body.count("<figure") == 1
    assert re.search(r'srcset="http://testserver/media/renditions/[^" ]+-400w\.webp 400w', body)
    assert re.search(r'<img src="http://testserver/media/renditions/[^"]+\.jpg" alt="وصف الصورة 0"', body)
    assert "صورة رقم 0" in body and "تصوير: سالم 0" in body


@pytest.mark.django_db
def test_feeds_carry_no_raw_body_picture(client, make_article, pictures):
    make_article(standfirst_ar="موجز", body_ar=f"<p>نص</p>{figure(pictures[0].pk)}")
    for url in ("/feeds/rss/", "/feeds/atom/"):
        response = client.get(url)
        if response.status_code == 404:
            continue
        assert response.status_code == 200
        assert "data-image-id" not in response.content.decode()
