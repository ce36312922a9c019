"""axe-core on the desk's own pages, as an editor and a reporter use them: the front page, the
story list, a new story's form and a story's form (with the writing aids and the search and
sharing preview open). No serious or critical WCAG 2.1 A/AA violation."""

import pytest
from django.contrib.auth import get_user_model

from articles.models import Article
from tests.conftest import desk_groups

SERIOUS = ("serious", "critical")


@pytest.fixture
def desk(site, make_article):
    editors, reporters = desk_groups()
    people = {}
    for username, group, first, last in (
        ("mona", editors, "منى", "المحررة"),
        ("sara", reporters, "سارة", "المراسلة"),
    ):
        user = get_user_model().objects.create_user(
            username, password="x-desk-browser-9", is_staff=True, first_name=first, last_name=last
        )
        user.groups.add(group)
        people[username] = user
    story = make_article("خبر للتحرير", status=Article.Status.DRAFT, standfirst_ar="موجز الخبر")
    Article.objects.filter(pk=story.pk).update(created_by=people["sara"])
    make_article("خبر منشور اليوم")
    return {**people, "story": story}


def serious(violations):
    return [v for v in violations if v["impact"] in SERIOUS]


def open_sharing(page):
    summary = page.locator("fieldset", has=page.locator("#id_seo_title_ar")).locator("summary")
    if summary.count():
        summary.first.click()
    page.locator("#id_seo_title_ar").wait_for(state="visible")


@pytest.mark.parametrize("who", ["mona", "sara"])
def test_the_desk_pages_have_no_serious_violation(desk, site, new_page, axe_violations, who):
    page = new_page(user=desk[who])
    pages = {
        "front page": "/admin/",
        "story list": "/admin/articles/article/",
        "new story": "/admin/articles/article/add/",
        "story": f"/admin/articles/article/{desk['story'].pk}/change/",
    }
    found = {}
    for name, path in pages.items():
        page.goto(site + path)
        if "article/" in path and path.endswith(("add/", "change/")):
            page.locator(".writing-aids__words").first.wait_for()
            open_sharing(page)
        found[name] = serious(axe_violations(page))
    assert found == {name: [] for name in pages}
