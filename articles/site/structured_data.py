"""schema.org NewsArticle as JSON-LD: what search engines and news apps read from a story."""

import json

from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language

from articles import dates
from articles.context_processors import site_name
from articles.pictures import renditions, share_cards

# Square, 512 px (Google wants a publisher logo of at least 112 px on its short side for
# some surfaces; the 600×60 wordmark was 60): articles.pictures.share_cards.logo_mark(512).
LOGO = "img/logo-square.png"
LOGO_SIZE = (512, 512)


def article_images(article, absolute):
    """Absolute URLs of the story's shared picture (its social image, else its lead picture)
    for `image`: its 16:9, 4:3 and 1:1 renditions, as Google asks of news articles, then the
    original. Only renditions that exist are listed (none are made here); a picture without
    them is offered as it is."""
    image = article.share_picture
    if image is None or not image.file:
        # No picture: the headline card (1200×675), once drawn (articles/pictures/share_cards.py).
        card = share_cards.card_url(article, get_language())
        return [absolute(card)] if card else []
    return [*(absolute(url) for url in renditions.crop_urls(image)), absolute(image.file.url)]


def publisher(absolute):
    return {
        "@type": "NewsMediaOrganization",
        "name": site_name(),
        "url": absolute("/"),
        "logo": {
            "@type": "ImageObject",
            "url": absolute(static(LOGO)),
            "width": LOGO_SIZE[0],
            "height": LOGO_SIZE[1],
        },
    }


def news_article(article, request):
    """The NewsArticle for `article` in the active language, as a dict."""
    absolute = request.build_absolute_uri
    url = absolute(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        # The edition's SEO title and description when the desk wrote them (Article.page_title).
        "headline": article.page_title,
        "description": article.page_description,
        "inLanguage": get_language(),
        "datePublished": dates.iso(article.published_at),
        "dateModified": dates.iso(article.revised_at or article.published_at),
        "author": [
            {"@type": "Person", "name": author.name, "url": absolute(author.get_absolute_url())}
            for author in article.byline
        ],
        "publisher": publisher(absolute),
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.tags.all()],
    }
    images = article_images(article, absolute)
    if images:
        data["image"] = images
    if article.dateline:
        data["dateline"] = article.dateline
        data["locationCreated"] = {"@type": "Place", "name": article.dateline}
    corrections = [
        {
            "@type": "CorrectionComment",
            "text": note.text,
            "datePublished": dates.iso(note.published_at),
        }
        for note in article.corrections.all()
    ]
    if corrections:
        data["correction"] = corrections
    return data


def breadcrumbs(article, request):
    """schema.org BreadcrumbList: the front page, the story's section, the story."""
    absolute = request.build_absolute_uri
    trail = [
        (site_name(), absolute(reverse("articles:home"))),
        (article.section.name, absolute(article.section.get_absolute_url())),
        (article.page_title, absolute(article.get_absolute_url())),
    ]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": url}
            for n, (name, url) in enumerate(trail, 1)
        ],
    }


def as_script(data):
    """`<script type="application/ld+json">` with <, > and & escaped so no text can end it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'
