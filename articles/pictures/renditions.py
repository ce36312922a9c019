"""Responsive image renditions: smaller cuts of an Image, made when it is saved, kept as rows.

A rendition is the picture scaled to one width (400, 800, 1200 px; never upscaled), optionally
cropped to a ratio (16:9 for cards and sharing; 4:3 and 1:1 as well for JSON-LD), in WebP or
JPEG; CUTS says which an Image gets. Each is a `Rendition` row whose file lives in the default
storage, reached only through the storage API (open, save, delete, url), never a filesystem
path: S3 or any other backend works unchanged.

Writing: `make_renditions()`, called after a picture is saved (articles/signals.py) and by the
`make_renditions` command for pictures that existed before. Reading: `srcset()`, `best()`,
`share_url()`, `listing()` only look at the picture's rows (prefetched with the picture, so no
query and no storage call per picture) and never make one; with none, callers show the original.
"""

import io
import logging
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import prefetch_related_objects
from PIL import Image as PillowImage
from PIL import ImageOps, UnidentifiedImageError

from articles import freshness
from articles.pictures.models import Rendition

logger = logging.getLogger(__name__)

WIDTHS = (400, 800, 1200)
RATIOS = {"16x9": (16, 9), "4x3": (4, 3), "1x1": (1, 1)}
ENCODERS = {
    "webp": ("WEBP", {"quality": 80, "method": 4}),
    "jpeg": ("JPEG", {"quality": 82, "optimize": True, "progressive": True}),
}
EXTENSIONS = {"webp": "webp", "jpeg": "jpg"}
FOLDER = "renditions"
# Pillow's errors for a file it cannot read or decode.
UNREADABLE = (OSError, UnidentifiedImageError, ValueError, SyntaxError, PillowImage.DecompressionBombError)


@dataclass(frozen=True)
class Cut:
    crop: str
    widths: tuple
    formats: tuple


# The reader's responsive pictures (whole for the lead picture, 16:9 for story cards, sharing
# and the admin's thumbnails) and the 4:3 and 1:1 crops Google asks of a news article's image.
CUTS = (
    Cut("", WIDTHS, ("webp", "jpeg")),
    Cut("16x9", WIDTHS, ("webp", "jpeg")),
    Cut("4x3", (1200,), ("jpeg",)),
    Cut("1x1", (1200,), ("jpeg",)),
)


