"""Hypothesis fuzz (bounded, derandomised) of the desk's forms: whatever an editor's browser
posts — any text in any field, words where ids belong, over-long values — the answer is the
form again with its errors (200), a save (302) or a 400, never a 500, and a refused save
leaves the story as it was."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article, Tag
from tests.desk.conftest import form_data, make_user, roles  # noqa: F401  (fixtures)

from .test_fuzz import segment

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ANSWERS = {200, 302, 400}

text = st.one_of(segment, st.text(max_size=400), st.just("م" * 320), st.just("<script>alert(1)</script>"))
an_id = st.one_of(st.integers(min_value=-3, max_value=2**70).map(str), segment, st.just(""), st.just("abc"))
STORY_TEXT = [
    "headline_ar",
    "headline_en",
    "slug_ar",
    "slug_en",
    "kicker_ar",
    "standfirst_ar",
    "body_ar",
    "body_en",
    "dateline_ar",
    "seo_title_ar",
    "seo_description_ar",
]
STORY_IDS = ["section", "tags", "award_wins", "bylines-0-author", "lead_image", "version"]


@pytest.fixture
def editor_client(make_user):  # noqa: F811
    client = Client(raise_request_exception=False)
    client.force_login(make_user("fuzz-editor", "editor"))
    return client


@FUZZ
@given(
    texts=st.dictionaries(st.sampled_from(STORY_TEXT), text, max_size=4),
    ids=st.dictionaries(st.sampled_from(STORY_IDS), an_id, max_size=2),
)
def test_the_story_form_never_answers_500(editor_client, make_article, texts, ids):
    article = Article.objects.filter(headline_ar="خبر الفحص").first() or make_article(
        "خبر الفحص", status=Article.Status.DRAFT
    )
    Tag.objects.get_or_create(name_ar="الصحة")
    before = Article.objects.filter(pk=article.pk).values_list("version", "headline_ar").get()
    response = editor_client.post(
        reverse("admin:articles_article_change", args=[article.pk]), form_data(article, **texts, **ids)
    )
    assert response.status_code in ANSWERS, (texts, ids, response.status_code)
    if response.status_code != 302:
        assert Article.objects.filter(pk=article.pk).values_list("version", "headline_ar").get() == before


@FUZZ
@given(
    texts=st.dictionaries(st.sampled_from(STORY_TEXT), text, max_size=4),
    ids=st.dictionaries(st.sampled_from(STORY_IDS), an_id, max_size=2),
)
def test_the_new_story_form_never_answers_500(editor_client, make_article, texts, ids):
    section = make_article("قسم للفحص").section
    count = Article.objects.count()
    data = {
        "section": section.pk,
        "headline_ar": "خبر",
        "body_ar": "<p>نص</p>",
        "bylines-TOTAL_FORMS": "0",
        "bylines-INITIAL_FORMS": "0",
        "bylines-MIN_NUM_FORMS": "1",
        "bylines-MAX_NUM_FORMS": "1000",
        **texts,
        **ids,
    }
    response = editor_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code in ANSWERS, (texts, ids, response.status_code)
    if response.status_code != 302:
        assert Article.objects.count() == count


# app_model, as the admin names its pages (pictures live in their own app).
MODELS = [
    *(
        f"articles_{name}"
        for name in ("section", "tag", "author", "organisation", "award", "correction", "awardwin")
    ),
    "pictures_image",
]


@FUZZ
@given(
    model=st.sampled_from(MODELS),
    fields=st.dictionaries(
        st.sampled_from(
            [
                "name_ar",
                "name_en",
                "slug_ar",
                "bio_ar",
                "role_ar",
                "text_ar",
                "year",
                "kind",
                "article",
                "organisation",
                "category",
                "awarding_body",
                "user",
                "position",
                "alt_ar",
                "caption_ar",
            ]
        ),
        st.one_of(text, an_id),
        max_size=5,
    ),
)
def test_the_other_desk_forms_never_answer_500(admin_client, model, fields):
    response = admin_client.post(reverse(f"admin:{model}_add"), fields)
    assert response.status_code in ANSWERS, (model, fields, response.status_code)


@FUZZ
@given(username=text, password=text)
def test_the_login_form_never_answers_500(client, username, password):
    response = client.post("/admin/login/?next=/admin/", {"username": username, "password": password})
    assert response.status_code in {200, 400, 429}, (username, password, response.status_code)
