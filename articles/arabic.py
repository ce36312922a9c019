"""The one Arabic normaliser, and the search analysis built on it.

`normalize()` is how Newsroom compares Arabic text: the importer (matching authors), admin
search and site search use it. It is for comparing and keying, never for display: stored text
keeps the writer's spelling. Readers and reporters write the same word several ways
(فاطمه/فاطمة, الاولى/الأولى, الالكتروني/الإلكتروني, with or without tashkeel), so all of
them fold to one form.

`words()`, `keys()` and `index_text()` are the search analysis, the same at index time (the
stored search columns) and at query time, on SQLite and PostgreSQL alike: a word is folded,
then its clitics and affixes are stripped lightly (و ف ب ك ل ال in front, pronoun, plural and
feminine endings behind; never below three letters), and broken plurals and irregular forms
are joined to their singular through a lexicon (articles/data/arabic_lexicon.tsv): جوائز,
الجائزة and وبالجائزة all have the key جايز. English words lose plural endings only.

Compound names are one word to search and to the importer (`fold_compounds()`): عبد, أبو/أبي
and ابن are written joined to the name that follows or apart (عبد العزيز/عبدالعزيز,
أبو ظبي/أبوظبي), so the folded text joins them; the index keeps the parts as words too.

`arabic_slugify()` is separate: a URL keeps the headline's own letters.
"""

import functools
import re
import unicodedata
from pathlib import Path

from django.utils.text import slugify

# Harakat, tanween, shadda, sukun, superscript alef, Quranic annotation marks.
_TASHKEEL = "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]"
# Tatweel (kashida) and invisible direction/joining marks that sneak in from word processors.
_INVISIBLE = "[\u0640\u200b-\u200f\u061c\u2066-\u2069\u202a-\u202e\ufeff]"
_STRIP = re.compile(f"{_TASHKEEL}|{_INVISIBLE}")

_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ؤ": "و",
        "ئ": "ي",
        "ة": "ه",
        "ی": "ي",  # Persian yeh
        "ک": "ك",  # Persian keheh
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian digits
    }
)
_SPACES = re.compile(r"\s+")


