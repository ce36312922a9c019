"""`make serve` run as root from a folder other users cannot enter (a checkout under /root,
mode 700): nginx's workers run as www-data and could reach neither the static files nor
their cache, so every page through the edge was a 500 while gunicorn answered 200.
deploy/serve.sh now refuses at start, naming the fix; once a named fix is applied it
serves full pages.

Needs root, nginx and runuser (Debian). Skipped otherwise."""

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from .servers import ROOT, fetch, free_port, serving, stack_environment

if not (hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("nginx") and shutil.which("runuser")):
    pytest.skip(
        "needs root, nginx and runuser: nginx's workers drop to www-data only then", allow_module_level=True
    )


@pytest.fixture
def root_only_folder():
    folder = Path(tempfile.mkdtemp(prefix="newsroom-root-only-"))
    folder.chmod(0o700)  # as /root is
    environment = stack_environment(folder, free_port(), free_port())
    yield folder, environment
    shutil.rmtree(folder, ignore_errors=True)


def test_serve_refuses_a_folder_nginx_cannot_enter_naming_the_fix(root_only_folder):
    folder, environment = root_only_folder
    done = subprocess.run(
        ["deploy/serve.sh"], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 3, done.stdout[-2000:] + done.stderr[-2000:]
    assert f"www-data and cannot enter {folder}/" in done.stderr
    for fix in (
        "/srv/newsroom",
        "STATIC_ROOT, MEDIA_ROOT and NEWSROOM_LOCAL",
        "chmod o+x",
        "NEWSROOM_NGINX=off",
    ):
        assert fix in done.stderr
    assert not (folder / "db.sqlite3").exists()  # refused before anything was done


def test_with_a_named_fix_applied_it_serves_full_pages(root_only_folder):
    folder, environment = root_only_folder
    folder.chmod(0o701)  # "chmod o+x on each folder above"
    with serving(environment, folder / "stack.log"):
        edge = f"http://127.0.0.1:{environment['PORT']}"
        status, _headers, body = fetch(edge + "/")
        assert status == 200
        page = body.decode()
        stylesheet = re.search(r'href="(/static/[^"]+\.css)"', page).group(1)
        status, headers, _content = fetch(edge + stylesheet)
        assert status == 200 and "immutable" in headers["Cache-Control"]  # nginx's own answer
        assert fetch(edge + "/")[1]["X-Edge-Cache"] in ("HIT", "MISS", "EXPIRED", "BYPASS")
