"""Responsive image renditions and the {% picture %} tag."""

import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from PIL import Image as PillowImage

from articles import renditions
from articles.models import Image


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def make_image(size=(1600, 1000), mode="RGB", fmt="JPEG", name="photo.jpg", **fields):
    buffer = io.BytesIO()
    PillowImage.new(mode, size, (200, 30, 30, 128) if mode == "RGBA" else (200, 30, 30)).save(buffer, fmt)
    return Image.objects.create(
        file=SimpleUploadedFile(name, buffer.getvalue()), alt_text_ar=fields.pop("alt", "صورة الحفل"), **fields
    )


def opened(media, rendition):
    return PillowImage.open(Path(media) / rendition.name)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt,pillow_format", [("webp", "WEBP"), ("jpeg", "JPEG")])
def test_renditions_are_made_at_each_width_in_each_format(media, fmt, pillow_format):
    image = make_image()
    for width in renditions.WIDTHS:
        made = renditions.rendition(image, width, fmt)
        with opened(media, made) as picture:
            assert picture.format == pillow_format
            assert picture.size == (width, width * 1000 // 1600) == (made.width, made.height)
        assert made.name.startswith("renditions/")


@pytest.mark.django_db
def test_names_are_deterministic_and_files_are_reused(media):
    image = make_image()
    first = renditions.rendition(image, 800, "webp")
    path = Path(media) / first.name
    stamp = path.stat().st_mtime_ns
    again = renditions.rendition(Image.objects.get(pk=image.pk), 800, "webp")
    assert again == first and path.stat().st_mtime_ns == stamp
    assert renditions.rendition(image, 800, "jpeg").name != first.name
    other = make_image(name="other.jpg")
    assert renditions.rendition(other, 800, "webp").name != first.name


@pytest.mark.django_db
def test_small_images_are_never_upscaled():
    image = make_image(size=(500, 300))
    assert renditions.widths_for(image) == [400, 500]
    assert renditions.rendition(image, 1200).width == 500
    tiny = make_image(size=(120, 80), name="tiny.jpg")
    assert renditions.widths_for(tiny) == [120]


@pytest.mark.django_db
@pytest.mark.parametrize("ratio,expected", [("16x9", (1200, 675)), ("4x3", (1200, 900)), ("1x1", (1000, 1000))])
def test_crop_url_gives_exact_ratios(media, ratio, expected):
    image = make_image(size=(1600, 1000))
    url = renditions.crop_url(image, ratio)
    assert url.endswith(f"-{ratio}.jpg")
    name = url.split("/media/", 1)[1] if "/media/" in url else url.lstrip("/")
    with PillowImage.open(Path(media) / name.removeprefix("media/")) as picture:
        assert picture.size == expected


@pytest.mark.django_db
def test_transparent_png_is_flattened_for_jpeg_and_kept_for_webp(media):
    image = make_image(mode="RGBA", fmt="PNG", name="logo.png")
    with opened(media, renditions.rendition(image, 400, "jpeg")) as picture:
        assert picture.mode == "RGB"
    with opened(media, renditions.rendition(image, 400, "webp")) as picture:
        assert picture.mode == "RGBA"


@pytest.mark.django_db
def test_unknown_ratio_or_format_is_refused():
    image = make_image()
    with pytest.raises(ValueError):
        renditions.rendition(image, 400, "gif")
    with pytest.raises(ValueError):
        renditions.crop_url(image, "3x2")


def render(snippet, **context):
    return Template("{% load pictures %}" + snippet).render(Context(context))


@pytest.mark.django_db
def test_picture_tag_renders_webp_and_jpeg_srcsets_with_size_and_alt():
    image = make_image()
    html = render('{% picture image sizes="100vw" %}', image=image)
    assert html.count("<source") == 2
    assert re.search(r'<source type="image/webp" srcset="[^"]+-400w\.webp 400w, [^"]+-800w\.webp 800w, [^"]+-1200w\.webp 1200w" sizes="100vw">', html)
    assert 'type="image/jpeg"' in html and "-1200w.jpg 1200w" in html
    assert re.search(r'<img src="[^"]+-1200w\.jpg" alt="صورة الحفل" width="1200" height="750"', html) and 'alt="صورة الحفل"' in html
    assert 'loading="lazy"' in html and "fetchpriority" not in html


@pytest.mark.django_db
def test_lead_picture_loads_at_once_with_high_priority():
    html = render("{% picture image lead=True %}", image=make_image())
    assert 'fetchpriority="high"' in html and 'loading="lazy"' not in html


@pytest.mark.django_db
def test_alt_text_is_escaped_and_a_broken_file_falls_back_to_the_original(media):
    image = make_image(alt='"><script>')
    html = render("{% picture image %}", image=image)
    assert "<script>" not in html and "&quot;&gt;&lt;script&gt;" in html
    Path(image.file.path).write_bytes(b"not an image")
    Image.objects.filter(pk=image.pk).update(width=None, height=None)
    broken = Image.objects.get(pk=image.pk)
    html = render("{% picture image %}", image=broken)
    assert "<source" not in html and f'src="{broken.file.url}"' in html


@pytest.mark.django_db
def test_story_card_and_article_page_use_the_picture(client, demo):
    image = make_image()
    demo.lead_image = image
    demo.save()
    listing = client.get(demo.section.get_absolute_url()).content.decode()
    assert '<div class="story-card__image"><picture>' in listing and "-16x9.webp" in listing
    page = client.get(demo.get_absolute_url()).content.decode()
    assert 'fetchpriority="high"' in page and "<picture>" in page and 'type="image/webp"' in page
