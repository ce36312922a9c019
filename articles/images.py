"""Checks and clean-up for uploaded pictures: real images only, capped, without EXIF.

An upload is opened and verified by Pillow (a renamed PDF or a truncated file is refused),
capped in bytes and in pixels (a small file can decode to a huge bitmap), then re-encoded:
the copy that is stored carries no EXIF, so no camera GPS position reaches the public.
It is stored under a generated name in a date folder; the uploader's file name is dropped.
"""

import io
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

# Formats the site shows; each is re-saved in its own format.
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


def max_bytes():
    return settings.NEWSROOM_IMAGE_MAX_BYTES


def max_pixels():
    return settings.NEWSROOM_IMAGE_MAX_PIXELS


def image_upload_path(instance, filename):
    """images/YYYY/MM/<uuid>.<ext>: a name nobody chose, in the month's folder."""
    extension = PurePath(filename).suffix.lower().lstrip(".") or "jpg"
    if extension == "jpeg":
        extension = "jpg"
    today = timezone.localdate()
    return f"images/{today:%Y/%m}/{uuid.uuid4().hex}.{extension}"


def _read_header(upload):
    """Pillow's view of the file without decoding it: (format, width, height)."""
    upload.seek(0)
    try:
        with PILImage.open(upload) as picture:
            picture.verify()
            found = picture.format, picture.width, picture.height
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, PILImage.DecompressionBombError) as error:
        raise ValidationError(
            _("هذا الملف ليس صورة سليمة. ارفع صورة بصيغة JPEG أو PNG أو WebP."), code="not_an_image"
        ) from error
    finally:
        upload.seek(0)
    return found


def validate_image_upload(upload):
    """Refuse what is not a real image, too big a file, or too many pixels (Arabic messages)."""
    if upload is None:
        return
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes():
        raise ValidationError(
            _("حجم الصورة %(size)s ميغابايت، والحد الأقصى %(limit)s ميغابايت."),
            code="too_big",
            params={"size": round(size / 1048576, 1), "limit": round(max_bytes() / 1048576, 1)},
        )
    image_format, width, height = _read_header(upload)
    if image_format not in FORMATS:
        raise ValidationError(
            _("صيغة الصورة %(format)s غير مقبولة. المقبول: JPEG أو PNG أو WebP أو GIF."),
            code="format", params={"format": image_format},
        )
    if width * height > max_pixels():
        raise ValidationError(
            _("أبعاد الصورة %(width)s×%(height)s بكسل أكبر من الحد (%(limit)s مليون بكسل)."),
            code="too_many_pixels",
            params={"width": width, "height": height, "limit": round(max_pixels() / 1_000_000)},
        )


def without_metadata(upload):
    """A re-encoded copy of the image with no EXIF (the orientation is applied first)."""
    validate_image_upload(upload)
    upload.seek(0)
    with PILImage.open(upload) as picture:
        image_format = picture.format
        picture.load()
        if image_format == "GIF" and getattr(picture, "is_animated", False):
            # Animated GIFs carry no EXIF; re-encoding would lose the frames.
            upload.seek(0)
            return ContentFile(upload.read(), name=f"upload.{FORMATS[image_format]}")
        clean = ImageOps.exif_transpose(picture)
        output = io.BytesIO()
        options = {}
        if image_format == "JPEG":
            if clean.mode not in ("RGB", "L"):
                clean = clean.convert("RGB")
            options = {"quality": 90, "optimize": True}
        # A new image object with pixels only: no exif, no XMP, no comments are passed on.
        if clean.mode in ("P", "PA"):
            clean = clean.convert("RGBA")
        bare = PILImage.new(clean.mode, clean.size)
        bare.paste(clean)
        bare.save(output, format=image_format, **options)
    return ContentFile(output.getvalue(), name=f"upload.{FORMATS[image_format]}")
