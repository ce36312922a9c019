"""Pictures load in production: with DEBUG off Django serves no /media/, so the production
stack (deploy/serve.sh: gunicorn behind deploy/nginx.conf) must. This starts that stack on
loopback with a throw-away database and media folder, publishes a story with a picture, and
fetches the article page and every picture it names through nginx.

Needs nginx (Debian's package; .ci/run installs it). Skipped without it, except under CI."""

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from .servers import fetch, free_port, run_in_stack, stack_environment, stop, wait_until_healthy

ROOT = Path(__file__).resolve().parents[2]

if not shutil.which("nginx") and os.environ.get("CI") != "true":
    pytest.skip("nginx is not installed (apt-get install nginx)", allow_module_level=True)

PUBLISH_A_PICTURED_STORY = """
import datetime, io, django
django.setup()
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from PIL import Image as Pillow
from articles import publishing
from articles.models import Article
from articles.pictures.models import Image

call_command("load_demo", stdout=open("/dev/null", "w"))
buffer = io.BytesIO()
Pillow.new("RGB", (1600, 900), (200, 120, 40)).save(buffer, "JPEG")
with transaction.atomic():  # renditions are cut when the picture's transaction commits
    picture = Image(caption_ar="مبنى الأمانة في أبها", alt_text_ar="مبنى حجري")
    picture.file.save("lead.jpg", ContentFile(buffer.getvalue()), save=True)
story = Article.objects.get(import_source="000_7077a1414e491a78.txt")
story.lead_image = picture
story.save()
print(story.get_absolute_url())
"""


@pytest.fixture
def production_stack():
    # World-readable: nginx's workers run as www-data when the tests run as root.
    folder = Path(tempfile.mkdtemp(prefix="newsroom-media-test-"))
    folder.chmod(0o755)
    port = free_port()
    app_port = free_port()
    environment = stack_environment(
        folder, port, app_port, leave_out=("REDIS_URL",), CACHE_DIR=str(folder / "cache")
    )
    run_in_stack(environment, "manage.py", "migrate", "--noinput", "-v", "0")
    story_url = run_in_stack(environment, "-c", PUBLISH_A_PICTURED_STORY)
    (folder / "media").chmod(0o755)
    for path in (folder / "media").rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    stack = subprocess.Popen(
        ["deploy/serve.sh"],
        cwd=ROOT,
        env=environment,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_until_healthy(stack, f"http://127.0.0.1:{port}")
        yield f"http://127.0.0.1:{port}", f"http://127.0.0.1:{app_port}", story_url
    finally:
        stop(stack)
        shutil.rmtree(folder, ignore_errors=True)


def test_pictures_load_through_nginx_with_debug_off(production_stack):
    edge, app, story_url = production_stack
    status, _headers, body = fetch(edge + story_url)
    assert status == 200
    page = body.decode()
    pictures = set(re.findall(r'(/media/[^"\s,]+\.(?:jpg|jpeg|webp|png))', page))
    assert len(pictures) >= 3, page[:2000]  # the original and its renditions (srcset, og:image)
    for picture in pictures:
        status, headers, content = fetch(edge + picture)
        assert status == 200, picture
        assert headers["Content-Type"] in ("image/jpeg", "image/webp", "image/png"), picture
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "max-age=" in headers["Cache-Control"]
        assert content[:3] == b"\xff\xd8\xff" or content[:4] == b"RIFF" or content[:4] == b"\x89PNG"
    # It is nginx that serves them: the app itself, with DEBUG off, does not.
    assert fetch(app + sorted(pictures)[0])[0] == 404
    # Static files too, with far-future headers for the hashed names.
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', page).group(1)
    status, headers, _content = fetch(edge + stylesheet)
    assert status == 200 and "immutable" in headers["Cache-Control"]
