"""The picture library in the admin: thumbnails, Arabic search, the cards the story form asks
for, and the story form's picture chooser."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from articles.pictures import renditions
from articles.pictures.models import Image
from tests.pictures.conftest import picture_bytes

LIBRARY = "admin:pictures_image_changelist"


@pytest.fixture
def library(make_image):
    return {
        "fatimah": make_image(
            caption_ar="حفل تسليم الجائزة", credit_ar="فاطمه القحطاني", alt="المكرَّمون على المنصة"
        ),
        "sun": make_image(caption_ar="شمس فوق أبها", caption_en="Sun over Abha", credit_ar="وكالة الأنباء"),
        "rain": make_image(caption_ar="أمطار على عسير", credit_ar="سالم"),
    }


def rows(response):
    """The list's rows ("" when nothing is found: Django then draws no table)."""
    page = response.content.decode()
    return page.split("<tbody>")[1].split("</tbody>")[0] if "<tbody>" in page else ""


@pytest.mark.django_db
def test_the_library_lists_thumbnails_with_arabic_columns(admin_client, library):
    response = admin_client.get(reverse(LIBRARY))
    page = response.content.decode()
    body = rows(response)
    assert body.count('class="story-thumb"') == 3
    assert renditions.thumbnail(library["sun"]).url in body and library["sun"].file.url not in body
    headers = re.findall(r'<th scope="col"[^>]*>.*?<(?:a|span)[^>]*>([^<]+)<', page, re.S)
    assert {"الصورة", "التعليق", "المصدر/المصور", "الأبعاد", "تاريخ الرفع"} <= {h.strip() for h in headers}
    assert "1600×1000" in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    "words, found",
    [
        ("فاطمة", {"fatimah"}),  # ة finds ه in the credit
        ("الجائزه", {"fatimah"}),  # and the other way round, in the caption
        ("ابها", {"sun"}),  # hamza folded
        ("Abha", {"sun"}),  # the English caption
        ("المكرمون", {"fatimah"}),  # the alt text, tashkeel folded
        ("وكالة الأنباء", {"sun"}),  # every word must be found
        ("عسير سالم", {"rain"}),
        ("مطر غزير", set()),
    ],
)
def test_the_library_search_folds_arabic_spelling(admin_client, library, words, found):
    body = rows(admin_client.get(reverse(LIBRARY), {"q": words}))
    shown = {name for name, image in library.items() if f"/{image.pk}/change/" in body}
    assert shown == found


@pytest.mark.django_db
def test_pictures_saved_before_the_search_key_get_one_after_migrate(library):
    Image.objects.update(search_key="")
    call_command("migrate", verbosity=0)
    assert (
        Image.objects.get(pk=library["fatimah"].pk).search_key
        == "حفل تسليم الجايزه فاطمه القحطاني المكرمون علي المنصه"
    )


@pytest.mark.django_db
def test_cards_describe_the_pictures_asked_for(admin_client, library, django_assert_max_num_queries):
    url = reverse("admin:pictures_image_cards")
    wanted = [library["sun"].pk, library["rain"].pk, 987654]
    with django_assert_max_num_queries(6):  # session, user, pictures, renditions
        response = admin_client.get(url, {"ids": ",".join(map(str, wanted))})
    assert response.status_code == 200
    cards = {card["id"]: card for card in response.json()["pictures"]}
    assert set(cards) == {library["sun"].pk, library["rain"].pk}  # the missing one is absent
    assert cards[library["sun"].pk] == {
        "id": library["sun"].pk,
        "caption": "شمس فوق أبها",
        "credit": "وكالة الأنباء",
        "alt": "صورة الحفل",
        "thumbnail": renditions.thumbnail(library["sun"]).url,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("ids", ["", "1,abc", "1;2", ",".join(["1"] * 51), "١,٢", "1e3", "%00"])
def test_cards_refuse_bad_input_with_an_arabic_message(admin_client, ids):
    response = admin_client.get(reverse("admin:pictures_image_cards"), {"ids": ids})
    assert response.status_code == 400
    assert "أرقام الصور" in response.json()["error"]


@pytest.mark.django_db
def test_cards_need_permission_to_see_pictures(client, django_user_model, library):
    url = reverse("admin:pictures_image_cards")
    assert client.get(url, {"ids": "1"}).status_code == 302  # to the login page
    staff = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    client.force_login(staff)
    assert client.get(url, {"ids": library["sun"].pk}).status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename="view_image"))
    assert client.get(url, {"ids": library["sun"].pk}).status_code == 200


@pytest.mark.django_db
def test_the_story_form_shows_the_lead_picture_and_opens_the_library(admin_client, make_article, library):
    story = make_article(lead_image=library["sun"])
    page = admin_client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    chooser = page.split("data-picture-chooser")[1].split("</div>\n</div>")[0]
    # Not a dropdown of captions: the chosen picture's thumbnail and words, and the library.
    assert "<select" not in chooser and '<select name="lead_image"' not in page
    assert f'type="hidden" name="lead_image" id="id_lead_image" value="{library["sun"].pk}"' in chooser
    assert renditions.thumbnail(library["sun"]).url in chooser and "شمس فوق أبها" in chooser
    assert (
        f'href="{reverse(LIBRARY)}?_to_field=id" class="button picture-chooser__choose" id="lookup_id_lead_image"'
        in chooser
    )
    assert f'href="{reverse("admin:pictures_image_add")}?_to_field=id&amp;_popup=1"' in chooser
    assert "articles/picture-picker.js" in page


@pytest.mark.django_db
def test_the_library_opens_as_a_chooser_popup_and_an_upload_popup_answers_the_story_form(
    admin_client, library
):
    popup = admin_client.get(reverse(LIBRARY), {"_to_field": "id", "_popup": "1"}).content.decode()
    assert f'data-popup-opener="{library["sun"].pk}"' in popup and popup.count('class="story-thumb"') == 3
    assert "<script>" not in popup  # nothing inline: the CSP allows none
    response = admin_client.post(
        reverse("admin:pictures_image_add") + "?_to_field=id&_popup=1",
        {
            "file": SimpleUploadedFile("new.jpg", picture_bytes()),
            "caption_ar": "صورة جديدة",
            "_popup": "1",
            "_to_field": "id",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "popup_response.js" in page and "<script>" not in page
    new = Image.objects.get(caption_ar="صورة جديدة")
    assert f"&quot;value&quot;: &quot;{new.pk}&quot;" in page
