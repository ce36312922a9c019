"""The Arabic copy check (articles/copycheck.py): every rule, the seed story, and correct text left alone."""

from pathlib import Path

import pytest

from articles.desk import copycheck

SEED = Path(__file__).resolve().parents[2] / "articles" / "demo" / "000_7077a1414e491a78.txt"

# Correct house style: hamzas, ta marbuta, « », Arabic comma and question mark, one kind of digit.
CLEAN = (
    "أعلنت الأمانة، في اليوم الأول من أبريل، نتائج الدورة الأولى للجائزة «درع الحكومة». "
    "وقال أمين المنطقة إن الخدمات الإلكترونية تصل إلى 20 بلدية في 2021. "
    "هل تفوز المنطقة مرة أخرى؟ ذهب علي إلى المدينة على عجل، وكتب كتابه وأنهى الكتابة."
)


def run(text, field="body_ar", people=()):
    return copycheck.check({field: text}, people=people)


def only(findings, rule):
    return [f for f in findings if f.rule == rule]


def apply(text, findings):
    """What the desk gets by clicking every fix, last first so the spans stay valid."""
    for finding in sorted(findings, key=lambda f: f.start, reverse=True):
        assert text[finding.start : finding.end] == finding.text
        text = text[: finding.start] + finding.replacement + text[finding.end :]
    return text


def test_clean_text_has_no_findings():
    assert run(CLEAN) == []
    assert run(f"<p>{CLEAN}</p><h2>عنوان «فرعي»</h2>") == []


def test_english_text_is_left_alone():
    english = 'The mayor said, "We won." Did they? Yes: 2021, 1,000 people.'
    assert run(english, field="body_en") == []


def test_same_word_spelled_two_ways_proposes_the_hamza_form():
    text = "التعاملات الالكترونية والخدمات الإلكترونية"
    [finding] = only(run(text), "spelling_variants")
    assert (finding.text, finding.replacement) == ("الالكترونية", "الإلكترونية")
    assert apply(text, [finding]) == "التعاملات الإلكترونية والخدمات الإلكترونية"


def test_same_name_with_ha_and_ta_marbuta_proposes_ta_marbuta():
    findings = only(run("قالت نوره إن نورة لم تحضر"), "spelling_variants")
    assert [(f.text, f.replacement) for f in findings] == [("نوره", "نورة")]


def test_variants_across_fields_are_one_story():
    findings = copycheck.check({"headline_ar": "الاقليمي", "body_ar": "<p>التعاون الإقليمي</p>"})
    assert [(f.field, f.replacement) for f in findings] == [("headline_ar", "الإقليمي")]


def test_ali_and_ala_are_not_one_word():
    assert run("ذهب علي على عجل") == []


def test_hamza_on_common_words():
    findings = run("المرة الاولى التي يصل فيها الى المدينة وللاولى")
    assert [(f.rule, f.text, f.replacement) for f in findings] == [
        ("hamza", "الاولى", "الأولى"),
        ("hamza", "الى", "إلى"),
        ("hamza", "وللاولى", "وللأولى"),
    ]
    assert all(finding.message for finding in findings)


def test_hamza_list_derives_ta_marbuta_misspelling_of_names():
    [finding] = run("كتبت فاطمه الخبر")
    assert (finding.rule, finding.replacement) == ("hamza", "فاطمة")


def test_hamza_list_has_no_ambiguous_or_correct_keys():
    table = copycheck.house_spelling()
    assert table["الاولى"] == "الأولى"
    assert "أن" not in table and "ان" not in table  # أن or إن: the checker cannot know
    assert not set(table) & set(table.values())


def test_latin_and_curly_quotes_become_guillemets():
    text = 'جائزة ” درع الحكومة ” وقال: "نحن فخورون"'
    findings = only(run(text), "quotes")
    assert [f.replacement for f in findings] == ["«درع الحكومة»", "«نحن فخورون»"]
    assert apply(text, findings) == "جائزة «درع الحكومة» وقال: «نحن فخورون»"


