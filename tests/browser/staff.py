"""The desk's people for browser tests: staff users in a role, and a reporter's draft."""

from django.contrib.auth import get_user_model

from articles.models import Article
from tests.conftest import desk_groups


def make_staff(username, full_name, group):
    first, _, last = full_name.partition(" ")
    user = get_user_model().objects.create_user(
        username, password="x-desk-browser-9", is_staff=True, first_name=first, last_name=last
    )
    user.groups.add(group)
    return user


def desk_with_a_draft(site, make_article):
    """The reporter «سارة المراسلة», the editor «منى المحررة» and the reporter's draft."""
    editors, reporters = desk_groups()
    reporter = make_staff("sara", "سارة المراسلة", reporters)
    editor = make_staff("mona", "منى المحررة", editors)
    story = make_article("خبر المراسلة", status=Article.Status.DRAFT)
    Article.objects.filter(pk=story.pk).update(created_by=reporter)
    story.refresh_from_db()
    return {
        "reporter": reporter,
        "editor": editor,
        "story": story,
        "change": f"{site}/admin/articles/article/{story.pk}/change/",
    }
