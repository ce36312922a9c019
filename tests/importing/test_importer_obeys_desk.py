"""The importer goes through the desk's rules: it never undoes an editor's decision, finds a
story by a stable source identity, and refuses bad files cleanly on both databases."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from articles import publishing, revisions
from articles.importing import ImportRefused, StoryFormatError, import_story
from articles.models import Article, Author, Byline

pytestmark = pytest.mark.django_db


def write(folder, content, name="story.txt"):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor", password="x")
    user.groups.add(Group.objects.get(name="Editors"))
    return User.objects.get(pk=user.pk)


def test_withdrawn_story_stays_withdrawn_when_imported_again_with_publish(tmp_path, editor):
    path = write(tmp_path, "عسير/فاطمه\nالنص الأول.")
    article = import_story(path, publish=True, headline="عنوان", root=tmp_path).article
    publishing.withdraw(article, editor, "خطأ في الخبر")

    with pytest.raises(ImportRefused, match="--update"):
        import_story(path, publish=True, headline="عنوان", root=tmp_path)
    result = import_story(path, publish=True, headline="عنوان", update=True, root=tmp_path)
    assert not result.published and "stays" in result.status_kept
    article.refresh_from_db()
    assert article.status == Article.Status.WITHDRAWN
    assert not Article.objects.published().exists()


def test_command_never_republishes_a_withdrawn_story(tmp_path, editor, capsys):
    path = write(tmp_path, "عسير/فاطمه\nالنص الأول.")
    call_command("import_story", str(path), "--publish", "--headline", "عنوان", "--root", str(tmp_path))
    article = Article.objects.get()
    publishing.withdraw(article, editor, "خطأ")
    with pytest.raises(CommandError):
        call_command("import_story", str(path), "--publish", "--headline", "عنوان", "--root", str(tmp_path))
    assert "--update" in capsys.readouterr().err
    call_command("import_story", str(path), "--publish", "--update", "--root", str(tmp_path))
    article.refresh_from_db()
    assert article.status == Article.Status.WITHDRAWN


def test_a_story_in_review_keeps_its_status(tmp_path, editor):
    path = write(tmp_path, "عسير/فاطمه\nالنص.")
    article = import_story(path, headline="عنوان", root=tmp_path).article
    publishing.submit(article, editor)
    import_story(path, publish=True, update=True, root=tmp_path)
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW


def test_same_name_in_two_folders_is_two_stories(tmp_path):
    a = write(tmp_path / "dirA", "عسير/فاطمه\nخبر أ.")
    b = write(tmp_path / "dirB", "جدة/سارة\nخبر ب.")
    first = import_story(a, publish=True, headline="أ", root=tmp_path).article
    second = import_story(b, publish=True, headline="ب", root=tmp_path).article
    assert first.pk != second.pk
    first.refresh_from_db()
    assert "خبر أ" in first.body_ar
    assert first.import_source == "dirA/story.txt"
    assert second.import_source == "dirB/story.txt"


def test_an_id_line_finds_the_story_whatever_the_file_is_called(tmp_path):
    one = write(tmp_path / "monday", "id: wire-2026-0042\nعسير/فاطمه\nالنص الأول.", "a.txt")
    two = write(tmp_path / "tuesday", "id: wire-2026-0042\nعسير/فاطمه\nالنص المعدل.", "b.txt")
    first = import_story(one, headline="عنوان").article
    second = import_story(two).article
    assert first.pk == second.pk
    second.refresh_from_db()
    assert "المعدل" in second.body_ar and second.import_source == "id:wire-2026-0042"


def test_published_text_changes_only_with_update_and_is_kept_as_a_version(tmp_path):
    path = write(tmp_path, "عسير/فاطمه\nالنص الأول.")
    article = import_story(path, publish=True, headline="عنوان", root=tmp_path).article
    assert article.is_public and article.revised_at is None

    path.write_text("عسير/فاطمه\nالنص المصحح.", encoding="utf-8")
    with pytest.raises(ImportRefused):
        import_story(path, root=tmp_path)
    article.refresh_from_db()
    assert "الأول" in article.body_ar

    import_story(path, update=True, root=tmp_path)
    article.refresh_from_db()
    assert "المصحح" in article.body_ar
    assert article.status == Article.Status.PUBLISHED
    assert article.revised_at is not None and article.revised_at > article.published_at
    versions = list(revisions.versions_of(article))
    assert len(versions) == 2  # the story as it was, and as the importer left it
    assert {v.revision.comment for v in versions} == {"the importer"}
    assert "الأول" in versions[1].field_dict["body_ar"]
    assert "المصحح" in versions[0].field_dict["body_ar"]


def test_importer_own_draft_can_still_be_published(tmp_path):
    path = write(tmp_path, "عسير/فاطمه\nالنص.")
    import_story(path, root=tmp_path)
    result = import_story(path, publish=True, headline="عنوان", root=tmp_path)
    assert result.published and result.article.is_public


def test_an_edited_draft_is_the_desks(tmp_path, editor):
    path = write(tmp_path, "عسير/فاطمه\nالنص.")
    article = import_story(path, headline="عنوان", root=tmp_path).article
    article.last_edited_by = editor
    article.save()
    with pytest.raises(ImportRefused):
        import_story(path, publish=True, root=tmp_path)
    result = import_story(path, publish=True, update=True, root=tmp_path)
    assert not result.published
    assert result.article.status == Article.Status.DRAFT


def test_two_spellings_of_one_author_are_one_byline(tmp_path):
    path = write(tmp_path, "عسير/فاطمة القحطاني، فاطمه القحطاني، سارة\nالنص.")
    article = import_story(path).article
    assert [a.name_ar for a in article.byline] == ["فاطمة القحطاني", "سارة"]
    assert Author.objects.count() == 2


def test_a_batch_goes_on_after_each_bad_file(tmp_path, capsys):
    files = [
        write(tmp_path, "جدة/سارة\nفقرة.", "good1.txt"),
        write(tmp_path, "جدة/" + "س" * 151 + "\nفقرة.", "long_author.txt"),
        write(tmp_path, "ج" * 101 + "/سارة\nفقرة.", "long_dateline.txt"),
        write(tmp_path, "جدة/سارة\nفقرة\x00.", "nul.txt"),
        write(tmp_path, "جدة/فاطمة، فاطمه\nفقرة.", "variants.txt"),
        write(tmp_path, "جدة/سارة\nفقرة ثانية.", "good2.txt"),
    ]
    with pytest.raises(CommandError, match="3 of 6"):
        call_command("import_story", *map(str, files), "--root", str(tmp_path), "--headline", "عنوان")
    err = capsys.readouterr().err
    assert "long_author.txt, line 1" in err and "150" in err
    assert "long_dateline.txt, line 1" in err and "100" in err
    assert "nul.txt, line 2" in err and "NUL" in err
    assert Article.objects.count() == 3
    assert set(Article.objects.values_list("import_source", flat=True)) == {
        "good1.txt",
        "variants.txt",
        "good2.txt",
    }


def test_an_over_long_headline_is_refused_before_the_database(tmp_path):
    path = write(tmp_path, "جدة/سارة\nفقرة.")
    with pytest.raises(StoryFormatError, match="300"):
        import_story(path, headline="ع" * 301)
    assert not Article.objects.exists()


def test_a_long_lead_derives_a_headline_that_fits(tmp_path):
    path = write(tmp_path, "جدة/سارة\n" + "كلمة" * 200 + " أخرى.")
    article = import_story(path).article
    article.refresh_from_db()
    assert 0 < len(article.headline_ar) <= 300


def test_too_many_authors(tmp_path, settings):
    settings.NEWSROOM_IMPORT_MAX_AUTHORS = 3
    path = write(tmp_path, "جدة/" + "، ".join(f"كاتب {n}" for n in "أبتث") + "\nفقرة.")
    with pytest.raises(StoryFormatError, match="at most 3"):
        import_story(path)
    assert not Author.objects.exists()


def test_too_big_a_file(tmp_path, settings):
    settings.NEWSROOM_IMPORT_MAX_BYTES = 1000
    path = write(tmp_path, "جدة/سارة\n" + "فقرة طويلة. " * 200)
    with pytest.raises(StoryFormatError, match="at most 1,000 bytes"):
        import_story(path)
    assert not Article.objects.exists()


def test_line_separators_and_controls_stay_inside_a_paragraph(tmp_path):
    path = write(tmp_path, "جدة/سارة\nأول\u2028ثان\x0cثالث\x85رابع\x07.\nفقرة أخرى.")
    article = import_story(path).article
    assert article.body_ar.count("<p>") == 2
    assert "أول ثان ثالث رابع." in article.body_ar
    assert "\x07" not in article.body_ar


def test_bidi_overrides_are_stripped_from_dateline_and_names(tmp_path):
    path = write(tmp_path, "ج\u202eدة/سا\u202eرة\u200cك\nفقرة.")
    article = import_story(path).article
    assert article.dateline_ar == "جدة"
    assert article.byline[0].name_ar == "سارة\u200cك"  # ZWNJ is spelling, it stays


def test_a_bad_reimport_leaves_bylines_and_text_untouched(tmp_path):
    path = write(tmp_path, "جدة/سارة، منى\nالنص الأصلي.")
    article = import_story(path, root=tmp_path).article
    path.write_text("جدة/" + "س" * 151 + "\nنص جديد.", encoding="utf-8")
    with pytest.raises(StoryFormatError):
        import_story(path, root=tmp_path)
    article.refresh_from_db()
    assert "الأصلي" in article.body_ar
    assert Byline.objects.filter(article=article).count() == 2


def test_scheduled_story_is_not_moved_by_the_importer(tmp_path):
    path = write(tmp_path, "جدة/سارة\nالنص.")
    at = timezone.now() + datetime.timedelta(days=1)
    article = import_story(path, headline="عنوان", root=tmp_path).article
    publishing.publish(article, at=at)
    import_story(path, publish=True, update=True, root=tmp_path)
    article.refresh_from_db()
    assert article.published_at == at


def test_a_hostile_section_name_is_a_clean_error(tmp_path):
    path = write(tmp_path, "جدة/سارة\nفقرة.")
    for name in ("قسم\x00", "ق" * 500):
        with pytest.raises(StoryFormatError, match="unknown section"):
            import_story(path, section=name)
    assert not Article.objects.exists()


def test_a_story_open_in_the_desk_is_not_overwritten_even_with_update(tmp_path, editor):
    from articles import locks

    path = write(tmp_path, "عسير/فاطمه\nالنص الأول.")
    article = import_story(path, headline="عنوان", root=tmp_path).article
    locks.acquire(article, editor)
    write(tmp_path, "عسير/فاطمه\nنص جديد من الوكالة.")
    with pytest.raises(ImportRefused, match="open in the desk"):
        import_story(path, headline="عنوان", update=True, root=tmp_path)
    article.refresh_from_db()
    assert "الأول" in article.body_ar
    locks.release(article, editor)
    import_story(path, headline="عنوان", update=True, root=tmp_path)
    article.refresh_from_db()
    assert "الوكالة" in article.body_ar
