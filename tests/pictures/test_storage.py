"""Pictures on a storage with no local files (as on S3): upload in the admin, renditions cut
through the storage, pages and admin lists serving the storage's URLs, nothing under MEDIA_ROOT."""

import json
import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.pictures.models import Image, Rendition
from tests.pictures.conftest import STORAGE_URL, picture_bytes


def stored_name(url):
    assert url.startswith(STORAGE_URL), url
    return url.removeprefix(STORAGE_URL)


@pytest.fixture
def uploaded(admin_client, memory_storage, django_capture_on_commit_callbacks):
    """A picture uploaded through the admin's add form, as an editor would."""
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:pictures_image_add"),
            {
                "file": SimpleUploadedFile(
                    "من الميدان.jpg", picture_bytes((1600, 1000)), content_type="image/jpeg"
                ),
                "caption_ar": "الحفل في أبها",
                "credit_ar": "سالم",
                "alt_text_ar": "قاعة الحفل",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Image.objects.get()


@pytest.mark.django_db
def test_an_admin_upload_cuts_renditions_in_the_storage(uploaded, memory_storage):
    assert default_storage.exists(uploaded.file.name)
    made = list(Rendition.objects.filter(image=uploaded))
    assert len(made) == 14
    assert all(memory_storage.exists(r.file.name) and r.file.url.startswith(STORAGE_URL) for r in made)
    with pytest.raises(NotImplementedError):
        uploaded.file.path  # noqa: B018  (the storage really has no paths)


@pytest.mark.django_db
def test_the_article_page_serves_pictures_from_the_storage(client, make_article, uploaded, memory_storage):
    story = make_article("خبر بصورة من المخزن")
    story.lead_image = uploaded
    story.save()
    page = client.get(story.get_absolute_url()).content.decode()
    picture = re.search(r"<picture>.*?</picture>", page, re.S).group(0)
    urls = re.findall(r'(?:srcset|src)="([^"]+)"', picture)
    candidates = [part.split()[0] for url in urls for part in url.split(", ")]
    assert len(candidates) == 7  # three WebP, three JPEG, the <img>
    assert all(memory_storage.exists(stored_name(url)) for url in candidates)
    assert all("/renditions/" in url for url in candidates)
    og = re.search(r'<meta property="og:image" content="([^"]+)">', page).group(1)
    assert memory_storage.exists(stored_name(og)) and og.endswith("-1200w-16x9.jpg")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    crops, original = data["image"][:-1], data["image"][-1]
    assert [re.search(r"-(\d+x\d+)\.jpg$", url).group(1) for url in crops] == ["16x9", "4x3", "1x1"]
    assert all(memory_storage.exists(stored_name(url)) for url in crops)
    assert original == uploaded.file.url


@pytest.mark.django_db
def test_admin_lists_show_a_rendition_not_the_original(admin_client, make_article, uploaded):
    story = make_article("خبر بصورة")
    story.lead_image = uploaded
    story.save()
    thumb = Rendition.objects.get(image=uploaded, crop="16x9", format="jpeg", width=400)
    stories = admin_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert f'class="story-thumb" src="{thumb.file.url}"' in stories
    assert uploaded.file.url not in stories
    pictures = admin_client.get(reverse("admin:pictures_image_changelist")).content.decode()
    assert f'src="{thumb.file.url}"' in pictures and uploaded.file.url not in pictures
    form = admin_client.get(reverse("admin:pictures_image_change", args=[uploaded.pk])).content.decode()
    assert "1200×675 JPEG (16:9)" in form and "1000×1000 JPEG (1:1)" in form


@pytest.mark.django_db
def test_the_image_list_costs_no_query_per_picture(
    admin_client, memory_storage, make_image, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_image(size=(200, 100))
    url = reverse("admin:pictures_image_changelist")
    with CaptureQueriesContext(connection) as one:
        admin_client.get(url)
    for number in range(4):
        make_image(size=(200, 100), name=f"{number}.jpg")
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert admin_client.get(url).content.decode().count('class="story-thumb"') == 5


@pytest.mark.django_db
def test_a_storage_failure_while_cutting_leaves_the_upload_saved(
    admin_client, memory_storage, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    def unreachable(image, check_files=False):
        raise ConnectionError("the bucket is unreachable")

    monkeypatch.setattr("articles.pictures.renditions.make_renditions", unreachable)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:pictures_image_add"),
            {
                "file": SimpleUploadedFile("a.jpg", picture_bytes((400, 300)), content_type="image/jpeg"),
                "alt_text_ar": "صورة",
            },
        )
    assert response.status_code == 302
    image = Image.objects.get()
    assert memory_storage.exists(image.file.name) and not Rendition.objects.exists()
    assert "the bucket is unreachable" in caplog.text
