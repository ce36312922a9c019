"""The slug follows the headline until the story first goes out: a reporter's working title
never becomes the public address; after publication it is fixed and old addresses 301."""

from urllib.parse import unquote

import pytest

from articles import publishing
from articles.arabic import arabic_slugify
from articles.models import Article

from .conftest import client_for, form_data, press

WORKING = "وزير الصحة يستقيل غدا بعد فضيحة العقود"
FINAL = "تعديلات في عقود وزارة الصحة"


@pytest.fixture
def working_draft(make_article, reporter):
    article = make_article(WORKING, status=Article.Status.DRAFT)
    article.created_by = reporter
    article.save()
    return article


def test_a_renamed_draft_publishes_under_its_final_headlines_slug(client, working_draft, reporter, editor):
    assert working_draft.slug_ar == arabic_slugify(WORKING)
    # The reporter submits; the editor retitles it in the desk's form and publishes.
    assert press(client_for(reporter), working_draft, "submit").status_code == 302
    response = press(client_for(editor), working_draft, "publish", headline_ar=FINAL)
    assert response.status_code == 302
    working_draft.refresh_from_db()
    assert working_draft.status == Article.Status.PUBLISHED
    assert working_draft.slug_ar == arabic_slugify(FINAL)
    page = client.get(working_draft.get_absolute_url())
    assert page.status_code == 200
    assert arabic_slugify(FINAL) in unquote(working_draft.get_absolute_url())
    # The working title is nowhere on the public page, not even in its canonical address.
    assert "يستقيل" not in unquote(page.content.decode())
    # The working title's address, had anyone guessed it, leads to the final one.
    old = unquote(working_draft.get_absolute_url()).replace(arabic_slugify(FINAL), arabic_slugify(WORKING))
    redirect = client.get(old)
    assert redirect.status_code == 301 and unquote(redirect["Location"]) == unquote(
        working_draft.get_absolute_url()
    )


def test_every_save_before_publication_follows_the_headline(working_draft):
    for headline in ("عنوان أول", "عنوان ثان", FINAL):
        working_draft.headline_ar = headline
        working_draft.save()
        working_draft.refresh_from_db()
        assert working_draft.slug_ar == arabic_slugify(headline)


def test_the_english_slug_follows_too(working_draft):
    working_draft.headline_en = "Health minister to resign"
    working_draft.save()
    working_draft.headline_en = "Changes to health ministry contracts"
    working_draft.save()
    assert Article.objects.get(pk=working_draft.pk).slug_en == "changes-to-health-ministry-contracts"


def test_after_publication_the_slug_is_fixed_and_the_old_address_answers(client, working_draft):
    working_draft.headline_ar = FINAL
    working_draft.save()
    publishing.publish(working_draft)
    published_url = working_draft.get_absolute_url()
    working_draft.headline_ar = "عنوان معدل بعد النشر"
    working_draft.save()
    working_draft.refresh_from_db()
    assert working_draft.slug_ar == arabic_slugify(FINAL)
    assert client.get(published_url).status_code == 200


def test_withdrawn_and_sent_back_keeps_its_published_slug(working_draft, editor):
    publishing.publish(working_draft)
    publishing.withdraw(working_draft, None, "خطأ")
    publishing.send_back(working_draft, None, "أعد الصياغة")
    working_draft.refresh_from_db()
    assert working_draft.status == Article.Status.DRAFT
    working_draft.headline_ar = FINAL
    working_draft.save()
    assert Article.objects.get(pk=working_draft.pk).slug_ar == arabic_slugify(WORKING)


def test_a_slug_the_editor_typed_is_kept(login, working_draft, editor):
    data = form_data(working_draft, headline_ar=FINAL, slug_ar="عقود-الصحة")
    response = login(editor).post(f"/admin/articles/article/{working_draft.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    working_draft.refresh_from_db()
    assert working_draft.slug_ar == "عقود-الصحة"
    # …and stays when the headline changes again.
    working_draft.headline_ar = "عنوان آخر"
    working_draft.save()
    assert Article.objects.get(pk=working_draft.pk).slug_ar == "عقود-الصحة"
