"""Issue 25, D8/D9/D11: Django's own admin strings read right in Arabic on the pages themselves
(the project's catalogue overrides Django's), roles and permissions in Arabic, messages whatever
the actor's gender, unread counts in Arabic's plural forms."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from lxml import html as lxml_html

from articles import publishing
from articles.desk import notifications
from articles.desk.models import Notification

from .conftest import change_url, form_data

INDEX = reverse("admin:index")


def visible_text(response):
    """The page's text as a reader sees it (no scripts, styles or comments)."""
    document = lxml_html.fromstring(response.content.decode())
    for node in document.xpath("//script|//style|//comment()"):
        node.drop_tree()
    return " ".join(document.text_content().split())


@pytest.fixture
def boss(db):
    return get_user_model().objects.create_superuser(
        "boss", "boss@example.com", "x-desk-test-9", first_name="أمل"
    )


@pytest.mark.django_db
def test_an_edit_says_edited_not_added(login, draft, reporter):
    response = login(reporter).post(
        change_url(draft), form_data(draft, headline_ar="عنوان معدّل"), follow=True
    )
    text = visible_text(response)
    assert "عُدِّل «عنوان معدّل» (خبر) بنجاح" in text
    assert "نجحت إضافة" not in text


@pytest.mark.django_db
def test_lists_are_titled_without_a_grammar_slip(login, editor, make_article):
    make_article("خبر")
    text = visible_text(login(editor).get(reverse("admin:articles_article_changelist")))
    assert "اختيار خبر للتعديل" in text and "اختر خبر لتغييره" not in text


@pytest.mark.django_db
def test_the_user_page_has_no_english_left(login, boss, roles):
    text = visible_text(login(boss).get(reverse("admin:auth_user_change", args=[boss.pk])))
    assert "لا تُحفظ كلمات المرور كما كُتبت" in text and "تعيين كلمة مرور جديدة" in text
    for english in (
        "Raw passwords",
        "Reset password",
        "access attempt expiration",
        "Reversion",
        "revision",
        "Editors",
        "Reporters",
        "salt",
        "hash",
    ):
        assert english not in text, english
    assert "المحررون" in text and "النسخ | نسخة | تعديل نسخة" in text
    assert "محاولات الدخول | انتهاء مهلة محاولة دخول" in text


@pytest.mark.django_db
def test_the_password_page_and_user_list_read_arabic(login, boss, roles):
    text = visible_text(login(boss).get(reverse("admin:auth_user_password_change", args=[boss.pk])))
    assert "الدخول بكلمة مرور" in text and "مفعّل" in text
    assert not re.search(r"Enabled|Disabled|Password-based|If disabled", text)
    listing = visible_text(login(boss).get(reverse("admin:auth_user_changelist")))
    assert "المحررون" in listing and "المراسلون" in listing and "Editors" not in listing


@pytest.mark.django_db
def test_a_role_page_names_the_role(login, boss, roles):
    editors = Group.objects.get(name="Editors")
    response = login(boss).get(reverse("admin:auth_group_change", args=[editors.pk]))
    text = visible_text(response)
    assert "Editors" not in text and "المحررون" in text
    assert "المحررون" in response.content.decode().split("<title>")[1].split("</title>")[0]


@pytest.mark.django_db
def test_the_pickers_and_the_list_dialog_speak_arabic(login, editor):
    import json

    source = login(editor).get(reverse("admin:jsi18n")).content.decode()
    # The catalogue is a JSON object in the script: read it as the page's gettext would.
    catalogue = json.dumps(
        json.loads(source.split("const newcatalog = ")[1].split(";\n")[0]), ensure_ascii=False
    )
    assert "لم يُحدَّد شيء من" in catalogue and "لا شي محدد" not in catalogue
    for arabic in ("ابدأ الترقيم من", "نوع القائمة", "نقاط"):
        assert arabic in catalogue


@pytest.mark.django_db
def test_notifications_read_the_same_for_a_woman_or_a_man(draft, reporter, editor):
    for kind in ("submit", "send_back", "publish", "withdraw", "correct"):
        sentence = notifications.sentence(kind, "سارة المراسلة", "خبر")
        # The verb is passive; the actor is named after it, whoever they are.
        assert sentence.split()[0] in ("أُرسل", "أُعيد", "نُشر", "سُحب", "أُضيف"), sentence
        assert "(سارة المراسلة)" in sentence


@pytest.mark.django_db
@pytest.mark.parametrize(
    "count,expected",
    [
        (1, "تنبيه واحد غير مقروء"),
        (2, "تنبيهان غير مقروءين"),
        (3, "3 تنبيهات غير مقروءة"),
        (11, "11 تنبيهاً غير مقروء"),
    ],
)
def test_the_unread_count_follows_arabic_plurals(login, draft, reporter, editor, count, expected):
    for _n in range(count):
        Notification.objects.create(recipient=editor, story=draft, kind="submit", actor=reporter)
    text = visible_text(login(editor).get(INDEX))
    assert expected in text and "غير مقروءين: " not in text


@pytest.mark.django_db
def test_the_send_back_note_names_who_without_a_gendered_verb(login, draft, reporter, editor):
    publishing.submit(draft, reporter)
    publishing.send_back(draft, editor, "أضيفي مصدراً")
    text = visible_text(login(reporter).get(change_url(draft)))
    assert "مع هذه الملاحظة من منى المحررة" in text and "أعاده" not in text
