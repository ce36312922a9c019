"""Picture fixtures: a media folder of the test's own, a storage with no files on disk, and
pictures saved the way the site saves them (renditions cut when the save commits)."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage

from articles.pictures.models import Image
from tests.pictures.storages import PathlessStorage

PATHLESS = "tests.pictures.storages.PathlessStorage"
# The storage's own address, as a bucket's would be: URLs built any other way stand out.
STORAGE_URL = "https://pictures.example/media/"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def memory_storage(settings, media):
    """STORAGES["default"] is a storage with no local paths (as on S3); MEDIA_ROOT must stay empty."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": PATHLESS, "OPTIONS": {"base_url": STORAGE_URL}},
    }
    assert isinstance(default_storage, PathlessStorage)
    yield default_storage
    assert not media.exists() or not any(media.rglob("*")), "a file was written under MEDIA_ROOT"


def picture_bytes(size=(1600, 1000), mode="RGB", fmt="JPEG"):
    buffer = io.BytesIO()
    PillowImage.new(mode, size, (200, 30, 30, 128) if mode == "RGBA" else (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


@pytest.fixture
def make_image(media, django_capture_on_commit_callbacks):
    """Save a picture as the admin does: its renditions are cut when the save commits."""

    def make(size=(1600, 1000), mode="RGB", fmt="JPEG", name="photo.jpg", **fields):
        upload = SimpleUploadedFile(name, picture_bytes(size, mode, fmt))
        with django_capture_on_commit_callbacks(execute=True):
            image = Image.objects.create(file=upload, alt_text_ar=fields.pop("alt", "صورة الحفل"), **fields)
        return Image.objects.get(pk=image.pk)

    return make
