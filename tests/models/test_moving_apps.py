"""A database made at the schema before the apps split (articles 0014: pictures, autosaves,
notifications and preview links still in the core app) migrates forward with every row,
picture, file name and story version intact, and the desk's groups keep their permissions."""

import json

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from reversion.models import Revision, Version

from articles.desk.models import Autosave, Notification, PreviewLink
from articles.models import Article
from articles.pictures.models import Image, Rendition
from tests.conftest import desk_groups

BEFORE = [("articles", "0014_search_at_scale"), ("desk", None), ("pictures", None)]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_split_moves_forward_with_its_data(django_user_model):
    desk_groups()  # an earlier transactional test may have flushed them
    old = migrate(BEFORE).loader.project_state(BEFORE[:1]).apps
    assert old.get_model("articles", "Image")._meta.db_table == "articles_image"
    assert ContentType.objects.filter(app_label="articles", model="image").exists()

    # Rows as that schema wrote them (its historical models, no code of today).
    user = django_user_model.objects.create_user("huda", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Reporters"))
    Section = old.get_model("articles", "Section")
    OldArticle = old.get_model("articles", "Article")
    OldImage = old.get_model("articles", "Image")
    section = Section.objects.create(name="محليات", name_ar="محليات", slug="local", slug_ar="local")
    picture = OldImage.objects.create(
        file="images/2026/01/rain.jpg", width=1200, height=800, caption_ar="المطر في أبها", focal_x=0.3
    )
    rendition = old.get_model("articles", "Rendition").objects.create(
        image=picture,
        crop="16x9",
        format="webp",
        width=640,
        height=360,
        file="renditions/rain-640.webp",
        source="images/2026/01/rain.jpg",
    )
    story = OldArticle.objects.create(
        headline="الأمطار تعود",
        headline_ar="الأمطار تعود",
        body="<p>نص</p>",
        body_ar="<p>نص</p>",
        section_id=section.pk,
        lead_image_id=picture.pk,
        status="draft",
        created_by_id=user.pk,
    )
    old.get_model("articles", "Autosave").objects.create(
        article_id=story.pk, user_id=user.pk, data={"body_ar": "لم يُحفظ"}
    )
    link = old.get_model("articles", "PreviewLink").objects.create(
        article_id=story.pk, created_by_id=user.pk, expires_at="2030-01-01T00:00:00Z"
    )
    event = old.get_model("articles", "WorkflowEvent").objects.create(
        article_id=story.pk, transition="submit", from_status="draft", to_status="review", user_id=user.pk
    )
    old.get_model("articles", "Notification").objects.create(
        recipient_id=user.pk, story_id=story.pk, actor_id=user.pk, kind="submit", note="راجعه"
    )
    revision = Revision.objects.create(date_created="2026-01-01T00:00:00Z", comment="")
    article_type = ContentType.objects.get(app_label="articles", model="article")
    Version.objects.create(
        revision_id=revision.pk,
        object_id=str(story.pk),
        content_type=article_type,
        db="default",
        format="json",
        object_repr="الأمطار تعود",
        serialized_data=json.dumps(
            [
                {
                    "model": "articles.article",
                    "pk": story.pk,
                    "fields": {
                        "headline_ar": "الأمطار تعود",
                        "body_ar": "<p>نص</p>",
                        "section": section.pk,
                        "lead_image": picture.pk,
                        "status": "draft",
                    },
                }
            ]
        ),
    )

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    moved = Image.objects.get(pk=picture.pk)
    assert (moved.file.name, moved.caption_ar, moved.focal_x) == (
        "images/2026/01/rain.jpg",
        "المطر في أبها",
        0.3,
    )
    assert Rendition.objects.get(pk=rendition.pk).image == moved
    article = Article.objects.get(pk=story.pk)
    assert article.lead_image == moved and article.headline_ar == "الأمطار تعود"
    assert Autosave.objects.get(article=article).data == {"body_ar": "لم يُحفظ"}
    assert PreviewLink.objects.get(pk=link.pk).article == article
    assert Notification.objects.get(story=article).note == "راجعه"
    assert article.workflow_events.get().pk == event.pk
    version = Version.objects.get_for_object(article).get()
    assert (
        version.field_dict["lead_image_id"] == picture.pk
        and version.field_dict["headline_ar"] == "الأمطار تعود"
    )

    # The content types moved with the models; the groups' permissions followed them.
    assert {ct.app_label for ct in ContentType.objects.filter(model__in=["image", "rendition"])} == {
        "pictures"
    }
    assert {
        ct.app_label
        for ct in ContentType.objects.filter(model__in=["autosave", "previewlink", "notification"])
    } == {"desk"}
    assert user.has_perm("pictures.add_image") and user.has_perm("pictures.view_image")
    editors = Group.objects.get(name="Editors").permissions.filter(content_type__app_label="pictures")
    assert {p.codename for p in editors} >= {"add_image", "change_image", "delete_image", "view_image"}
