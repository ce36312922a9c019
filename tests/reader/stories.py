"""Building blocks for the reader tests: a picture and a published story."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage

from articles import publishing
from articles.models import (
    Article,
    Byline,
)


def png(width=1200, height=675):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "#0b5d4b").save(buffer, "PNG")
    return SimpleUploadedFile("picture.png", buffer.getvalue(), content_type="image/png")


def story(headline, section, authors, *, hours_ago=1, status=Article.Status.PUBLISHED, **fields):
    article = Article.objects.create(
        headline_ar=headline,
        body_ar=fields.pop("body_ar", "<p>نص الخبر</p>"),
        section=section,
        **fields,
    )
    for position, author in enumerate(authors):
        Byline.objects.create(article=article, author=author, position=position)
    if status == Article.Status.PUBLISHED:
        publishing.publish(article, at=timezone.now() - datetime.timedelta(hours=hours_ago))
    else:
        article.status = status
        article.save()
    return article
