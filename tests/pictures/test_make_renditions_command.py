"""`manage.py make_renditions`: cuts what existing pictures lack, and only that."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from articles.pictures.models import Image, Rendition
from tests.pictures.conftest import picture_bytes


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("make_renditions", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def old_picture(size=(1600, 1000), name="old.jpg"):
    """A picture from before renditions existed: saved, its commit callbacks never run."""
    return Image.objects.create(file=SimpleUploadedFile(name, picture_bytes(size)), alt_text_ar="صورة")


@pytest.mark.django_db
@pytest.mark.parametrize("storage", ["filesystem", "memory"])
def test_the_command_cuts_existing_pictures_once(request, media, storage):
    if storage == "memory":
        request.getfixturevalue("memory_storage")
    first, second = old_picture(), old_picture((300, 200), "small.jpg")
    out, _ = run()
    assert "pictures checked: 2." in out
    assert Rendition.objects.filter(image=first).count() == 14
    assert sorted(Rendition.objects.filter(image=second, crop="").values_list("width", flat=True)) == [
        300,
        300,
    ]
    names = sorted(Rendition.objects.values_list("file", flat=True))
    assert all(default_storage.exists(name) for name in names)
    out, _ = run()
    assert out.strip() == "Renditions made: 0; pictures checked: 2."
    assert sorted(Rendition.objects.values_list("file", flat=True)) == names


@pytest.mark.django_db
def test_the_command_takes_ids_and_names_unknown_ones(media):
    first, second = old_picture(), old_picture(name="other.jpg")
    out, err = run(str(second.pk), "999999")
    assert out.strip() == "Renditions made: 14; pictures checked: 1." and "No picture with id: 999999." in err
    assert not Rendition.objects.filter(image=first).exists()
    assert Rendition.objects.filter(image=second).count() == 14


@pytest.mark.django_db
def test_check_files_remakes_renditions_whose_file_is_gone(make_image, django_capture_on_commit_callbacks):
    image = make_image()
    lost = Rendition.objects.get(image=image, crop="16x9", format="webp", width=800)
    default_storage.delete(lost.file.name)
    out, _ = run()
    assert out.startswith("Renditions made: 0;")
    with django_capture_on_commit_callbacks(execute=True):
        out, _ = run("--check-files")
    assert out.startswith("Renditions made: 1;")
    again = Rendition.objects.get(image=image, crop="16x9", format="webp", width=800)
    assert default_storage.exists(again.file.name)
    assert Rendition.objects.filter(image=image).count() == 14
