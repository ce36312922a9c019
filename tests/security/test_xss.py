"""An XSS corpus typed into every text field, checked in every output: reader pages (Arabic and
English), search results, JSON-LD, and the desk's lists, forms, history and diffs.

A page is parsed the way a browser tokenises it (html.parser); a payload has "gone live" if
the page holds a script element that is not ours, an on* event attribute, a javascript: URL,
or a JSON-LD block that does not parse back to the typed text."""

import json
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from articles import publishing, revisions
from articles.models import Article, Author, Byline, Section, Tag

from .payloads import XSS

pytestmark = pytest.mark.django_db


class Live(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self.json_ld, self._in_ld = [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if (
                name in ("href", "src", "action", "formaction", "data")
                and value
                and value.strip().lower().replace("\x00", "").startswith(("javascript:", "data:text/html"))
            ):
                self.problems.append(f"<{tag} {name}={value[:40]}>")
        if tag == "script":
            kind = attrs.get("type", "")
            if kind == "application/ld+json":
                self._in_ld = True
            elif kind == "importmap" and attrs.get("nonce"):
                pass
            elif not (attrs.get("src") or "").startswith("/") or attrs["src"].startswith("//"):
                self.problems.append(f"<script {attrs}>")
        if tag in ("iframe", "object", "embed", "base"):
            self.problems.append(f"<{tag}>")
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            self.problems.append("<meta refresh>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld.append(data)


def assert_not_live(html, where):
    parser = Live()
    parser.feed(html)
    parser.close()
    assert parser.problems == [], f"{where}: {parser.problems[:5]}"
    for block in parser.json_ld:
        json.loads(block)  # a payload that ended the block would make it unparsable
    return parser


@pytest.fixture
def hostile_world(section, editor_user):
    """Every plain-text field of every public model holds a payload."""
    stories = []
    for number, payload in enumerate(XSS):
        tag = Tag.objects.create(name_ar=f"وسم {number} {payload}", name_en=f"tag {number} {payload}")
        person = Author.objects.create(
            name_ar=f"كاتب {number} {payload}",
            name_en=f"Writer {number} {payload}",
            role_ar=payload,
            bio_ar=payload,
            bio_en=payload,
        )
        place = Section.objects.create(
            name_ar=f"قسم {number} {payload}", name_en=f"Section {number} {payload}"
        )
        article = Article.objects.create(
            headline_ar=f"خبر {number} {payload}",
            headline_en=f"Story {number} {payload}",
            kicker_ar=payload[:120],
            kicker_en=payload[:120],
            standfirst_ar=payload,
            standfirst_en=payload,
            dateline_ar=payload[:100],
            dateline_en=payload[:100],
            section=place,
            body_ar=f"<p>{payload}</p>{payload}",
            body_en=f"<p>{payload}</p>",
        )
        Byline.objects.create(article=article, author=person, position=0)
        article.tags.add(tag)
        publishing.publish(article)
        publishing.add_correction(article, editor_user, payload, text_en=payload)
        revisions.save_version(article, editor_user)
        article.headline_ar = f"خبر معدل {number} {payload}"
        article.save()
        revisions.save_version(article, editor_user)
        stories.append(article)
    return stories


@pytest.fixture
def editor_user(django_user_model):
    return django_user_model.objects.create_superuser("chief", "chief@example.org", "x" * 12)


def public_urls(stories):
    urls = ["/", "/en/", "/archive/", "/en/archive/"]
    for article in stories:
        article = Article.objects.for_detail().get(pk=article.pk)
        urls += [article.get_absolute_url(), "/en" + article.get_absolute_url()]
        urls += [
            article.section.get_absolute_url(),
            article.tags.get().get_absolute_url(),
            article.byline[0].get_absolute_url(),
        ]
    urls += [f"/search/?q={word}" for word in ("خبر", "كاتب", "alert", "script", "وسم")]
    return urls


def test_no_payload_is_live_on_any_reader_page(client, hostile_world):
    for url in public_urls(hostile_world):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert_not_live(response.content.decode(), url)


def test_json_ld_gives_back_exactly_what_was_typed(client, hostile_world):
    for article in hostile_world:
        article.refresh_from_db()
        parser = assert_not_live(client.get(article.get_absolute_url()).content.decode(), "article")
        data = [json.loads(block) for block in parser.json_ld]
        headlines = [item.get("headline") for item in data if isinstance(item, dict)]
        assert article.headline_ar in headlines or any(
            article.headline_ar[:110] in (h or "") for h in headlines
        )


def test_no_payload_is_live_in_the_desk(client, hostile_world, editor_user):
    client.force_login(editor_user)
    urls = [
        reverse(f"admin:articles_{model}_changelist")
        for model in ("article", "author", "tag", "section", "correction")
    ]
    urls += [reverse("admin:desk_previewlink_changelist")]
    urls += [reverse("admin:articles_article_changelist") + "?q=alert"]
    for article in hostile_world:
        urls += [
            reverse("admin:articles_article_change", args=[article.pk]),
            reverse("admin:articles_article_history", args=[article.pk]),
            reverse("admin:articles_article_desk_preview", args=[article.pk]),
        ]
        versions = list(revisions.versions_of(article))
        if len(versions) >= 2:
            urls.append(
                reverse("admin:articles_article_history", args=[article.pk])
                + f"?old={versions[-1].pk}&new={versions[0].pk}"
            )
        urls.append(reverse("admin:articles_author_change", args=[article.byline[0].pk]))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_not_live(response.content.decode(), url)


def test_figures_are_counted():
    # Recorded in docs/security.md: payloads × fields × outputs.
    assert len(XSS) >= 20
