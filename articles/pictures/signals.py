"""The picture library's signal receivers, connected in `PicturesConfig.ready()`: cut a
picture's renditions when it is saved, remove a deleted rendition's file, keep pictures'
search keys, draw the share card of a published story with no picture (share_cards.py). (What a change to a picture makes stale is declared by the models'
`shown_keys()` and passed on by the core's receivers, articles/signals.py.)

`bulk_create`, `QuerySet.update()` and loaddata's raw saves send no signals: `manage.py
make_renditions` cuts the renditions of pictures saved that way, `manage.py
make_share_cards` draws the cards of stories saved that way.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save

from articles.models import Article

from . import renditions, share_cards
from .models import Image, Rendition


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


def picture_search_keys_migrated(sender, using="default", **kwargs):
    """After `migrate`: fold the words of pictures saved before the library had a search key
    (a picture with no words at all keeps an empty key and costs nothing)."""
    stale = []
    for image in Image.objects.using(using).filter(search_key="").iterator():
        image.search_key = image.folded_words()
        if image.search_key:
            stale.append(image)
    Image.objects.using(using).bulk_update(stale, ["search_key"], batch_size=500)


def connect(app_config):
    post_migrate.connect(
        picture_search_keys_migrated, sender=app_config, dispatch_uid="picture-search-migrated"
    )
    post_save.connect(picture_saved, sender=Image, dispatch_uid="renditions-picture-saved")
    post_delete.connect(rendition_deleted, sender=Rendition, dispatch_uid="renditions-file-deleted")
    post_save.connect(share_cards.story_saved, sender=Article, dispatch_uid="share-cards-story-saved")
