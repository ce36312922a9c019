"""Hypothesis fuzz (bounded, derandomised): any public URL answers without a 500, and any
bytes given to the importer are imported or cleanly refused, with nothing half-saved."""

import tempfile
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.importing import StoryFormatError, import_story
from articles.models import Article, Author, Byline

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ANSWERS = {200, 301, 302, 400, 404, 410}

# Any Unicode text (no surrogates), weighted towards the characters that break things.
nasty = st.sampled_from(
    [
        "\x00",
        "\x01",
        "\n",
        "\r",
        "\u202e",
        "\u2028",
        "\ufeff",
        "%",
        "/",
        "..",
        "'",
        '"',
        "<",
        ">",
        "ة",
        "ـ",
        "\u200c",
        "🙂",
        "\\",
        "?",
        "#",
        "&",
        " ",
    ]
)
segment = st.lists(st.one_of(nasty, st.text(min_size=1, max_size=8)), max_size=12).map("".join)
templates = st.sampled_from(
    [
        "/{s}/",
        "/tags/{s}/",
        "/authors/{s}/",
        "/awards/{s}/",
        "/organisations/{s}/",
        "/{s}/{n}/{s}/",
        "/{s}/{n}/",
        "/feeds/sections/{s}/rss/",
        "/feeds/authors/{s}/atom/",
        "/preview/{s}/",
        "/en/{s}/",
        "/en/tags/{s}/",
        "/sitemap-{s}.xml",
        "/search/?q={s}",
        "/en/search/?q={s}&page={s}",
        "/archive/?page={s}",
        "/?{s}={s}",
    ]
)


@FUZZ
@given(template=templates, text=segment, number=st.integers(min_value=-5, max_value=10**12))
def test_public_urls_never_answer_500(client, demo, template, text, number):
    url = template.format(s=quote(text, safe=""), n=number)
    response = client.get(url)
    assert response.status_code in ANSWERS, (url, response.status_code)


story_line = st.tuples(segment, segment).map(lambda pair: f"{pair[0]}/{pair[1]}")
structured = st.tuples(
    st.one_of(st.just(""), segment.map(lambda s: f"id: {s}\n")),
    story_line,
    st.lists(segment, max_size=6),
).map(lambda parts: (parts[0] + parts[1] + "\n" + "\n".join(parts[2])).encode("utf-8", "surrogatepass"))
any_bytes = st.one_of(st.binary(max_size=3000), structured, structured.map(lambda b: b"\xef\xbb\xbf" + b))


@FUZZ
@given(data=any_bytes, publish=st.booleans())
def test_any_bytes_are_imported_or_cleanly_refused(data, publish):
    before = (Article.objects.count(), Author.objects.count(), Byline.objects.count())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "story.txt"
        path.write_bytes(data)
        try:
            result = import_story(path, publish=publish, headline="عنوان" if publish else None, root=folder)
        except StoryFormatError as error:
            assert "line" in str(error) or "file" in str(error) or "path" in str(error)
            assert (Article.objects.count(), Author.objects.count(), Byline.objects.count()) == before
            return
    article = Article.objects.get(pk=result.article.pk)
    assert article.body_ar.startswith("<p>") and article.bylines.exists()
    assert "\x00" not in article.body_ar + article.headline_ar + article.dateline_ar
    article.delete()
    Author.objects.filter(bylines__isnull=True).delete()
