import pytest

from articles.arabic import LEXICON_FILE, arabic_slugify, index_text, keys, lexicon, normalize, words


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


def test_slug_keeps_the_headlines_own_letters():
    # Only tashkeel, tatweel and punctuation go: ة, hamza and ئ stay as written.
    assert arabic_slugify("أمانة منطقة عسير") == "أمانة-منطقة-عسير"
    assert arabic_slugify("أمانة عسير تحصد «درع الحكومة الذكية العربية» في فئتين") == (
        "أمانة-عسير-تحصد-درع-الحكومة-الذكية-العربية-في-فئتين"
    )
    assert arabic_slugify("الجَائِزَةُ الأولى، ٢٠٢١!") == "الجائزة-الأولى-2021"
    assert arabic_slugify("العـــربية؟") == "العربية"
    assert arabic_slugify("Arab Smart Government") == "arab-smart-government"
    assert arabic_slugify("ًٌٍ ؟!") == ""


def test_slug_is_cut_at_a_word_boundary():
    slug = arabic_slugify("كلمة " * 100, max_length=30)
    assert len(slug) <= 30
    assert not slug.endswith("-")
    assert set(slug.split("-")) == {"كلمة"}


def key_of(word):
    return set(keys(words(word)[0]))


def meet(one, other):
    return bool(key_of(one) & key_of(other))


@pytest.mark.parametrize(
    "one, other",
    [
        ("جوائز", "جائزة"),  # broken plural, from the lexicon
        ("مدن", "مدينة"),
        ("مشاريع", "مشروع"),
        ("دول", "دولة"),
        ("وزراء", "الوزير"),
        ("وبالجائزة", "جائزة"),  # و + ب + ال
        ("للمواطنين", "مواطن"),  # ل + ال, sound plural
        ("جائزتها", "الجائزة"),  # ة written ت before a pronoun
        ("والجوائز", "جائزة"),  # clitics on a broken plural
        ("الذكية", "ذكية"),  # ال handled the same way with and without it
        ("الحكومية", "حكومة"),
        ("الحكوميين", "الحكومة"),
        ("فئتين", "فئة"),
        ("الإلكترونية", "إلكترونية"),  # an ال that belongs to the word
        ("الألعاب", "ألعاب"),
        ("فلسطين", "الفلسطيني"),  # a name ending like a plural keeps its ending too
        ("إيران", "الإيرانية"),
        ("والوزير", "وزير"),  # a و that may be the word's own
        ("المستشفيات", "مستشفى"),
        ("awards", "award"),
        ("cities", "city"),
    ],
)
def test_forms_of_a_word_share_a_key(one, other):
    assert meet(one, other), (key_of(one), key_of(other))


@pytest.mark.parametrize(
    "one, other",
    [
        ("منى", "منيرة"),  # a short word is not a prefix of a longer one
        ("بلد", "لد"),  # no stem below three letters
        ("كتاب", "تاب"),
        ("عسير", "عسل"),
        ("دبي", "دب"),
        ("gas", "ga"),
        ("bus", "bu"),
    ],
)
def test_different_words_do_not_meet(one, other):
    assert not meet(one, other)


def test_stems_never_fall_below_three_letters():
    for word in ["والبيت", "بها", "لكم", "فيها", "منها", "عنهم", "الذي", "كتب"]:
        assert all(len(key) >= 2 for key in key_of(word)), word
    assert key_of("فيه") == {"فيه"}


def test_lexicon_is_a_few_hundred_unambiguous_entries():
    table = lexicon()
    assert len(table) >= 300
    # Each form has one key, and a lemma's own key is what its forms map to.
    assert table[normalize("جوائز")] == "جايز" and key_of("جائزة") == {"جايز"}
    for line in LEXICON_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            form, lemma = line.split("\t")
            assert form.strip() and lemma.strip() and form != lemma, line


def test_index_text_keeps_words_then_keys():
    text = index_text("حصدت أمانة عسير الجَائزة", "للمواطنين")
    # Each word, then its forms without clitics, then the keys, then the analysis mark.
    assert text.startswith(" حصدت امانه عسير الجايزه جايزه للمواطنين مواطنين ")
    assert " ~جايز " in text and " ~مواطن " in text and text.endswith(" ~~2 ")
    assert text.count("~جايز") == 1
    assert index_text("", "؟!") == ""
