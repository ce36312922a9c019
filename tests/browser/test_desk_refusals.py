"""Issue 25 in Chromium (D1, D5, D6, D7): a refused save or step with text typed in the last
second before pressing keeps it on screen, warns before leaving, and offers it back after the
tab dies; restore leaves a clean address and a true status line; sharing a preview keeps the
unsaved text on screen; a closed tab hands its lock back at once."""

import datetime
import time

import pytest
from django.db.models import F

from articles import publishing
from articles.desk.models import Autosave
from articles.models import Article, EditLock

from .staff import desk_with_a_draft, wait_until


@pytest.fixture
def desk(site, make_article):
    return desk_with_a_draft(site, make_article)


def someone_saves_meanwhile(story, editor):
    # Another person's save after this form was opened: the next save from the form is stale.
    Article.objects.filter(pk=story.pk).update(version=F("version") + 1, last_edited_by=editor)


def kill(page):
    # A crash: nothing the page would send as it goes (the autosave's and the lock's beacons)
    # reaches the server. Closing a context still runs pagehide, so the beacons go nowhere.
    page.evaluate("() => { navigator.sendBeacon = () => true; }")
    page.context.close()


def leave_and_count_warnings(page, url):
    asked = []

    def on_dialog(dialog):
        asked.append(dialog.type)
        dialog.dismiss()  # stay

    page.on("dialog", on_dialog)
    try:
        page.goto(url, timeout=3_000)
    except Exception:  # staying cancels the navigation
        pass
    page.remove_listener("dialog", on_dialog)
    return asked


def test_a_stale_send_for_review_typed_in_the_last_second_is_kept_and_offered_back(
    desk, new_page, screenshot
):
    story = desk["story"]
    page = new_page(user=desk["reporter"])
    page.goto(desk["change"])
    page.locator("#copy-check [data-copy-check-status]", has_text="لا ملاحظات").wait_for()
    someone_saves_meanwhile(story, desk["editor"])
    # Typed and pressed at once: no idle autosave has had its three seconds.
    page.locator("#id_standfirst_ar").fill("موجز كتبته قبل الضغط بلحظة")
    page.locator("button[name=_desk_action][value=submit]").click()
    page.locator(".errornote").first.wait_for()
    assert "لم يُحفظ نصك" in page.locator("#content-main").inner_text()
    assert page.locator("#id_standfirst_ar").input_value() == "موجز كتبته قبل الضغط بلحظة"
    assert "محفوظ تلقائياً" in page.locator("#desk-autosave").inner_text()
    screenshot(page, "desk-refused-kept")
    story.refresh_from_db()
    assert story.status == Article.Status.DRAFT and story.standfirst_ar != "موجز كتبته قبل الضغط بلحظة"

    # Leaving through a link asks first ...
    assert leave_and_count_warnings(page, f"{desk['change']}../history/") == ["beforeunload"]
    assert page.locator("#id_standfirst_ar").input_value() == "موجز كتبته قبل الضغط بلحظة"
    # ... and a tab that dies right away still has its text offered back.
    kill(page)
    again = new_page(user=desk["reporter"])
    again.goto(desk["change"])
    recovery = again.locator("#desk-recovery")
    recovery.wait_for()
    assert "موجز كتبته قبل الضغط بلحظة" in recovery.inner_text()


def test_a_refused_step_then_leaving_offers_the_text_back(desk, new_page, site):
    story = desk["story"]
    publishing.submit(story, desk["reporter"])
    page = new_page(user=desk["editor"])
    page.goto(desk["change"])
    page.locator("#id_standfirst_ar").fill("موجز المحررة بلا ملاحظة")
    page.locator("button[name=_desk_action][value=send_back]").click()  # no note: refused
    page.locator(".errornote").first.wait_for()
    assert page.locator("#id_standfirst_ar").input_value() == "موجز المحررة بلا ملاحظة"
    page.on("dialog", lambda dialog: dialog.accept())  # yes, leave
    page.goto(site + "/admin/")
    page.goto(desk["change"])
    page.locator("#desk-recovery").wait_for()
    assert "موجز المحررة بلا ملاحظة" in page.locator("#desk-recovery").inner_text()


def test_a_save_against_a_lock_typed_in_the_last_second_is_kept(desk, new_page):
    story = desk["story"]
    editor = new_page(user=desk["editor"])
    editor.goto(desk["change"])  # the editor has the draft open
    page = new_page(user=desk["reporter"])
    page.goto(desk["change"])
    page.locator("#id_headline_ar").fill("عنوان كُتب والقفل عند غيري")
    page.locator("input[name=_continue]").click()
    page.locator(".errornote").first.wait_for()
    assert page.locator("#id_headline_ar").input_value() == "عنوان كُتب والقفل عند غيري"
    assert (
        Autosave.objects.get(article=story, user=desk["reporter"]).data["headline_ar"]
        == "عنوان كُتب والقفل عند غيري"
    )


