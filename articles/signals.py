"""Signal receivers: keep stories' search columns right when the names they hold change,
and cut a picture's renditions when it is saved.

A story's search columns hold its byline and tag names, which live in other tables. When
one of those changes, the stories concerned are refreshed with
`ArticleQuerySet.refresh_search_columns()` (a fixed number of queries, however many
stories). Connected in `ArticlesConfig.ready()`.

`bulk_create`, `QuerySet.update()` and loaddata's raw saves send no such signals: code
that writes bylines that way refreshes the stories itself (see articles/importing.py),
and `manage.py fill_search_columns` refills every story after a fixture load; likewise
`manage.py make_renditions` cuts the renditions of pictures saved that way.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_delete

from . import renditions, share_cards
from .arabic import name_key
from .models import Article, Author, Byline, Image, Rendition, Tag


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


def picture_saved(sender, instance, raw=False, **kwargs):
    """Cut a saved picture's renditions once its row is committed, so a rolled-back upload
    leaves no files behind and the admin's transaction is not held open by image work.
    Robust: a storage failure is logged and leaves the picture saved (pages show the
    original; `make_renditions` catches up), rather than failing the editor's request."""
    if raw:
        return
    pk = instance.pk

    def make():
        image = Image.objects.filter(pk=pk).first()
        if image is not None:
            renditions.make_renditions(image)

    transaction.on_commit(make, robust=True)


def rendition_deleted(sender, instance, **kwargs):
    """Remove a deleted rendition's file from the storage once the deletion is committed,
    unless a newer rendition was stored under the same name meanwhile."""
    name, storage = instance.file.name, instance.file.storage
    if not name:
        return

    def delete():
        if not Rendition.objects.filter(file=name).exists() and storage.exists(name):
            storage.delete(name)

    transaction.on_commit(delete)


def search_columns_migrated(sender, using="default", **kwargs):
    """After `migrate`: refill the columns of stories stored under an older analysis. The
    columns are derived data, so today's code (not a migration's frozen copy) writes them,
    as Django itself fills permissions and content types after migrate."""
    Article.objects.using(using).with_stale_search_columns().refresh_search_columns()


def picture_search_keys_migrated(sender, using="default", **kwargs):
    """After `migrate`: fold the words of pictures saved before the library had a search key
    (a picture with no words at all keeps an empty key and costs nothing)."""
    stale = []
    for image in Image.objects.using(using).filter(search_key="").iterator():
        image.search_key = image.folded_words()
        if image.search_key:
            stale.append(image)
    Image.objects.using(using).bulk_update(stale, ["search_key"], batch_size=500)


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
    post_migrate.connect(author_name_keys_migrated, sender=app_config, dispatch_uid="author-keys-migrated")
    post_migrate.connect(search_columns_migrated, sender=app_config, dispatch_uid="search-migrated")
    post_migrate.connect(picture_search_keys_migrated, sender=app_config, dispatch_uid="picture-search-migrated")
    post_save.connect(byline_changed, sender=Byline, dispatch_uid="search-byline-saved")
    post_delete.connect(byline_changed, sender=Byline, dispatch_uid="search-byline-deleted")
    m2m_changed.connect(tags_changed, sender=Article.tags.through, dispatch_uid="search-tags")
    post_save.connect(name_changed, sender=Author, dispatch_uid="search-author-renamed")
    post_save.connect(name_changed, sender=Tag, dispatch_uid="search-tag-renamed")
    pre_delete.connect(tag_deleting, sender=Tag, dispatch_uid="search-tag-deleting")
    post_delete.connect(tag_deleted, sender=Tag, dispatch_uid="search-tag-deleted")
    post_save.connect(picture_saved, sender=Image, dispatch_uid="renditions-picture-saved")
    post_save.connect(share_cards.story_saved, sender=Article, dispatch_uid="share-cards-story-saved")
    post_delete.connect(rendition_deleted, sender=Rendition, dispatch_uid="renditions-file-deleted")
