"""The copy check in a real browser: a reporter types, sees the finding, clicks fix; the body too."""

from django.contrib.auth import get_user_model

from articles.models import Article, Section
from tests.conftest import desk_groups


def make_reporter():
    _editors, reporters = desk_groups()
    user = get_user_model().objects.create_user(
        "sara", password="x-desk-browser-9", is_staff=True, first_name="سارة", last_name="المراسلة"
    )
    user.groups.add(reporters)
    return user


def test_reporter_types_sees_the_finding_and_fixes_it(site, new_page, screenshot, axe_violations):
    reporter = make_reporter()
    Section.objects.create(name_ar="محليات", name_en="Local")
    page = new_page(user=reporter)
    page.goto(site + "/admin/articles/article/add/")
    panel = page.locator("#copy-check")
    panel.wait_for()

    page.locator("#id_headline_ar").fill("المرة الاولى في عسير")
    finding = panel.locator("li", has_text="الاولى")
    finding.wait_for()
    assert "الأولى" in finding.inner_text()
    finding.get_by_role("button", name="صحّح").click()
    page.wait_for_function("document.getElementById('id_headline_ar').value === 'المرة الأولى في عسير'")
    panel.locator("li", has_text="الاولى").wait_for(state="detached")

    # In the rich-text body the fix goes through the editor, and the editor's textarea follows.
    body = page.locator(".body-editor[dir=rtl] [contenteditable=true]").first
    body.click()
    body.type("وصل الوفد الى المدينة")
    body_finding = panel.locator("li", has_text="الى")
    body_finding.wait_for()
    # The panel itself (the stock add form's select2 boxes are another matter, see docs/desk.md).
    violations = axe_violations(page)
    assert [v for v in violations if any("copy-check" in target for target in v["targets"])] == []
    screenshot(page, "admin-copy-check")
    body_finding.get_by_role("button", name="صحّح").click()
    page.wait_for_function("document.getElementById('id_body_ar').value.includes('وصل الوفد إلى المدينة')")
    assert "إلى" in body.inner_text()
    panel.locator("[data-copy-check-status]", has_text="لا ملاحظات").wait_for()
    assert Article.objects.count() == 0  # nothing saved by the check or its fixes


def test_before_send_for_review_the_findings_are_listed(site, new_page, make_article):
    reporter = make_reporter()
    story = make_article("قصة للمراجعة", status=Article.Status.DRAFT, body_ar="<p>نص سليم</p>")
    story.created_by = reporter
    story.save()
    page = new_page(user=reporter)
    page.goto(f"{site}/admin/articles/article/{story.pk}/change/")
    page.locator("#copy-check [data-copy-check-status]", has_text="لا ملاحظات").wait_for()
    page.locator("#id_headline_ar").fill("قصة للمراجعة, الاولى")
    page.locator("#copy-check li", has_text="الاولى").wait_for()

    submit = page.locator("button[name=_desk_action][value=submit], button[name=desk-submit]").first
    submit.click()
    confirm = page.locator("[data-copy-check-confirm]")
    confirm.wait_for()
    assert "قبل الإرسال للمراجعة" in confirm.inner_text()
    story.refresh_from_db()
    assert story.status == Article.Status.DRAFT  # held until the reporter chooses

    confirm.get_by_role("button", name="أرسل كما هو").click()
    page.locator(".messagelist .success").wait_for()
    story.refresh_from_db()
    assert story.status == Article.Status.REVIEW
