import datetime
import importlib

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from articles import publishing
from articles.models import Article, Author, Byline, Section


@pytest.fixture
def section(db):
    return Section.objects.create(name_ar="محليات", name_en="Local")


@pytest.fixture
def author(db):
    return Author.objects.create(name_ar="فاطمه قرعه القحطاني", name_en="Fatimah Al-Qahtani")


@pytest.fixture
def make_article(section, author):
    """Build a story; published ones are due an hour ago unless told otherwise."""

    def make(headline="خبر تجريبي", status=Article.Status.PUBLISHED, published_at=None, **fields):
        article = Article.objects.create(
            headline_ar=headline,
            body_ar=fields.pop("body_ar", "<p>نص الخبر</p>"),
            section=fields.pop("section", section),
            **fields,
        )
        Byline.objects.create(article=article, author=author, position=0)
        if status == Article.Status.PUBLISHED:
            publishing.publish(article, at=published_at or timezone.now() - datetime.timedelta(hours=1))
        else:
            article.status = status
            article.published_at = published_at
            article.save()
        return article

    return make


@pytest.fixture
def demo(db):
    from django.core.management import call_command

    call_command("load_demo", stdout=open("/dev/null", "w"))
    return Article.objects.get(import_source="000_7077a1414e491a78.txt")


@pytest.fixture(autouse=True)
def arabic_by_default():
    """Each test starts in the site's language; a request in English must not leak into the next."""
    from django.utils import translation

    translation.activate("ar")
    yield
    translation.activate("ar")


@pytest.fixture(autouse=True)
def page_cache(settings, tmp_path_factory):
    """Each test gets an empty cache of its own (pages and the content version), so a page
    cached by one test is never served to the next; never the machine's shared cache."""
    import uuid

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": uuid.uuid4().hex,
        }
    }
    yield


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Tests make many staff users: a real password hash takes seconds on a busy machine."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def desk_groups():
    """(Editors, Reporters): the groups migration articles 0003 made, with the permissions
    later migrations moved along with their models — the desk is tested on what a real
    database gets. A transactional test (the browser's) flushes the database; the groups are
    then made again from that migration's own lists."""
    if Group.objects.filter(name__in=[publishing.EDITORS, publishing.REPORTERS]).count() < 2:
        _groups_from_the_migration()
    return Group.objects.get(name=publishing.EDITORS), Group.objects.get(name=publishing.REPORTERS)


def _groups_from_the_migration():
    roles = importlib.import_module("articles.migrations.0003_desk_roles")

    def permissions(pairs, extra=()):
        # By codename, whatever app the model has moved to since (image -> pictures).
        codenames = [f"{action}_{model}" for model, actions in pairs for action in actions] + list(extra)
        found = Permission.objects.filter(codename__in=codenames)
        assert found.count() == len(set(codenames)), "a permission of migration 0003 is missing"
        return found

    reporters, _ = Group.objects.get_or_create(name=roles.REPORTERS)
    reporters.permissions.set(permissions(roles.REPORTER_PERMISSIONS.items()))
    editors, _ = Group.objects.get_or_create(name=roles.EDITORS)
    pairs = [(model, ("add", "change", "delete", "view")) for model in roles.EDITOR_MODELS]
    pairs += [("workflowevent", ("view",)), ("editlock", ("view",))]
    editors.permissions.set(permissions(pairs, roles.EDITOR_EXTRA))