def target_size(source, width, crop=""):
    """The rendition's (width, height): cropped to `crop`, never wider than the source."""
    source_width, source_height = source
    if crop:
        across, down = RATIOS[crop]
        crop_width = min(source_width, source_height * across // down)
        # From the ratio itself, so a 4x3 crop is exactly 4:3 whatever the source size.
        width = min(width, crop_width)
        return width, max(1, round(width * down / across))
    width = min(width, source_width)
    return width, max(1, round(source_height * width / source_width))


def crop_box(size, crop, focus=(0.5, 0.5)):
    """The (left, top, right, bottom) box of `size` to cut for `crop` (e.g. "16x9"): the largest
    box of that ratio, centred on the focal point `focus` (fractions of width and height) as
    far as the picture allows. The box always holds the focal point and never leaves the picture."""
    source_width, source_height = size
    across, down = RATIOS[crop]
    if source_width * down >= source_height * across:  # wider than the ratio: cut the sides
        box_width, box_height = min(source_width, max(1, round(source_height * across / down))), source_height
    else:  # taller: cut top and bottom
        box_width, box_height = source_width, min(source_height, max(1, round(source_width * down / across)))

    def start(length, box, fraction):
        return min(max(round(fraction * length - box / 2), 0), length - box)

    left, top = start(source_width, box_width, focus[0]), start(source_height, box_height, focus[1])
    return left, top, left + box_width, top + box_height


def planned(size):
    """{(crop, format, width): height} for every rendition a picture of `size` should have.
    A picture narrower than a standard width gets its own width instead (never upscaled)."""
    plan = {}
    for cut in CUTS:
        for wanted in cut.widths:
            width, height = target_size(size, wanted, cut.crop)
            for fmt in cut.formats:
                plan[(cut.crop, fmt, width)] = height
    return plan


def _encode(picture, fmt):
    if fmt == "jpeg" and picture.mode != "RGB":
        # JPEG has no transparency: flatten onto white rather than black.
        flat = PillowImage.new("RGB", picture.size, "white")
        rgba = picture.convert("RGBA")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        picture = flat
    elif picture.mode not in ("RGB", "RGBA"):
        picture = picture.convert("RGBA" if "A" in picture.getbands() else "RGB")
    pillow_format, options = ENCODERS[fmt]
    output = io.BytesIO()
    picture.save(output, pillow_format, **options)
    return output.getvalue()


def _file_name(image, crop, width, fmt):
    stem = PurePosixPath(image.file.name).stem[:60]
    # A crop's name carries its focal point (in thousandths): a moved point gives new URLs,
    # so no browser or CDN keeps showing the old cut.
    if not crop:
        return f"{FOLDER}/{stem}-{width}w.{EXTENSIONS[fmt]}"
    focus = f"f{round(image.focal_x * 1000)}-{round(image.focal_y * 1000)}"
    return f"{FOLDER}/{stem}-{focus}-{width}w-{crop}.{EXTENSIONS[fmt]}"


def _store(image, crop, fmt, size, data):
    """Save one rendition's file through the storage, then its row; a row that appeared
    meanwhile (the command and an upload at once) wins and our file is dropped."""
    rendition = Rendition(
        image=image,
        crop=crop,
        format=fmt,
        width=size[0],
        height=size[1],
        source=image.file.name,
        focal_x=image.focal_x,
        focal_y=image.focal_y,
    )
    rendition.file.save(_file_name(image, crop, size[0], fmt), ContentFile(data), save=False)
    try:
        with transaction.atomic():
            rendition.save()
    except IntegrityError:
        rendition.file.storage.delete(rendition.file.name)
        return None
    return rendition


def _drop(renditions):
    # Row by row, so the post_delete receiver removes each file from the storage.
    for rendition in renditions:
        rendition.delete()


def _is_current(rendition, image):
    """Cut from the picture's present file and, for a crop, around its present focal point."""
    if rendition.source != image.file.name:
        return False
    return not rendition.crop or (rendition.focal_x, rendition.focal_y) == image.focus


def make_renditions(image, check_files=False):
    """Make the renditions `image` lacks and drop those it no longer needs (cut from a replaced
    file or around a moved focal point, or a size no longer planned). With `check_files`, a row whose file has gone from the
    storage is made again. Returns how many renditions were made.

    A picture Pillow cannot decode, or an animated GIF (a still cut would stop it moving), gets
    none: pages show the original.
    """
    existing = list(Rendition.objects.filter(image=image))
    if not image.file:
        _drop(existing)
        return 0
    current = {}
    for rendition in existing:
        if _is_current(rendition, image) and not (
            check_files and not rendition.file.storage.exists(rendition.file.name)
        ):
            current[(rendition.crop, rendition.format, rendition.width)] = rendition
    if image.width and image.height and set(planned((image.width, image.height))) == set(current):
        _drop(r for r in existing if r not in current.values())
        return 0
    made = 0
    try:
        with image.file.open("rb") as handle, PillowImage.open(handle) as source:
            if getattr(source, "is_animated", False):
                _drop(existing)
                return 0
            source = ImageOps.exif_transpose(source)
            plan = planned(source.size)
            _drop(r for r in existing if (r.crop, r.format, r.width) not in plan or r not in current.values())
            for cut in CUTS:
                wanted = sorted(
                    {
                        (key[2], height)
                        for key, height in plan.items()
                        if key[0] == cut.crop and key not in current
                    },
                    reverse=True,
                )
                if not wanted:
                    continue
                # Crop once at the largest size, then scale the smaller widths down from it.
                largest = wanted[0]
                if cut.crop:
                    cropped = source.crop(crop_box(source.size, cut.crop, image.focus)).resize(
                        largest,
                        PillowImage.Resampling.LANCZOS,
                    )
                else:
                    cropped = source.resize(largest, PillowImage.Resampling.LANCZOS)
                for size in wanted:
                    picture = (
                        cropped if size == largest else cropped.resize(size, PillowImage.Resampling.LANCZOS)
                    )
                    for fmt in cut.formats:
                        if (cut.crop, fmt, size[0]) in current:
                            continue
                        if _store(image, cut.crop, fmt, size, _encode(picture, fmt)):
                            made += 1
    except UNREADABLE as error:
        logger.warning("No renditions for image %s (%s): %s", image.pk, image.file.name, error)
    return made


def _current(image):
    """The picture's renditions cut from its present file, from the prefetch when there is one
    (one query for a picture that was not prefetched, then cached on it)."""
    if "renditions" not in getattr(image, "_prefetched_objects_cache", {}):
        prefetch_related_objects([image], "renditions")
    return [r for r in image.renditions.all() if _is_current(r, image)]


def cuts(image, crop="", fmt="jpeg"):
    """The existing renditions of `image` for one crop and format, narrowest first."""
    if image:
        freshness.record_instance(image)  # whatever draws a picture shows it
    if not image or not image.file:
        return []
    return sorted((r for r in _current(image) if r.crop == crop and r.format == fmt), key=lambda r: r.width)


def srcset(image, fmt, crop="", url=None):
    """(renditions, the srcset attribute) for one format and crop; empty when none exist.
    `url` rewrites each address (e.g. to an absolute one)."""
    found = cuts(image, crop, fmt)
    return found, ", ".join(f"{url(r.url) if url else r.url} {r.width}w" for r in found)


def best(image, crop="", fmt="jpeg"):
    """The widest existing rendition of that crop and format, or None."""
    found = cuts(image, crop, fmt)
    return found[-1] if found else None


def thumbnail(image):
    """The narrowest 16:9 JPEG (the admin's lists), or None."""
    found = cuts(image, "16x9", "jpeg")
    return found[0] if found else None


def share_url(image):
    """The picture for Open Graph and Twitter cards: the widest 16:9 JPEG, else the original."""
    if not image or not image.file:
        return ""
    wide = best(image, "16x9")
    return wide.url if wide else image.file.url


def crop_urls(image):
    """The widest JPEG of each ratio (16:9, 4:3, 1:1) that exists, for JSON-LD."""
    return [found.url for found in (best(image, ratio) for ratio in RATIOS) if found]


def listing(image):
    """Every existing rendition of `image` as plain data (e.g. for the API):
    crop ("" for the whole picture), format, width, height and url."""
    if image:
        freshness.record_instance(image)
    if not image or not image.file:
        return []
    return [
        {"crop": r.crop, "format": r.format, "width": r.width, "height": r.height, "url": r.url}
        for r in sorted(_current(image), key=lambda r: (r.crop, r.format, r.width))
    ]
