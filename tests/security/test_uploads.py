"""Upload attacks against every upload path (story pictures and author photos): one image
pipeline decodes fully, re-encodes, strips metadata and renames — or refuses in Arabic."""

import functools
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from articles.models import Author
from articles.pictures.models import Image

GPS_TAG = 0x8825
PAYLOAD = b"<?php system($_GET['c']); ?><script>alert(1)</script><html>"


def picture_bytes(fmt="JPEG", size=(40, 30), gps=False, mode="RGB"):
    picture = PILImage.new(mode, size, "teal")
    output = io.BytesIO()
    options = {}
    if gps:
        exif = PILImage.Exif()
        exif[GPS_TAG] = {1: "N", 2: (24.0, 42.0, 0.0), 3: "E", 4: (46.0, 43.0, 0.0)}
        options["exif"] = exif
    picture.save(output, format=fmt, **options)
    return output.getvalue()


def animated_gif(frames=3):
    images = [PILImage.new("RGB", (20, 20), colour) for colour in ("red", "green", "blue")[:frames]]
    output = io.BytesIO()
    images[0].save(output, format="GIF", save_all=True, append_images=images[1:], duration=80, loop=0)
    return output.getvalue()


def svg():
    return b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'


@functools.cache
def bomb():
    # 9000×9000 pixels (81 MP, over the 40 MP cap) in a few kilobytes.
    output = io.BytesIO()
    PILImage.new("1", (9000, 9000)).save(output, format="PNG")
    return output.getvalue()


BAD_FILES = {
    "truncated-jpeg": (lambda: picture_bytes(size=(400, 300))[:-600], "broken"),
    "truncated-png": (lambda: picture_bytes("PNG", size=(200, 200))[:-40], None),
    "pdf-renamed": (lambda: b"%PDF-1.4\n%...", "not_an_image"),
    "html-renamed": (lambda: b"<html><script>alert(1)</script></html>", "not_an_image"),
    "svg": (svg, "not_an_image"),
    "bmp": (lambda: picture_bytes("BMP"), "format"),
    "tiff": (lambda: picture_bytes("TIFF"), "format"),
    "bomb": (bomb, None),
    "empty": (lambda: b"", None),
}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def post_picture(admin_client, data, name):
    return admin_client.post(
        reverse("admin:pictures_image_add"),
        {"file": SimpleUploadedFile(name, data, "image/jpeg"), "caption_ar": "تعليق"},
    )


def post_photo(admin_client, data, name):
    return admin_client.post(
        reverse("admin:articles_author_add"),
        {"name_ar": "سارة", "photo": SimpleUploadedFile(name, data, "image/jpeg")},
    )


UPLOADERS = {"story picture": (post_picture, Image), "author photo": (post_photo, Author)}


@pytest.mark.django_db
@pytest.mark.parametrize("uploader", UPLOADERS)
@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_files_are_refused_in_arabic_and_nothing_is_saved(admin_client, media, uploader, case):
    post, model = UPLOADERS[uploader]
    make, _code = BAD_FILES[case]
    response = post(admin_client, make(), "../../evil.php.jpg")
    assert response.status_code == 200
    page = response.content.decode()
    assert "errorlist" in page
    assert re.search("[\u0600-\u06ff]", page.split("errorlist", 1)[1][:400])
    assert not model.objects.exists()
    assert not any(p.is_file() for p in media.rglob("*"))


@pytest.mark.django_db
def test_a_truncated_jpeg_says_it_is_broken(admin_client, media):
    response = post_photo(admin_client, picture_bytes(size=(400, 300))[:-600], "x.jpg")
    assert "تالفة أو مقطوعة" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("uploader", UPLOADERS)
def test_gps_is_stripped_and_the_name_is_generated(admin_client, media, uploader):
    post, model = UPLOADERS[uploader]
    response = post(admin_client, picture_bytes(gps=True), "بيتي في الرياض.jpg")
    assert response.status_code == 302
    stored = model.objects.get()
    field = stored.file if model is Image else stored.photo
    assert re.fullmatch(r"(images|authors)/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", field.name)
    with PILImage.open(field.path) as picture:
        assert GPS_TAG not in picture.getexif()
        assert "exif" not in picture.info


@pytest.mark.django_db
@pytest.mark.parametrize("uploader", UPLOADERS)
@pytest.mark.parametrize("fmt, ext", [("JPEG", "jpg"), ("PNG", "png"), ("GIF", "gif"), ("WEBP", "webp")])
def test_appended_payloads_are_not_stored(admin_client, media, uploader, fmt, ext):
    post, model = UPLOADERS[uploader]
    response = post(admin_client, picture_bytes(fmt) + PAYLOAD, f"shell.php.{ext}")
    assert response.status_code == 302
    stored = model.objects.get()
    field = stored.file if model is Image else stored.photo
    data = open(field.path, "rb").read()
    assert b"<?php" not in data and b"<script" not in data
    assert field.name.endswith(f".{ext}") and "shell" not in field.name


@pytest.mark.django_db
@pytest.mark.parametrize("uploader", UPLOADERS)
def test_an_animated_gif_is_re_encoded_with_its_frames(admin_client, media, uploader):
    post, model = UPLOADERS[uploader]
    original = animated_gif() + PAYLOAD
    response = post(admin_client, original, "anim.gif")
    assert response.status_code == 302
    stored = model.objects.get()
    field = stored.file if model is Image else stored.photo
    data = open(field.path, "rb").read()
    assert data != original and PAYLOAD not in data
    with PILImage.open(field.path) as picture:
        assert picture.n_frames == 3


@pytest.mark.django_db
def test_too_big_an_author_photo_is_refused(admin_client, media, settings):
    settings.NEWSROOM_IMAGE_MAX_BYTES = 500
    response = post_photo(admin_client, picture_bytes(size=(300, 300)), "big.jpg")
    assert "الحد الأقصى" in response.content.decode()
    assert not Author.objects.exists()


@pytest.mark.django_db
def test_an_animation_with_too_many_frames_is_refused(admin_client, media, settings):
    settings.NEWSROOM_IMAGE_MAX_PIXELS = 20 * 20 * 2
    response = post_picture(admin_client, animated_gif(), "anim.gif")
    assert "الصورة المتحركة" in response.content.decode()
    assert not Image.objects.exists()
