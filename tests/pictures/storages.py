"""A storage with no local files, like S3: Django's in-memory storage whose `path()` fails
loudly, so any code that reaches for a filesystem path instead of the storage API breaks."""

import os

from django.core.files.storage import InMemoryStorage
from django.utils._os import safe_join


class PathlessStorage(InMemoryStorage):
    def path(self, name):
        raise NotImplementedError("This backend has no local paths.")

    def _relative_path(self, name):
        # InMemoryStorage finds its nodes through path(); do the same sum without it.
        return os.path.relpath(safe_join(self.location, name), self.location)
