"""The Arabic copy check: house-style findings over a story's text, each with a one-click fix.

A pure service: `check(texts, people=())` takes the story's fields as typed ({"headline_ar":
"…", "body_ar": "<p>…</p>", …}) and returns `Finding`s; it never changes the text. Rich-text
fields are read between their tags only, so a fix (replace `start:end` of that field with
`replacement`) never touches markup. Each rule has a stable id; the ids named in
`settings.NEWSROOM_COPY_CHECK_DISABLED` are skipped.

Which words are "the same word" is the one normaliser's answer (`arabic.normalize`); the
better-spelled of two forms is the one with its hamza and its ta marbuta.
"""

import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from articles.arabic import normalize

RULES = (
    "names",  # a person's name spelled unlike their author record (as the record should be spelled)
    "name_records",  # the author record itself: a common name written with ه for ة (فاطمه)
    "spelling_variants",  # one word, two spellings in the same story
    "hamza",  # common words without their hamza (or with ه for ة)
    "quotes",  # Latin or curly quotes in Arabic text
    "punctuation",  # Latin comma, semicolon or question mark in Arabic text
    "spaces",  # doubled spaces
    "tatweel",  # kashida stretching a word
    "digits",  # Arabic-Indic and Latin digits in one story
)

HOUSE_WORDS = Path(__file__).resolve().parent / "data" / "house_spelling.txt"
GIVEN_NAMES = Path(__file__).resolve().parent / "data" / "given_names.txt"

_ARABIC_LETTER = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3"
_TASHKEEL = "\u064b-\u065f\u0670"
_WORD = re.compile(f"[{_ARABIC_LETTER}{_TASHKEEL}\u0640]+")
_ARABIC = re.compile(f"[{_ARABIC_LETTER}]")
_TAG = re.compile(r"<[^>]*>")
_HAMZA_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا"})
_HAMZA_LETTERS = set("أإآؤئء")
_PREFIXES = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب")
_DEFINITE_PREFIXES = ("و", "ف", "ب", "ك", "وب", "فب")  # + ال; ل + ال is written لل
_OPEN_QUOTES = "“„"
_QUOTES = re.compile('["“”„]')
_LATIN_PUNCT = {",": "،", "?": "؟", ";": "؛"}
_DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
_TATWEEL = re.compile(r"(?<=\S)\u0640+")
_LATIN_DIGITS = re.compile(r"[0-9]+")
_INDIC_DIGITS = re.compile(r"[\u0660-\u0669]+")
_TO_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_TO_LATIN = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


@dataclass(frozen=True)
class Finding:
    rule: str
    field: str
    start: int
    end: int
    text: str
    replacement: str
    message: str

    def as_dict(self):
        return asdict(self)


_LINE_BREAK = re.compile(r"\r\n?")


def one_line_break(text):
    """CRLF and CR as LF: the browser counts a textarea's line breaks as one character each."""
    return _LINE_BREAK.sub("\n", text)


def enabled_rules():
    disabled = set(getattr(settings, "NEWSROOM_COPY_CHECK_DISABLED", ()))
    return [rule for rule in RULES if rule not in disabled]


def check(texts, people=()):
    """Findings for a story's fields (name → text), in field order then position.

    `people`: names as their author records spell them (the byline, or anyone named).
    Where two rules find the same span, the first rule in RULES speaks.
    """
    segments = {field: list(_text_segments(value or "")) for field, value in texts.items()}
    findings = []
    for rule in enabled_rules():
        if rule in _RULE_FUNCTIONS:
            findings.extend(_RULE_FUNCTIONS[rule](segments, people))
    kept, taken = [], set()
    order = {field: index for index, field in enumerate(texts)}
    for finding in sorted(findings, key=lambda f: (order[f.field], f.start, RULES.index(f.rule))):
        if any(_overlaps(finding, other) for other in taken if other.field == finding.field):
            continue
        taken.add(finding)
        kept.append(finding)
    return kept


def _overlaps(a, b):
    return a.start < b.end and b.start < a.end


def _text_segments(value):
    """(offset, text) for each run of text outside HTML tags."""
    position = 0
    for tag in _TAG.finditer(value):
        if tag.start() > position:
            yield position, value[position : tag.start()]
        position = tag.end()
    if position < len(value):
        yield position, value[position:]


def _words(segments):
    """(field, start, end, word) for each Arabic word."""
    for field, parts in segments.items():
        for offset, text in parts:
            for match in _WORD.finditer(text):
                yield field, offset + match.start(), offset + match.end(), match.group()


def _bare(word):
    """The word without tashkeel and tatweel: what the writer meant to spell."""
    return re.sub(f"[{_TASHKEEL}\u0640]", "", word)


def _spelling_score(word):
    """More hamzas and a final ta marbuta make the better-spelled form."""
    return sum(letter in _HAMZA_LETTERS for letter in word) + (word.endswith("ة"))


def _differs_only_in_final_yeh(a, b):
    # على (on) and علي (Ali) are different words that the normaliser folds together.
    return len(a) == len(b) and a[:-1] == b[:-1] and {a[-1], b[-1]} == {"ى", "ي"}


