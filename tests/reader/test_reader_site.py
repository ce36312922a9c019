"""The reader pages: what each shows, what it hides, what it costs."""

import re
from html import unescape

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from articles.dates import format_date
from tests.reader.stories import story

SECRET = ("مسودة سرية", "خبر مجدول سري")


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def no_secrets(page):
    for headline in SECRET:
        assert headline not in page


@pytest.mark.django_db
def test_home_has_lead_latest_and_a_block_per_section(client, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        page = get(client, "/")
    lead = page.split('class="lead-story"')[1].split("</section>")[0]
    assert world.lead.headline_ar in lead and "جوائز" in lead
    assert 'class="story-card"' in page and "خبر محلي رقم 0" in page
    blocks = page.split('class="section-block"')[1:]
    assert len(blocks) == 2
    assert "محليات" in blocks[0] and "اقتصاد" in blocks[1]
    assert blocks[0].count("<li>") == 4  # at most four stories a section
    assert "خبر اقتصادي عن الصحة" in blocks[1]
    no_secrets(page)


@pytest.mark.django_db
def test_home_query_count_does_not_grow_with_sections(client, world, django_assert_max_num_queries):
    from articles.models import Section

    for n in range(6):
        section = Section.objects.create(name_ar=f"قسم {n}")
        story(f"خبر القسم {n}", section, [world.khalid])
    with django_assert_max_num_queries(5):
        page = get(client, "/")
    assert page.count('class="section-block"') == 8


@pytest.mark.django_db
def test_archive_is_paginated_with_canonical_per_page(client, world, django_assert_max_num_queries):
    for n in range(20):
        story(f"خبر أرشيف {n}", world.local, [world.khalid], hours_ago=10 + n)
    with django_assert_max_num_queries(4):
        first = get(client, "/archive/")
    assert first.count('class="story-card"') == 20 and 'rel="next"' in first
    second = get(client, "/archive/?page=2")
    assert second.count('class="story-card"') == 7  # 27 published stories in all
    assert 'rel="canonical" href="http://testserver/archive/?page=2"' in second
    no_secrets(first + second)


@pytest.mark.django_db
def test_tag_page(client, world, django_assert_max_num_queries):
    url = world.health.get_absolute_url()
    assert url == reverse("articles:tag", kwargs={"slug": world.health.slug_ar})
    with django_assert_max_num_queries(5):  # +1: the pictures' renditions
        page = get(client, url)
    assert "الصحة" in page and world.lead.headline_ar in page and "خبر اقتصادي عن الصحة" in page
    no_secrets(page)
    with override("en"):
        english_url = world.health.get_absolute_url()
    assert english_url == "/en/tags/health/" and f'href="{english_url}"' in page
    assert get(client, "/tags/no-such-tag/", 404)


@pytest.mark.django_db
def test_author_page_has_photo_role_bio_stories_and_feeds(client, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):  # +1: the pictures' renditions
        page = get(client, world.fatimah.get_absolute_url())
    assert 'class="author-header__photo"' in page and world.fatimah.photo.url in page
    assert "مراسلة" in page and "مراسلة الصحيفة في عسير." in page
    assert world.lead.headline_ar in page and "خبر محلي رقم 4" in page
    assert reverse("articles:author_feed_rss", args=[world.fatimah.slug]) in page
    no_secrets(page)


@pytest.mark.django_db
def test_award_page_has_categories_winners_by_year_and_coverage(client, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):  # +1: the pictures' renditions
        page = get(client, world.award.get_absolute_url())
    assert "درع الحكومة الذكية" in page and "جائزة سنوية للخدمات الإلكترونية." in page
    assert world.academy.get_absolute_url() in page
    assert "المواقع الحكومية" in page and "الابتكار الحكومي" in page
    assert page.index('id="year-2021"') < page.index('id="year-2019"')
    assert world.municipality.get_absolute_url() in page and "نظام خدمة العملاء" in page
    assert world.lead.headline_ar in page
    assert page.count(world.lead.headline_ar) == 1  # once, though it covers two wins
    no_secrets(page)


@pytest.mark.django_db
def test_organisation_page_has_awards_won_and_coverage(client, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):  # +1: the pictures' renditions
        page = get(client, world.municipality.get_absolute_url())
    assert "أمانة منطقة عسير" in page and "جهة حكومية" in page and "أبها" in page
    assert world.award.get_absolute_url() in page and "2021" in page and "2019" in page
    assert world.lead.headline_ar in page
    no_secrets(page)


@pytest.mark.django_db
def test_article_page_shows_everything_a_reader_needs(client, world, django_assert_max_num_queries):
    lead = world.lead
    url = lead.get_absolute_url()
    # The story, byline, award wins, corrections, tags, picture renditions, related stories:
    # fixed, whatever their number.
    with django_assert_max_num_queries(7):
        page = get(client, url)
    assert '<p class="kicker">جوائز</p>' in page
    assert f'<h1 class="article__headline">{lead.headline_ar}</h1>' in page
    assert "فوز في فئتين." in page and '<span class="dateline">أبها</span>' in page
    # Every author is linked.
    for author in (world.fatimah, world.khalid):
        assert f'href="{author.get_absolute_url()}" rel="author"' in page
    # Published and updated times, Hijri and Gregorian.
    with override("ar"):
        assert shown_date(lead.published_at) in page and shown_date(lead.revised_at) in page
    assert "حُدّث" in page
    assert "مدة القراءة: 4 دقائق" in page
    # The lead picture with its words.
    assert lead.lead_image.file.url in page and 'width="1200" height="675"' in page
    assert 'alt="مبنى حجري"' in page and "مبنى الأمانة في أبها" in page and "تصوير: سالم" in page
    assert "تصحيحات وتحديثات" in page and "صُحّح اسم الفئة." in page
    # The award box links to the award and the winner.
    box = page.split('class="award-box"')[1].split("</aside>")[0]
    assert world.award.get_absolute_url() in box and world.municipality.get_absolute_url() in box
    assert f'href="{world.health.get_absolute_url()}" rel="tag"' in page
    # Share links are plain links, with no third-party script.
    share = page.split('class="share"')[1].split("</nav>")[0]
    for host in (
        "https://x.com/intent/post?",
        "https://www.facebook.com/sharer/sharer.php?",
        "https://wa.me/?",
        "https://t.me/share/url?",
        "mailto:?",
    ):
        assert host in unescape(share)
    assert re.findall(r"<script[^>]*\bsrc=", page) == []
    no_secrets(page)


@pytest.mark.django_db
def test_related_stories_are_published_same_section_or_tag_at_most_four(client, world):
    page = get(client, world.lead.get_absolute_url())
    related = page.split('class="related"')[1].split("</section>")[0]
    assert related.count("<li>") == 4
    assert world.lead.headline_ar not in related
    no_secrets(related)
    # The economy story shares only a tag, and still counts as related.
    page = get(client, world.tagged.get_absolute_url())
    related = page.split('class="related"')[1].split("</section>")[0]
    assert world.lead.headline_ar in related


@pytest.mark.django_db
def test_article_without_revision_has_no_updated_line(client, world):
    page = get(client, world.older[0].get_absolute_url())
    assert "حُدّث" not in page and "مدة القراءة: دقيقة واحدة" in page


def shown_date(moment):
    """The page's date line: the date, then the time kept on its line (never wrapped off)."""
    date = format_date(moment, with_time=False)
    time = timezone.localtime(moment).strftime("%H:%M")
    return f'{date}<span class="nowrap">{gettext("،")} {time}</span>'


@pytest.mark.django_db
def test_english_article_dates_and_reading_time_are_english(client, world):
    with override("en"):
        url = world.lead.get_absolute_url()
        expected = shown_date(world.lead.published_at)
    page = get(client, url)
    assert expected in page and " AH (" in page and "1 min read" in page


@pytest.mark.django_db
def test_head_has_canonical_hreflang_open_graph_and_feeds(client, world):
    page = get(client, world.lead.get_absolute_url())
    arabic = "http://testserver" + world.lead.get_absolute_url()
    with override("en"):
        english = "http://testserver" + world.lead.get_absolute_url()
    assert f'<link rel="canonical" href="{arabic}">' in page
    assert f'<link rel="alternate" hreflang="ar" href="{arabic}">' in page
    assert f'<link rel="alternate" hreflang="en" href="{english}">' in page
    assert f'<link rel="alternate" hreflang="x-default" href="{arabic}">' in page
    assert '<meta name="description" content="فوز في فئتين.">' in page
    assert '<meta property="og:type" content="article">' in page
    assert f'<meta property="og:title" content="{world.lead.headline_ar}">' in page
    # The 16:9 rendition, not the camera original.
    assert re.search(
        r'<meta property="og:image" content="http://testserver/media/renditions/[^"]+-1200w-16x9\.jpg">', page
    )
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert 'type="application/rss+xml"' in page and 'type="application/atom+xml"' in page
    # An Arabic-only story advertises no English edition.
    page = get(client, world.older[0].get_absolute_url())
    assert 'hreflang="en"' not in page


@pytest.mark.django_db
def test_not_found_page_is_arabic_in_the_site_design(client, world):
    page = get(client, "/authors/nobody/", 404)
    assert 'lang="ar" dir="rtl"' in page and 'class="masthead"' in page
    assert "الصفحة غير موجودة" in page and 'href="/"' in page


def test_server_error_page_renders_without_context_processors_or_database():
    # No django_db mark: any database access here fails the test.
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert 'lang="ar" dir="rtl"' in page and "حدث خطأ في الخادم" in page
    assert "/static/css/site.css" in page


@pytest.mark.django_db
def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines and "Allow: /" in lines
    assert "Disallow: /admin/" in lines and "Disallow: /preview/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


@pytest.mark.django_db
def test_language_switch_and_hreflang_point_at_canonical_urls_not_redirects(client, world):
    for obj in (world.fatimah, world.economy, world.award, world.municipality, world.health):
        page = get(client, obj.get_absolute_url())
        with override("en"):
            english = obj.get_absolute_url()
            response = client.get(english)
            assert response.status_code == 200, english
        if '<meta name="robots" content="noindex">' in response.content.decode():
            # An English list with no English story (issue 26): no alternate, no link to it.
            assert obj in (world.economy, world.health) and 'hreflang="en"' not in page
            continue
        assert f'hreflang="en" href="http://testserver{english}"' in page
        assert f'<a href="{english}" lang="en"' in page


@pytest.mark.django_db
def test_pages_share_under_their_own_title(client, world):
    for obj, title in (
        (world.fatimah, "فاطمة القحطاني"),
        (world.award, "درع الحكومة الذكية"),
        (world.municipality, "أمانة منطقة عسير"),
        (world.health, "الصحة"),
        (world.economy, "اقتصاد"),
    ):
        page = get(client, obj.get_absolute_url())
        assert f'<meta property="og:title" content="{title}">' in page
        assert page.count('rel="canonical"') == 1
