"""Preview links: who may share them, listing and revoking them in the desk, and their death
when the story is withdrawn."""

import pytest
from django.urls import reverse

from articles import publishing
from articles.desk import previews
from articles.desk.models import PreviewLink
from articles.models import Article

Status = Article.Status
pytestmark = pytest.mark.django_db


def share_as(client, article):
    return client.post(reverse("admin:articles_article_desk_share_preview", args=[article.pk]), follow=True)


def test_a_reporter_shares_their_own_story_but_not_anothers(login, reporter, other_reporter, draft, client):
    assert share_as(login(reporter), draft).status_code == 200
    assert PreviewLink.objects.filter(article=draft, created_by=reporter).count() == 1
    assert share_as(login(other_reporter), draft).status_code == 403
    assert PreviewLink.objects.count() == 1


def test_an_editor_shares_any_story_but_never_a_withdrawn_one(editor, make_article, login):
    story = make_article("خبر منشور")
    assert previews.share(story, editor).pk
    publishing.withdraw(story, editor, "خطأ")
    response = share_as(login(editor), story)
    assert response.status_code == 403
    assert PreviewLink.objects.filter(article=story).count() == 1


def test_withdrawal_kills_links_for_good(client, editor, make_article):
    story = make_article("خبر سيُسحب")
    url = previews.share_url(story, editor)
    assert client.get(url).status_code == 200
    publishing.withdraw(story, editor, "خطأ")
    assert client.get(url).status_code == 410
    publishing.send_back(story, editor, "أعد الكتابة")
    story.refresh_from_db()
    assert story.status == Status.DRAFT
    assert client.get(url).status_code == 410  # the old link stays dead
    assert client.get(previews.share_url(story, editor)).status_code == 200  # a new one works


def test_links_are_listed_and_revoked_in_the_desk(client, login, editor, reporter, draft, make_article):
    mine = previews.share(draft, reporter)
    other = previews.share(make_article("خبر المحرر", status=Status.REVIEW), editor)
    url = previews.link_url(mine)
    assert client.get(url).status_code == 200

    changelist = reverse("admin:desk_previewlink_changelist")
    page = login(reporter).get(changelist).content.decode()
    assert "مسودة المراسلة" in page and "خبر المحرر" not in page
    # A reporter cannot revoke someone else's link, even by posting its id.
    login(reporter).post(changelist, {"action": "revoke_links", "_selected_action": [other.pk]})
    other.refresh_from_db()
    assert other.revoked_at is None

    editor_page = login(editor).get(changelist).content.decode()
    assert "مسودة المراسلة" in editor_page and "خبر المحرر" in editor_page
    response = login(editor).post(
        changelist, {"action": "revoke_links", "_selected_action": [mine.pk]}, follow=True
    )
    assert "أُلغي رابط واحد" in response.content.decode()
    mine.refresh_from_db()
    assert mine.revoked_at is not None and mine.revoked_by == editor
    assert client.get(url).status_code == 410


def test_anonymous_cannot_list_links(client):
    response = client.get(reverse("admin:desk_previewlink_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
