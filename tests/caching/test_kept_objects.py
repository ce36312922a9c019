"""With the full-page cache off, the article page keeps its story, related stories and its
rendered part under the content version: a second reader costs no query, and any change
readers would see is on the very next request (the version moved on)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import publishing
from articles.models import Correction

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.NEWSROOM_PAGE_CACHE = False


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_a_second_reader_costs_no_query_and_sees_the_same_page(client, world):
    url = world.lead.get_absolute_url()
    first, first_queries = _get(client, url)
    again, again_queries = _get(client, url)
    assert first_queries >= 6 and again_queries == 0
    assert again == first and world.lead.headline_ar in again


def test_an_edit_a_correction_and_a_withdrawal_show_at_once(client, world):
    url = world.lead.get_absolute_url()
    _get(client, url)
    world.lead.headline_ar = "عنوان جديد بعد التحرير"
    world.lead.save()
    page, queries = _get(client, url)
    assert "عنوان جديد بعد التحرير" in page and queries >= 6
    Correction.objects.create(article=world.lead, kind=Correction.Kind.CORRECTION, text="صححنا اسم المدينة")
    assert "صححنا اسم المدينة" in _get(client, url)[0]
    world.lead.section.name_ar = "قسم بعد تغيير اسمه"
    world.lead.section.save()
    assert "قسم بعد تغيير اسمه" in _get(client, world.lead.get_absolute_url())[0]
    publishing.withdraw(world.lead, None, "سبب")
    assert client.get(url).status_code == 404


def test_the_kept_part_carries_the_host_it_was_asked_for(client, world, settings):
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    url = world.lead.get_absolute_url()
    assert "http%3A%2F%2Ftestserver" in _get(client, url)[0]
    page = client.get(url, HTTP_HOST="other.example").content.decode()
    assert "http%3A%2F%2Fother.example" in page and "testserver" not in page


def test_with_the_object_cache_off_every_reader_costs_the_queries(client, world, settings):
    settings.NEWSROOM_OBJECT_CACHE = False
    url = world.lead.get_absolute_url()
    first, first_queries = _get(client, url)
    again, again_queries = _get(client, url)
    assert again_queries == first_queries >= 6 and again == first