def test_a_lone_quote_mark_is_found():
    [finding] = only(run('قال "نحن هنا'), "quotes")
    assert finding.replacement == "«"


def test_latin_comma_question_mark_and_semicolon_in_arabic():
    text = "قال الأمين, هل نجحنا? نعم; نجحنا"
    findings = only(run(text), "punctuation")
    assert apply(text, findings) == "قال الأمين، هل نجحنا؟ نعم؛ نجحنا"


def test_comma_between_digits_is_a_number():
    assert only(run("بلغ العدد 1,000 زائر"), "punctuation") == []


def test_doubled_spaces():
    text = "أمانة  منطقة   عسير"
    findings = only(run(text), "spaces")
    assert apply(text, findings) == "أمانة منطقة عسير"


def test_tatweel():
    text = "جائـــزة كبيرة"
    [finding] = only(run(text), "tatweel")
    assert apply(text, [finding]) == "جائزة كبيرة"


def test_mixed_digits_follow_the_story_majority():
    text = "في عام 2021 فاز 12 فريقاً من ٣ دول"
    [finding] = only(run(text), "digits")
    assert (finding.text, finding.replacement) == ("٣", "3")
    assert only(run("في عام ٢٠٢١ فاز ١٢ فريقاً من 3 دول"), "digits")[0].replacement == "٣"
    assert only(run("عام 2021 فقط"), "digits") == []


def test_name_spelled_unlike_the_author_record():
    text = "كتبت فاطمه قرعه القحطاني"
    [finding] = run(text, people=["فاطمة قرعة القحطاني"])
    assert (finding.rule, finding.replacement) == ("names", "فاطمة قرعة القحطاني")
    assert apply(text, [finding]) == "كتبت فاطمة قرعة القحطاني"
    assert run("كتبت فاطمة قرعة القحطاني", people=["فاطمة قرعة القحطاني"]) == []


def test_markup_is_never_part_of_a_finding():
    body = '<p>المرة الاولى</p><a href="https://example.com/?a=1,2">رابط</a>'
    findings = run(body)
    assert [(f.text, f.replacement) for f in findings] == [("الاولى", "الأولى")]
    assert apply(body, findings) == '<p>المرة الأولى</p><a href="https://example.com/?a=1,2">رابط</a>'


def test_rules_can_be_turned_off(settings):
    settings.NEWSROOM_COPY_CHECK_DISABLED = ["hamza", "quotes"]
    assert run('المرة الاولى "هنا"') == []
    assert "hamza" not in copycheck.enabled_rules()


def test_findings_never_overlap_and_text_is_not_changed():
    text = "فاطمه فاطمه  الاولى"
    findings = run(text, people=["فاطمة"])
    spans = sorted((f.start, f.end) for f in findings)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert text == "فاطمه فاطمه  الاولى"


def test_the_seed_story_gets_the_findings_its_spelling_deserves():
    text = SEED.read_text(encoding="utf-8")
    findings = copycheck.check({"body_ar": text})
    found = {(f.text, f.replacement) for f in findings}
    assert {
        ("فاطمه", "فاطمة"),
        ("الاولى", "الأولى"),
        ("الالكتروني", "الإلكتروني"),
        ("الالكترونية", "الإلكترونية"),  # beside الإلكترونية in the same story
        ("والاقليمي", "والإقليمي"),  # beside والإقليمي
        ("امين", "أمين"),
        ("الى", "إلى"),
        ("الكترونية", "إلكترونية"),
        ("” درع الحكومة الذكية العربية ”", "«درع الحكومة الذكية العربية»"),
    } <= found
    # Correctly spelled words are never flagged.
    flagged = {f.text for f in findings}
    assert not flagged & {"أمانة", "الإلكترونية", "الأمانة", "الإقليمي", "عسير"}
    fixed = apply(text, findings)
    assert copycheck.check({"body_ar": fixed}) == []


