"""The documented setup behind a TLS-terminating proxy (docs/deployment.md, "Behind a TLS
proxy"), as written: a second nginx speaking HTTPS in front of the shipped stack
(deploy/serve.sh: nginx → gunicorn, production settings with HTTPS on), started with
NEWSROOM_TRUSTED_PROXIES naming the front proxy's address and nothing else.

Loopback addresses tell the three parties apart: the reader connects from 127.0.0.3, the
front proxy connects onward from 127.0.0.2, the shipped nginx listens on 127.0.0.1.

Needs nginx and openssl (Debian's packages). Skipped without them, except under CI."""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from .servers import ROOT, Browser, free_port, serving, stack_environment, stop

READER, FRONT_PROXY = "127.0.0.3", "127.0.0.2"

if os.environ.get("CI") != "true" and not (shutil.which("nginx") and shutil.which("openssl")):
    pytest.skip("nginx and openssl are needed (apt-get install nginx openssl)", allow_module_level=True)

MAKE_EDITOR = """
import django
django.setup()
from django.contrib.auth import get_user_model
get_user_model().objects.create_superuser("proxy-editor", "editor@example.com", "كلمة-سر-طويلة-1")
"""

LOGIN_ADDRESSES = """
import django
django.setup()
from axes.models import AccessAttempt
print(",".join(sorted({attempt.ip_address for attempt in AccessAttempt.objects.all()})))
"""

FRONT_NGINX = """
daemon off;
pid {folder}/front.pid;
error_log /dev/stderr warn;
events {{ worker_connections 64; }}
http {{
    client_body_temp_path {folder}/front-tmp/body;
    proxy_temp_path {folder}/front-tmp/proxy;
    fastcgi_temp_path {folder}/front-tmp/fastcgi;
    uwsgi_temp_path {folder}/front-tmp/uwsgi;
    scgi_temp_path {folder}/front-tmp/scgi;
    access_log off;
    server {{
        listen 127.0.0.1:{port} ssl;
        ssl_certificate {folder}/front.crt;
        ssl_certificate_key {folder}/front.key;
        location / {{
            proxy_pass http://127.0.0.1:{edge_port};
            proxy_bind {front_proxy};
            # As docs/deployment.md asks of the front proxy:
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
        }}
    }}
}}
"""


@pytest.fixture(scope="module")
def behind_tls_proxy():
    folder = Path(tempfile.mkdtemp(prefix="newsroom-tls-proxy-test-"))
    folder.chmod(0o755)
    edge_port, app_port, front_port = free_port(), free_port(), free_port()
    environment = stack_environment(
        folder,
        edge_port,
        app_port,
        NEWSROOM_HTTPS="true",  # as on a real server: Secure cookies, HSTS, the HTTPS redirect
        NEWSROOM_TRUSTED_PROXIES=FRONT_PROXY,
    )

    def run(*command):
        return subprocess.run(
            command, cwd=ROOT, env=environment, check=True, capture_output=True, text=True, timeout=300
        ).stdout

    run(sys.executable, "manage.py", "migrate", "--noinput", "-v", "0")
    run(sys.executable, "-c", MAKE_EDITOR)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-keyout", str(folder / "front.key"), "-out", str(folder / "front.crt")],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    (folder / "front-tmp").mkdir()
    (folder / "front.conf").write_text(
        FRONT_NGINX.format(folder=folder, port=front_port, edge_port=edge_port, front_proxy=FRONT_PROXY)
    )
    try:
        with open(folder / "front.log", "w") as front_log, serving(environment, folder / "stack.log"):
            front = subprocess.Popen(
                ["nginx", "-c", str(folder / "front.conf"), "-e", "/dev/stderr"],
                start_new_session=True,
                stdout=front_log,
                stderr=subprocess.STDOUT,
            )
            try:
                listening(front_port, front, folder / "front.log")
                yield {
                    "front_port": front_port,
                    "edge_port": edge_port,
                    "login_addresses": lambda: run(sys.executable, "-c", LOGIN_ADDRESSES).strip().split(","),
                }
            finally:
                stop(front)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def listening(port, process, log, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()[-3000:]
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.2)
    raise AssertionError(f"nothing listens on {port}: {log.read_text()[-3000:]}")


def test_pages_over_the_tls_proxy_are_https_and_not_redirected(behind_tls_proxy):
    port = behind_tls_proxy["front_port"]
    response, page = Browser(port, source=READER).request("GET", "/")
    assert response.status == 200  # not a 301 to https:// forever
    assert "max-age=" in response.headers["Strict-Transport-Security"]
    assert f'rel="canonical" href="https://127.0.0.1:{port}/"' in page
    response, robots = Browser(port, source=READER).request("GET", "/robots.txt")
    assert f"https://127.0.0.1:{port}/sitemap.xml" in robots


def test_the_desk_logs_in_through_the_tls_proxy(behind_tls_proxy):
    port = behind_tls_proxy["front_port"]
    browser = Browser(port, source=READER)
    response, _ = browser.log_in(f"https://127.0.0.1:{port}", "proxy-editor", "كلمة-سر-طويلة-1")
    assert response.status == 302, response.status  # not 403 «Origin checking failed»
    assert response.headers["Location"] == "/admin/"
    assert "Secure" in response.headers["Set-Cookie"]
    response, desk = browser.request("GET", "/admin/")
    assert response.status == 200
    assert "proxy-editor" in desk


def test_the_reader_not_the_proxy_is_the_client(behind_tls_proxy):
    # A wrong password through the front proxy, with an address of the reader's own invention on
    # the left: the failure is counted against the reader's address (two proxies from the right).
    port = behind_tls_proxy["front_port"]
    response, _ = Browser(port, source=READER).log_in(
        f"https://127.0.0.1:{port}", "nobody-here", "wrong", {"X-Forwarded-For": "203.0.113.9"}
    )
    assert response.status == 200  # the form again, with its error
    assert behind_tls_proxy["login_addresses"]() == [READER]


def test_a_client_cannot_claim_https_to_the_shipped_nginx(behind_tls_proxy):
    # Straight to the shipped nginx over plain HTTP from an address it does not trust: its
    # X-Forwarded-Proto is replaced with the connection's own scheme, so the app redirects.
    port = behind_tls_proxy["edge_port"]
    response, _ = Browser(port, tls=False, source=READER).request(
        "GET", "/", headers={"X-Forwarded-Proto": "https"}
    )
    assert response.status == 301
    assert response.headers["Location"] == f"https://127.0.0.1:{port}/"
