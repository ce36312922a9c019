"""Issue 25 in Chromium (D2, D4): on the seed story as imported (paragraphs on lines of their
own), «صحّح» works on every finding, the author record's slip included; the panel never covers
more than a fifth of a 1366×768 screen, and folds to one line."""

from django.core.management import call_command

from articles.models import Article
from tests.conftest import desk_groups

from .staff import make_staff

WATCH_REFUSALS = """() => {
  const status = document.querySelector('#copy-check [data-copy-check-status]');
  window.copyCheckRefusals = [];
  new MutationObserver(() => {
    if (status.textContent.includes('تغيّر النص')) { window.copyCheckRefusals.push(status.textContent); }
  }).observe(status, {childList: true, characterData: true, subtree: true});
}"""


def make_editor():
    editors, _reporters = desk_groups()
    return make_staff("mona", "منى المحررة", editors)


def panel_box(page):
    return page.locator("#copy-check").bounding_box()


def test_every_fix_of_the_imported_seed_story_works(site, new_page, screenshot, axe_violations):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    story = Article.objects.get(import_source="000_7077a1414e491a78.txt")
    assert "\n" in story.body_ar
    page = new_page(user=make_editor(), viewport=(1366, 768))
    page.goto(f"{site}/admin/articles/article/{story.pk}/change/")
    items = page.locator("#copy-check [data-copy-check-list] li")
    items.first.wait_for()
    page.evaluate(WATCH_REFUSALS)

    # D4: the panel in view over the editor is at most a fifth of the screen, and folds.
    box = panel_box(page)
    assert box["width"] * box["height"] <= 1366 * 768 / 5, box
    screenshot(page, "admin-copy-check-seed")
    toggle = page.locator("[data-copy-check-toggle]")
    assert toggle.get_attribute("aria-expanded") == "true"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "false" and items.first.is_hidden()
    assert panel_box(page)["height"] < 60
    assert [v for v in axe_violations(page) if any("copy-check" in t for t in v["targets"])] == []
    toggle.click()
    assert items.first.is_visible()

    seen = []
    for _round in range(40):
        count = items.count()
        if count == 0:
            break
        first = items.first
        seen.append(first.inner_text())
        with page.expect_response(lambda r: r.url.endswith("/copy-check/"), timeout=15_000):
            first.get_by_role("button", name="صحّح").click()
        page.wait_for_timeout(200)  # the answer is drawn
        assert items.count() < count, f"the fix of {seen[-1]!r} did not take"
    page.locator("#copy-check [data-copy-check-status]", has_text="لا ملاحظات").wait_for()
    assert page.evaluate("() => window.copyCheckRefusals") == []
    assert len(seen) >= 8
    assert any("سجل الكاتب" in text for text in seen)

    page.locator("input[name=_continue]").click()
    page.locator(".messagelist .success").wait_for()
    story.refresh_from_db()
    for right in ("الأولى", "إلى", "الإلكتروني", "أمين", "«درع الحكومة الذكية العربية»"):
        assert right in story.body_ar, right
    assert "الاولى" not in story.body_ar and "” " not in story.body_ar
    assert story.bylines.get().author.name_ar == "فاطمة قرعه القحطاني"
