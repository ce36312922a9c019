"""The importer takes regular files only: a symbolic link (to /etc/passwd, or a folder link
out of the import root), a folder, a pipe or a device is refused and nothing is saved; and
`backup` writes an archive only its owner can read."""

import os
import stat
import threading

import pytest
from django.core.management import call_command

from articles.importing import StoryFormatError, import_story, read_story_file
from articles.models import Article

pytestmark = pytest.mark.django_db

STORY = "الرياض/فاطمة القحطاني\nنص الخبر الأول.\n"


@pytest.fixture
def root(tmp_path, settings):
    settings.NEWSROOM_IMPORT_ROOT = str(tmp_path)
    return tmp_path


def test_a_link_to_the_password_file_is_refused(root):
    link = root / "wire.txt"
    link.symlink_to("/etc/passwd")
    with pytest.raises(StoryFormatError, match="symbolic link"):
        import_story(link)
    assert not Article.objects.exists()


def test_a_link_to_a_good_story_is_refused_too(root):
    real = root / "real.txt"
    real.write_text(STORY, encoding="utf-8")
    (root / "link.txt").symlink_to(real)
    with pytest.raises(StoryFormatError, match="symbolic link"):
        import_story(root / "link.txt")
    import_story(real)  # the file itself is fine
    assert Article.objects.count() == 1


def test_a_folder_link_out_of_the_root_is_refused(root, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.txt").write_text(STORY, encoding="utf-8")
    (root / "drop").symlink_to(outside, target_is_directory=True)
    with pytest.raises(StoryFormatError, match="symbolic link"):
        import_story(root / "drop" / "secret.txt")
    assert not Article.objects.exists()


def test_a_folder_is_refused(root):
    (root / "folder.txt").mkdir()
    with pytest.raises(StoryFormatError, match="not a regular file"):
        import_story(root / "folder.txt")


def test_a_pipe_is_refused_without_waiting_for_a_writer(root):
    pipe = root / "pipe.txt"
    os.mkfifo(pipe)
    result = {}

    def attempt():  # (reading only: import_story's transaction would wait for this test's)
        try:
            read_story_file(pipe)
        except StoryFormatError as error:
            result["error"] = str(error)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(10)
    assert not worker.is_alive(), "the importer hung on a pipe"
    assert "not a regular file" in result["error"]


def test_a_device_is_refused(root):
    with pytest.raises(StoryFormatError, match="not a regular file"):
        import_story("/dev/zero")


def test_the_command_reports_a_link_and_goes_on(root, capsys):
    (root / "link.txt").symlink_to("/etc/passwd")
    (root / "good.txt").write_text(STORY, encoding="utf-8")
    with pytest.raises(Exception, match="1 of 2"):
        call_command("import_story", str(root / "link.txt"), str(root / "good.txt"))
    assert "symbolic link" in capsys.readouterr().err
    assert Article.objects.count() == 1


def test_backup_is_readable_by_its_owner_only(tmp_path, settings, make_article):
    settings.MEDIA_ROOT = tmp_path / "media"
    make_article("خبر")
    old_umask = os.umask(0o022)  # a usual umask would make it world-readable
    try:
        call_command("backup", "--output", str(tmp_path / "newsroom.tar.gz"), stdout=open(os.devnull, "w"))
    finally:
        os.umask(old_umask)
    mode = stat.S_IMODE((tmp_path / "newsroom.tar.gz").stat().st_mode)
    assert mode == 0o600, oct(mode)
