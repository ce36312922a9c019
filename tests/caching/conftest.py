"""The caching tests reuse the reader tests' small newsroom."""

from tests.reader.conftest import world  # noqa: F401
