"""The reader pages' template filters and tags: dates, reading time, head tags, sharing."""

from urllib.parse import quote, urlencode

from django import template
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext

from articles import dates as _dates
from articles import languages as _languages
from articles.html import reading_minutes
from articles.site.structured_data import as_script, breadcrumbs, news_article

register = template.Library()


@register.filter
def shown_language(obj, field):
    """`image|shown_language:"caption"` — the language the field's text is in on this page."""
    return _languages.shown_language(obj, field)


@register.filter
def get_item(mapping, key):
    """`mapping|get_item:key` — a dict lookup with a variable key."""
    return (mapping or {}).get(key)


@register.filter
def newsdate(value, arg=""):
    """`value|newsdate` — Hijri and Gregorian with the time; `value|newsdate:"date"` without it."""
    return _dates.format_date(value, with_time=arg != "date")


@register.filter
def isodate(value):
    """`value|isodate` — ISO 8601 with offset, no microseconds (for <time datetime>)."""
    return _dates.iso(value) or ""


@register.filter
def reading_time(body):
    """`article.body|reading_time` — "4 دقائق" / "4 min": gettext picks the plural form
    (Arabic has six; locale/ar holds them). The desk's form counts the same way, live."""
    minutes = reading_minutes(body)
    return ngettext("دقيقة واحدة", "%(count)s دقيقة", minutes) % {"count": minutes}


@register.simple_tag(takes_context=True)
def absolute(context, url):
    """`{% absolute url %}` — the URL with scheme and host, for canonical links and meta tags."""
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url


@register.simple_tag(takes_context=True)
def share_links(context, article):
    """Plain share links (no third-party script): [(name, href), …]."""
    url = absolute(context, article.get_absolute_url())
    title = article.headline
    return [
        ("X", "https://x.com/intent/post?" + urlencode({"text": title, "url": url})),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
        ("WhatsApp", "https://wa.me/?" + urlencode({"text": f"{title} {url}"})),
        ("Telegram", "https://t.me/share/url?" + urlencode({"url": url, "text": title})),
        ("email", f"mailto:?subject={quote(title)}&body={quote(url)}"),
    ]


@register.simple_tag(takes_context=True)
def news_article_jsonld(context, article):
    """`{% news_article_jsonld article %}` — the story's schema.org NewsArticle script, then
    its BreadcrumbList (home › section › story)."""
    request = context["request"]
    return mark_safe(as_script(news_article(article, request)) + as_script(breadcrumbs(article, request)))


@register.inclusion_tag("articles/_head.html", takes_context=True)
def reader_head(context, title="", description="", image="", kind="website", image_alt=""):
    """Robots (noindex for an empty list, else large image previews allowed), canonical URL,
    hreflang alternates, feeds, Open Graph and Twitter card tags."""
    request = context.get("request")
    editions = context.get("editions") or context.get("default_editions") or {}
    build = request.build_absolute_uri if request else (lambda url: url)
    alternates = [(code, build(url)) for code, url in editions.items() if url]
    if "ar" in editions and editions["ar"]:
        alternates.append(("x-default", build(editions["ar"])))
    canonical = ""
    if request:
        # A later page of a list is its own page; any other query string is not.
        number = request.GET.get("page", "")
        canonical = build(request.path + (f"?page={number}" if number.isdigit() and number != "1" else ""))
    return {
        "canonical": canonical,
        "alternates": alternates,
        "title": title or context.get("site_name", ""),
        "description": description,
        "image": build(image) if image else build(static("img/logo.png")),
        "image_alt": image_alt if image else "",
        "kind": kind,
        "site_name": context.get("site_name", ""),
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
        # An empty list page: kept out of search engines (followed links still count).
        "noindex": context.get("noindex", False),
    }
