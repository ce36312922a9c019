"""The focal point: every crop keeps it in view, the admin sets it (and refuses nonsense in
Arabic), and moving it re-cuts the crops and nothing else."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from PIL import Image as PillowImage

from articles.pictures import renditions
from articles.pictures.models import Image, Rendition

SIZES = [(1600, 900), (1600, 1000), (900, 1600), (1000, 1000), (333, 2000), (2000, 333), (1, 1)]
FOCI = [(0.5, 0.5), (0, 0), (1, 1), (0.95, 0.05), (0.02, 0.98), (0.7, 0.31)]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("focus", FOCI)
@pytest.mark.parametrize("crop", ["16x9", "4x3", "1x1"])
def test_the_crop_box_holds_the_focal_point_and_stays_inside_the_picture(size, focus, crop):
    left, top, right, bottom = renditions.crop_box(size, crop, focus)
    width, height = size
    assert 0 <= left < right <= width and 0 <= top < bottom <= height
    point = (focus[0] * width, focus[1] * height)
    assert left <= point[0] <= right and top <= point[1] <= bottom
    # The largest box of the ratio: one side is the picture's whole side.
    assert right - left == width or bottom - top == height
    across, down = renditions.RATIOS[crop]
    if min(size) > 100:
        assert abs((right - left) / (bottom - top) - across / down) < 0.01


def test_the_crop_is_centred_on_the_focal_point_when_the_picture_allows():
    # A 1:1 crop of a 1600×900 picture is 900 wide: a point at 60% (960 px) is its centre.
    left, top, right, bottom = renditions.crop_box((1600, 900), "1x1", (0.6, 0.5))
    assert (left + right) / 2 == 960 and (top, bottom) == (0, 900)
    # Near the edge it goes as far as the picture lets it, no further.
    assert renditions.crop_box((1600, 900), "1x1", (0.97, 0.5)) == (700, 0, 1600, 900)
    assert renditions.crop_box((1600, 900), "1x1", (0.01, 0.5)) == (0, 0, 900, 900)
    # The default is the middle, as before focal points existed.
    assert renditions.crop_box((1600, 900), "1x1") == (350, 0, 1250, 900)


def two_halves(size=(2000, 900)):
    """A picture red on its left half and blue on its right half, as an upload."""
    picture = PillowImage.new("RGB", size, (220, 20, 20))
    picture.paste((20, 20, 220), (size[0] // 2, 0, size[0], size[1]))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return SimpleUploadedFile("halves.png", buffer.getvalue())


def colour_of(rendition):
    with default_storage.open(rendition.file.name, "rb") as handle:
        picture = PillowImage.open(io.BytesIO(handle.read())).convert("RGB")
        return picture.resize((1, 1), PillowImage.Resampling.BOX).getpixel((0, 0))


def square(image):
    return Rendition.objects.get(image=image, crop="1x1")


@pytest.mark.django_db
def test_moving_the_focal_point_recuts_the_crops_around_it(media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = Image.objects.create(file=two_halves(), caption_ar="نصفان", focal_x=0.9, focal_y=0.5)
    red, green, blue = colour_of(square(image))
    assert blue > 200 and red < 40  # the square is cut from the blue right-hand side
    whole_before = set(Rendition.objects.filter(image=image, crop="").values_list("pk", "file"))
    old_square = square(image).file.name

    image.focal_x = 0.1
    with django_capture_on_commit_callbacks(execute=True):
        image.save()

    red, green, blue = colour_of(square(image))
    assert red > 200 and blue < 40  # now from the red left-hand side
    # A new address for the new cut (no cache keeps the old one), the old file gone.
    assert square(image).file.name != old_square and not default_storage.exists(old_square)
    # The whole-picture renditions do not depend on the point: untouched.
    assert set(Rendition.objects.filter(image=image, crop="").values_list("pk", "file")) == whole_before
    assert {(r.focal_x, r.focal_y) for r in Rendition.objects.filter(image=image).exclude(crop="")} == {
        (0.1, 0.5)
    }


@pytest.mark.django_db
def test_pages_never_use_a_crop_cut_around_an_old_focal_point(make_image):
    image = make_image()
    Image.objects.filter(pk=image.pk).update(focal_x=0.2)  # as if the re-cut had not run yet
    image = Image.objects.get(pk=image.pk)
    assert renditions.best(image, "1x1") is None
    assert renditions.best(image, "") is not None  # the whole picture is still right
    assert renditions.make_renditions(image) > 0
    assert renditions.best(Image.objects.get(pk=image.pk), "1x1").focal_x == 0.2


@pytest.mark.django_db
@pytest.mark.parametrize("value", [-0.01, 1.5, 7])
def test_a_focal_point_outside_the_picture_is_refused_in_arabic(make_image, value):
    image = make_image()
    image.focal_x = value
    with pytest.raises(ValidationError) as error:
        image.full_clean()
    assert "نقطة التركيز" in error.value.message_dict["focal_x"][0]
    # And the database refuses it too, whatever path it comes by.
    with pytest.raises(IntegrityError), transaction.atomic():
        Image.objects.filter(pk=image.pk).update(focal_y=value)


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["1.5", "-1", "abc", "nan", "inf", "0,5"])
def test_the_admin_refuses_a_bad_focal_point_with_an_arabic_message_and_saves_nothing(
    admin_client,
    make_image,
    bad,
):
    image = make_image(caption_ar="قبل")
    url = reverse("admin:pictures_image_change", args=[image.pk])
    response = admin_client.post(url, {"caption_ar": "بعد", "focal_x": bad, "focal_y": "0.5"})
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["focal_x"]
    assert all(any("\u0600" <= letter <= "\u06ff" for letter in message) for message in errors)
    image.refresh_from_db()
    assert image.caption_ar == "قبل" and image.focal_x == 0.5


@pytest.mark.django_db
def test_the_admin_sets_the_focal_point_and_a_form_without_it_keeps_it(
    admin_client, make_image, django_capture_on_commit_callbacks
):
    image = make_image()
    url = reverse("admin:pictures_image_change", args=[image.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"caption_ar": "شمس", "focal_x": "0.8123", "focal_y": "0.25"})
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.focus == (0.812, 0.25)  # kept to three decimals
    assert renditions.best(image, "1x1").focal_x == 0.812

    response = admin_client.post(url, {"caption_ar": "شمس مشرقة"})
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.focus == (0.812, 0.25) and image.caption_ar == "شمس مشرقة"


@pytest.mark.django_db
def test_the_picture_form_offers_the_picture_to_click_on(admin_client, make_image):
    image = make_image()
    page = admin_client.get(reverse("admin:pictures_image_change", args=[image.pk])).content.decode()
    assert "data-focal-picker" in page and "articles/focal-point.js" in page
    # The picker shows a rendition, not the camera original.
    assert f'class="focal-picker__image" src="{renditions.cuts(image, "", "jpeg")[1].url}"' in page
    assert 'name="focal_x"' in page and 'name="focal_y"' in page
    add_page = admin_client.get(reverse("admin:pictures_image_add")).content.decode()
    assert "data-focal-picker" in add_page and "اختر ملف الصورة أولاً" in add_page
