"""Issue 25, D2: the copy check on real copy. Positions are counted on LF line breaks whatever
the browser posts (CRLF), on the seed story as imported; common names written with ه for ة are
questioned in the author records too, and the record's one-click fix is the check's own."""

import pytest
from django.urls import reverse

from articles.desk import copycheck
from articles.models import Author


def check_url():
    return reverse("admin:articles_article_copy_check")


def author_fix_url():
    return reverse("admin:articles_article_copy_check_author")


def as_posted(text):
    # What a browser's form post sends for a textarea: every line break as CRLF.
    return text.replace("\n", "\r\n")


@pytest.mark.django_db
def test_every_finding_of_the_imported_seed_story_applies_at_its_position(demo, login, editor):
    body = demo.body_ar
    assert "\n" in body and "\r" not in body  # the importer's paragraphs, one per line
    response = login(editor).post(check_url(), {"body_ar": as_posted(body), "headline_ar": demo.headline_ar})
    findings = [f for f in response.json()["findings"] if f["field"] == "body_ar"]
    assert len(findings) >= 8
    # The page applies each finding to the field as the browser holds it (LF): every one fits.
    for finding in findings:
        assert body[finding["start"] : finding["end"]] == finding["text"], finding
    # Findings after several line breaks are where they were counted.
    assert any(body[: f["start"]].count("\n") >= 2 for f in findings)


def test_line_breaks_are_counted_once():
    assert copycheck.one_line_break("a\r\nb\rc\nd") == "a\nb\nc\nd"


@pytest.mark.django_db
def test_the_demo_author_record_is_questioned(demo, login, editor):
    author = demo.bylines.get().author
    assert author.name_ar == "فاطمه قرعه القحطاني"
    data = {"body_ar": demo.body_ar, "bylines-0-author": str(author.pk)}
    findings = login(editor).post(check_url(), data).json()["findings"]
    [record] = [f for f in findings if f["rule"] == "name_records"]
    assert (record["field"], record["text"], record["replacement"]) == (
        "bylines-0-author",
        "فاطمه قرعه القحطاني",
        "فاطمة قرعه القحطاني",
    )
    assert record["author"] == author.pk and record["fix_url"] == author_fix_url()
    assert "سجل الكاتب" in record["message"]


def test_common_names_with_ha_for_ta_marbuta():
    assert copycheck.spelled_name("فاطمه قرعه القحطاني") == "فاطمة قرعه القحطاني"
    assert copycheck.spelled_name("نوره  العتيبي") == "نورة العتيبي"
    assert copycheck.spelled_name("اسامه بن زيد") == "أسامة بن زيد"
    assert copycheck.spelled_name("عبدالله طه") == "عبدالله طه"  # ه that belongs there
    assert copycheck.record_finding("فاطمة القحطاني") is None


def test_the_text_follows_the_right_spelling_not_the_records_slip():
    findings = copycheck.check({"body_ar": "كتبت فاطمه قرعه القحطاني"}, people=["فاطمه قرعه القحطاني"])
    assert [(f.rule, f.replacement) for f in findings] == [("names", "فاطمة قرعه القحطاني")]
    fixed = copycheck.check({"body_ar": "كتبت فاطمة قرعه القحطاني"}, people=["فاطمه قرعه القحطاني"])
    assert fixed == []  # no back and forth between the text and the record


def test_the_record_rule_can_be_turned_off(settings):
    settings.NEWSROOM_COPY_CHECK_DISABLED = ["name_records"]
    assert copycheck.record_finding("فاطمه القحطاني") is None


@pytest.mark.django_db
def test_the_record_fix_is_the_checks_own_and_needs_the_right(login, editor, reporter):
    author = Author.objects.create(name_ar="فاطمه قرعه القحطاني", name_en="Fatimah")
    fix = {"author": str(author.pk), "name": "فاطمه قرعه القحطاني", "replacement": "فاطمة قرعه القحطاني"}
    # A reporter is told who can fix it, and cannot post the fix.
    findings = login(reporter).post(check_url(), {"bylines-0-author": str(author.pk)}).json()["findings"]
    assert findings[0]["fix_url"] == "" and "المحررون" in findings[0]["no_fix"]
    assert login(reporter).post(author_fix_url(), fix).status_code == 403
    # Anything but the check's own replacement is refused; a stale name too.
    assert login(editor).post(author_fix_url(), {**fix, "replacement": "اسم آخر"}).status_code == 409
    assert login(editor).post(author_fix_url(), {**fix, "name": "غير ذلك"}).status_code == 409
    assert login(editor).post(author_fix_url(), {**fix, "author": "x"}).status_code == 404
    assert login(editor).get(author_fix_url()).status_code == 405
    answer = login(editor).post(author_fix_url(), fix)
    assert answer.json() == {"saved": True, "name": "فاطمة قرعه القحطاني"}
    author.refresh_from_db()
    assert author.name_ar == "فاطمة قرعه القحطاني" and author.name_en == "Fatimah"
    assert Author.objects.matching("فاطمه قرعه القحطاني").get() == author  # still found as imported