def normalize(text):
    """Fold Arabic spelling variants (and Latin case) so equal words compare equal."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = _STRIP.sub("", text)
    text = text.translate(_FOLD).casefold()
    return _SPACES.sub(" ", text).strip()


# The first word of a compound name (folded), behind at most one clitic (و ف ب ك ل): عبد
# (عبد الله، عبد العزيز), أبو/أبي (أبو بكر، أبي ظبي) and ابن (ابن خلدون).
_COMPOUND_HEADS = ("عبد", "ابو", "ابي", "ابن")
_COMPOUND_APART = re.compile(r"(?<!\w)([وفبكل]?(?:" + "|".join(_COMPOUND_HEADS) + r")) (?=[\u0621-\u064a])")
# Joined, the rest must be a name of three letters or more (ابنه "his son" is no compound).
_COMPOUND_JOINED = re.compile(r"^([وفبكل]?(?:" + "|".join(_COMPOUND_HEADS) + r"))([\u0621-\u064a]{3,})$")


def fold_compounds(folded):
    """Join the parts of compound names in already folded text: عبد العزيز → عبدالعزيز."""
    return _COMPOUND_APART.sub(r"\1", folded)


def compound_parts(word):
    """(head, name) of a joined compound word (عبدالعزيز → عبد, العزيز); () otherwise."""
    match = _COMPOUND_JOINED.match(word)
    return match.groups() if match else ()


def name_key(name):
    """How an author's name is keyed for matching: folded, compound names joined, so
    «عبد الرحمن» and «عبدالرحمن», like فاطمة and فاطمه, are one person."""
    return fold_compounds(normalize(name))


_WORD = re.compile(r"\w+")
# The shortest stem light stemming may leave: below three letters Arabic words are too
# ambiguous (في، من، يد) and joining them would find unrelated stories.
MIN_STEM = 3
# و/ف (and) + ب/ك/ل (with, like, for) + ال (the), longest first; لل is ل + ال.
_ARTICLES = ("وبال", "وكال", "فبال", "فكال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال")
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ك", "ل")
# Attached pronouns (her, their, your, our …), then number and gender endings (the feminine
# ه from ة, the nisba ي/يه from ي/ية). All folded already (ة → ه). No ان: it ends more names
# (إيران، لبنان، عمان) than duals in news, and the feminine dual تان/تين covers most duals.
_PRONOUNS = ("هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا")
_ENDINGS = ("تين", "تان", "ات", "ون", "ين", "يه", "ه", "ي")
# Sound plurals that also end names and singulars (فلسطين، البحرين، الإمارات، زيتون): the
# word keeps a key with the ending too, so فلسطين meets الفلسطيني.
_AMBIGUOUS_ENDINGS = ("ات", "ون", "ين")
LEXICON_FILE = Path(__file__).resolve().parent / "data" / "arabic_lexicon.tsv"


def words(text):
    """The folded words of `text`, in order (punctuation dropped; compound names joined)."""
    return _WORD.findall(fold_compounds(normalize(text)))


def _is_arabic(word):
    return "\u0621" <= word[0] <= "\u064a"


def _without_nisba(word):
    """الحكومي → حكوم: the nisba ي left behind a plural or feminine ending."""
    return word[:-1] if word.endswith("ي") and len(word) > MIN_STEM else word


def _rule_stems(word):
    """Suffixes stripped by rule from an already prefix-free folded word (no lexicon).

    The first stem is the fully stripped one; an ambiguous ending adds the word with it."""
    for suffix in _PRONOUNS:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            word = word[: -len(suffix)]
            # ة is written ت before a pronoun: جائزتها → جائزة.
            if word.endswith("ت") and len(word) > MIN_STEM:
                word = word[:-1] + "ه"
            break
    for suffix in _ENDINGS:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            stem = _without_nisba(word[: -len(suffix)]) if suffix != "ي" else word[:-1]
            return [stem, word] if suffix in _AMBIGUOUS_ENDINGS else [stem]
    return [word]


@functools.lru_cache(maxsize=1)
def lexicon():
    """{folded form: key} for broken plurals and irregular forms, from the data file.

    The key is the lemma's rule stem, so the lemma itself (جائزة → جايز) and its forms
    (جوائز → جايز) meet without a second lookup."""
    table = {}
    for line in LEXICON_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        form, lemma = (normalize(part) for part in line.split("\t"))
        table.setdefault(form, _rule_stems(lemma)[0])
    return table


def _keys_of_reading(word):
    """One reading's keys: the lexicon's if it knows the word (bare, or without a pronoun
    or ending), otherwise the rule stems."""
    table = lexicon()
    if word in table:
        return [table[word]]
    for suffix in _PRONOUNS + _ENDINGS:
        if word.endswith(suffix) and word[: -len(suffix)] in table:
            return [table[word[: -len(suffix)]]]
    return [table.get(stem, stem) for stem in _rule_stems(word)]


def _readings(word):
    """The word without its prefixes, every way they can be read.

    A combined article (وال، بال، لل …) is stripped alone. A bare ال may be the word's own
    (ألعاب and إلكتروني fold to العاب and الكتروني), and a lone و ف ب ك ل may be part of the
    word (وزير، فريق، بلد): both readings are kept, so الألعاب meets ألعاب and the indexed
    وزير meets the query والوزير, and the other way round."""
    for article in _ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= MIN_STEM:
            rest = word[len(article) :]
            return [rest] if article != "ال" or rest.startswith("ال") else [rest, word]
    readings = [word]
    rest = word
    if rest[0] in _CONJUNCTIONS and len(rest) - 1 >= MIN_STEM:
        rest = rest[1:]
        readings.append(rest)
    # A preposition only in front of a longer word: بلد, كتب, لجنة keep their first letter.
    if rest[0] in _PREPOSITIONS and len(rest) - 1 > MIN_STEM:
        readings.append(rest[1:])
    return readings


def _english_key(word):
    """English plurals only (Harman's S-stemmer): awards → award, cities → city."""
    if len(word) > 4 and word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("us", "ss")):
        return word[:-1]
    return word


