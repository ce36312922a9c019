"""The admin under the Content-Security-Policy.

The body editor (django-prose-editor) loads its modules through an import map, which is an
inline `<script type="importmap">`: CSP lets it run only with the request's nonce. The
editor's media is a js_asset Media, which renders that nonce on its tags when it is given one;
every other admin script is a file from our static folder and needs nothing."""

from js_asset.media import Media


class NonceMediaMixin:
    def render_change_form(self, request, context, *args, **kwargs):
        media = context.get("media")
        # request.csp_nonce (django-csp) is lazy and reads as false until it is first made:
        # str() makes it, and the middleware then puts it in the header.
        nonce = getattr(request, "csp_nonce", None)
        if media is not None and nonce is not None and getattr(media, "_importmap", None) is not None:
            context["media"] = Media.from_media(media, nonce=str(nonce))
        return super().render_change_form(request, context, *args, **kwargs)
