"""Browser tests: Playwright's sync API driving Debian's Chromium against pytest-django's live_server.

Everything runs on this machine: Chromium from Debian (/usr/bin/chromium, never
`playwright install`), axe-core and vnu-jar from node_modules (`npm ci`, see package.json).
Tests in this folder get the `browser` marker; they are skipped when Chromium or the checkers
are missing, except under CI (CI=true), where that is a failure.

Fixtures
- `site`: the live server's base URL (e.g. http://localhost:41234), with a transactional database.
- `new_page(locale="ar-SA", viewport=(1280, 900), user=None, timezone="Asia/Riyadh")`: a Page in a
  fresh browser context; with `user`, that user is logged in (session cookie, no login form).
- `page`: `new_page()` with the defaults (an Arabic-speaking desktop browser).
- `axe_violations(page)`: axe-core's WCAG 2.1 A/AA violations on the page, as a list of
  `{"id", "impact", "help", "targets"}`; assert it is empty.
- `html_errors(url_or_bytes, ...)`: Nu Html Checker (vnu) errors for one or more documents (the
  bytes the server sends), as a list of `"name:line: message"`; assert it is empty.
- `screenshot(page, name)`: saves <name>.png (full page) in a temporary folder, or in
  docs/screenshots/ under `make screenshots`, and returns its path.
"""

import json
import os
import shutil
import subprocess
import tempfile
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

# Playwright's sync API runs an event loop in the test thread; Django's ORM must be allowed there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Test runs leave the tree clean: screenshots go to a temporary folder unless
# `make screenshots` (NEWSROOM_SCREENSHOTS=docs) asks to refresh docs/screenshots/.
SCREENSHOTS = (
    ROOT / "docs" / "screenshots"
    if os.environ.get("NEWSROOM_SCREENSHOTS") == "docs"
    else Path(tempfile.gettempdir()) / "newsroom-screenshots"
)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def _require(path, what):
    if not path.exists():
        message = f"{what} not found at {path}"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must install it: see .ci/run)")
        pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    _require(CHROMIUM, "Chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db):
    return live_server.url


@pytest.fixture
def new_page(browser, site):
    contexts = []

    def make(locale="ar-SA", viewport=(1280, 900), user=None, timezone="Asia/Riyadh"):
        context = browser.new_context(
            locale=locale,
            timezone_id=timezone,
            viewport={"width": viewport[0], "height": viewport[1]},
        )
        context.set_default_timeout(15_000)
        if user is not None:
            from django.conf import settings
            from django.test import Client

            client = Client()
            client.force_login(user)
            context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                        "url": site,
                    }
                ]
            )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        # A page left with unsaved text autosaves as it closes (sendBeacon): refuse those
        # requests, so none reaches the live server while the test database is flushed.
        try:
            context.route("**/*", lambda route: route.abort())
            for open_page in context.pages:
                open_page.close()
            context.close()
        except PlaywrightError:
            pass  # the test closed (killed) this context itself


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def axe_violations():
    _require(AXE, "axe-core (npm ci)")

    def run(page):
        # Evaluated through DevTools, not as an inline <script>: the site's CSP would block that.
        page.evaluate(AXE.read_text(encoding="utf-8"))
        violations = page.evaluate(
            """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))
                 .violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                        targets: v.nodes.map(n => n.target.join(' '))}))""",
            WCAG_TAGS,
        )
        return violations

    return run


@pytest.fixture
def html_errors():
    _require(VNU, "vnu-jar (npm ci)")
    if shutil.which("java") is None:
        _require(Path("/usr/bin/java"), "Java (for vnu-jar)")

    def run(*documents):
        """Each document is a URL (fetched as the server sends it) or (name, bytes)."""
        with tempfile.TemporaryDirectory() as folder:
            files = {}
            for n, document in enumerate(documents):
                if isinstance(document, str):
                    name, body = document, urllib.request.urlopen(document).read()
                else:
                    name, body = document
                path = Path(folder) / f"page{n}.html"
                path.write_bytes(body)
                files[path.name] = name
            result = subprocess.run(
                [
                    "java",
                    "-jar",
                    str(VNU),
                    "--errors-only",
                    "--format",
                    "json",
                    *[str(Path(folder) / f"page{n}.html") for n in range(len(documents))],
                ],
                capture_output=True,
                text=True,
                timeout=180,
            )
            messages = json.loads(result.stderr or '{"messages": []}')["messages"]
            return [
                f"{files.get(Path(m.get('url', '')).name, m.get('url'))}:{m.get('lastLine')}: {m.get('message')}"
                for m in messages
                if m.get("type") in ("error", "non-document-error")
            ]

    return run


@pytest.fixture
def screenshot():
    def save(page, name):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save