def test_restore_leaves_a_clean_address_and_a_true_status_line(desk, new_page, site):
    story = desk["story"]
    Autosave.objects.create(
        article=story,
        user=desk["reporter"],
        base_version=story.version,
        data={"headline_ar": "عنوان من النص غير المحفوظ"},
    )
    page = new_page(user=desk["reporter"])
    page.goto(desk["change"])
    page.locator("#desk-recovery-restore").click()
    page.wait_for_load_state()
    page.locator("#id_headline_ar").wait_for()
    assert page.locator("#id_headline_ar").input_value() == "عنوان من النص غير المحفوظ"
    assert "autosave" not in page.url
    note = page.locator("#desk-autosave").inner_text()
    assert "استُعيد" in note and "لم يُحفظ في الخبر" in note
    page.locator("input[name=_continue]").click()
    page.locator(".messagelist .success").wait_for()
    assert "autosave" not in page.url
    story.refresh_from_db()
    assert story.headline_ar == "عنوان من النص غير المحفوظ"
    # Saved: nothing offered, nothing claimed unsaved, and leaving asks nothing.
    assert page.locator("#desk-recovery").count() == 0
    assert "لم يُحفظ" not in page.locator("#desk-autosave").inner_text()
    assert leave_and_count_warnings(page, site + "/admin/") == []


def test_sharing_a_preview_keeps_the_unsaved_text_on_screen(desk, new_page, screenshot):
    story = desk["story"]
    page = new_page(user=desk["reporter"])
    page.goto(desk["change"])
    page.locator("#id_standfirst_ar").fill("موجز لم يُحفظ قبل المشاركة")
    page.locator("button[name=desk-share-preview]").click()
    result = page.locator("#desk-share-result")
    result.locator("a").wait_for()
    link = result.locator("a").get_attribute("href")
    assert "/preview/" in link
    assert page.locator("#id_standfirst_ar").input_value() == "موجز لم يُحفظ قبل المشاركة"
    assert page.locator("#desk-recovery").count() == 0
    assert (
        Autosave.objects.get(article=story, user=desk["reporter"]).data["standfirst_ar"]
        == "موجز لم يُحفظ قبل المشاركة"
    )
    screenshot(page, "desk-share-preview-unsaved")
    shared = new_page()  # anyone with the link, no login: the saved text
    shared.goto(link)
    assert shared.locator("h1").inner_text() == "خبر المراسلة"


def test_a_closed_tab_releases_its_lock_and_the_next_person_edits_at_once(desk, new_page):
    story = desk["story"]
    page = new_page(user=desk["reporter"])
    page.goto(desk["change"])
    assert EditLock.objects.get(article=story).user == desk["reporter"]
    page.close(run_before_unload=True)  # the tab closes normally: pagehide runs
    assert wait_until(lambda: not EditLock.objects.filter(article=story).exists())

    editor = new_page(user=desk["editor"])
    editor.goto(desk["change"])
    assert editor.locator("#desk-lock").is_hidden()
    assert EditLock.objects.get(article=story).user == desk["editor"]


def test_a_crashed_tab_keeps_its_lock_until_it_lapses(desk, new_page, settings):
    story = desk["story"]
    page = new_page(user=desk["reporter"])
    page.goto(desk["change"])
    kill(page)
    time.sleep(0.5)
    assert EditLock.objects.filter(article=story, user=desk["reporter"]).exists()
    # The lapse still covers it: once the beats have stopped that long, the editor gets it.
    EditLock.objects.filter(article=story).update(
        heartbeat_at=F("heartbeat_at") - datetime.timedelta(seconds=settings.NEWSROOM_EDIT_LOCK_SECONDS + 1)
    )
    editor = new_page(user=desk["editor"])
    editor.goto(desk["change"])
    assert editor.locator("#desk-lock").is_hidden()
    assert EditLock.objects.get(article=story).user == desk["editor"]


def test_saving_keeps_the_lock_beacon_out_of_the_way(desk, new_page):
    # A refused save comes back to the same person: the submit must not have freed the lock.
    story = desk["story"]
    page = new_page(user=desk["reporter"])
    page.goto(desk["change"])
    someone_saves_meanwhile(story, desk["editor"])
    page.locator("#id_headline_ar").fill("عنوان بعد حفظ آخر")
    page.locator("input[name=_continue]").click()
    page.locator(".errornote").first.wait_for()
    time.sleep(0.5)
    assert EditLock.objects.filter(article=story, user=desk["reporter"]).exists()


def test_leaving_any_other_desk_form_with_typed_text_asks_first(desk, new_page, site):
    page = new_page(user=desk["editor"])
    page.goto(site + "/admin/articles/author/add/")
    page.locator("#id_name_ar").fill("كاتبة جديدة")
    assert leave_and_count_warnings(page, site + "/admin/") == ["beforeunload"]
    assert page.locator("#id_name_ar").input_value() == "كاتبة جديدة"
    # Nothing typed: leaving asks nothing.
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(site + "/admin/articles/section/add/")
    assert leave_and_count_warnings(page, site + "/admin/") == []
