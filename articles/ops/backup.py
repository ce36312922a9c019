"""Backup and restore: the database (every story in both languages, its versions, the desk's
users and groups) and the uploaded media (the media folder or the S3 bucket, read through the storage API), in one .tar.gz with a manifest of counts and hashes.

Restoring checks every hash before it touches anything, loads the data in one transaction,
puts the media back (refusing any path that would leave the media storage) and refills the search
columns, which are derived from the text and must never be trusted from a file."""

import hashlib
import io
import json
import os
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

FORMAT = 1
# Rebuilt by migrate (content types, permissions) or worthless in a copy (sessions, login
# attempts, edit locks).
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes", "articles.editlock"]
# XML, not JSON: Django's JSON encoder cuts times to milliseconds, XML keeps microseconds.
DATA_NAME = "data.xml"
MANIFEST_NAME = "manifest.json"


class BackupError(Exception):
    """The backup file cannot be restored (message for the command line)."""


def _sha256(data):
    return hashlib.sha256(data).hexdigest()


def counts():
    """Rows per model that a backup carries (what a restore must give back)."""
    excluded_apps = {label for label in EXCLUDED if "." not in label}
    excluded_models = {label for label in EXCLUDED if "." in label}
    result = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in excluded_apps or label in excluded_models or not model._meta.managed:
            continue
        if model._meta.proxy:
            continue
        result[label] = model._default_manager.count()
    return result


def _media_names(folder=""):
    """Every file in the default storage (the media folder, or the S3 bucket), through the
    storage API so that both are read the same way."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:  # no media folder yet
        return []
    names = [f"{folder}/{name}" if folder else name for name in files]
    for sub in folders:
        names += _media_names(f"{folder}/{sub}" if folder else sub)
    return sorted(names)


def _add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def backup(destination):
    """Write the backup to `destination` (a .tar.gz path); returns the manifest."""
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    data = io.StringIO()
    call_command(
        "dumpdata",
        "--format",
        "xml",
        "--natural-foreign",
        "--natural-primary",
        *[f"--exclude={label}" for label in EXCLUDED],
        stdout=data,
    )
    data = data.getvalue().encode("utf-8")
    manifest = {
        "format": FORMAT,
        "created": timezone.now().isoformat(),
        "counts": counts(),
        "data_sha256": _sha256(data),
        "media": {},
    }
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    # Readable by its owner only, from its first byte: it holds password hashes and autosaves.
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(descriptor, "wb") as file, tarfile.open(fileobj=file, mode="w:gz") as archive:
        _add_bytes(archive, DATA_NAME, data)
        for name in _media_names():
            with default_storage.open(name, "rb") as file:
                content = file.read()
            manifest["media"][name] = _sha256(content)
            _add_bytes(archive, f"media/{name}", content)
        _add_bytes(archive, MANIFEST_NAME, json.dumps(manifest, ensure_ascii=False, indent=1).encode())
    partial.replace(destination)  # a backup file is whole or absent
    return manifest


def _safe_media_name(name):
    path = PurePosixPath(name)
    if (
        path.is_absolute()
        or ".." in path.parts
        or not path.parts
        or path.parts[0] != "media"
        or len(path.parts) < 2
    ):
        raise BackupError(f"refusing a media path that leaves the media folder: {name!r}")
    return PurePosixPath(*path.parts[1:])


def read(source):
    """Open and verify a backup: (manifest, data bytes, {media name: bytes}). Nothing is written."""
    try:
        archive = tarfile.open(source, "r:gz")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{source}: not a backup file ({error})") from None
    with archive:
        members = {member.name: member for member in archive.getmembers()}
        if MANIFEST_NAME not in members or DATA_NAME not in members:
            raise BackupError(f"{source}: no {MANIFEST_NAME} or {DATA_NAME} inside")

        def content(name):
            member = members[name]
            if not member.isfile():
                raise BackupError(f"{source}: {name} is not a regular file")
            return archive.extractfile(member).read()

        manifest = json.loads(content(MANIFEST_NAME))
        if manifest.get("format") != FORMAT:
            raise BackupError(f"{source}: unknown backup format {manifest.get('format')!r}")
        data = content(DATA_NAME)
        if _sha256(data) != manifest["data_sha256"]:
            raise BackupError(f"{source}: {DATA_NAME} does not match its hash (damaged file)")
        media = {}
        for name in members:
            if name in (MANIFEST_NAME, DATA_NAME):
                continue
            relative = _safe_media_name(name)
            body = content(name)
            if manifest["media"].get(relative.as_posix()) != _sha256(body):
                raise BackupError(f"{source}: {name} does not match its hash (damaged file)")
            media[relative.as_posix()] = body
        missing = set(manifest["media"]) - set(media)
        if missing:
            raise BackupError(f"{source}: {len(missing)} media file(s) missing, e.g. {sorted(missing)[0]}")
    return manifest, data, media


def restore(source, *, replace=False):
    """Restore a verified backup into this database and the media storage; returns the manifest."""
    manifest, data, media = read(source)
    story_model = apps.get_model("articles", "Article")
    if not replace and story_model.objects.exists():
        raise BackupError("the database already holds stories; restore into an empty one, or pass --replace")
    with tempfile.NamedTemporaryFile(suffix=".xml") as fixture:
        fixture.write(data)
        fixture.flush()
        with transaction.atomic():
            if replace:
                call_command("flush", "--noinput", verbosity=0)
            call_command("loaddata", fixture.name, verbosity=0)
    for name, body in media.items():
        # Names were checked by read(); the storage refuses any that would leave it as well.
        try:
            if default_storage.exists(name):
                default_storage.delete(name)
            stored = default_storage.save(name, ContentFile(body))
        except SuspiciousFileOperation:
            raise BackupError(f"refusing to write outside the media storage: {name!r}") from None
        if stored != name:
            raise BackupError(f"the media storage kept {name!r} as {stored!r}")
    # Derived columns are rebuilt from the restored text, bylines and tags.
    call_command("fill_search_columns", stdout=io.StringIO())
    restored = counts()
    different = {
        label: (n, restored.get(label)) for label, n in manifest["counts"].items() if restored.get(label) != n
    }
    if different:
        raise BackupError(f"restored counts differ from the backup's: {different}")
    return manifest
