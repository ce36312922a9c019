"""The site and the desk work under the Content-Security-Policy: no violation is reported by
Chromium, and the admin's scripts (translation tabs, body editor, autocomplete) still run."""

import pytest
from django.contrib.auth.models import User


def watch_csp(page):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


@pytest.fixture
def editor(transactional_db):
    return User.objects.create_superuser("chief", "chief@example.org", "x" * 12)


def test_public_pages_run_under_the_csp(site, page, make_article):
    article = make_article(headline="خبر تحت سياسة المحتوى")
    violations = watch_csp(page)
    for url in ("/", article.get_absolute_url(), "/search/?q=خبر", "/en/"):
        response = page.goto(site + url)
        assert "script-src 'self'" in response.headers["content-security-policy"]
    assert violations == []


def test_the_admin_works_under_the_csp(site, new_page, editor, make_article):
    article = make_article(headline="خبر للتحرير")
    page = new_page(user=editor)
    violations = watch_csp(page)
    page.goto(f"{site}/admin/")
    page.goto(f"{site}/admin/articles/article/")
    page.goto(f"{site}/admin/articles/article/{article.pk}/change/")
    # modeltranslation's tabs (jQuery UI), the body editor and the autocomplete widgets ran.
    page.wait_for_selector(".ui-tabs", timeout=10_000)
    page.wait_for_selector(".body-editor[dir=rtl] [contenteditable=true]", timeout=10_000)
    page.wait_for_selector(".select2", timeout=10_000)
    page.goto(f"{site}/admin/articles/article/add/")
    page.wait_for_selector(".body-editor[dir=rtl] [contenteditable=true]", timeout=10_000)
    assert violations == []
