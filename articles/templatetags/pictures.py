"""`{% picture image sizes="…" %}`: a responsive <picture> (WebP, JPEG fallback) for an Image."""

import logging

from django import template

from .. import renditions

register = template.Library()
logger = logging.getLogger(__name__)


@register.inclusion_tag("articles/_picture.html")
def picture(image, sizes="100vw", lead=False, ratio=None, css_class=""):
    """Render `image` at the widths in renditions.WIDTHS.

    lead=True is for the picture at the top of a page: loaded at once with high priority;
    every other picture is lazy. A missing or unreadable file falls back to the original.
    """
    context = {"image": image, "sizes": sizes, "lead": lead, "css_class": css_class, "alt": image.alt_text if image else ""}
    if not image or not image.file:
        return {**context, "image": None}
    try:
        _webp, context["webp_srcset"] = renditions.srcset(image, "webp", ratio)
        jpegs, context["jpeg_srcset"] = renditions.srcset(image, "jpeg", ratio)
    except (OSError, ValueError) as error:
        logger.warning("No renditions for image %s: %s", image.pk, error)
        return {**context, "src": image.file.url, "width": image.width, "height": image.height}
    # The <img> carries the largest JPEG: browsers that read srcset pick their own; its
    # width/height give the box its aspect ratio before anything loads.
    fallback = jpegs[-1]
    return {**context, "src": fallback.url, "width": fallback.width, "height": fallback.height}
