"""/api/v1/changes/: what a partner needs to mirror the outlet, in order, with tombstones."""

import datetime

import time_machine

from articles import publishing
from articles.models import Article
from tests.reader.stories import story


def feed(api, url="/api/v1/changes/?limit=100"):
    status, data, _ = api(url)
    assert status == 200, data
    return data


def test_every_public_story_in_order_of_change(world, api):
    data = feed(api)
    listed = [item["id"] for item in data["results"]]
    assert sorted(listed) == sorted(Article.objects.published().values_list("id", flat=True))
    times = [item["at"] for item in data["results"]]
    assert times == sorted(times)
    assert world.draft.pk not in listed and world.scheduled.pk not in listed
    assert all(item["article"]["id"] == item["id"] for item in data["results"])
    assert data["more"] is False and data["since"]


def test_a_partner_keeps_its_cursor_and_sees_only_what_changed(world, withdrawn, api):
    first = feed(api)
    assert feed(api, first["next"])["results"] == []  # nothing new
    # An edit, a correction, a withdrawal and a new story, in that order.
    edited = Article.objects.get(pk=world.older[0].pk)
    edited.headline_ar = "عنوان معدل"
    publishing.note_edit(edited)
    edited.save()
    publishing.add_correction(Article.objects.get(pk=world.tagged.pk), None, "تصحيح رقم")
    publishing.withdraw(Article.objects.get(pk=world.older[1].pk), None, "")
    fresh = story("خبر جديد", world.local, [world.khalid], hours_ago=0)
    changes = feed(api, first["next"])["results"]
    assert [(c["id"], c["change"]) for c in changes] == [
        (world.older[0].pk, "updated"),
        (world.tagged.pk, "corrected"),
        (world.older[1].pk, "withdrawn"),
        (fresh.pk, "published"),
    ]
    assert changes[0]["article"]["headline"] == "عنوان معدل"
    tombstone = changes[2]
    assert tombstone["article"] is None and tombstone["url"] is None
    assert set(tombstone) == {"id", "change", "at", "url", "article"}


def test_withdrawn_story_is_a_tombstone_without_its_text(world, withdrawn, api):
    data = feed(api)
    [item] = [item for item in data["results"] if item["id"] == withdrawn.pk]
    assert item["change"] == "withdrawn" and item["article"] is None
    assert "مسحوب" not in str(data)


def test_scheduled_story_enters_when_due_and_a_pulled_one_never(world, api):
    pulled = story("خبر مجدول ثم سحب", world.local, [world.fatimah], hours_ago=-1)
    publishing.withdraw(pulled, None, "")
    first = feed(api)
    listed = [item["id"] for item in first["results"]]
    assert world.scheduled.pk not in listed and pulled.pk not in listed
    with time_machine.travel(world.scheduled.published_at + datetime.timedelta(minutes=5)):
        later = feed(api, first["next"])["results"]
        assert [(c["id"], c["change"]) for c in later] == [(world.scheduled.pk, "published")]
        assert pulled.pk not in [item["id"] for item in feed(api)["results"]]


def test_pages_of_changes(world, api):
    seen, url = [], "/api/v1/changes/?limit=3"
    while True:
        data = feed(api, url)
        seen += [item["id"] for item in data["results"]]
        if not data["more"]:
            break
        url = data["next"]
    assert len(seen) == len(set(seen)) == Article.objects.published().count()


def test_fresh_changes_wait_for_the_delay(world, api, settings):
    # Every story in `world` was saved a moment ago: with an hour's delay none is out yet.
    settings.NEWSROOM_API_CHANGES_DELAY = 3600
    assert feed(api)["results"] == []
    with time_machine.travel(datetime.timedelta(seconds=3601)):
        assert len(feed(api)["results"]) == Article.objects.published().count()
