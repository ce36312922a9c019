"""The desk's front page (the admin home): each list, who sees it, and a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.desk.front_page import front_page, start_of_desk_day
from articles.models import Article, EditLock, WorkflowEvent

INDEX = "/admin/"


def headlines(items):
    return [item.headline for item in items]


@pytest.fixture
def desk_day(make_article, reporter, other_reporter, editor):
    now = timezone.now()
    mine = make_article("مسودتي", status=Article.Status.DRAFT, created_by=reporter)
    make_article("مسودة زميل", status=Article.Status.DRAFT, created_by=other_reporter)
    back = make_article("خبر أُعيد", status=Article.Status.DRAFT, created_by=reporter)
    WorkflowEvent.objects.create(
        article=back,
        transition=WorkflowEvent.Transition.SEND_BACK,
        from_status="review",
        to_status="draft",
        user=editor,
        note="أضف مصدراً للرقم",
    )
    make_article("بانتظار المحرر", status=Article.Status.REVIEW, created_by=reporter)
    make_article("مجدول للمساء", published_at=now + datetime.timedelta(hours=3))
    make_article("نُشر صباحاً", published_at=max(start_of_desk_day(now), now - datetime.timedelta(minutes=5)))
    make_article("نُشر أمس", published_at=start_of_desk_day(now) - datetime.timedelta(hours=2))
    EditLock.objects.create(article=mine, user=reporter)
    stale = make_article("قفل منتهٍ", status=Article.Status.DRAFT)
    EditLock.objects.create(article=stale, user=editor, heartbeat_at=now - datetime.timedelta(hours=1))
    return now


@pytest.mark.django_db
def test_front_page_lists_for_a_reporter(desk_day, reporter):
    page = front_page(reporter, now=desk_day)
    assert headlines(page.my_drafts) == ["مسودتي"]
    assert headlines(page.sent_back) == ["خبر أُعيد"] and page.sent_back[0].note == "أضف مصدراً للرقم"
    assert not page.reviews and page.waiting_review == []
    assert headlines(page.scheduled) == ["مجدول للمساء"]
    assert page.scheduled[0].when == timezone.localtime(
        Article.objects.get(headline_ar="مجدول للمساء").published_at, start_of_desk_day(desk_day).tzinfo
    ).strftime("%Y-%m-%d %H:%M")
    assert headlines(page.published_today) == ["نُشر صباحاً"]
    assert [(item.headline, item.who) for item in page.locked] == [("مسودتي", "سارة المراسلة")]


@pytest.mark.django_db
def test_editors_see_what_waits_for_review(desk_day, editor):
    page = front_page(editor, now=desk_day)
    assert page.reviews and headlines(page.waiting_review) == ["بانتظار المحرر"]
    assert page.my_drafts == [] and page.sent_back == []


@pytest.mark.django_db
def test_admin_home_shows_the_front_page_in_fixed_queries(
    desk_day, editor, login, make_article, django_assert_max_num_queries
):
    client = login(editor)
    with django_assert_max_num_queries(16) as few:
        response = client.get(INDEX)
    for n in range(10):
        make_article(f"خبر إضافي {n}", status=Article.Status.REVIEW)
        make_article(f"منشور إضافي {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(INDEX)
    html = response.content.decode()
    review = Article.objects.filter(status=Article.Status.REVIEW).order_by("updated_at").first()
    assert reverse("admin:articles_article_change", args=[review.pk]) in html
    assert 'id="front-review"' in html and 'id="front-locked"' in html
    assert "سارة المراسلة" in html  # who holds the lock


@pytest.mark.django_db
def test_reporters_home_has_no_review_list(desk_day, reporter, login):
    html = login(reporter).get(INDEX).content.decode()
    assert 'id="front-review"' not in html
    assert "أضف مصدراً للرقم" in html and 'id="front-my-drafts"' in html


@pytest.mark.django_db
def test_my_stories_filter_in_the_story_list(make_article, reporter, other_reporter, login):
    from articles.models import Author, Byline

    started = make_article("بدأتُه أنا", status=Article.Status.DRAFT, created_by=reporter)
    bylined = make_article("باسمي في التوقيع", created_by=other_reporter)
    me = Author.objects.create(name_ar="سارة المراسلة", user=reporter)
    Byline.objects.create(article=bylined, author=me, position=1)
    make_article("ليس لي", created_by=other_reporter)
    url = reverse("admin:articles_article_changelist")
    html = login(reporter).get(url, {"mine": "1"}).content.decode()
    assert "بدأتُه أنا" in html and "باسمي في التوقيع" in html and "ليس لي" not in html
    assert "قصصي" in login(reporter).get(url).content.decode()
    assert started.pk


@pytest.mark.django_db
def test_a_new_story_offers_the_reporters_own_author_in_the_byline(reporter, other_reporter, login, section):
    from articles.models import Author, Byline

    me = Author.objects.create(name_ar="سارة المراسلة", user=reporter)
    add = reverse("admin:articles_article_add")
    form = login(reporter).get(add).context["inline_admin_formsets"][0].formset
    assert form.forms[0].initial == {"author": me.pk}
    assert "سارة المراسلة" in login(reporter).get(add).content.decode()
    # Someone without an author record gets the empty byline row, as before.
    other_form = login(other_reporter).get(add).context["inline_admin_formsets"][0].formset
    assert other_form.forms[0].initial == {}
    # Sent as offered, the story is saved with that byline.
    response = login(reporter).post(
        add,
        {
            "headline_ar": "خبر بتوقيعي",
            "body_ar": "<p>نص</p>",
            "section": section.pk,
            "status": "draft",
            "bylines-TOTAL_FORMS": "1",
            "bylines-INITIAL_FORMS": "0",
            "bylines-MIN_NUM_FORMS": "1",
            "bylines-MAX_NUM_FORMS": "1000",
            "bylines-0-author": str(me.pk),
            "bylines-0-position": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(
        Byline.objects.filter(article__headline_ar="خبر بتوقيعي").values_list("author", flat=True)
    ) == [me.pk]
