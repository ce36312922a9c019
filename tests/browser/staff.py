"""The desk's people for browser tests: staff users in a role, a reporter's draft, a new story
typed into the add form; and waiting for what the server does after a page has gone."""

import time

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


def fill_new_story(page, headline, body, section, author_name):
    """Type a new story into the open "add story" form as a reporter would (no save)."""
    page.locator("#id_headline_ar").fill(headline)
    # The body is the rich-text editor (ProseMirror): type into it as a reporter would.
    page.locator(".body-editor[dir=rtl] [contenteditable=true]").first.fill(body)
    page.locator("#id_section").select_option(str(section.pk))
    page.locator("#id_bylines-0-author + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(author_name.split()[0])
    page.locator(".select2-results__option", has_text=author_name).click()


def wait_until(condition, seconds=10):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.1)
    return condition()
