"""Production settings: check --deploy is clean, every page carries a CSP without inline
scripts and a Permissions-Policy, logins are throttled, and typed text loses bidi overrides."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from articles.models import Article, Section, Tag

ROOT = Path(__file__).resolve().parents[2]


def run_check(**env):
    environment = {
        **os.environ,
        "NEWSROOM_ENV": "production",
        "SECRET_KEY": "x" * 20 + "-production-key-for-the-check-only-0123456789",
        "ALLOWED_HOSTS": "news.example.org",
        **env,
    }
    for leaked in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"):  # set by the browser tests' conftest
        environment.pop(leaked, None)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_in_production():
    result = run_check()
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_check_deploy_notices_when_the_ssl_redirect_is_switched_off():
    # The switch for a proxy that redirects itself is real: Django then says so.
    result = run_check(SECURE_SSL_REDIRECT="false")
    assert "security.W008" in result.stderr + result.stdout


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/en/", "/archive/", "/search/?q=x", "/admin/login/", "/feeds/rss/"])
def test_every_page_has_a_csp_without_inline_scripts_and_a_permissions_policy(client, demo, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_the_article_page_has_no_inline_script_but_json_ld(client, demo):
    page = client.get(demo.get_absolute_url()).content.decode()
    import re

    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
    inline = [attrs for attrs, body in scripts if body.strip() and "application/ld+json" not in attrs]
    assert inline == []


def login(client, username, password, ip="10.0.0.1"):
    return client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


@pytest.mark.django_db
def test_wrong_passwords_lock_the_account_from_that_address(client, settings):
    User.objects.create_user("sara", password="the right one 42", is_staff=True)
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "sara", "wrong").status_code == 200
    assert login(client, "sara", "wrong").status_code == 429
    locked = login(client, "sara", "the right one 42")
    assert locked.status_code == 429
    assert "تم إيقاف تسجيل الدخول مؤقتاً" in locked.content.decode()
    assert "15 دقيقة" in locked.content.decode()
    # Another address, or another user from this address, is not locked out.
    assert login(client, "sara", "the right one 42", ip="10.0.0.2").status_code == 302
    User.objects.create_user("mona", password="another right one 42", is_staff=True)
    assert login(client, "mona", "another right one 42").status_code == 302


def proxied_login(client, username, password, forwarded_for):
    # As nginx passes it on: the connection is the proxy's, X-Forwarded-For ends with the client.
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@pytest.mark.django_db
def test_behind_the_proxy_failures_count_against_the_client_not_the_proxy(client, settings):
    settings.NEWSROOM_PROXY_COUNT = 1
    User.objects.create_user("sara", password="the right one 42", is_staff=True)
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        # The attacker writes a new address of its own on the left each time: ignored.
        proxied_login(client, "sara", "wrong", f"198.51.100.{attempt}, 203.0.113.5")
    assert proxied_login(client, "sara", "the right one 42", "203.0.113.5").status_code == 429
    # Sara, from her own address through the same proxy, is not locked out by the attacker.
    assert proxied_login(client, "sara", "the right one 42", "192.0.2.44").status_code == 302


@pytest.mark.django_db
def test_without_a_proxy_a_forwarded_header_is_not_believed(client, settings):
    settings.NEWSROOM_PROXY_COUNT = 0
    User.objects.create_user("sara", password="the right one 42", is_staff=True)
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        proxied_login(client, "sara", "wrong", f"198.51.100.{attempt}")
    assert proxied_login(client, "sara", "the right one 42", "192.0.2.44").status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.5", "127.0.0.1"),
        (1, "", "127.0.0.1"),
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "1.2.3.4, 203.0.113.5", "203.0.113.5"),
        (2, "1.2.3.4, 203.0.113.5, 10.0.0.9", "203.0.113.5"),
        (2, "203.0.113.5", "203.0.113.5"),
    ],
)
def test_client_address_counts_trusted_proxies_from_the_right(rf, settings, proxies, forwarded, expected):
    from articles.ratelimits import client_address

    settings.NEWSROOM_PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


@pytest.mark.django_db
def test_unlock_lifts_the_lock(client, settings):
    User.objects.create_user("sara", password="the right one 42", is_staff=True)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, "sara", "wrong")
    assert login(client, "sara", "the right one 42").status_code == 429
    call_command("unlock", "sara", stdout=open(os.devnull, "w"))
    assert login(client, "sara", "the right one 42").status_code == 302


BIDI = "\u202eعنوان\u202c \u2066مخفي\u2069\u200f\x07"


@pytest.mark.django_db
def test_bidi_overrides_are_stripped_on_every_save_path(admin_client, section, author):
    response = admin_client.post(
        "/admin/articles/section/add/", {"name_ar": "قسم" + BIDI, "name_en": "S\u202eX", "position": 0}
    )
    assert response.status_code == 302
    saved = Section.objects.get(name_en="SX")
    assert saved.name_ar == "قسمعنوان مخفي"
    tag = Tag.objects.create(name_ar="وسم\u202e")
    assert tag.name_ar == "وسم"
    article = Article.objects.create(
        headline_ar="خبر" + BIDI, standfirst_ar="سطر\u202e\nسطر", body_ar="<p>x</p>", section=section
    )
    article.refresh_from_db()
    assert article.headline_ar == "خبرعنوان مخفي"
    assert article.standfirst_ar == "سطر\nسطر"
    author.name_ar = "فاطمة\u202e"
    author.save()
    author.refresh_from_db()
    assert author.name_ar == "فاطمة"


@pytest.mark.django_db
def test_zwnj_and_zwj_are_kept(section):
    article = Article.objects.create(headline_ar="می\u200cخواهم \u200dx", body_ar="<p>x</p>", section=section)
    article.refresh_from_db()
    assert article.headline_ar == "می\u200cخواهم \u200dx"