def _spelling_variants(segments, people):
    spellings = defaultdict(Counter)
    occurrences = []
    for field, start, end, word in _words(segments):
        bare = _bare(word)
        if len(bare) < 3:
            continue
        key = normalize(bare)
        spellings[key][bare] += 1
        occurrences.append((field, start, end, word, bare, key))
    preferred = {}
    for key, counts in spellings.items():
        if len(counts) < 2:
            continue
        best = max(counts, key=lambda form: (_spelling_score(form), counts[form]))
        preferred[key] = best
    for field, start, end, word, bare, key in occurrences:
        best = preferred.get(key)
        if not best or bare == best or _spelling_score(bare) >= _spelling_score(best):
            continue
        if _differs_only_in_final_yeh(bare, best):
            continue
        yield Finding(
            "spelling_variants",
            field,
            start,
            end,
            word,
            best,
            _("كُتبت الكلمة «%(word)s» في الخبر نفسه «%(better)s» أيضاً: وحّد الكتابة.")
            % {"word": word, "better": best},
        )


def _variants_of(word):
    """The usual misspellings of a correct word: hamza on alef dropped, final ة as ه."""
    has_hamza = any(letter in "أإآ" for letter in word)
    forms = set()
    if has_hamza:
        stripped = word.translate(_HAMZA_ALEF)
        forms.add(stripped)
        if stripped.endswith("ة"):
            forms.add(stripped[:-1] + "ه")
    elif word.endswith("ة"):
        forms.add(word[:-1] + "ه")
    return forms - {word}


@lru_cache(maxsize=1)
def house_spelling():
    """{misspelled form: correct form} from the house list, with the usual prefixes."""
    table, ambiguous = {}, set()

    def add(wrong, right):
        if table.get(wrong, right) != right:
            ambiguous.add(wrong)
        table[wrong] = right

    for line in HOUSE_WORDS.read_text(encoding="utf-8").splitlines():
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        for wrong in _variants_of(word):
            add(wrong, word)
            if len(word) <= 2:
                continue
            if word.startswith("ال"):
                for prefix in _DEFINITE_PREFIXES:
                    add(prefix + wrong, prefix + word)
                for prefix in ("", "و", "ف"):
                    add(prefix + "لل" + wrong[2:], prefix + "لل" + word[2:])
            else:
                for prefix in _PREFIXES:
                    add(prefix + wrong, prefix + word)
    correct = {right for right in table.values()}
    return {wrong: right for wrong, right in table.items() if wrong not in ambiguous and wrong not in correct}


def _hamza(segments, people):
    table = house_spelling()
    for field, start, end, word in _words(segments):
        right = table.get(_bare(word))
        if right:
            yield Finding(
                "hamza",
                field,
                start,
                end,
                word,
                right,
                _("الأصح «%(right)s» بدلاً من «%(word)s».") % {"right": right, "word": word},
            )


@lru_cache(maxsize=1)
def given_names():
    """{a common given name as slipped (ه for ة, hamza dropped): the name}."""
    table = {}
    for line in GIVEN_NAMES.read_text(encoding="utf-8").splitlines():
        name = line.strip()
        if name and not name.startswith("#"):
            for wrong in _variants_of(name) | {name.translate(_HAMZA_ALEF)[:-1] + "ه"}:
                table.setdefault(wrong, name)
    return {wrong: right for wrong, right in table.items() if wrong != right}


def spelled_name(name):
    """A person's name as it should be written: each word a common given name slips on, or a
    house-list word, in its right form (فاطمه قرعه القحطاني → فاطمة قرعه القحطاني)."""
    names, house = given_names(), house_spelling()
    return " ".join(names.get(word) or house.get(word) or word for word in name.split())


def record_finding(name):
    """The finding for an author record spelled `name`, or None: the whole record and its right form."""
    if "name_records" not in enabled_rules():
        return None
    right = spelled_name(name)
    if right == " ".join(name.split()):
        return None
    return Finding(
        "name_records",
        "",
        0,
        len(name),
        name,
        right,
        _(
            "سجل الكاتب يكتب الاسم «%(name)s»، والأصح «%(right)s». التصحيح يغيّر السجل نفسه، "
            "فيظهر صحيحاً في كل أخباره."
        )
        % {"name": name, "right": right},
    )


def _names(segments, people):
    wanted = {}
    for name in people:
        words = name.split()
        if words:
            # The name as it should be written, even when the record itself slips (name_records).
            wanted[normalize(name)] = (spelled_name(name), len(words))
    if not wanted:
        return
    sizes = {size for _name, size in wanted.values()}
    for field, parts in segments.items():
        words = [(start, end, word) for f, start, end, word in _words({field: parts})]
        for size in sizes:
            for index in range(len(words) - size + 1):
                window = words[index : index + size]
                start, end = window[0][0], window[-1][1]
                spelled = " ".join(word for _s, _e, word in window)
                match = wanted.get(normalize(spelled))
                if not match or match[1] != size or spelled == match[0]:
                    continue
                # Only words joined by spaces are a name: "فاطمه، قرعه" is not one.
                source = _field_text(parts, start, end)
                if source is None or " ".join(source.split()) != spelled:
                    continue
                yield Finding(
                    "names",
                    field,
                    start,
                    end,
                    source,
                    match[0],
                    _("يُكتب الاسم «%(name)s» كما في سجل الكاتب.") % {"name": match[0]},
                )


