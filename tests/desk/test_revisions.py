import pytest
from django.urls import reverse

from articles import revisions
from articles.models import Article, Author, Tag


def story_form(article, **changes):
    """What the admin change form posts for `article`, with `changes` applied."""
    bylines = list(article.bylines.all())
    data = {
        "headline_ar": article.headline_ar,
        "headline_en": article.headline_en or "",
        "kicker_ar": article.kicker_ar or "",
        "kicker_en": article.kicker_en or "",
        "standfirst_ar": article.standfirst_ar or "",
        "standfirst_en": article.standfirst_en or "",
        "body_ar": article.body_ar,
        "body_en": article.body_en or "",
        "dateline_ar": article.dateline_ar or "",
        "dateline_en": article.dateline_en or "",
        "section": article.section_id,
        "status": article.status,
        "version": article.version,  # the desk refuses a save based on an older version
        "tags": [t.pk for t in article.tags.all()],
        "slug_ar": article.slug_ar or "",
        "slug_en": article.slug_en or "",
        "bylines-TOTAL_FORMS": str(len(bylines)),
        "bylines-INITIAL_FORMS": str(len(bylines)),
        "bylines-MIN_NUM_FORMS": "1",
        "bylines-MAX_NUM_FORMS": "1000",
    }
    if article.published_at:
        from django.utils import timezone

        local = timezone.localtime(article.published_at)
        data["published_at_0"], data["published_at_1"] = (
            local.strftime("%Y-%m-%d"),
            local.strftime("%H:%M:%S"),
        )
    for n, line in enumerate(bylines):
        data.update(
            {
                f"bylines-{n}-id": line.pk,
                f"bylines-{n}-article": article.pk,
                f"bylines-{n}-author": line.author_id,
                f"bylines-{n}-position": line.position,
            }
        )
    data.update(changes)
    return data


def edit(client, article, **changes):
    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]), story_form(article, **changes)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    return response


@pytest.fixture
def story(make_article):
    return make_article(
        headline="الأمطار تعود إلى عسير",
        standfirst_ar="موجز أول",
        body_ar="<p>الفقرة الأولى عن الطقس.</p><p>الفقرة الثانية.</p>",
    )


@pytest.mark.django_db
def test_every_admin_save_is_a_version_with_its_editor(admin_client, admin_user, story):
    edit(admin_client, story, headline_ar="عنوان ثان")
    edit(admin_client, story, headline_ar="عنوان ثالث")
    versions = list(revisions.versions_of(story))
    assert len(versions) == 2
    assert [v.field_dict["headline_ar"] for v in versions] == ["عنوان ثالث", "عنوان ثان"]
    assert all(v.revision.user == admin_user for v in versions)
    assert revisions.byline_of(versions[0]) == [story.bylines.get().author_id]


@pytest.mark.django_db
def test_a_byline_removed_in_the_same_save_is_not_in_the_version(admin_client, story):
    second = Author.objects.create(name_ar="وليد الزهراني")
    edit(
        admin_client,
        story,
        **{
            "bylines-TOTAL_FORMS": "2",
            "bylines-1-author": second.pk,
            "bylines-1-position": "1",
            "bylines-1-article": story.pk,
        },
    )
    assert revisions.byline_of(revisions.versions_of(story).first()) == [
        story.bylines.first().author_id,
        second.pk,
    ]
    first_line = story.bylines.get(position=0)
    second_line = story.bylines.get(position=1)
    edit(admin_client, story, **{"bylines-0-DELETE": "on", "bylines-1-position": "0"})
    assert revisions.byline_of(revisions.versions_of(story).first()) == [second.pk]
    assert first_line.author_id not in revisions.byline_of(revisions.versions_of(story).first())
    assert second_line.author_id == second.pk


@pytest.mark.django_db
def test_history_lists_versions_with_author_and_time(admin_client, admin_user, story):
    edit(admin_client, story, headline_ar="عنوان ثان")
    page = admin_client.get(reverse("admin:articles_article_history", args=[story.pk])).content.decode()
    assert admin_user.get_username() in page
    assert "<time datetime=" in page
    assert 'name="old"' in page and 'name="new"' in page


@pytest.mark.django_db
def test_diff_marks_words_with_ins_and_del_and_escapes_html(admin_client, story):
    edit(admin_client, story, headline_ar="الأمطار تعود إلى عسير")
    edit(
        admin_client,
        story,
        headline_ar="الأمطار الغزيرة تعود إلى عسير <script>x</script>",
        headline_en="Rain returns",
        body_ar="<p>الفقرة الأولى عن الطقس.</p><p>فقرة جديدة.</p>",
    )
    new, old = revisions.versions_of(story)[:2]
    url = reverse("admin:articles_article_history", args=[story.pk])
    page = admin_client.get(url, {"old": old.pk, "new": new.pk}).content.decode()
    assert "<ins>الغزيرة</ins>" in page
    assert "&lt;script&gt;" in page and "<script>x" not in page
    assert "<del>الثانية.</del>" in page or "<del>الفقرة الثانية.</del>" in page
    assert "<ins>Rain returns</ins>" in page
    assert 'dir="rtl"' in page and 'dir="ltr"' in page


