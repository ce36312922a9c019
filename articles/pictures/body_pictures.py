"""Pictures inside a story's body, as readers get them.

A body stores a library picture as `<figure data-image-id="12"></figure>` (articles/html.py
keeps exactly that). Here each one becomes the picture as the page shows a lead picture — a
responsive <picture> from its renditions, alt text, caption and credit — and a picture that has
since been deleted leaves nothing behind. The pictures of a body are fetched together: one
query for the pictures and one for their renditions, however many there are (none when the
body has no picture); no rendition is ever cut here.
"""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from articles.html import BODY_PICTURE, body_picture_ids
from articles.pictures.models import Image

TEMPLATE = "articles/_lead_image.html"


def pictures_in(*bodies):
    """{id: Image} for the pictures the bodies name, renditions prefetched."""
    ids = {found for body in bodies for found in body_picture_ids(body)}
    if not ids:
        return {}
    return {image.pk: image for image in Image.objects.filter(pk__in=ids).prefetch_related("renditions")}


def render(body, pictures=None, absolute_url=None):
    """The body's HTML with each library picture drawn in full (safe: the body was sanitised
    on save and the pictures are rendered by a template). `absolute_url` turns the pictures'
    addresses into absolute ones (the API)."""
    if not body or "<figure" not in body:
        return mark_safe(body or "")
    found = pictures_in(body) if pictures is None else pictures

    def draw(match):
        image = found.get(int(match.group(1)))
        if image is None or not image.file:
            return ""
        return render_to_string(
            TEMPLATE, {"image": image, "eager": False, "absolute_url": absolute_url}
        ).strip()

    return mark_safe(BODY_PICTURE.sub(draw, body))