def _field_text(parts, start, end):
    for offset, text in parts:
        if offset <= start and end <= offset + len(text):
            return text[start - offset : end - offset]
    return None


def _quotes(segments, people):
    for field, parts in segments.items():
        for offset, text in parts:
            marks = list(_QUOTES.finditer(text))
            index = 0
            while index < len(marks):
                mark = marks[index]
                # Marks pair up in order: whatever their shapes, "x" and ”x” are one quotation.
                if index + 1 < len(marks):
                    closing = marks[index + 1]
                    inner = text[mark.end() : closing.start()]
                    if _ARABIC.search(inner):
                        yield Finding(
                            "quotes",
                            field,
                            offset + mark.start(),
                            offset + closing.end(),
                            text[mark.start() : closing.end()],
                            f"«{inner.strip()}»",
                            _("علامات التنصيص في النص العربي: « »."),
                        )
                    index += 2
                    continue
                # A lone quote mark beside Arabic text.
                around = text[max(0, mark.start() - 20) : mark.end() + 20]
                if _ARABIC.search(around):
                    # Opening when it starts a word: "نحن (space or start before, a letter after).
                    before, after = text[mark.start() - 1 : mark.start()], text[mark.end() : mark.end() + 1]
                    opening = mark.group() in _OPEN_QUOTES or (
                        (not before or before.isspace() or before == "(") and after and not after.isspace()
                    )
                    yield Finding(
                        "quotes",
                        field,
                        offset + mark.start(),
                        offset + mark.end(),
                        mark.group(),
                        "«" if opening else "»",
                        _("علامة تنصيص بلا مقابل: في النص العربي « »."),
                    )
                index += 1


def _punctuation(segments, people):
    for field, parts in segments.items():
        for offset, text in parts:
            for position, char in enumerate(text):
                if char not in _LATIN_PUNCT:
                    continue
                before = text[:position].rstrip()
                after = text[position + 1 :].lstrip()
                if not before or not _ARABIC.match(before[-1]):
                    continue
                if char == "," and after[:1].isdigit() and before[-1:].isdigit():
                    continue
                yield Finding(
                    "punctuation",
                    field,
                    offset + position,
                    offset + position + 1,
                    char,
                    _LATIN_PUNCT[char],
                    _("في النص العربي تُكتب «%(arabic)s» بدلاً من «%(latin)s».")
                    % {"arabic": _LATIN_PUNCT[char], "latin": char},
                )


def _spaces(segments, people):
    for field, parts in segments.items():
        for offset, text in parts:
            for match in _DOUBLE_SPACE.finditer(text):
                yield Finding(
                    "spaces",
                    field,
                    offset + match.start(),
                    offset + match.end(),
                    match.group(),
                    " ",
                    _("مسافتان أو أكثر بين كلمتين."),
                )


def _tatweel(segments, people):
    for field, parts in segments.items():
        for offset, text in parts:
            for match in _TATWEEL.finditer(text):
                yield Finding(
                    "tatweel",
                    field,
                    offset + match.start(),
                    offset + match.end(),
                    match.group(),
                    "",
                    _("التطويل (ـ) لا يُستعمل في الخبر."),
                )


def _digits(segments, people):
    latin, indic = [], []
    for field, parts in segments.items():
        for offset, text in parts:
            latin += [(field, offset, m) for m in _LATIN_DIGITS.finditer(text)]
            indic += [(field, offset, m) for m in _INDIC_DIGITS.finditer(text)]
    order = {field: index for index, field in enumerate(segments)}

    def first(occurrences):
        field, offset, match = occurrences[0]
        return (order[field], offset + match.start())

    if not latin or not indic:
        return
    # The story's usual digits win; on a tie, the digits used first.
    if len(latin) > len(indic) or (len(latin) == len(indic) and first(latin) <= first(indic)):
        minority, table, kind = indic, _TO_LATIN, "0123456789"
    else:
        minority, table, kind = latin, _TO_INDIC, "٠١٢٣٤٥٦٧٨٩"
    for field, offset, match in minority:
        yield Finding(
            "digits",
            field,
            offset + match.start(),
            offset + match.end(),
            match.group(),
            match.group().translate(table),
            _("أرقام الخبر بصورتين: وحّدها على %(digits)s.") % {"digits": kind},
        )


# name_records is about the author records, not the text: record_finding(), asked by the desk.
_RULE_FUNCTIONS = {
    "spelling_variants": _spelling_variants,
    "hamza": _hamza,
    "names": _names,
    "quotes": _quotes,
    "punctuation": _punctuation,
    "spaces": _spaces,
    "tatweel": _tatweel,
    "digits": _digits,
}
