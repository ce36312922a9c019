import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.desk import previews
from articles.models import Article

Status = Article.Status


def preview_url(article):
    return reverse("admin:articles_article_desk_preview", args=[article.pk])


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["reporter", "editor"])
def test_desk_previews_a_draft_as_readers_will_see_it(request, login, make_article, who):
    article = make_article("خبر لم يُنشر بعد", status=Status.DRAFT, body_ar="<p>نص المسودة</p>")
    response = login(request.getfixturevalue(who)).get(preview_url(article))
    page = response.content.decode()
    assert response.status_code == 200
    assert "معاينة" in page and "خبر لم يُنشر بعد" in page and "نص المسودة" in page
    assert 'class="article"' in page  # the reader's article template
    assert response["X-Robots-Tag"].startswith("noindex")
    assert '<meta name="robots" content="noindex' in page


@pytest.mark.django_db
def test_admin_preview_needs_a_login(client, make_article):
    article = make_article(status=Status.DRAFT)
    response = client.get(preview_url(article))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_shared_link_works_without_login_then_expires(
    client, login, editor, make_article, settings, django_assert_max_num_queries
):
    settings.NEWSROOM_PREVIEW_MAX_AGE = 48 * 3600
    article = make_article("خبر للمعاينة المشتركة", status=Status.REVIEW)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        response = login(editor).post(
            reverse("admin:articles_article_desk_share_preview", args=[article.pk]), follow=True
        )
        page = response.content.decode()
        assert "رابط المعاينة" in page
        url = re.search(r"http://testserver(/preview/[^\s<]+/)", page)[1]

        with django_assert_max_num_queries(6):
            shared = client.get(url)
        assert shared.status_code == 200 and "خبر للمعاينة المشتركة" in shared.content.decode()
        assert shared["X-Robots-Tag"].startswith("noindex")
        assert '<meta name="robots" content="noindex' in shared.content.decode()

        clock.shift(datetime.timedelta(hours=47))
        assert client.get(url).status_code == 200
        clock.shift(datetime.timedelta(hours=2))
        expired = client.get(url)
        assert expired.status_code == 410
        assert "انتهت صلاحية رابط المعاينة" in expired.content.decode()
        assert expired["X-Robots-Tag"].startswith("noindex")


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["1:forged:signature", "not-a-token", "99999"])
def test_forged_preview_token_is_an_arabic_404(client, make_article, token):
    make_article(status=Status.DRAFT)
    response = client.get(f"/preview/{token}/")
    assert response.status_code == 404
    assert "رابط المعاينة غير صالح" in response.content.decode()


@pytest.mark.django_db
def test_token_for_another_story_id_cannot_be_made_by_editing_the_link(client, make_article, editor):
    first = make_article(status=Status.DRAFT)
    second = make_article("خبر آخر سري", status=Status.DRAFT)
    link = previews.share(first, editor)
    previews.share(second, editor)
    token = previews.make_token(link)
    forged = str(link.pk + 1) + token[len(str(link.pk)) :]
    response = client.get(f"/preview/{forged}/")
    assert response.status_code == 404 and "خبر آخر سري" not in response.content.decode()


@pytest.mark.django_db
def test_link_to_a_deleted_story_is_404(client, make_article, editor):
    article = make_article(status=Status.DRAFT)
    url = previews.share_url(article, editor)
    article.delete()
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_only_someone_who_may_edit_a_story_can_hand_out_a_preview_link(login, other_reporter, draft):
    # Reporters may view every story in the admin, but a no-login link to another
    # reporter's draft is not theirs to give.
    response = login(other_reporter).post(
        reverse("admin:articles_article_desk_share_preview", args=[draft.pk])
    )
    assert response.status_code == 403
    assert "لا يمكنك مشاركة معاينة" in response.content.decode()
