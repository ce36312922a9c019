"""Signal receivers, connected when the app is ready (articles/apps.py)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import renditions
from .models import Image, Rendition


@receiver(post_save, sender=Image, dispatch_uid="articles.make_renditions")
def make_renditions_for_saved_picture(sender, instance, raw=False, **kwargs):
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


@receiver(post_delete, sender=Rendition, dispatch_uid="articles.delete_rendition_file")
def delete_rendition_file(sender, instance, **kwargs):
    """Remove a deleted rendition's file from the storage once the deletion is committed,
    unless a newer rendition was stored under the same name meanwhile."""
    name, storage = instance.file.name, instance.file.storage
    if not name:
        return

    def delete():
        if not Rendition.objects.filter(file=name).exists() and storage.exists(name):
            storage.delete(name)

    transaction.on_commit(delete)
