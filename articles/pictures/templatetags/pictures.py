"""`{% picture image sizes="…" %}`: a responsive <picture> (WebP, JPEG fallback) for an Image,
and `{{ image|share_image }}`, the picture for Open Graph and Twitter cards.

Both only read the renditions that exist (articles/renditions.py); they never make one. Prefetch
`lead_image__renditions` (as `for_detail()` and `for_listing()` do) and a page of pictures costs
no query per picture.
"""

from django import template
from django.utils.translation import get_language

from articles.pictures import body_pictures, renditions, share_cards

register = template.Library()


@register.inclusion_tag("articles/_picture.html", takes_context=True)
def picture(context, image, sizes="100vw", lead=False, ratio="", css_class=""):
    """Render `image` at the widths its renditions have (the crop `ratio`, e.g. "16x9", if given).

    lead=True is for the picture at the top of a page: loaded at once with high priority;
    every other picture is lazy. A picture without renditions shows its original. An
    `absolute_url` function in the context (the API's) makes every address absolute.
    """
    url = context.get("absolute_url") or (lambda address: address)
    shown = {
        "image": image,
        "sizes": sizes,
        "lead": lead,
        "css_class": css_class,
        "alt": image.alt_text if image else "",
    }
    if not image or not image.file:
        return {**shown, "image": None}
    ratio = ratio or ""
    _webps, shown["webp_srcset"] = renditions.srcset(image, "webp", ratio, url=url)
    jpegs, shown["jpeg_srcset"] = renditions.srcset(image, "jpeg", ratio, url=url)
    if not jpegs:
        return {**shown, "src": url(image.file.url), "width": image.width, "height": image.height}
    # The <img> carries the largest JPEG: browsers that read srcset pick their own; its
    # width/height give the box its aspect ratio before anything loads.
    fallback = jpegs[-1]
    return {**shown, "src": url(fallback.url), "width": fallback.width, "height": fallback.height}


@register.simple_tag
def body_with_pictures(body):
    """`{% body_with_pictures article.body %}`: the body, its library pictures drawn from their
    renditions with caption and credit (two queries when it has any, whatever their number)."""
    return body_pictures.render(body)


@register.filter
def share_card(article):
    """The URL of the story's headline card in the active edition ("" until it is drawn)."""
    return share_cards.card_url(article, get_language())


@register.filter
def share_image(image):
    """The URL to share `image` by (a 16:9 rendition, else the original); "" without one."""
    return renditions.share_url(image)
