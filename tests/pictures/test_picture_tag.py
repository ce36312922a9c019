"""{% picture %} and the pages: they read the renditions that exist and never make one."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template

from articles.models import Article
from articles.pictures.models import Image, Rendition
from tests.pictures.conftest import picture_bytes


def render(snippet, **context):
    return Template("{% load pictures %}" + snippet).render(Context(context))


@pytest.mark.django_db
def test_picture_tag_renders_webp_and_jpeg_srcsets_with_size_and_alt(make_image):
    image = make_image()
    html = render('{% picture image sizes="100vw" %}', image=image)
    assert html.count("<source") == 2
    assert re.search(
        r'<source type="image/webp" srcset="/media/renditions/[^" ]+-400w\.webp 400w, '
        r'[^" ]+-800w\.webp 800w, [^" ]+-1200w\.webp 1200w" sizes="100vw">',
        html,
    )
    assert re.search(
        r'<source type="image/jpeg" srcset="[^"]+-400w\.jpg 400w, [^"]+-800w\.jpg 800w, [^"]+-1200w\.jpg 1200w"',
        html,
    )
    assert re.search(
        r'<img src="/media/renditions/[^"]+-1200w\.jpg" alt="صورة الحفل" width="1200" height="750"', html
    )
    assert 'loading="lazy"' in html and "fetchpriority" not in html


@pytest.mark.django_db
def test_a_ratio_picks_the_cropped_renditions(make_image):
    html = render('{% picture image ratio="16x9" %}', image=make_image())
    assert "-1200w-16x9.webp 1200w" in html and 'width="1200" height="675"' in html
    assert "-1200w.webp" not in html


@pytest.mark.django_db
def test_lead_picture_loads_at_once_with_high_priority(make_image):
    html = render("{% picture image lead=True %}", image=make_image())
    assert 'fetchpriority="high"' in html and 'loading="lazy"' not in html


@pytest.mark.django_db
def test_alt_text_is_escaped(make_image):
    html = render("{% picture image %}", image=make_image(alt='"><script>'))
    assert "<script>" not in html and "&quot;&gt;&lt;script&gt;" in html


@pytest.mark.django_db
def test_a_picture_without_renditions_shows_its_original_and_none_is_made(media):
    # Saved without its commit callbacks running: no renditions exist yet.
    image = Image.objects.create(file=SimpleUploadedFile("a.jpg", picture_bytes()), alt_text_ar="صورة")
    html = render("{% picture image %}", image=image)
    assert "<source" not in html
    assert f'<img src="{image.file.url}" alt="صورة" width="1600" height="1000"' in html
    assert not Rendition.objects.exists() and not (media / "renditions").exists()


@pytest.mark.django_db
def test_a_prefetched_picture_renders_without_a_query(make_image, django_assert_num_queries):
    make_image()
    image = Image.objects.prefetch_related("renditions").get()
    with django_assert_num_queries(0):
        html = render('{% picture image ratio="16x9" %}{{ image|share_image }}', image=image)
    assert "-16x9.webp" in html and html.endswith("-1200w-16x9.jpg")


@pytest.mark.django_db
def test_story_cards_and_article_page_use_the_renditions(client, demo, make_image):
    demo.lead_image = make_image()
    demo.save()
    listing = client.get(demo.section.get_absolute_url()).content.decode()
    assert '<div class="story-card__image"><picture>' in listing and "-16x9.webp" in listing
    page = client.get(demo.get_absolute_url()).content.decode()
    assert 'fetchpriority="high"' in page and "<picture>" in page and 'type="image/webp"' in page
    og = re.search(r'<meta property="og:image" content="([^"]+)">', page).group(1)
    assert og.startswith("http://testserver/media/renditions/") and og.endswith("-1200w-16x9.jpg")
    assert f'<meta name="twitter:image" content="{og}">' in page
    assert demo.lead_image.file.url not in page.split("</head>")[0].split("application/ld+json")[0]


@pytest.mark.django_db
def test_listing_pages_cost_no_query_per_picture(
    client, make_article, make_image, django_assert_max_num_queries
):
    """Five pictured stories cost what one costs: renditions come prefetched with the pictures."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = make_article("خبر بصورة")
    first.lead_image = make_image(name="first.jpg")
    first.save()
    section_url = first.section.get_absolute_url()
    with CaptureQueriesContext(connection) as one:
        assert client.get(section_url).status_code == 200
    for number in range(4):
        story = make_article(f"خبر بصورة {number}")
        story.lead_image = make_image(name=f"story{number}.jpg")
        story.save()
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(section_url).content.decode()
    assert page.count("-16x9.webp 400w") == 5
    with django_assert_max_num_queries(len(one.captured_queries)):
        home = client.get("/").content.decode()
    assert "-16x9.webp" in home


@pytest.mark.django_db
def test_rendering_pages_never_cuts_a_rendition(client, make_article, media):
    story = make_article("خبر بصورة")
    story.lead_image = Image.objects.create(
        file=SimpleUploadedFile("a.jpg", picture_bytes()), alt_text_ar="صورة"
    )
    story.save()
    for url in (story.get_absolute_url(), story.section.get_absolute_url(), "/"):
        page = client.get(url).content.decode()
        assert story.lead_image.file.url in page
    assert not Rendition.objects.exists() and not (media / "renditions").exists()
    assert Article.objects.for_detail().get(pk=story.pk).lead_image.renditions.all().count() == 0
