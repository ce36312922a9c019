"""Issue 10 in Chromium: the three ways the desk used to lose typed text, now keeping it; a page
killed mid-typing recovered from the autosave; unsaved text previewed in Arabic and English."""

import pytest

from articles import publishing
from articles.desk.models import Autosave
from articles.models import Article, Author, EditLock

from .staff import desk_with_a_draft


@pytest.fixture
def desk(site, make_article):
    return desk_with_a_draft(site, make_article)


def body_editor(page):
    return page.locator(".body-editor[dir=rtl] [contenteditable=true]").first


def type_paragraph(page, text):
    editor = body_editor(page)
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type(text)


def press_step(page, name):
    page.locator(f"button[name=_desk_action][value={name}]").click()


def test_loss_1_workflow_buttons_save_what_is_typed(desk, new_page):
    story = desk["story"]
    # The reporter types a paragraph and presses «احفظ وأرسل للمراجعة».
    page = new_page(user=desk["reporter"])
    page.goto(desk["change"])
    type_paragraph(page, "فقرة أخيرة كتبتها قبل الإرسال")
    press_step(page, "submit")
    page.locator(".messagelist .success").wait_for()
    story.refresh_from_db()
    assert story.status == Article.Status.REVIEW and "فقرة أخيرة كتبتها قبل الإرسال" in story.body_ar

    # The editor changes the standfirst, types a note and presses «احفظ وأعد إلى المراسل».
    editor = new_page(user=desk["editor"])
    editor.goto(desk["change"])
    editor.locator("#id_standfirst_ar").fill("موجز عدّلته المحررة")
    editor.locator("#desk-send_back-note").fill("أضيفي مصدراً ثانياً")
    press_step(editor, "send_back")
    editor.locator(".messagelist .success").wait_for()
    story.refresh_from_db()
    assert story.status == Article.Status.DRAFT and story.standfirst_ar == "موجز عدّلته المحررة"
    assert story.workflow_events.last().note == "أضيفي مصدراً ثانياً"


def test_a_refused_step_keeps_text_and_note_on_screen(desk, new_page):
    story = desk["story"]
    publishing.submit(story, desk["reporter"])
    editor = new_page(user=desk["editor"])
    editor.goto(desk["change"])
    editor.locator("#id_standfirst_ar").fill("موجز لم يُحفظ لأن الملاحظة ناقصة")
    press_step(editor, "send_back")  # no note
    editor.locator(".errornote").first.wait_for()
    assert "اكتب ملاحظة للمراسل" in editor.locator("#content-main").inner_text()
    assert editor.locator("#id_standfirst_ar").input_value() == "موجز لم يُحفظ لأن الملاحظة ناقصة"
    story.refresh_from_db()
    assert story.status == Article.Status.REVIEW and story.standfirst_ar != "موجز لم يُحفظ لأن الملاحظة ناقصة"


def test_loss_2_send_back_frees_the_story_for_the_reporter(desk, new_page):
    story = desk["story"]
    publishing.submit(story, desk["reporter"])
    editor = new_page(user=desk["editor"])
    editor.goto(desk["change"])
    editor.locator("#desk-send_back-note").fill("راجعي الأرقام")
    press_step(editor, "send_back")
    editor.locator(".messagelist .success").wait_for()
    editor.close()

    page = new_page(user=desk["reporter"])
    page.goto(desk["change"])
    assert page.locator("#desk-lock").is_hidden()
    page.locator("#id_headline_ar").fill("المراسلة تحفظ فوراً")
    page.locator("input[name=_continue]").click()
    page.locator(".messagelist .success").wait_for()
    story.refresh_from_db()
    assert story.headline_ar == "المراسلة تحفظ فوراً"


def test_loss_3_take_over_keeps_the_typed_paragraph(desk, new_page):
    story = desk["story"]
    other = new_page(user=desk["editor"])
    other.goto(desk["change"])  # the editor has the draft open

    page = new_page(user=desk["reporter"])
    page.goto(desk["change"])
    assert "منى المحررة" in page.locator("#desk-lock").inner_text()
    type_paragraph(page, "فقرة لا يجوز أن تضيع")
    page.locator("input[name=_continue]").click()
    page.locator(".errornote").first.wait_for()
    assert "اضغط «تولي التحرير»" in page.locator("#content-main").inner_text()
    assert "فقرة لا يجوز أن تضيع" in body_editor(page).inner_text()

    page.locator("#desk-lock button").click()
    page.locator(".messagelist .success").wait_for()
    assert "فقرة لا يجوز أن تضيع" in body_editor(page).inner_text()
    assert page.locator(".errornote").count() == 0
    assert EditLock.objects.get(article=story).user == desk["reporter"]
    page.locator("input[name=_continue]").click()
    page.locator(".messagelist .success").wait_for()
    story.refresh_from_db()
    assert "فقرة لا يجوز أن تضيع" in story.body_ar


