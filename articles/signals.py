"""Signal receivers: keep stories' search columns right when the names they hold change
(a picture's receivers are in articles/pictures/signals.py).

A story's search columns hold its byline and tag names, which live in other tables. When
one of those changes, the stories concerned are refreshed with
`ArticleQuerySet.refresh_search_columns()` (a fixed number of queries, however many
stories). Connected in `ArticlesConfig.ready()`.

`bulk_create`, `QuerySet.update()` and loaddata's raw saves send no such signals: code
that writes bylines that way refreshes the stories itself (see articles/importing.py),
and `manage.py fill_search_columns` refills every story after a fixture load.
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_delete, pre_save

from articles import freshness
from articles.arabic import name_key
from articles.models import Article, Author, Byline, Tag


def byline_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    Article.objects.filter(pk=instance.article_id).refresh_search_columns()


def tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse:
        # story.tags.add/remove/clear/set: one story.
        if action in ("post_add", "post_remove", "post_clear"):
            Article.objects.filter(pk=instance.pk).refresh_search_columns()
        return
    # tag.articles.add/remove(...): pk_set are the stories; on clear, remember them first.
    if action == "pre_clear":
        instance._search_stories_cleared = list(instance.articles.values_list("pk", flat=True))
    elif action in ("post_add", "post_remove"):
        Article.objects.filter(pk__in=pk_set).refresh_search_columns()
    elif action == "post_clear":
        stories = getattr(instance, "_search_stories_cleared", [])
        Article.objects.filter(pk__in=stories).refresh_search_columns()


def name_changed(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    """An author or tag renamed: their stories must be found under the new name."""
    if created or raw:
        return
    if update_fields is not None and not any(field.startswith("name") for field in update_fields):
        return  # a save that cannot have changed the name
    instance.articles.all().refresh_search_columns()


def tag_deleting(sender, instance, **kwargs):
    # The tag's story links are gone by post_delete: remember the stories now.
    instance._search_stories = list(instance.articles.values_list("pk", flat=True))


def tag_deleted(sender, instance, **kwargs):
    Article.objects.filter(pk__in=getattr(instance, "_search_stories", [])).refresh_search_columns()


def search_columns_migrated(sender, using="default", **kwargs):
    """After `migrate`: refill the columns of stories stored under an older analysis. The
    columns are derived data, so today's code (not a migration's frozen copy) writes them,
    as Django itself fills permissions and content types after migrate."""
    Article.objects.using(using).with_stale_search_columns().refresh_search_columns()


# What readers see (articles/freshness.py): each model that readers see declares, in
# shown_keys(), what a change to a row touches; these receivers pass it on. Models without
# shown_keys() (autosaves, locks, preview links, notifications, workflow events) are the
# desk's alone and invalidate nothing.


def _story_state_before(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk:
        return
    loaded = getattr(instance, "_public_state_loaded", None)
    instance._public_state_before = loaded or (
        Article.objects.filter(pk=instance.pk).values(*Article.PUBLIC_STATE).first()
    )


def shown_row_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_public_state_before", None)
    freshness.changed(*instance.shown_keys(before))
    if sender is Article:
        instance._public_state_loaded = instance.public_state()  # what the next save compares with
        freshness.schedule_changed(Article.objects.next_due)  # the reader's side never looks it up


def shown_row_deleting(sender, instance, **kwargs):
    # Before the row goes: a story's bylines and tags still say which lists it was in.
    if sender is Article:
        instance.__dict__.pop("_named_as_saved", None)  # read the links as they are now
        freshness.changed(*instance.shown_keys(instance.public_state(), gone=True))
        if Article.state_is_scheduled(instance.public_state()):
            freshness.schedule_changed(Article.objects.next_due)
    else:
        freshness.changed(*instance.shown_keys())


def story_links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A public story's tags or award wins: the story, and the tag lists it joins or leaves."""
    if action not in ("pre_clear", "post_add", "post_remove"):
        return
    stories = Article.objects.filter(pk__in=pk_set or ()) if reverse else [instance]
    touched = set()
    for story in stories:
        if not story.is_public:
            continue
        touched |= {freshness.key(story), freshness.STORIES}
        if sender is Article.tags.through:
            tag_ids = (
                [instance.pk]
                if reverse
                else (pk_set if action != "pre_clear" else story.tags.values_list("pk", flat=True))
            )
            touched |= {freshness.list_of("tag", pk) for pk in tag_ids}
    freshness.changed(*touched)


def connect_freshness():
    """Every model of the newsroom's apps that declares shown_keys() (the core's, the
    picture library's, those of apps to come)."""
    pre_save.connect(_story_state_before, sender=Article, dispatch_uid="shown-story-before")
    newsroom_apps = [config for config in apps.get_app_configs() if config.name.split(".")[0] == "articles"]
    for model in (model for config in newsroom_apps for model in config.get_models()):
        if hasattr(model, "shown_keys"):
            uid = f"shown-{model._meta.model_name}"
            post_save.connect(shown_row_saved, sender=model, dispatch_uid=f"{uid}-saved")
            pre_delete.connect(shown_row_deleting, sender=model, dispatch_uid=f"{uid}-deleting")
    for through in (Article.tags.through, Article.award_wins.through):
        m2m_changed.connect(story_links_changed, sender=through, dispatch_uid=f"shown-{through.__name__}")


def author_name_keys_migrated(sender, using="default", **kwargs):
    """After `migrate`: re-key authors keyed by an older rule (before compound names were
    joined), so the importer finds «عبد الرحمن» under «عبدالرحمن». Authors are few."""
    stale = []
    for author in Author.objects.using(using).only("pk", "name_ar", "name_key").iterator():
        key = name_key(author.name_ar)
        if author.name_key != key:
            author.name_key = key
            stale.append(author)
    Author.objects.using(using).bulk_update(stale, ["name_key"], batch_size=500)


def connect(app_config):
    connect_freshness()
    post_migrate.connect(author_name_keys_migrated, sender=app_config, dispatch_uid="author-keys-migrated")
    post_migrate.connect(search_columns_migrated, sender=app_config, dispatch_uid="search-migrated")
    post_save.connect(byline_changed, sender=Byline, dispatch_uid="search-byline-saved")
    post_delete.connect(byline_changed, sender=Byline, dispatch_uid="search-byline-deleted")
    m2m_changed.connect(tags_changed, sender=Article.tags.through, dispatch_uid="search-tags")
    post_save.connect(name_changed, sender=Author, dispatch_uid="search-author-renamed")
    post_save.connect(name_changed, sender=Tag, dispatch_uid="search-tag-renamed")
    pre_delete.connect(tag_deleting, sender=Tag, dispatch_uid="search-tag-deleting")
    post_delete.connect(tag_deleted, sender=Tag, dispatch_uid="search-tag-deleted")
