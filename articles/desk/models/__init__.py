"""The desk's own models: what people typed and have not saved, what the desk tells them,
and the preview links they hand out. Their tables keep the names the core app gave them."""

from .autosaves import Autosave
from .notifications import Notification
from .previews import PreviewLink

__all__ = ["Autosave", "Notification", "PreviewLink"]
