"""What was meant, in a real browser (issue 26): the close spelling searched and said so,
most words with the words each story holds marked; checked by axe-core and vnu."""

from urllib.parse import quote

from tests.browser.test_search_page import load_demo


def test_the_close_spelling_and_most_words_pages(site, new_page, axe_violations, html_errors, screenshot):
    story = load_demo()
    page = new_page(viewport=(390, 844))  # a phone
    url = f"{site}/search/?q={quote('الحميدى عسيز')}"
    page.goto(url)
    assert page.locator(".search-instead").inner_text() == "نتائج «الحميدي عسير» بدلاً من «الحميدى عسيز»"
    assert (
        page.locator(".search-result").first.get_by_role("link").first.get_attribute("href")
        == story.get_absolute_url()
    )
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert axe_violations(page) == []
    assert html_errors(url) == []
    screenshot(page, "search-instead")

    url = f"{site}/search/?q={quote('أمانة عسير زلزال')}"
    page.goto(url)
    assert "هذه أخبار تضم أكثرها" in page.locator(".search-instead").inner_text()
    words = page.locator(".search-result__words").first
    assert words.locator("mark").all_inner_texts() == ["أمانة", "عسير"]
    assert words.locator("s").all_inner_texts() == ["زلزال"]
    # Screen readers hear that the word is missing (a struck line is not read out).
    assert "ليست فيه:" in words.locator(".visually-hidden").all_inner_texts()[0]
    assert axe_violations(page) == []
    assert html_errors(url) == []
    screenshot(page, "search-most-words")