@pytest.mark.django_db
def test_the_imported_seed_story_and_its_author(demo):
    texts = {name: getattr(demo, name) for name in ("headline_ar", "standfirst_ar", "body_ar", "dateline_ar")}
    author = demo.bylines.get().author
    findings = copycheck.check(texts, people=[author.name_ar])
    replacements = {f.replacement for f in findings}
    assert {"الأولى", "الإلكتروني", "أمين", "إلى"} <= replacements


def check_url():
    from django.urls import reverse

    return reverse("admin:articles_article_copy_check")


@pytest.mark.django_db
def test_the_desk_endpoint_checks_unsaved_text(reporter, login, author):
    response = login(reporter).post(
        check_url(),
        {
            "headline_ar": "المرة الاولى",
            "body_ar": "<p>كتبت فاطمه قرعه القحطاني</p>",
            "bylines-0-author": str(author.pk),
            "bylines-1-author": "abc",
        },
    )
    assert response.status_code == 200
    findings = response.json()["findings"]
    assert {(f["field"], f["rule"], f["replacement"]) for f in findings} == {
        ("headline_ar", "hamza", "الأولى"),
        # The record itself is spelled فاطمه: the name in the text goes to the right spelling,
        # and the record is questioned too (issue 25).
        ("body_ar", "names", "فاطمة قرعه القحطاني"),
        ("bylines-0-author", "name_records", "فاطمة قرعه القحطاني"),
    }
    assert all(f["message"] for f in findings)


@pytest.mark.django_db
def test_the_seo_title_and_description_are_checked_too(reporter, login):
    response = login(reporter).post(
        check_url(),
        {
            "headline_ar": "الأمانة تفوز",
            "seo_title_ar": "الأمانة تفوز للمرة الاولى",
            "seo_description_ar": 'فازت الأمانة بجائزة "الحكومة الذكية"',
        },
    )
    found = {(f["field"], f["rule"]) for f in response.json()["findings"]}
    assert ("seo_title_ar", "hamza") in found
    assert any(field == "seo_description_ar" for field, _rule in found)


@pytest.mark.django_db
def test_the_endpoint_names_rule_follows_the_byline(reporter, login):
    from articles.models import Author

    record = Author.objects.create(name_ar="سارة القحطاني")
    data = {"body_ar": "<p>قالت ساره القحطانى</p>", "bylines-0-author": str(record.pk)}
    [finding] = login(reporter).post(check_url(), data).json()["findings"]
    assert (finding["rule"], finding["replacement"]) == ("names", "سارة القحطاني")
    data["bylines-0-DELETE"] = "on"
    findings = login(reporter).post(check_url(), data).json()["findings"]
    assert findings == []


@pytest.mark.django_db
def test_the_endpoint_refuses_strangers_and_bad_input(reporter, login, django_user_model):
    assert login(None).post(check_url(), {"body_ar": "x"}).status_code == 302
    nobody = django_user_model.objects.create_user("nobody", password="x-desk-test-9", is_staff=True)
    assert login(nobody).post(check_url(), {"body_ar": "x"}).status_code == 403
    assert login(reporter).get(check_url()).status_code == 405
    # A NUL byte is refused before any view sees it (PostgreSQL cannot store one).
    assert login(reporter).post(check_url(), {"body_ar": "نص\x00"}).status_code == 400
    response = login(reporter).post(check_url(), {"body_ar": "ا" * 200_001})
    assert response.status_code == 400
    assert "أطول" in response.json()["error"]


@pytest.mark.django_db
def test_the_story_form_carries_the_panel_and_its_script(reporter, login):
    from django.urls import reverse

    page = login(reporter).get(reverse("admin:articles_article_add")).content.decode()
    assert 'id="copy-check"' in page and check_url() in page
    assert "articles/copy-check.js" in page and "articles/copy-check.css" in page
