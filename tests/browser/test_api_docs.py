"""The API's interactive documentation works offline and under a strict Content-Security-Policy
(no inline script, no inline <style>): Chromium with every request outside the site refused
opens /api/v1/docs/, lists the operations and runs one."""

import os

from django.core.management import call_command

# As strict as the site's own policy: scripts and style sheets only from the site.
STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; style-src-elem 'self'; "
    "style-src-attr 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
)


def test_api_docs_work_offline(site, page):
    call_command("load_demo", stdout=open(os.devnull, "w"))
    outside = []

    def only_the_site(route):
        if route.request.url.startswith(site + "/api/v1/docs/"):
            response = route.fetch()
            route.fulfill(
                response=response, headers={**response.headers, "content-security-policy": STRICT_CSP}
            )
        elif route.request.url.startswith(site):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_site)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: errors.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.goto(site + "/api/v1/docs/")
    operations = page.locator(".opblock-summary-path")
    operations.first.wait_for()
    paths = set(operations.all_inner_texts())
    assert {"/api/v1/articles/", "/api/v1/articles/{id}/", "/api/v1/changes/", "/api/v1/search/"} <= {
        path.replace("\u200b", "") for path in paths
    }
    # Run "list articles" from the page: the demo story comes back.
    block = page.locator(
        ".opblock", has=page.locator(".opblock-summary-path", has_text="/api/v1/articles/")
    ).first
    block.locator(".opblock-summary").first.click()
    block.locator("button.try-out__btn").click()
    block.locator("button.execute").click()
    body = block.locator(".live-responses-table .response-col_description pre").first
    body.wait_for()
    assert "أمانة عسير" in body.inner_text()
    assert outside == [] and errors == []
