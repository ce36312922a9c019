"""The one pipeline for every uploaded picture (story pictures, author photos, anything later).

An upload is checked and rebuilt before it is stored:
  1. capped in bytes, then opened by Pillow: only JPEG, PNG, WebP and GIF are accepted;
  2. capped in pixels (a small file can decode to a huge bitmap) and, for animations, frames;
  3. decoded completely, every frame (`load()`, not `verify()`: a truncated JPEG passes
     verify() and fails later, on a reader's page);
  4. re-encoded from its pixels alone: no EXIF (no camera GPS position), no XMP, no
     comments, and nothing appended after the image (an HTML or PHP payload in a "polyglot"
     file, an animated GIF included, is gone);
  5. stored under a generated name in a dated folder; the uploader's file name is dropped.
A bad file is refused with an Arabic message, never a 500.
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
from PIL import ImageOps, ImageSequence, UnidentifiedImageError

# Formats the site shows; each is re-saved in its own format.
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
# An animation longer than this is refused rather than decoded frame by frame.
MAX_FRAMES = 300
NOT_AN_IMAGE = _("هذا الملف ليس صورة سليمة. ارفع صورة بصيغة JPEG أو PNG أو WebP.")
BROKEN = _("الصورة تالفة أو مقطوعة ولا يمكن قراءتها كاملة. ارفعها مرة أخرى من الملف الأصلي.")
_PIL_ERRORS = (
    UnidentifiedImageError,
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    PILImage.DecompressionBombError,
)


def max_bytes():
    return settings.NEWSROOM_IMAGE_MAX_BYTES


def max_pixels():
    return settings.NEWSROOM_IMAGE_MAX_PIXELS


def _generated_name(folder, filename):
    extension = PurePath(filename).suffix.lower().lstrip(".") or "jpg"
    if extension == "jpeg":
        extension = "jpg"
    if extension not in FORMATS.values():
        extension = "jpg"
    today = timezone.localdate()
    return f"{folder}/{today:%Y/%m}/{uuid.uuid4().hex}.{extension}"


def image_upload_path(instance, filename):
    """images/YYYY/MM/<uuid>.<ext>: a name nobody chose, in the month's folder."""
    return _generated_name("images", filename)


def author_photo_path(instance, filename):
    """authors/YYYY/MM/<uuid>.<ext>."""
    return _generated_name("authors", filename)


def _read_header(upload):
    """Pillow's view of the file without decoding it: (format, width, height, frames)."""
    upload.seek(0)
    try:
        with PILImage.open(upload) as picture:
            found = picture.format, picture.width, picture.height, getattr(picture, "n_frames", 1)
    except _PIL_ERRORS as error:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from error
    finally:
        upload.seek(0)
    return found


def _decode_fully(upload):
    """Decode every pixel of every frame; a truncated or corrupt file fails here."""
    upload.seek(0)
    try:
        with PILImage.open(upload) as picture:
            for frame in ImageSequence.Iterator(picture):
                frame.load()
    except _PIL_ERRORS as error:
        raise ValidationError(BROKEN, code="broken") from error
    finally:
        upload.seek(0)


def validate_image_upload(upload):
    """Refuse what is not a real, whole image, too big a file, or too many pixels (Arabic messages)."""
    if upload is None:
        return
    if getattr(upload, "_committed", False) is True:
        # A picture already stored (an edit of its caption or focal point): it was checked
        # when it was uploaded; reading it again would fetch the whole file from the storage.
        return
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes():
        raise ValidationError(
            _("حجم الصورة %(size)s ميغابايت، والحد الأقصى %(limit)s ميغابايت."),
            code="too_big",
            params={"size": round(size / 1048576, 1), "limit": round(max_bytes() / 1048576, 1)},
        )
    image_format, width, height, frames = _read_header(upload)
    if image_format not in FORMATS:
        raise ValidationError(
            _("صيغة الصورة %(format)s غير مقبولة. المقبول: JPEG أو PNG أو WebP أو GIF."),
            code="format",
            params={"format": image_format},
        )
    if width * height > max_pixels():
        raise ValidationError(
            _("أبعاد الصورة %(width)s×%(height)s بكسل أكبر من الحد (%(limit)s مليون بكسل)."),
            code="too_many_pixels",
            params={"width": width, "height": height, "limit": round(max_pixels() / 1_000_000)},
        )
    if frames > MAX_FRAMES or width * height * frames > max_pixels():
        raise ValidationError(
            _("الصورة المتحركة طويلة جداً (%(frames)s إطاراً)؛ الحد %(limit)s مليون بكسل لكل الإطارات."),
            code="too_many_frames",
            params={"frames": frames, "limit": round(max_pixels() / 1_000_000)},
        )
    _decode_fully(upload)


def _bare(frame):
    """A new image holding only the frame's pixels: nothing else is carried over."""
    if frame.mode not in ("RGB", "RGBA", "L", "LA"):
        frame = frame.convert("RGBA")
    bare = PILImage.new(frame.mode, frame.size)
    bare.paste(frame)
    return bare


def without_metadata(upload):
    """The cleaned copy to store: checked, fully decoded and re-encoded from pixels alone."""
    validate_image_upload(upload)
    upload.seek(0)
    output = io.BytesIO()
    with PILImage.open(upload) as picture:
        image_format = picture.format
        if image_format == "GIF" and getattr(picture, "n_frames", 1) > 1:
            frames, durations = [], []
            for frame in ImageSequence.Iterator(picture):
                durations.append(frame.info.get("duration", 100))
                frames.append(_bare(frame.convert("RGBA")))
            frames[0].save(
                output,
                format="GIF",
                save_all=True,
                append_images=frames[1:],
                duration=durations,
                loop=picture.info.get("loop", 0),
                disposal=2,
            )
        else:
            clean = _bare(ImageOps.exif_transpose(picture))
            options = {}
            if image_format == "JPEG":
                if clean.mode not in ("RGB", "L"):
                    clean = clean.convert("RGB")
                options = {"quality": 90, "optimize": True}
            clean.save(output, format=image_format, **options)
    return ContentFile(output.getvalue(), name=f"upload.{FORMATS[image_format]}")
