"""The desk's two roles as groups. Only superusers manage users and groups: no auth perms here."""

# Models a reporter only needs to see (to pick from autocompletes) and the ones they fill in.
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


def ensure_roles(apps):
    """Create or refresh the Editors and Reporters groups (callable from a data migration)."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    # In a fresh database, permissions are created after migrations run: make them now.
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
    editor_perms = perms(editor_pairs) + list(articles.filter(codename__in=EDITOR_EXTRA))
    editors.permissions.set(editor_perms)
    return editors, reporters
