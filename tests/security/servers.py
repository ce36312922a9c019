"""For tests that start the site as a real server on loopback: a free port, the production
stack (deploy/serve.sh) in a folder of its own, and a GET that returns (status, headers,
body) whatever the status."""

import contextlib
import http.client
import os
import re
import socket
import ssl
import subprocess
import urllib.error
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def wait_until_healthy(process, base_url, log=None, seconds=180):
    """Wait for a stack started from deploy/serve.sh to answer /healthz (its log on failure)."""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()[-3000:] if log else process.stdout.read()[-3000:]
        try:
            if fetch(f"{base_url}/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)


def stop(process):
    """Stop a stack started with start_new_session=True: TERM, then KILL after 30 s."""
    import os
    import signal
    import subprocess

    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def stack_environment(folder, port, app_port, **settings):
    """The environment for deploy/serve.sh on 127.0.0.1:`port` with production settings,
    keeping everything (database, uploads, static files, key, nginx's config and cache) in
    `folder`; `settings` add to it or override it. What the test run itself set (DEBUG, the
    browser tests' async switch, its database, Redis and proxy count) is left out."""
    leaked = ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL", "REDIS_URL", "NEWSROOM_PROXY_COUNT")
    return {
        **{name: value for name, value in os.environ.items() if name not in leaked},
        "NEWSROOM_ENV": "production",
        "SECRET_KEY": f"{folder.name}-" + "k" * 50,
        "DATABASE_URL": f"sqlite:///{folder}/db.sqlite3",
        "MEDIA_ROOT": str(folder / "media"),
        "STATIC_ROOT": str(folder / "static"),
        "NEWSROOM_LOCAL": str(folder / "local"),
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "APP_PORT": str(app_port),
        "WEB_CONCURRENCY": "1",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        **settings,
    }


@contextlib.contextmanager
def serving(environment, log_path):
    """deploy/serve.sh with `environment`, healthy, until the block ends (its output goes to
    `log_path`: a pipe nobody reads would fill and stall it)."""
    with open(log_path, "w") as log:
        stack = subprocess.Popen(
            ["deploy/serve.sh"],
            cwd=ROOT,
            env=environment,
            start_new_session=True,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_healthy(stack, f"http://127.0.0.1:{environment['PORT']}", log_path)
            yield stack
        finally:
            stop(stack)


class Browser:
    """A client of 127.0.0.1:`port` that keeps cookies, speaking HTTPS (any certificate) or
    HTTP, connecting from the loopback address `source` (to tell parties apart)."""

    def __init__(self, port, tls=True, source="127.0.0.1"):
        self.port, self.tls, self.source, self.cookies = port, tls, source, {}

    def request(self, method, path, body=None, headers=()):
        if self.tls:
            context = ssl.create_default_context()
            context.check_hostname, context.verify_mode = False, ssl.CERT_NONE  # the test's own certificate
            connection = http.client.HTTPSConnection(
                "127.0.0.1", self.port, context=context, source_address=(self.source, 0), timeout=30
            )
        else:
            connection = http.client.HTTPConnection(
                "127.0.0.1", self.port, source_address=(self.source, 0), timeout=30
            )
        headers = dict(headers)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        connection.close()
        return response, content

    def log_in(self, origin, username, password, headers=()):
        """The desk's login form, as a browser at `origin` sends it: the answer to the POST."""
        _response, form = self.request("GET", "/admin/login/?next=/admin/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        fields = {"csrfmiddlewaretoken": token, "username": username, "password": password}
        return self.request(
            "POST",
            "/admin/login/?next=/admin/",
            urlencode(fields),
            {"Origin": origin, "Referer": f"{origin}/admin/login/", **dict(headers)},
        )