def test_word_diff_unit():
    old, new = revisions.diff_words("قال الوزير أمس", "قال الوزير اليوم")
    assert old == "قال الوزير <del>أمس</del>"
    assert new == "قال الوزير <ins>اليوم</ins>"


def test_paragraph_diff_lines_up_unchanged_paragraphs():
    rows = revisions.diff_paragraphs("<p>أ</p><p>ب</p>", "<p>أ</p><p>ج</p><p>د</p>")
    assert [r.changed for r in rows] == [False, True, True]


@pytest.mark.django_db
def test_bad_comparison_shows_an_arabic_error(admin_client, story):
    url = reverse("admin:articles_article_history", args=[story.pk])
    page = admin_client.get(url, {"old": "x", "new": "999"}).content.decode()
    assert "اختر نسختين" in page


@pytest.mark.django_db
def test_restore_brings_back_text_tags_byline_and_is_a_new_version(admin_client, admin_user, story):
    tag = Tag.objects.create(name_ar="طقس")
    edit(admin_client, story, tags=[tag.pk], body_en="<p>First English.</p>")
    first = revisions.versions_of(story).first()
    other = Author.objects.create(name_ar="وفاء الحربي")
    edit(
        admin_client,
        story,
        headline_ar="عنوان مختلف",
        tags=[],
        body_en="<p>Second.</p>",
        **{"bylines-0-author": other.pk},
    )
    assert list(story.byline) == [other]
    url = reverse("admin:articles_article_restore", args=[story.pk, first.pk])
    confirm = admin_client.get(url)
    assert confirm.status_code == 200 and "نعم، استعد هذه النسخة" in confirm.content.decode()
    story.refresh_from_db()
    assert story.headline_ar == "عنوان مختلف"  # a GET changes nothing
    response = admin_client.post(url)
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline_ar == "الأمطار تعود إلى عسير"
    assert story.body_en == "<p>First English.</p>"
    assert list(story.tags.all()) == [tag]
    assert [a.name_ar for a in story.byline] == ["فاطمه قرعه القحطاني"]
    versions = list(revisions.versions_of(story))
    assert len(versions) == 3
    assert versions[0].revision.user == admin_user
    assert versions[0].field_dict["headline_ar"] == "الأمطار تعود إلى عسير"
    assert story.status == Article.Status.PUBLISHED


@pytest.mark.django_db
def test_restore_needs_change_permission_and_post(client, django_user_model, story, admin_client):
    edit(admin_client, story, headline_ar="ب")
    version = revisions.versions_of(story).first()
    viewer = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    from django.contrib.auth.models import Permission

    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(viewer)
    url = reverse("admin:articles_article_restore", args=[story.pk, version.pk])
    assert client.post(url).status_code == 403
    history = client.get(reverse("admin:articles_article_history", args=[story.pk])).content.decode()
    assert "restore" not in history


@pytest.mark.django_db
def test_a_version_of_another_story_cannot_be_restored(admin_client, story, make_article):
    other = make_article(headline="خبر آخر")
    edit(admin_client, other, headline_ar="خبر آخر معدل")
    version = revisions.versions_of(other).first()
    url = reverse("admin:articles_article_restore", args=[story.pk, version.pk])
    assert admin_client.post(url).status_code == 404


@pytest.mark.django_db
def test_restore_is_refused_under_another_editors_lock_and_keeps_both_texts(
    admin_client, story, django_user_model
):
    """As the story form refuses a save: the lock holder's headline stays, the version's text
    is still on the page, and the Arabic reason says who is editing."""
    from articles import locks

    edit(admin_client, story, body_en="<p>First English.</p>")
    first = revisions.versions_of(story).first()
    edit(admin_client, story, headline_ar="عنوان المحرر الآخر")
    holder = django_user_model.objects.create_user("huda", password="x", is_staff=True, first_name="هدى")
    locks.acquire(story, holder)
    url = reverse("admin:articles_article_restore", args=[story.pk, first.pk])

    response = admin_client.post(url)

    assert response.status_code == 409
    page = response.content.decode()
    assert "لم تُستعد النسخة: يحرر هذا الخبر الآن: هدى." in page
    assert "الأمطار" in page and "عسير" in page  # the version's text, still shown
    story.refresh_from_db()
    assert story.headline_ar == "عنوان المحرر الآخر"
    assert revisions.versions_of(story).count() == 2  # nothing saved
    with pytest.raises(locks.Held):
        revisions.restore(story, first, user=None)

    locks.release(story, holder)
    assert admin_client.post(url).status_code == 302  # once the lock is gone, it goes through
    story.refresh_from_db()
    assert story.headline_ar == "الأمطار تعود إلى عسير"
