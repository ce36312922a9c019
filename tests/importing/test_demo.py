import pytest
from django.core.management import call_command

from articles.models import Article, Author, Award, AwardCategory, AwardWin, Organisation


@pytest.mark.django_db
def test_load_demo_is_idempotent(demo):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert Article.objects.count() == 1
    assert Author.objects.count() == 1
    assert Organisation.objects.count() == 2
    assert Award.objects.count() == 1
    assert AwardCategory.objects.count() == 2
    assert AwardWin.objects.count() == 2


@pytest.mark.django_db
def test_demo_story_is_published_translated_and_linked_to_its_wins(demo):
    assert demo.is_public
    assert demo.headline_en and demo.body_en and demo.dateline_en == "Asir"
    wins = demo.award_wins.select_related("category__award", "organisation")
    assert {w.category.name_ar for w in wins} == {"المواقع الإلكترونية الحكومية", "الابتكار الحكومي"}
    assert {w.organisation.name_ar for w in wins} == {"أمانة منطقة عسير"}
    assert {w.category.award.awarding_body.name_ar for w in wins} == {
        "أكاديمية جوائز التميز في الدول العربية"
    }
    assert all(w.year == 2021 and w.ceremony_city_ar == "دبي" for w in wins)
    author = demo.byline[0]
    assert author.name_ar == "فاطمه قرعه القحطاني" and author.name_en


@pytest.mark.django_db
def test_ensure_admin_creates_one_login_and_prints_it(settings, tmp_path, capsys):
    settings.LOCAL_DIR = tmp_path
    call_command("ensure_admin")
    first = capsys.readouterr().out
    assert "user: admin" in first and "password:" in first
    call_command("ensure_admin")
    assert capsys.readouterr().out == first
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.filter(is_superuser=True).count() == 1


@pytest.mark.django_db
def test_generate_stories_makes_published_stories_with_bylines():
    call_command("generate_stories", 5, stdout=open("/dev/null", "w"))
    assert Article.objects.published().count() == 5
    assert all(a.byline for a in Article.objects.all())


@pytest.mark.django_db
def test_generate_stories_refuses_a_bad_count():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("generate_stories", 0)
