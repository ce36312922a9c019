"""A section's page must be reachable: its slug never shadows, or is shadowed by, a site page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import override

from articles.models import Section


@pytest.mark.django_db
def test_a_section_named_search_gets_a_url_that_reaches_it(client):
    section = Section.objects.create(name_ar="بحث", name_en="Search")
    assert section.slug_en != "search"
    with override("en"):
        url = section.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["section"] == section


@pytest.mark.django_db
@pytest.mark.parametrize("name_en", ["Archive", "Admin", "EN", "Tags"])
def test_generated_slugs_step_around_every_site_page(client, name_en):
    section = Section.objects.create(name_ar="قسم", name_en=name_en)
    for language in ("ar", "en"):
        with override(language):
            response = client.get(section.get_absolute_url())
        assert response.status_code == 200, (language, section.get_absolute_url())
        assert response.context["section"] == section


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "typed"),
    # /admin/ and /en/ exist only without the English prefix; /en/admin/ is free.
    [("en", "search"), ("en", "archive"), ("ar", "search"), ("ar", "admin"), ("ar", "en")],
)
def test_a_typed_slug_that_a_site_page_owns_is_refused_in_arabic(language, typed):
    slugs = {"slug_ar": "قسم", "slug_en": "desk", f"slug_{language}": typed}
    section = Section(name_ar="قسم", name_en="Desk", **slugs)
    with pytest.raises(ValidationError) as refusal:
        section.full_clean()
    assert "محجوز لصفحات الموقع" in str(refusal.value.message_dict[f"slug_{language}"])


@pytest.mark.django_db
def test_an_english_slug_free_under_the_english_prefix_is_accepted(client):
    section = Section(name_ar="قسم", name_en="Admin", slug_ar="قسم", slug_en="admin")
    section.full_clean()
    section.save()
    assert client.get("/en/admin/").context["section"] == section


@pytest.mark.django_db
def test_the_admin_refuses_a_reserved_slug_and_keeps_the_typed_name(admin_client):
    response = admin_client.post(
        reverse("admin:articles_section_add"),
        {"name_ar": "قسم البحث", "name_en": "Search desk", "slug_ar": "", "slug_en": "search", "position": 0},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "محجوز لصفحات الموقع" in page and "قسم البحث" in page
    assert not Section.objects.filter(name_ar="قسم البحث").exists()
