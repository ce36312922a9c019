"""Backup and restore: a round trip keeps counts, content hashes, versions, media and search
results equal; a damaged or hostile backup file is refused before anything is touched."""

import hashlib
import io
import json
import tarfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image as PILImage
from reversion.models import Version

from articles import revisions
from articles.models import Article, Author, Tag
from articles.ops import backup
from articles.pictures.models import Image
from articles.search import query as search

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def jpeg():
    output = io.BytesIO()
    PILImage.new("RGB", (30, 20), "teal").save(output, format="JPEG")
    return output.getvalue()


def content_rows():
    rows = Article.objects.order_by("pk").values_list(
        "pk",
        "headline_ar",
        "headline_en",
        "body_ar",
        "body_en",
        "standfirst_ar",
        "status",
        "published_at",
        "search_names_ar",
        "search_body_ar",
    )
    authors = Author.objects.order_by("pk").values_list("pk", "name_ar", "name_en", "photo")
    return list(rows), list(authors)


def content_hash():
    return hashlib.sha256(repr(content_rows()).encode()).hexdigest()


def searches():
    return {
        query: list(search.search(search.parse(query)).values_list("pk", flat=True))
        for query in ("عسير", "فاطمة", "الحكومة الذكية", "وسم الاختبار", "قرعه")
    }


def media_hashes(root):
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


def test_round_trip_keeps_everything(demo, media, tmp_path, make_article, author, section):
    demo.tags.add(Tag.objects.create(name_ar="وسم الاختبار", name_en="Test tag"))
    image = Image.objects.create(file=SimpleUploadedFile("x.jpg", jpeg()), caption_ar="تعليق")
    author.photo = SimpleUploadedFile("p.jpg", jpeg())
    author.save()
    story = make_article("خبر مع صورة", lead_image=image)
    revisions.save_version(story, comment="test")
    rows_before = content_rows()
    before = (backup.counts(), content_hash(), searches(), media_hashes(media), Version.objects.count())
    assert before[2]["وسم الاختبار"] and before[2]["فاطمة"]

    path = tmp_path / "b.tar.gz"
    call_command("backup", "--output", str(path), stdout=io.StringIO())
    # Disaster: the database and the media are gone.
    call_command("flush", "--noinput", verbosity=0)
    for file in media.rglob("*"):
        if file.is_file():
            file.unlink()
    assert not Article.objects.exists()

    call_command("restore", str(path), stdout=io.StringIO())
    assert content_rows() == rows_before
    after = (backup.counts(), content_hash(), searches(), media_hashes(media), Version.objects.count())
    assert after == before


def test_restore_refuses_a_database_with_stories(demo, media, tmp_path):
    path = tmp_path / "b.tar.gz"
    backup.backup(path)
    with pytest.raises(CommandError, match="--replace"):
        call_command("restore", str(path))
    call_command("restore", str(path), "--replace", stdout=io.StringIO())
    assert Article.objects.count() == 1


def tamper(path, name, data):
    members = []
    with tarfile.open(path) as archive:
        for member in archive.getmembers():
            members.append((member.name, archive.extractfile(member).read()))
    with tarfile.open(path, "w:gz") as archive:
        for member_name, body in members + [(name, data)]:
            info = tarfile.TarInfo(member_name)
            info.size = len(body)
            archive.addfile(info, io.BytesIO(body))


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("media/../../evil.txt", b"x", "leaves the media folder"),
        ("/etc/evil", b"x", "leaves the media folder"),
        ("media/images/extra.jpg", b"x", "does not match its hash"),
    ],
)
def test_a_hostile_backup_is_refused_before_anything_is_touched(demo, media, tmp_path, name, data, message):
    path = tmp_path / "b.tar.gz"
    backup.backup(path)
    tamper(path, name, data)
    call_command("flush", "--noinput", verbosity=0)
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(path))
    assert not Article.objects.exists()
    assert not (tmp_path / "evil.txt").exists()


def test_a_damaged_data_file_is_refused(demo, media, tmp_path):
    path = tmp_path / "b.tar.gz"
    backup.backup(path)
    with tarfile.open(path) as archive:
        manifest = json.loads(archive.extractfile("manifest.json").read())
    manifest["data_sha256"] = "0" * 64
    tamper(path, "manifest.json", json.dumps(manifest).encode())
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(path), "--replace")
    assert Article.objects.count() == 1


def test_not_a_backup(tmp_path):
    path = tmp_path / "x.tar.gz"
    path.write_bytes(b"hello")
    with pytest.raises(CommandError, match="not a backup"):
        call_command("restore", str(path))
