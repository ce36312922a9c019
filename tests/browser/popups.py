"""Django's lookup popups close themselves once a choice is clicked. Playwright's click()
waits on the page after clicking and fails if the page has gone meanwhile, so the click is
made by the page itself, a moment later, and the test waits for the popup to close."""


def choose_in_popup(popup, link):
    """Click `link` (a Locator in `popup`) and wait until the popup has closed."""
    with popup.expect_event("close"):
        link.evaluate("a => setTimeout(() => a.click())")