def test_a_killed_page_is_recovered_from_the_autosave(desk, new_page, browser, site, screenshot):
    story = desk["story"]
    page = new_page(user=desk["reporter"])
    page.goto(desk["change"])
    page.locator("#id_headline_ar").fill("عنوان كتبته ثم انهار المتصفح")
    with page.expect_response(lambda r: r.url.endswith("/autosave/") and r.ok, timeout=20_000):
        type_paragraph(page, "فقرة كتبتها قبل الانهيار")
    assert "حُفظ نصك تلقائياً" in page.locator("#desk-autosave").inner_text()
    page.context.close()  # the tab dies: no unload handler runs, nothing is saved
    story.refresh_from_db()
    assert "فقرة كتبتها قبل الانهيار" not in story.body_ar
    assert Autosave.objects.filter(article=story).exists()

    again = new_page(user=desk["reporter"])
    again.goto(desk["change"])
    recovery = again.locator("#desk-recovery")
    recovery.wait_for()
    assert "فقرة كتبتها قبل الانهيار" in recovery.inner_text()
    screenshot(again, "admin-autosave-recovery")
    again.locator("#desk-recovery-restore").click()
    again.locator("#id_headline_ar").wait_for()
    assert again.locator("#id_headline_ar").input_value() == "عنوان كتبته ثم انهار المتصفح"
    assert "فقرة كتبتها قبل الانهيار" in body_editor(again).inner_text()
    again.locator("input[name=_continue]").click()
    again.locator(".messagelist .success").wait_for()
    story.refresh_from_db()
    assert story.headline_ar == "عنوان كتبته ثم انهار المتصفح" and "فقرة كتبتها قبل الانهيار" in story.body_ar
    assert not Autosave.objects.filter(article=story).exists()


def test_a_new_story_killed_before_its_first_save_is_recovered(desk, new_page, site, screenshot):
    add = f"{site}/admin/articles/article/add/"
    # Her own author record: the form offers it as the byline.
    Author.objects.create(name="سارة المراسلة", slug="sara", user=desk["reporter"])
    page = new_page(user=desk["reporter"])
    page.goto(add)
    page.locator("#id_headline_ar").fill("خبر جديد لم يُحفظ قط")
    with page.expect_response(lambda r: r.url.endswith("/add/autosave/") and r.ok, timeout=20_000):
        type_paragraph(page, "أول فقرة في خبر جديد")
    page.context.close()  # the tab dies before the story was ever saved
    assert not Article.objects.filter(headline_ar="خبر جديد لم يُحفظ قط").exists()

    again = new_page(user=desk["reporter"])
    again.goto(add)
    recovery = again.locator("#desk-recovery")
    recovery.wait_for()
    assert "أول فقرة في خبر جديد" in recovery.inner_text()
    screenshot(again, "admin-new-story-recovery")
    again.locator("#desk-recovery-restore").click()
    again.locator("#id_headline_ar").wait_for()
    assert again.locator("#id_headline_ar").input_value() == "خبر جديد لم يُحفظ قط"
    assert "أول فقرة في خبر جديد" in body_editor(again).inner_text()
    again.locator("#id_section").select_option(index=1)
    again.locator("input[name=_continue]").click()
    again.locator(".messagelist .success").wait_for()
    story = Article.objects.get(headline_ar="خبر جديد لم يُحفظ قط")
    assert "أول فقرة في خبر جديد" in story.body_ar
    assert not Autosave.objects.filter(user=desk["reporter"]).exists()
    # Opening "add story" once more offers nothing: that text is a story now.
    again.goto(add)
    again.locator("#id_headline_ar").wait_for()
    assert again.locator("#desk-recovery").count() == 0