@functools.lru_cache(maxsize=65536)
def keys(word):
    """The search keys of one folded word: the stems it may have, lexicon applied.

    Two words match on their stems when their keys share one. Digits and other scripts
    are their own key."""
    if not word:
        return ()
    if not _is_arabic(word):
        return (_english_key(word),) if word.isalpha() else (word,)
    return tuple(dict.fromkeys(key for reading in _readings(word) for key in _keys_of_reading(reading)))


@functools.lru_cache(maxsize=65536)
def bare_forms(word):
    """The folded word without its clitics, every way it can be read (itself included unless a
    combined article certainly is one): وبالجائزة → جائزه; بالجائزة → جائزه; الوزير →
    وزير, الوزير. Search counts a word as "the word typed" when a bare form meets, so a clitic
    never changes a story's rank."""
    if not word or not _is_arabic(word):
        return (word,) if word else ()
    return tuple(dict.fromkeys(_readings(word)))


def forms(word):
    """The whole words a stored word is found by: itself, its bare forms, and the parts of a
    compound name (عبدالعزيز is found by عبد and العزيز too)."""
    found = [word, *bare_forms(word)]
    for part in compound_parts(word):
        found += [part, *bare_forms(part)]
    return list(dict.fromkeys(found))


# The stems sit in the same column as the words, each behind this mark, so one LIKE tells an
# exact word (" word ") from a stem (" ~key "); \w never matches it, so no word looks like a key.
KEY_MARK = "~"
# Longer "words" (a pasted hash, a run of letters with no space) are not indexed: nobody
# searches for them, and PostgreSQL's search index refuses a lexeme over 2,047 bytes.
MAX_INDEXED_WORD = 100


# The last lexeme of every column written by today's analysis (the bare forms and compound
# parts): a column without it was written by an older one and is refilled after `migrate`.
ANALYSIS_MARK = KEY_MARK * 2 + "2"


def index_text(*texts):
    """What a search column stores: " word word … ~key ~key … ~~2 ", folded.

    Each word's `forms()` once, in order of first use (whole-word and prefix matching:
    " word " and " wor"), then each key once, then ANALYSIS_MARK. Space-padded, so the first
    and last words are matched like any other."""
    folded = [word for text in texts for word in words(text) if len(word) <= MAX_INDEXED_WORD]
    found = dict.fromkeys(form for word in folded for form in forms(word))
    stems = dict.fromkeys(key for form in found for key in keys(form))
    if not folded:
        return ""
    return " " + " ".join([*found, *(KEY_MARK + key for key in stems), ANALYSIS_MARK]) + " "


# Digits are kept but written the Latin way in URLs (٢٠٢١ → 2021).
_DIGITS = str.maketrans(
    {**{chr(0x0660 + d): str(d) for d in range(10)}, **{chr(0x06F0 + d): str(d) for d in range(10)}}
)


# A decimal point between digits (27.6, Arabic ٫): a hyphen in the slug, never dropped
# (27.6 مليار must not read 276 مليار).
_DECIMAL_POINT = re.compile(r"(?<=\d)[.\u066b](?=\d)")


def arabic_slugify(text, max_length=200):
    """A URL slug that keeps the headline's own letters.

    Only tashkeel, tatweel, invisible marks and punctuation go: فئتين stays فئتين and ة stays
    ة (search folding is `normalize()`'s job, not the URL's). Latin letters are lower-cased.
    Decimal numbers keep their parts apart: «27.6 مليار» → 27-6-مليار."""
    text = _STRIP.sub("", unicodedata.normalize("NFKC", text or "")).translate(_DIGITS)
    text = _DECIMAL_POINT.sub("-", text)
    slug = slugify(text, allow_unicode=True)
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug
