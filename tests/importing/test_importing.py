from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.importing import StoryFormatError, import_story, parse_story
from articles.models import Article, Author, Byline

SEED = Path(__file__).resolve().parents[2] / "articles" / "demo" / "000_7077a1414e491a78.txt"


def write(tmp_path, content, name="story.txt"):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_parse_seed_story():
    story = parse_story(SEED.read_text("utf-8"))
    assert story.dateline == "عسير"
    assert story.authors == ["فاطمه قرعه القحطاني"]
    assert len(story.paragraphs) == 8
    assert story.paragraphs[0].startswith("حصدت أمانة منطقة عسير")
    assert story.derived_headline.startswith("حصدت أمانة منطقة عسير جائزة")
    assert len(story.derived_headline.split()) <= 14


@pytest.mark.parametrize(
    "line, authors",
    [
        ("الرياض / فاطمة القحطاني، وليد الحميدي", ["فاطمة القحطاني", "وليد الحميدي"]),
        ("الرياض/فاطمة القحطاني, وفاء العتيبي", ["فاطمة القحطاني", "وفاء العتيبي"]),
        ("الرياض/فاطمة القحطاني و وليد الحميدي", ["فاطمة القحطاني", "وليد الحميدي"]),
        ("الرياض/وليد الحميدي", ["وليد الحميدي"]),  # a name beginning with و stays whole
        ("الرياض/ وفاء العتيبي ووليد", ["وفاء العتيبي ووليد"]),
    ],
)
def test_author_separators(line, authors):
    assert parse_story(f"{line}\nفقرة.").authors == authors


def test_bom_and_blank_lines_are_ignored():
    story = parse_story("\ufeffجدة/سارة\n\nالفقرة الأولى.\n\n\nالفقرة الثانية.\n")
    assert story.dateline == "جدة"
    assert story.paragraphs == ["الفقرة الأولى.", "الفقرة الثانية."]


@pytest.mark.django_db
def test_import_seed_creates_a_draft_with_a_derived_headline():
    result = import_story(SEED)
    article = result.article
    assert result.created and result.headline_derived
    assert article.status == Article.Status.DRAFT
    assert article.dateline_ar == "عسير"
    assert [a.name_ar for a in article.byline] == ["فاطمه قرعه القحطاني"]
    assert article.body_ar.count("<p>") == 8
    assert article.section.name_ar == "محليات"


@pytest.mark.django_db
def test_publish_with_headline_makes_it_public():
    result = import_story(SEED, publish=True, headline="أمانة عسير تفوز")
    assert result.published
    assert Article.objects.published().filter(pk=result.article.pk).exists()


@pytest.mark.django_db
def test_publish_without_headline_stays_draft():
    result = import_story(SEED, publish=True)
    assert not result.published
    assert not Article.objects.published().exists()


@pytest.mark.django_db
def test_reimport_updates_the_same_story(tmp_path):
    path = write(tmp_path, "عسير/فاطمه القحطاني\nالنص الأول.")
    first = import_story(path, headline="عنوان المحرر").article
    path.write_text("عسير/فاطمه القحطاني\nالنص بعد التصحيح.", encoding="utf-8")
    second = import_story(path)
    assert not second.created
    assert second.article.pk == first.pk
    assert Article.objects.count() == 1
    assert Byline.objects.count() == 1
    second.article.refresh_from_db()
    assert "بعد التصحيح" in second.article.body_ar
    assert second.article.headline_ar == "عنوان المحرر"  # the editor's headline survives


@pytest.mark.django_db
def test_authors_are_matched_however_they_are_spelt(tmp_path, author):
    # The fixture author is "فاطمه قرعه القحطاني" (ه for ة).
    path = write(tmp_path, "أبها/فاطمة قرعة القحطاني\nفقرة.")
    article = import_story(path).article
    assert article.byline == [author]
    assert Author.objects.count() == 1


@pytest.mark.django_db
def test_several_authors_keep_their_order(tmp_path):
    path = write(tmp_path, "دبي/سارة الأحمد، وليد الحميدي و منى\nفقرة.")
    article = import_story(path).article
    assert [a.name_ar for a in article.byline] == ["سارة الأحمد", "وليد الحميدي", "منى"]


BAD_INPUTS = [
    (b"", "empty", 1),
    (b"   \n\n", "empty", 1),
    ("عسير فاطمه القحطاني\nفقرة.".encode(), "'/'", 1),
    ("/فاطمه\nفقرة.".encode(), "dateline", 1),
    ("عسير/\nفقرة.".encode(), "author", 1),
    ("عسير/فاطمه\n\n".encode(), "no body", 2),
    ("عسير/فاطمه\nفقرة ".encode() + b"\xff\xfe bad\n", "UTF-8", 2),
]


@pytest.mark.django_db
@pytest.mark.parametrize("content, message, line", BAD_INPUTS)
def test_bad_input_is_rejected_with_file_and_line_and_saves_nothing(tmp_path, content, message, line):
    path = write(tmp_path, content)
    with pytest.raises(StoryFormatError) as error:
        import_story(path)
    text = str(error.value)
    assert message in text
    assert str(path) in text
    assert f"line {line}" in text
    assert not Article.objects.exists()
    assert not Author.objects.exists()


@pytest.mark.django_db
def test_missing_file(tmp_path):
    with pytest.raises(StoryFormatError, match="no such file"):
        import_story(tmp_path / "nope.txt")


@pytest.mark.django_db
def test_failed_reimport_leaves_the_saved_story_untouched(tmp_path):
    path = write(tmp_path, "عسير/فاطمه\nالنص الأصلي.")
    article = import_story(path, headline="عنوان").article
    path.write_text("بلا شرطة\nنص.", encoding="utf-8")
    with pytest.raises(StoryFormatError):
        import_story(path)
    article.refresh_from_db()
    assert "النص الأصلي" in article.body_ar


@pytest.mark.django_db
def test_command_imports_good_files_and_fails_on_bad_ones(tmp_path, capsys):
    good = write(tmp_path, "جدة/سارة\nفقرة.", "good.txt")
    bad = write(tmp_path, "بلا شرطة\nفقرة.", "bad.txt")
    with pytest.raises(CommandError, match="1 of 2"):
        call_command("import_story", str(good), str(bad), "--headline", "عنوان")
    assert Article.objects.count() == 1
    assert "bad.txt, line 1" in capsys.readouterr().err


@pytest.mark.django_db
def test_command_unknown_section_is_an_error(tmp_path):
    good = write(tmp_path, "جدة/سارة\nفقرة.")
    with pytest.raises(CommandError):
        call_command("import_story", str(good), "--section", "لا يوجد")
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_command_publishes_into_a_named_section(tmp_path, section):
    path = write(tmp_path, "جدة/سارة\nفقرة.")
    call_command("import_story", str(path), "--section", "محلیات", "--publish", "--headline", "عنوان")
    article = Article.objects.get()
    assert article.section == section
    assert article.is_public
