"""One rule, one place: a preview link's liveness is the same in the desk's list, its filter
and the public link, on every path a story can take; desk-only writes leave readers' pages
cached."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles import freshness, publishing
from articles.desk import previews
from articles.desk.admin.previews import PreviewLinkAdmin
from articles.desk.models import Autosave, PreviewLink
from articles.models import Article

pytestmark = pytest.mark.django_db
Status = Article.Status


def _withdrawn(story, editor):
    publishing.withdraw(story, editor, "خطأ")


def _withdrawn_then_sent_back(story, editor):
    publishing.withdraw(story, editor, "خطأ")
    publishing.send_back(story, editor, "أعد الكتابة")


def _revoked(story, editor):
    previews.revoke(PreviewLink.objects.filter(article=story), editor)


def _sent_back(story, editor):
    publishing.send_back(story, editor, "راجع")


PATHS = {
    # name: (the story's status when the link is handed out, what happens next, live afterwards)
    "draft": (Status.DRAFT, lambda story, editor: None, True),
    "published": (Status.PUBLISHED, lambda story, editor: None, True),
    "in review, sent back": (Status.REVIEW, _sent_back, True),
    "revoked": (Status.PUBLISHED, _revoked, False),
    "withdrawn": (Status.PUBLISHED, _withdrawn, False),
    "withdrawn then sent back": (Status.PUBLISHED, _withdrawn_then_sent_back, False),
}


@pytest.mark.parametrize("path", [*PATHS, "expired"])
def test_liveness_agrees_in_the_list_the_filter_and_the_public_link(
    path, client, login, editor, make_article
):
    status, step, live = PATHS.get(path, (Status.DRAFT, None, False))
    story = make_article(
        "خبر للمعاينة", status=status, published_at=None if status != Status.PUBLISHED else timezone.now()
    )
    url = previews.share_url(story, editor)
    if path == "expired":
        later = timezone.now() + datetime.timedelta(seconds=2 * 86400 * 365)
        travel = time_machine.travel(later, tick=False)
    else:
        step(story, editor)
        travel = None
    if travel:
        travel.start()
    try:
        public = client.get(url).status_code
        desk = login(editor)
        page = desk.get(reverse("admin:desk_previewlink_changelist")).content.decode()
        listed = re.findall(r'<td class="field-state">(.*?)</td>', page)
        filtered = (
            desk.get(reverse("admin:desk_previewlink_changelist") + "?state=live").context["cl"].result_count
        )
        link = PreviewLink.objects.with_state().get()
        state = PreviewLinkAdmin(PreviewLink, None).state(link)
    finally:
        if travel:
            travel.stop()
    assert public == (200 if live else 410)
    assert filtered == (1 if live else 0)
    assert (str(state) == "يعمل") is live
    assert (listed == ["يعمل"]) is live and len(listed) == 1


def test_desk_only_writes_leave_the_page_cache_alone(editor, make_article):
    story = make_article("خبر منشور")
    shown = [freshness.key(story), freshness.ALL_LISTS, freshness.STORIES, freshness.EVERYTHING]
    before = freshness.versions(shown)
    Autosave.objects.create(article=story, user=editor, data={"headline_ar": "نص لم يُحفظ"})
    previews.share(story, editor)
    assert freshness.versions(shown) == before
    story.headline_ar = "عنوان جديد"
    story.save()
    # A change readers see still counts.
    assert freshness.versions(shown)[freshness.key(story)] != before[freshness.key(story)]
