"""The read-only content API under /api/v1/: what readers may see, as JSON (docs/api.md).

Django REST framework for the views, drf-spectacular for the OpenAPI document and the
self-hosted Swagger UI. Every story comes through `Article.objects.published()`.
"""
