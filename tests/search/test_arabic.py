import pytest

from articles.arabic import arabic_slugify, normalize


@pytest.mark.parametrize(
    "one, other",
    [
        ("فاطمه", "فاطمة"),  # ta marbuta written as ha
        ("الاولى", "الأولى"),  # missing hamza
        ("الالكتروني", "الإلكتروني"),
        ("آمنة", "امنه"),
        ("ٱلله", "الله"),
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("مؤتمر", "موتمر"),
        ("رئيس", "رييس"),
        ("جائزة", "جايزه"),
        ("یک", "يك"),  # Persian yeh and keheh
        ("الجَائِزَةُ", "الجائزة"),  # tashkeel
        ("العـــربية", "العربية"),  # tatweel
        ("٢٠٢١", "2021"),  # Arabic-Indic digits
        ("۲۰۲۱", "2021"),  # Persian digits
        ("ﻻ", "لا"),  # presentation-form ligature (NFKC)
        ("Dubai", "dubai"),
        ("  عسير \n  دبي ", "عسير دبي"),
    ],
)
def test_spelling_variants_normalise_to_the_same_text(one, other):
    assert normalize(one) == normalize(other)


def test_normalise_keeps_distinct_words_distinct():
    assert normalize("عسير") != normalize("عسيري")
    assert normalize("جائزة") != normalize("جوائز")


def test_normalise_strips_invisible_direction_marks():
    assert normalize("دبي\u200f") == "دبي"


def test_empty_input():
    assert normalize("") == ""
    assert normalize(None) == ""


def test_slug_keeps_arabic_letters_and_folds_spelling():
    assert arabic_slugify("أمانة منطقة عسير") == "امانه-منطقه-عسير"
    assert arabic_slugify("الجائزة الأولى ٢٠٢١") == "الجايزه-الاولي-2021"
    assert arabic_slugify("العـــربية!") == "العربيه"
    assert arabic_slugify("Arab Smart Government") == "arab-smart-government"


def test_slug_is_cut_at_a_word_boundary():
    slug = arabic_slugify("كلمة " * 100, max_length=30)
    assert len(slug) <= 30
    assert not slug.endswith("-")
    assert set(slug.split("-")) == {"كلمه"}
