import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from articles.images import image_upload_path, validate_image_upload
from articles.pictures.models import Image

GPS_TAG = 0x8825


def jpeg_with_gps(size=(40, 30)):
    picture = PILImage.new("RGB", size, "teal")
    exif = PILImage.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[GPS_TAG] = {1: "N", 2: (24.0, 42.0, 0.0), 3: "E", 4: (46.0, 43.0, 0.0)}
    output = io.BytesIO()
    picture.save(output, format="JPEG", exif=exif)
    return output.getvalue()


def upload(data, name="صورة المراسل.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_the_sample_really_has_gps():
    with PILImage.open(io.BytesIO(jpeg_with_gps())) as picture:
        assert GPS_TAG in picture.getexif()


@pytest.mark.django_db
def test_upload_is_stored_without_exif_under_a_generated_dated_name(media):
    image = Image.objects.create(
        file=upload(jpeg_with_gps()), caption_ar="تعليق", credit_ar="المصور", alt_text_ar="وصف"
    )
    assert re.fullmatch(r"images/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", image.file.name)
    assert "المراسل" not in image.file.name
    with PILImage.open(image.file.path) as stored:
        assert stored.getexif() == {} or GPS_TAG not in stored.getexif()
        assert "exif" not in stored.info
        assert stored.size == (40, 30)
    image.refresh_from_db()
    assert (image.width, image.height) == (40, 30)
    assert (image.caption_ar, image.credit_ar, image.alt_text_ar) == ("تعليق", "المصور", "وصف")


def test_generated_names_differ():
    assert image_upload_path(None, "a.JPEG") != image_upload_path(None, "a.JPEG")
    assert image_upload_path(None, "a.JPEG").endswith(".jpg")


def test_a_file_that_is_not_an_image_is_refused_in_arabic():
    with pytest.raises(ValidationError) as error:
        validate_image_upload(upload(b"%PDF-1.4 not a picture", name="x.jpg"))
    assert "ليس صورة سليمة" in str(error.value)


def test_a_truncated_image_is_refused():
    with pytest.raises(ValidationError):
        validate_image_upload(upload(jpeg_with_gps()[:200]))


def test_too_many_bytes_is_refused(settings):
    settings.NEWSROOM_IMAGE_MAX_BYTES = 100
    with pytest.raises(ValidationError) as error:
        validate_image_upload(upload(jpeg_with_gps()))
    assert error.value.code == "too_big"
    assert "الحد الأقصى" in error.value.messages[0]


def test_too_many_pixels_is_refused(settings):
    settings.NEWSROOM_IMAGE_MAX_PIXELS = 1000  # 40×30 = 1200 px
    with pytest.raises(ValidationError) as error:
        validate_image_upload(upload(jpeg_with_gps()))
    assert error.value.code == "too_many_pixels"
    assert "بكسل" in error.value.messages[0]


@pytest.mark.django_db
def test_admin_refuses_a_fake_image_with_an_arabic_message_and_keeps_the_caption(admin_client, media):
    response = admin_client.post(
        reverse("admin:pictures_image_add"),
        {"file": upload(b"GIF89a garbage", name="x.gif"), "caption_ar": "تعليق محفوظ"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "errorlist" in page
    assert "تعليق محفوظ" in page
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_admin_upload_strips_gps(admin_client, media):
    response = admin_client.post(
        reverse("admin:pictures_image_add"),
        {"file": upload(jpeg_with_gps()), "caption_ar": "تعليق", "alt_text_ar": "وصف"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    with PILImage.open(image.file.path) as stored:
        assert GPS_TAG not in stored.getexif()
