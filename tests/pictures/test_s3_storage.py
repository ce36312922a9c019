"""Media on S3-compatible storage (django-storages), configured as production configures it
(NEWSROOM_S3_BUCKET …), against moto's in-process S3: uploads and every rendition land in the
bucket and nowhere on disk, pages name the bucket's URLs, the CSP lets them load, and a backup
round trip reads and writes the bucket."""

import runpy
from pathlib import Path

import boto3
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from moto import mock_aws

from articles.models import Article
from articles.ops import backup
from articles.pictures.models import Image, Rendition

from .conftest import picture_bytes

ROOT = Path(__file__).resolve().parents[2]
BUCKET = "newsroom-media"


def production_settings(monkeypatch, **env):
    """newsroom/settings.py evaluated afresh with `env`, as a server started with it would."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "newsroom" / "settings.py"))


@pytest.fixture
def bucket(settings, monkeypatch, media):
    with mock_aws():
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket=BUCKET)
        configured = production_settings(
            monkeypatch, NEWSROOM_S3_BUCKET=BUCKET, NEWSROOM_S3_REGION="us-east-1"
        )
        settings.STORAGES = configured["STORAGES"]
        settings.CONTENT_SECURITY_POLICY = configured["CONTENT_SECURITY_POLICY"]
        yield s3
    assert not media.exists() or not any(media.rglob("*")), "a file was written under MEDIA_ROOT"


def keys(s3):
    return sorted(item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []))


@pytest.mark.django_db
def test_pictures_and_their_renditions_go_to_the_bucket(
    bucket, client, demo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        picture = Image.objects.create(
            file=SimpleUploadedFile("lead.jpg", picture_bytes()), alt_text_ar="الحفل"
        )
    stored = keys(bucket)
    assert picture.file.name in stored
    assert Rendition.objects.filter(image=picture).count() >= 8
    assert {r.file.name for r in Rendition.objects.filter(image=picture)} <= set(stored)
    head = bucket.head_object(Bucket=BUCKET, Key=picture.file.name)
    assert head["CacheControl"] == "public, max-age=2592000"
    # Plain public URLs (no signature that would expire in a cached page).
    url = default_storage.url(picture.file.name)
    assert url.startswith(f"https://{BUCKET}.s3.amazonaws.com/") and "Signature" not in url

    Article.objects.filter(pk=demo.pk).update(lead_image=picture)
    response = client.get(demo.get_absolute_url())
    page = response.content.decode()
    assert f"https://{BUCKET}.s3.amazonaws.com/renditions/" in page
    assert "https://*.amazonaws.com" in response["Content-Security-Policy"].split("img-src")[1].split(";")[0]


@pytest.mark.django_db(transaction=True)  # the disaster flushes the database
def test_a_backup_round_trip_reads_and_writes_the_bucket(
    bucket, demo, tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        picture = Image.objects.create(
            file=SimpleUploadedFile("lead.jpg", picture_bytes()), alt_text_ar="الحفل"
        )
    before = {key: bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read() for key in keys(bucket)}
    manifest = backup.backup(tmp_path / "site.tar.gz")
    assert set(manifest["media"]) == set(before)
    # Disaster: the database and the bucket are lost.
    call_command("flush", "--noinput", verbosity=0)
    for key in before:
        bucket.delete_object(Bucket=BUCKET, Key=key)
    assert keys(bucket) == [] and not Image.objects.exists()
    backup.restore(tmp_path / "site.tar.gz")
    assert Image.objects.get().file.name == picture.file.name
    assert {key: bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read() for key in keys(bucket)} == before


def test_other_s3_services_and_a_cdn_are_named_in_the_csp(monkeypatch):
    minio = production_settings(
        monkeypatch, NEWSROOM_S3_BUCKET=BUCKET, NEWSROOM_S3_ENDPOINT="https://minio.example:9000"
    )
    assert minio["STORAGES"]["default"]["OPTIONS"]["endpoint_url"] == "https://minio.example:9000"
    assert minio["MEDIA_ORIGINS"] == ["https://minio.example:9000"]
    cdn = production_settings(monkeypatch, NEWSROOM_S3_DOMAIN="pictures.example.org")
    assert cdn["MEDIA_ORIGINS"] == ["https://pictures.example.org"]
    assert "https://pictures.example.org" in cdn["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"]


def test_without_a_bucket_media_stay_on_disk(monkeypatch):
    monkeypatch.delenv("NEWSROOM_S3_BUCKET", raising=False)
    local = production_settings(monkeypatch)
    assert local["STORAGES"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert local["MEDIA_ORIGINS"] == []
