"""The page cache on the backends production uses: Redis (shared by every worker) and
Redis gone (pages served uncached, never a 500)."""

import uuid

import pytest
from django.urls import reverse

from articles import publishing
from tests.reader.stories import story

pytestmark = pytest.mark.django_db
REDIS = "redis://127.0.0.1:6379/3"


def redis_cache(location, prefix):
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@pytest.fixture
def redis_prefix(settings):
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    prefix = f"speed-test-{uuid.uuid4().hex}"
    settings.CACHES = redis_cache(REDIS, prefix)
    yield prefix
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_redis_serves_pages_and_a_publish_makes_them_fresh(client, world, redis_prefix):
    url = reverse("articles:home")
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    new = story("خبر عاجل عبر ريديس", world.local, [world.fatimah], status="draft")
    publishing.publish(new)
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "خبر عاجل عبر ريديس" in response.content.decode()


def test_a_version_bumped_by_another_process_is_seen(client, world, redis_prefix):
    """Another worker (its own connection to Redis) marks the lists changed: this one re-renders
    the archive, and keeps a page that shows no list."""
    from django.core.cache.backends.redis import RedisCache

    from articles import freshness

    url, story = reverse("articles:archive"), world.lead.get_absolute_url()
    for page in (url, story):
        client.get(page)
        assert client.get(page)["X-Page-Cache"] == "hit"
    other_worker = RedisCache(REDIS, {"KEY_PREFIX": redis_prefix})
    other_worker.set(freshness.PREFIX + freshness.ALL_LISTS, "1.0-other", None)
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(story)["X-Page-Cache"] == "hit"


def test_redis_down_means_uncached_pages_not_errors(client, world, settings):
    settings.CACHES = redis_cache("redis://127.0.0.1:1/0", "speed-down")
    for url in (reverse("articles:home"), world.lead.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert "public" not in response["Cache-Control"]
    # The desk keeps working: a publish while the cache is down is not refused.
    publishing.withdraw(world.lead, None, "سبب")
    assert client.get(world.lead.get_absolute_url()).status_code == 404
