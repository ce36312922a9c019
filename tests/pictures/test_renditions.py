"""Renditions: which are cut when a picture is saved, how they look, and how they are kept up."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from PIL import Image as PillowImage

from articles.pictures import renditions
from articles.pictures.models import Image, Rendition
from tests.pictures.conftest import picture_bytes


def opened(rendition):
    with default_storage.open(rendition.file.name, "rb") as handle:
        picture = PillowImage.open(io.BytesIO(handle.read()))
        picture.load()
        return picture


def cut_keys(image):
    return sorted((r.crop, r.format, r.width, r.height) for r in Rendition.objects.filter(image=image))


@pytest.mark.django_db
@pytest.mark.parametrize("storage", ["filesystem", "memory"])
def test_saving_a_picture_cuts_every_planned_rendition(request, make_image, storage):
    if storage == "memory":
        request.getfixturevalue("memory_storage")
    image = make_image(size=(1600, 1000))
    assert cut_keys(image) == [
        ("", "jpeg", 400, 250),
        ("", "jpeg", 800, 500),
        ("", "jpeg", 1200, 750),
        ("", "webp", 400, 250),
        ("", "webp", 800, 500),
        ("", "webp", 1200, 750),
        ("16x9", "jpeg", 400, 225),
        ("16x9", "jpeg", 800, 450),
        ("16x9", "jpeg", 1200, 675),
        ("16x9", "webp", 400, 225),
        ("16x9", "webp", 800, 450),
        ("16x9", "webp", 1200, 675),
        ("1x1", "jpeg", 1000, 1000),
        ("4x3", "jpeg", 1200, 900),
    ]
    for rendition in Rendition.objects.filter(image=image):
        picture = opened(rendition)
        assert picture.format == {"jpeg": "JPEG", "webp": "WEBP"}[rendition.format]
        assert picture.size == (rendition.width, rendition.height)
        assert rendition.file.name.startswith("renditions/") and rendition.source == image.file.name


@pytest.mark.django_db
def test_small_pictures_are_never_upscaled(make_image):
    image = make_image(size=(500, 300))
    assert [r.width for r in renditions.cuts(image, "", "jpeg")] == [400, 500]
    tiny = make_image(size=(120, 80), name="tiny.jpg")
    assert [(r.width, r.height) for r in renditions.cuts(tiny, "", "webp")] == [(120, 80)]
    assert [(r.width, r.height) for r in renditions.cuts(tiny, "1x1", "jpeg")] == [(80, 80)]


@pytest.mark.django_db
def test_transparent_png_is_flattened_for_jpeg_and_kept_for_webp(make_image):
    image = make_image(mode="RGBA", fmt="PNG", name="logo.png")
    assert opened(renditions.best(image, "", "jpeg")).mode == "RGB"
    assert opened(renditions.best(image, "", "webp")).mode == "RGBA"


@pytest.mark.django_db
def test_making_again_is_idempotent(make_image, django_assert_max_num_queries):
    image = make_image()
    names = sorted(Rendition.objects.values_list("file", flat=True))
    with django_assert_max_num_queries(1):
        assert renditions.make_renditions(image) == 0
    assert sorted(Rendition.objects.values_list("file", flat=True)) == names


@pytest.mark.django_db
def test_a_replaced_file_gets_new_renditions_and_the_old_files_go(
    make_image, django_capture_on_commit_callbacks
):
    image = make_image(size=(1600, 1000))
    old = list(Rendition.objects.filter(image=image).values_list("file", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        image.file.save("other.png", ContentFile(picture_bytes((900, 900), fmt="PNG")))
    image.refresh_from_db()
    assert all(r.source == image.file.name for r in Rendition.objects.filter(image=image))
    assert renditions.best(image, "", "jpeg").width == 900
    assert not any(default_storage.exists(name) for name in old)


@pytest.mark.django_db
def test_deleting_a_picture_deletes_its_rendition_files(make_image, django_capture_on_commit_callbacks):
    image = make_image()
    names = list(Rendition.objects.values_list("file", flat=True))
    assert names and all(default_storage.exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert not Rendition.objects.exists()
    assert not any(default_storage.exists(name) for name in names)


@pytest.mark.django_db
def test_a_rolled_back_save_leaves_no_rendition(media, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            Image.objects.create(file=SimpleUploadedFile("a.jpg", picture_bytes()), alt_text_ar="صورة")
            raise RuntimeError("the admin's save failed")
    assert not Rendition.objects.exists()
    assert not (media / "renditions").exists()


@pytest.mark.django_db
def test_an_unreadable_file_gets_no_renditions_and_pages_show_the_original(make_image, caplog):
    image = make_image(size=(40, 30))
    Rendition.objects.all().delete()
    with default_storage.open(image.file.name, "wb") as handle:
        handle.write(b"not an image")
    Image.objects.filter(pk=image.pk).update(width=None, height=None)
    broken = Image.objects.get(pk=image.pk)
    assert renditions.make_renditions(broken) == 0
    assert "No renditions for image" in caplog.text
    assert not Rendition.objects.exists()
    assert renditions.share_url(broken) == broken.file.url


@pytest.mark.django_db
def test_an_animated_gif_keeps_moving_rather_than_getting_still_cuts(
    media, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    frames = [PillowImage.new("RGB", (60, 40), colour) for colour in ("red", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    with django_capture_on_commit_callbacks(execute=True):
        image = Image.objects.create(file=SimpleUploadedFile("a.gif", buffer.getvalue()), alt_text_ar="صورة")
    assert not Rendition.objects.filter(image=image).exists()


@pytest.mark.django_db
def test_listing_describes_each_rendition_for_the_api(make_image):
    image = make_image(size=(1600, 1000))
    listed = renditions.listing(image)
    assert len(listed) == 14
    assert listed[0] == {
        "crop": "",
        "format": "jpeg",
        "width": 400,
        "height": 250,
        "url": Rendition.objects.get(image=image, crop="", format="jpeg", width=400).file.url,
    }
    assert {"16x9", "4x3", "1x1", ""} == {entry["crop"] for entry in listed}
    assert all(entry["url"].startswith("/media/renditions/") for entry in listed)
