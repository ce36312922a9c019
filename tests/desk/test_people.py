"""People at the desk: users and groups in Arabic, the admin language switch, icon and font."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from articles.desk.admin.accounts import permission_label


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.com", "x-desk-test-9")


@pytest.mark.django_db
def test_permission_and_role_names_in_arabic_on_user_and_group_pages(superuser, editor, login):
    change = Permission.objects.get(codename="change_article")
    assert permission_label(change) == "الأخبار | خبر | تعديل خبر"
    group = Group.objects.get(name="Editors")
    html = login(superuser).get(reverse("admin:auth_group_change", args=[group.pk])).content.decode()
    assert "تعديل خبر" in html and "Can change" not in html
    assert "نشر الأخبار وجدولتها وسحبها" in html
    html = login(superuser).get(reverse("admin:auth_user_change", args=[editor.pk])).content.decode()
    assert "المحررون" in html and "Can add" not in html
    listing = login(superuser).get(reverse("admin:auth_group_changelist")).content.decode()
    assert "المحررون" in listing and "المراسلون" in listing


@pytest.mark.django_db
def test_every_app_on_the_admin_home_has_an_arabic_name(superuser, login):
    import re

    html = login(superuser).get(reverse("admin:index")).content.decode()
    captions = re.findall(r"<caption>\s*<a[^>]*>([^<]+)</a>", html)
    assert "محاولات الدخول" in captions and "Axes" not in html
    assert all(re.search(r"[\u0600-\u06FF]", caption) for caption in captions), captions


@pytest.mark.django_db
def test_the_pickers_javascript_speaks_arabic(superuser, login):
    import json

    catalogue = login(superuser).get(reverse("admin:jsi18n")).content.decode()
    # The catalogue is JSON with ASCII escapes.
    assert json.dumps("اختر كل %s")[1:-1] in catalogue and json.dumps("أزل كل %s")[1:-1] in catalogue


@pytest.mark.django_db
def test_admin_language_switch_is_a_choice_not_the_browser(editor, login):
    client = login(editor)
    home = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-US")
    assert 'lang="ar"' in home.content.decode() and 'action="/i18n/setlang/"' in home.content.decode()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/admin/"})
    assert response.status_code == 302
    english = client.get("/admin/").content.decode()
    assert 'lang="en"' in english and "My drafts" in english
    client.post("/i18n/setlang/", {"language": "ar", "next": "/admin/"})
    assert 'lang="ar"' in client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


@pytest.mark.django_db
def test_favicon_and_arabic_font_from_static(editor, login, client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("img/favicon.ico")
    html = login(editor).get("/admin/").content.decode()
    assert "img/icon.svg" in html and "articles/admin-font.css" in html


def test_admin_font_is_self_hosted():
    from pathlib import Path

    from django.contrib.staticfiles import finders

    root = Path(__file__).resolve().parents[2] / "static"
    css = Path(finders.find("articles/admin-font.css")).read_text()
    assert "http" not in css and "noto-naskh-arabic-arabic-400-normal.woff2" in css
    assert (root / "fonts" / "noto-naskh-arabic-arabic-400-normal.woff2").exists()
    assert (root / "img" / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"


@pytest.mark.django_db
def test_editors_link_an_author_to_a_reporter(editor, reporter, login):
    from articles.models import Author

    client = login(editor)
    add = reverse("admin:articles_author_add")
    page = client.get(add).content.decode()
    assert "سارة المراسلة (reporter)" in page  # the desk's staff offered by name
    response = client.post(add, {"name_ar": "سارة المراسلة", "name_en": "Sara", "user": reporter.pk})
    assert response.status_code == 302
    assert Author.objects.get(user=reporter).name_ar == "سارة المراسلة"
    # A reporter may still not add authors.
    assert login(reporter).get(add).status_code == 403
