"""The desk's two roles as groups, as they were when this migration was written.

A frozen copy of articles/roles.py at the time: a migration is history and imports no app
module, so a later change to roles.py cannot break a fresh `migrate`. Only superusers manage
users and groups: no auth permissions here.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

REPORTER_PERMISSIONS = {
    "article": ("add", "change", "view"),
    "byline": ("add", "change", "delete", "view"),
    "author": ("view",),
    "section": ("view",),
    "tag": ("view",),
    "image": ("add", "view"),
    "awardwin": ("view",),
    "correction": ("view",),
    "workflowevent": ("view",),
}
EDITOR_EXTRA = ("publish_article", "send_back_article", "correct_article", "edit_any_article")
EDITOR_MODELS = (
    "article", "byline", "author", "section", "tag", "image", "correction",
    "organisation", "award", "awardcategory", "awardwin",
)
EDITORS = "Editors"
REPORTERS = "Reporters"


def create_roles(apps, schema_editor):
    # In a fresh database, permissions are created after migrations run: make them now,
    # from this migration's historical models (the registry's app config only names the app).
    create_permissions(global_apps.get_app_config("articles"), verbosity=0, apps=apps)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    articles = Permission.objects.filter(content_type__app_label="articles")

    def perms(pairs):
        codenames = [f"{action}_{model}" for model, actions in pairs for action in actions]
        found = list(articles.filter(codename__in=codenames))
        missing = set(codenames) - {p.codename for p in found}
        if missing:
            raise RuntimeError(f"Missing permissions: {sorted(missing)}")
        return found

    reporters, _ = Group.objects.get_or_create(name=REPORTERS)
    reporters.permissions.set(perms(REPORTER_PERMISSIONS.items()))

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editor_pairs = [(model, ("add", "change", "delete", "view")) for model in EDITOR_MODELS]
    editor_pairs += [("workflowevent", ("view",)), ("editlock", ("view",))]
    editors.permissions.set(perms(editor_pairs) + list(articles.filter(codename__in=EDITOR_EXTRA)))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, REPORTERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_desk_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
