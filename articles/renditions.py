"""Responsive image renditions: smaller copies of an Image, made on demand and kept.

A rendition is the picture scaled to one width (400, 800, 1200 px; never upscaled), as WebP
with a JPEG fallback, optionally cropped to a ratio (16x9, 4x3, 1x1, for cards and JSON-LD).
Files live under MEDIA_ROOT/renditions/ with names derived from the source file's name, the
width, the crop and the format, so the same request always gives the same file, a replaced
upload gets new names (no stale caches), and nothing needs a database row.
"""

import hashlib
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from PIL import Image as PillowImage
from PIL import ImageOps

logger = logging.getLogger(__name__)

WIDTHS = (400, 800, 1200)
FORMATS = {"webp": ("WEBP", {"quality": 80, "method": 4}), "jpeg": ("JPEG", {"quality": 82, "optimize": True, "progressive": True})}
RATIOS = {"16x9": (16, 9), "4x3": (4, 3), "1x1": (1, 1)}
FOLDER = "renditions"


@dataclass(frozen=True)
class Rendition:
    name: str
    width: int
    height: int

    @property
    def url(self):
        return default_storage.url(self.name)


def _source_size(image):
    if image.width and image.height:
        return image.width, image.height
    with image.file.open("rb") as handle, PillowImage.open(handle) as picture:
        return picture.size


def _target_size(source, width, ratio):
    """The rendition's (width, height): cropped to `ratio`, never wider than the source."""
    source_width, source_height = source
    if ratio:
        across, down = RATIOS[ratio]
        crop_width = min(source_width, source_height * across // down)
        crop_height = crop_width * down // across
    else:
        crop_width, crop_height = source_width, source_height
    width = min(width, crop_width)
    if ratio:
        # From the ratio itself, so a 4x3 crop is exactly 4:3 whatever the source size.
        return width, max(1, round(width * down / across))
    return width, max(1, round(crop_height * width / crop_width))


def _name(image, width, fmt, ratio):
    digest = hashlib.sha1(image.file.name.encode("utf-8")).hexdigest()[:12]
    stem = Path(image.file.name).stem[:40]
    crop = f"-{ratio}" if ratio else ""
    extension = "jpg" if fmt == "jpeg" else fmt
    return f"{FOLDER}/{digest[:2]}/{stem}-{digest}-{width}w{crop}.{extension}"


def _render(image, name, size, fmt, ratio):
    with image.file.open("rb") as handle, PillowImage.open(handle) as picture:
        picture = ImageOps.exif_transpose(picture)
        if ratio:
            picture = ImageOps.fit(picture, size, method=PillowImage.Resampling.LANCZOS, centering=(0.5, 0.5))
        else:
            picture = picture.resize(size, PillowImage.Resampling.LANCZOS)
        if fmt == "jpeg" and picture.mode != "RGB":
            # JPEG has no transparency: flatten onto white rather than black.
            flat = PillowImage.new("RGB", picture.size, "white")
            rgba = picture.convert("RGBA")
            flat.paste(rgba, mask=rgba.getchannel("A"))
            picture = flat
        elif picture.mode not in ("RGB", "RGBA"):
            picture = picture.convert("RGBA" if "A" in picture.getbands() else "RGB")
        pillow_format, options = FORMATS[fmt]
        path = Path(settings.MEDIA_ROOT) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename: two requests rendering at once never serve a half-written file.
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
        try:
            with os.fdopen(descriptor, "wb") as out:
                picture.save(out, pillow_format, **options)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def rendition(image, width, fmt="jpeg", ratio=None):
    """The Rendition of `image` at `width` in `fmt` (made now if it does not exist yet)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    if ratio is not None and ratio not in RATIOS:
        raise ValueError(f"unknown ratio {ratio!r}")
    size = _target_size(_source_size(image), width, ratio)
    name = _name(image, size[0], fmt, ratio)
    if not (Path(settings.MEDIA_ROOT) / name).exists():
        _render(image, name, size, fmt, ratio)
    return Rendition(name, *size)


def widths_for(image, ratio=None):
    """The widths worth offering for this image: the standard ones it is wide enough for,
    or its own width when it is narrower than all of them."""
    full_width = _target_size(_source_size(image), 10**6, ratio)[0]
    return sorted({min(width, full_width) for width in WIDTHS})


def srcset(image, fmt, ratio=None):
    renditions = [rendition(image, width, fmt, ratio) for width in widths_for(image, ratio)]
    return renditions, ", ".join(f"{r.url} {r.width}w" for r in renditions)


def crop_url(image, ratio, width=1200):
    """A JPEG of `image` cropped to `ratio` ("16x9", "4x3" or "1x1"), e.g. for JSON-LD."""
    return rendition(image, width, "jpeg", ratio).url
