"""Only real pages for crawlers (issue 26): page numbers outside a list are 404, an empty
list is noindex and no sitemap entry or hreflang alternate, an author known only from drafts
has no page. Large image previews are allowed on every indexable page."""

from urllib.parse import unquote

import pytest
from django.utils.translation import override

from articles.models import Article, Author
from articles.site.views import PAGE_SIZE
from tests.reader.stories import story

NOINDEX = '<meta name="robots" content="noindex">'
LARGE_PREVIEWS = '<meta name="robots" content="max-image-preview:large">'


def url_of(obj, language="ar"):
    with override(language):
        return obj.get_absolute_url()


@pytest.mark.django_db
@pytest.mark.parametrize("number", ["999", "0", "-1", "abc", "02", "1.5", "٢", ""])
def test_a_page_number_that_is_not_a_page_is_404(client, world, number):
    for path in ("/archive/", url_of(world.local), url_of(world.fatimah)):
        assert client.get(path, {"page": number}).status_code == 404, (path, number)


@pytest.mark.django_db
def test_real_page_numbers_answer_with_their_own_stories(client, world):
    for n in range(PAGE_SIZE):
        story(f"خبر إضافي {n}", world.local, [world.khalid], hours_ago=10 + n)
    first = client.get("/archive/").content.decode()
    second = client.get("/archive/", {"page": "2"})
    assert second.status_code == 200
    assert 'rel="canonical" href="http://testserver/archive/?page=2"' in second.content.decode()
    assert LARGE_PREVIEWS in first and NOINDEX not in first
    assert client.get("/archive/", {"page": "3"}).status_code == 404


@pytest.mark.django_db
def test_an_english_list_with_no_english_story_is_noindex_and_no_alternate(client, world):
    english = client.get(url_of(world.economy, "en"))
    assert english.status_code == 200
    page = english.content.decode()
    assert NOINDEX in page and "max-image-preview" not in page
    arabic = client.get(url_of(world.economy)).content.decode()
    assert NOINDEX not in arabic and LARGE_PREVIEWS in arabic
    assert 'hreflang="en"' not in arabic and 'hreflang="ar"' in arabic
    # The section with an English story keeps both.
    local = client.get(url_of(world.local)).content.decode()
    assert f'hreflang="en" href="http://testserver{url_of(world.local, "en")}"' in local


@pytest.mark.django_db
def test_an_author_with_no_public_story_has_no_page(client, world):
    drafts_only = Author.objects.create(name_ar="سارة المحررة", name_en="Sara")
    story("مسودة لم تنشر", world.local, [drafts_only], status=Article.Status.DRAFT)
    story("خبر مجدول لم يحن وقته", world.local, [drafts_only], hours_ago=-3)
    for language in ("ar", "en"):
        assert client.get(url_of(drafts_only, language)).status_code == 404
    authors = client.get("/sitemap-authors.xml").content.decode()
    assert url_of(drafts_only).split("/")[-2] not in unquote(authors)
    # Once a story is out, the page is there.
    story("خبر منشور", world.local, [drafts_only])
    assert client.get(url_of(drafts_only)).status_code == 200


@pytest.mark.django_db
def test_sitemaps_list_each_list_page_only_in_editions_with_stories(client, world):
    sections = unquote(client.get("/sitemap-sections.xml").content.decode())
    assert "/en/local/" in sections and "/en/economy/" not in sections and "/اقتصاد/" in sections
    # No hreflang pair to a page that is not listed.
    assert 'hreflang="en" href="http://testserver/en/economy/"' not in sections
    story("An economy story", world.economy, [world.khalid], headline_en="An economy story")
    assert "/en/economy/" in unquote(client.get("/sitemap-sections.xml").content.decode())


@pytest.mark.django_db
def test_search_pages_carry_one_robots_tag(client, world):
    page = client.get("/search/", {"q": "الأمانة"}).content.decode()
    assert page.count('name="robots"') == 1 and NOINDEX in page
