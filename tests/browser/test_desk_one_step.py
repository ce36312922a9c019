"""Issue 25 in Chromium (D12): a reporter sends a new story for review with one press from the
unsaved form (a word typed in the last second included), then pulls it back from review
once the editor who had it open has closed the tab."""

from articles.models import Article, Author, EditLock, Section, WorkflowEvent
from tests.conftest import desk_groups

from .staff import fill_new_story, make_staff, wait_until


def serious(violations):
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def test_a_new_story_in_one_press_then_recalled_when_the_editor_has_left(
    site, new_page, screenshot, axe_violations
):
    editors, reporters = desk_groups()
    reporter = make_staff("sara", "سارة المراسلة", reporters)
    editor = make_staff("mona", "منى المحررة", editors)
    section = Section.objects.create(name_ar="اقتصاد", name_en="Economy")
    Author.objects.create(name_ar="سارة المراسلة", name_en="Sara")

    # 1. A new story, never saved, sent for review with one press.
    page = new_page(user=reporter)
    page.goto(site + "/admin/articles/article/add/")
    fill_new_story(page, "ارتفاع صادرات التمور", "ارتفعت صادرات التمور هذا العام.", section, "سارة المراسلة")
    page.locator("#id_standfirst_ar").fill("موجز كُتب قبل الضغط بلحظة")
    send = page.locator("button[name=_desk_action][value=submit]")
    assert send.inner_text() == "احفظ وأرسل للمراجعة"
    send.click()
    page.locator(".messagelist .success").wait_for()
    assert page.locator("[data-desk-status]").inner_text() == "قيد المراجعة"
    story = Article.objects.get(headline_ar="ارتفاع صادرات التمور")
    assert story.status == Article.Status.REVIEW and story.created_by == reporter
    assert story.standfirst_ar == "موجز كُتب قبل الضغط بلحظة"

    # 2. The editor opens it: the reporter is told why she cannot take it back now.
    change = f"{site}/admin/articles/article/{story.pk}/change/"
    desk = new_page(user=editor)
    desk.goto(change)
    page.goto(change)
    assert page.locator("button[value=recall]").count() == 0
    assert "يراجعه منى المحررة" in page.locator(".desk-step-waiting").inner_text()
    assert serious(axe_violations(page)) == []

    # 3. The editor closes the tab (its beacon hands the lock back): the reporter recalls it.
    desk.context.close()
    assert wait_until(lambda: not EditLock.objects.live().filter(article=story).exists())
    page.goto(change)
    recall = page.locator("button[name=_desk_action][value=recall]")
    assert recall.inner_text() == "استرجع الخبر من المراجعة"
    screenshot(page, "desk-recall")
    assert serious(axe_violations(page)) == []
    recall.click()
    page.locator(".messagelist .success").wait_for()
    assert page.locator("[data-desk-status]").inner_text() == "مسودة"
    assert page.locator("#id_headline_ar").is_editable()
    story.refresh_from_db()
    assert story.status == Article.Status.DRAFT
    assert story.workflow_events.latest("at").transition == WorkflowEvent.Transition.RECALL
