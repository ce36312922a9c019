"""What every benchmark here shares: Django set up on a throw-away test database holding the
demo content and generated stories, and a timer for one page through the test client."""

import os
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


@contextmanager
def archive(stories):
    """A test database (SQLite, or DATABASE_URL's server) with the demo story and `stories` more."""
    from django.conf import settings
    from django.test.utils import get_runner

    setup_test_environment()
    settings.DEBUG = True  # to count queries
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        with open(os.devnull, "w") as quiet:
            call_command("load_demo", stdout=quiet)
            if stories:
                call_command("generate_stories", stories, stdout=quiet)
        yield
    finally:
        runner.teardown_databases(old)


def measure(client, path, requests):
    """Median and 95th-percentile milliseconds for `path`, and the queries one request costs."""
    timings, queries = [], 0
    for _ in range(requests):
        reset_queries()
        start = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
        queries = len(connection.queries)
        assert response.status_code == 200, (path, response.status_code)
    timings.sort()
    return statistics.median(timings), timings[max(0, int(len(timings) * 0.95) - 1)], queries
