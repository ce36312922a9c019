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

from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_delete

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


def connect(app_config):
    post_migrate.connect(search_columns_migrated, sender=app_config, dispatch_uid="search-migrated")
    post_save.connect(byline_changed, sender=Byline, dispatch_uid="search-byline-saved")
    post_delete.connect(byline_changed, sender=Byline, dispatch_uid="search-byline-deleted")
    m2m_changed.connect(tags_changed, sender=Article.tags.through, dispatch_uid="search-tags")
    post_save.connect(name_changed, sender=Author, dispatch_uid="search-author-renamed")
    post_save.connect(name_changed, sender=Tag, dispatch_uid="search-tag-renamed")
    pre_delete.connect(tag_deleting, sender=Tag, dispatch_uid="search-tag-deleting")
    post_delete.connect(tag_deleted, sender=Tag, dispatch_uid="search-tag-deleted")