def test_leaving_with_unsaved_text_asks_first(desk, new_page, site):
    page = new_page(user=desk["reporter"])
    page.goto(desk["change"])
    page.locator("#id_headline_ar").fill("نص لم يُحفظ")
    asked = []

    def on_dialog(dialog):
        asked.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", on_dialog)
    try:
        page.goto(site + "/admin/", timeout=3_000)
    except Exception:  # the navigation was cancelled by staying
        pass
    assert asked == ["beforeunload"]
    assert page.locator("#id_headline_ar").input_value() == "نص لم يُحفظ"


def test_preview_of_unsaved_text_in_arabic_and_english(desk, new_page, screenshot):
    story = desk["story"]
    page = new_page(user=desk["reporter"])
    page.goto(desk["change"])
    page.locator("#id_headline_ar").fill("عنوان عربي لم يُحفظ")
    page.locator(
        "li[aria-controls=tab_id_headline_en]"
    ).click()  # the tab itself (its link has no href: docs/desk.md)
    page.locator("#id_headline_en").fill("An English headline not saved yet")
    page.locator("li[aria-controls=tab_id_body_en]").click()
    page.locator(".body-editor[dir=ltr] [contenteditable=true]").first.fill("An English body.")

    with page.context.expect_page() as arabic:
        page.locator("button[name=_desk_preview][value=ar]").click()
    arabic = arabic.value
    arabic.wait_for_load_state()
    assert arabic.locator("html").get_attribute("lang") == "ar"
    assert arabic.locator("h1").inner_text() == "عنوان عربي لم يُحفظ"
    assert "نص غير محفوظ بعد" in arabic.locator(".preview-banner").inner_text()
    screenshot(arabic, "admin-preview-unsaved-ar")

    with page.context.expect_page() as english:
        page.locator("button[name=_desk_preview][value=en]").click()
    english = english.value
    english.wait_for_load_state()
    assert english.locator("html").get_attribute("lang") == "en"
    assert english.locator("h1").inner_text() == "An English headline not saved yet"
    assert "An English body." in english.locator("main").inner_text()
    assert english.locator(".preview-banner").is_visible()

    story.refresh_from_db()
    assert story.headline_ar == "خبر المراسلة" and not story.headline_en
    # The form is still there, as typed.
    assert page.locator("#id_headline_ar").input_value() == "عنوان عربي لم يُحفظ"


def test_read_only_view_reads_like_the_page(desk, new_page, screenshot):
    story = desk["story"]
    Article.objects.filter(pk=story.pk).update(
        headline_en="The new app",
        body_en="<p>The new app <strong>works</strong>.</p>",
    )
    publishing.submit(story, desk["reporter"])
    page = new_page(user=desk["reporter"])
    page.goto(desk["change"])
    english = page.locator("article.desk-story[lang=en]")
    assert english.get_attribute("dir") == "ltr"
    assert english.locator("strong").inner_text() == "works"
    assert "<p>" not in page.locator("#content-main").inner_text()
    assert page.locator("#content select").count() == 0  # the header's language switch is the admin's own
    screenshot(page, "admin-read-only")


def test_text_typed_after_the_session_expired_is_offered_after_logging_in_again(desk, new_page, site):
    from django.conf import settings
    from django.test import Client

    story = desk["story"]
    page = new_page(user=desk["reporter"])
    page.goto(desk["change"])
    page.context.clear_cookies()  # the session is gone (expired, or logged out elsewhere)
    page.locator("#id_headline_ar").fill("عنوان كُتب بعد انتهاء الجلسة")
    note = page.locator("#desk-autosave")
    # A locator, not wait_for_function: the page's CSP forbids eval of a string.
    note.filter(has_text="تعذّر").wait_for(timeout=20_000)
    assert "سجّل الدخول" in note.inner_text()
    assert not Autosave.objects.filter(article=story).exists()

    # Logging in again (a new session for the same person), then opening the story.
    client = Client()
    client.force_login(desk["reporter"])
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": site,
            }
        ]
    )
    page.on("dialog", lambda dialog: dialog.accept())  # yes, leave: the browser kept the text
    page.goto(desk["change"])
    page.locator("#desk-recovery").wait_for(timeout=20_000)
    assert "عنوان كُتب بعد انتهاء الجلسة" in page.locator("#desk-recovery").inner_text()
    assert Autosave.objects.get(article=story).data["headline_ar"] == "عنوان كُتب بعد انتهاء الجلسة"
