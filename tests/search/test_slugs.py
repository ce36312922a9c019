"""Slugs keep the headline's own letters; every older link still answers with a 301."""

import importlib
from urllib.parse import quote, unquote

import pytest
from django.apps import apps

from articles.models import Article, Author, OldSlug, Section, Tag

SEED_SLUG = "أمانة-عسير-تحصد-درع-الحكومة-الذكية-العربية-في-فئتين"
OLD_SEED_SLUG = "امانه-عسير-تحصد-درع-الحكومه-الذكيه-العربيه-في-فيتين"
migration = importlib.import_module("articles.migrations.0009_readable_slugs")


@pytest.mark.django_db
def test_story_slug_keeps_the_headlines_letters(client, demo):
    assert demo.slug_ar == SEED_SLUG
    assert unquote(demo.get_absolute_url()).endswith(f"/{SEED_SLUG}/")
    assert client.get(demo.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_the_old_folded_story_url_answers_301(client, demo):
    old = f"/{quote(demo.section.slug)}/{demo.pk}/{quote(OLD_SEED_SLUG)}/"
    response = client.get(old)
    assert response.status_code == 301 and response["Location"] == demo.get_absolute_url()


@pytest.mark.django_db
def test_a_section_whose_slug_changes_keeps_answering_at_the_old_one(client, demo):
    section = Section.objects.create(name_ar="الصحة", name_en="Health")
    assert section.slug_ar == "الصحة"
    section.slug_ar = "صحة-ومجتمع"
    section.save()
    assert list(OldSlug.objects.values_list("slug", flat=True)) == ["الصحة"]
    response = client.get(f"/{quote('الصحة')}/")
    assert response.status_code == 301 and response["Location"] == section.get_absolute_url()
    assert client.get(section.get_absolute_url()).status_code == 200
    assert client.get(f"/{quote('لا-يوجد')}/").status_code == 404


@pytest.mark.django_db
def test_data_migration_regenerates_folded_slugs_and_keeps_the_old_ones(client, demo):
    section = demo.section
    tag = Tag.objects.create(name_ar="الحكومة الذكية", name_en="Smart government")
    author = Author.objects.create(name_ar="فاطمة القحطاني")
    edited = Tag.objects.create(name_ar="جائزة", slug_ar="وسم-اختاره-المحرر")
    # The slugs as the old rule made them (folded), and an editor's own slug.
    Tag.objects.filter(pk=tag.pk).update(slug_ar="الحكومه-الذكيه", slug="الحكومه-الذكيه")
    Author.objects.filter(pk=author.pk).update(slug_ar="فاطمه-القحطاني", slug="فاطمه-القحطاني")
    Article.objects.filter(pk=demo.pk).update(slug_ar=OLD_SEED_SLUG, slug=OLD_SEED_SLUG)
    OldSlug.objects.all().delete()

    migration.readable_slugs(apps, None)

    tag.refresh_from_db()
    author.refresh_from_db()
    demo.refresh_from_db()
    edited.refresh_from_db()
    assert tag.slug_ar == "الحكومة-الذكية" and tag.slug_en == "smart-government"
    assert author.slug_ar == "فاطمة-القحطاني"
    assert demo.slug_ar == SEED_SLUG
    assert edited.slug_ar == "وسم-اختاره-المحرر"
    assert sorted(OldSlug.objects.values_list("slug", flat=True)) == ["الحكومه-الذكيه", "فاطمه-القحطاني"]
    for old, current in (
        (f"/tags/{quote('الحكومه-الذكيه')}/", tag),
        (f"/authors/{quote('فاطمه-القحطاني')}/", author),
    ):
        response = client.get(old)
        assert response.status_code == 301 and response["Location"] == current.get_absolute_url(), old
    assert section.slug_ar == Section.objects.get(pk=section.pk).slug_ar  # محليات: nothing to change
