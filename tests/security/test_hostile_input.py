"""Bad input is a form error or a 4xx, never a 500: an over-long login name, a word where an
id belongs in the desk's forms; and password spraying is counted per address."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from articles.models import Article, AwardWin, Correction
from tests.desk.conftest import client_for, form_data, make_user, roles  # noqa: F401  (fixtures)


def login(client, username, password, ip="127.0.0.1"):
    return client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


@pytest.mark.django_db
@pytest.mark.parametrize("length", [255, 256, 300, 5000])
def test_an_over_long_login_name_is_a_failed_login_not_a_500(client, length):
    response = login(client, "م" * length, "wrong")
    assert response.status_code == 200
    assert 'class="errornote"' in response.content.decode()


@pytest.mark.django_db
def test_over_long_names_still_count_towards_the_lockout(client, settings):
    name = "a" * 400
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, name, "wrong").status_code == 200
    assert login(client, name, "wrong").status_code == 429


@pytest.mark.django_db
def test_password_spraying_is_refused_after_the_per_address_limit(client, settings):
    settings.NEWSROOM_LOGIN_FAILURES_PER_ADDRESS = 20
    User.objects.create_user("sara", password="the right one 42", is_staff=True)
    attacker = "203.0.113.66"
    statuses = [login(client, f"user{n}", "Winter2026!", ip=attacker).status_code for n in range(30)]
    # One guess per name never reaches the per-name limit (5): the address's count does.
    assert statuses[:19] == [200] * 19
    assert statuses[19:] == [429] * 11
    # From that address even the right password is refused until the cool-off ends…
    refused = login(client, "sara", "the right one 42", ip=attacker)
    assert refused.status_code == 429 and "تم إيقاف تسجيل الدخول مؤقتاً" in refused.content.decode()
    # …while everyone elsewhere logs in.
    assert login(client, "sara", "the right one 42", ip="192.0.2.10").status_code == 302


@pytest.mark.django_db
def test_unlock_by_address_lifts_a_spraying_lock(client, settings):
    import os

    from django.core.management import call_command

    settings.NEWSROOM_LOGIN_FAILURES_PER_ADDRESS = 6
    User.objects.create_user("sara", password="the right one 42", is_staff=True)
    for n in range(6):
        login(client, f"user{n}", "x", ip="203.0.113.67")
    assert login(client, "sara", "the right one 42", ip="203.0.113.67").status_code == 429
    call_command("unlock", ip="203.0.113.67", stdout=open(os.devnull, "w"))
    assert login(client, "sara", "the right one 42", ip="203.0.113.67").status_code == 302


# A word where an id belongs, in every autocomplete field of the desk (Django's widget looked
# the word up in the database to redisplay the form: ValueError, a 500).
@pytest.mark.django_db
@pytest.mark.parametrize("field", ["tags", "award_wins", "bylines-0-author", "section"])
@pytest.mark.parametrize("value", ["abc", str(2**63), str(-(2**63) - 1), "9" * 30])
def test_a_word_for_an_id_in_the_story_form_is_a_form_error(make_user, make_article, field, value):  # noqa: F811
    editor = make_user("editor", "editor")
    article = make_article("خبر للاختبار")
    before = (article.headline_ar, article.version)
    data = form_data(article, headline_ar="عنوان جديد لا يُحفظ", **{field: value})
    response = client_for(editor).post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="errornote"' in page
    assert "عنوان جديد لا يُحفظ" in page  # what was typed is shown again, not lost
    article = Article.objects.get(pk=article.pk)
    assert (article.headline_ar, article.version) == before  # nothing half-saved


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "data"),
    [
        (Correction, {"article": "abc", "text_ar": "نص", "kind": "correction"}),
        (AwardWin, {"organisation": "abc", "category": "abc", "year": "2024"}),
    ],
)
def test_a_word_for_an_id_in_other_desk_forms_is_a_form_error(admin_client, model, data):
    url = reverse(f"admin:articles_{model._meta.model_name}_add")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert 'class="errornote"' in response.content.decode()
    assert not model.objects.exists()
