"""A newsroom day, measured (run by bench/newsroom_day.sh, which starts the stack first).

Readers load pages through nginx (most on the newest 50 stories, a long tail on old ones,
the front page and section pages), while 5 editors type (an autosave every 3 s each), a
story is published every PUBLISH_EVERY seconds, one story is corrected and one withdrawn.
Prints the edge and app hit ratios, origin renders per second, reader p50/p99, errors, and
the seconds until the correction and the withdrawal show through the edge.

Loopback only; bounded in time (DURATION seconds).
"""

import os
import random
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402

from articles import caching, publishing  # noqa: E402
from articles.desk import autosaves  # noqa: E402
from articles.models import Article, Author, Section  # noqa: E402

EDGE = os.environ["EDGE"]
DURATION = int(os.environ.get("DURATION", "180"))
READERS = int(os.environ.get("READERS", "16"))
PUBLISH_EVERY = int(os.environ.get("PUBLISH_EVERY", "120"))
EDITORS = 5


def get(path):
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(EDGE + path, timeout=10) as answer:
            body, status, edge = answer.read(), answer.status, answer.headers.get("X-Edge-Cache", "")
    except urllib.error.HTTPError as error:
        body, status, edge = error.read(), error.code, error.headers.get("X-Edge-Cache", "")
    except OSError:
        return 0, "", b"", time.perf_counter() - started
    return status, edge, body, time.perf_counter() - started


class Day:
    def __init__(self):
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.latencies, self.edge, self.errors = [], Counter(), Counter()
        newest = list(Article.objects.published().order_by("-published_at")[:50])
        self.hot = [story.get_absolute_url() for story in newest]
        self.victims = newest[10:12]  # one corrected, one withdrawn
        ids = list(
            Article.objects.published().values_list("pk", flat=True)[
                :: max(1, Article.objects.count() // 2000)
            ]
        )
        self.tail = [f"/api/v1/articles/{pk}/" for pk in ids[:1000]]
        self.tail_pages = [
            story.get_absolute_url()
            for story in Article.objects.filter(pk__in=ids[:300]).select_related("section")
        ]
        self.lists = ["/", "/archive/", "/feeds/rss/"] + [
            section.get_absolute_url() for section in Section.objects.all()[:8]
        ]

    def pick(self):
        roll = random.random()
        if roll < 0.70:
            return self.hot[min(int(random.expovariate(1 / 8)), len(self.hot) - 1)]
        if roll < 0.85:
            return random.choice(self.lists)
        if roll < 0.95:
            return random.choice(self.tail_pages)
        return random.choice(self.tail)

    def reader(self):
        while not self.stop.is_set():
            status, edge, _body, seconds = get(self.pick())
            with self.lock:
                self.latencies.append(seconds)
                self.edge[edge or "none"] += 1
                if status == 0 or status >= 500:
                    self.errors[status] += 1

    def editor(self, number):
        user, _ = get_user_model().objects.get_or_create(username=f"day-editor-{number}")
        draft = Article.objects.create(
            headline_ar=f"مسودة المحرر {number}",
            section=Section.objects.first(),
            body_ar="<p>نص</p>",
            status=Article.Status.DRAFT,
        )
        words = 0
        while not self.stop.wait(3):
            words += 1
            autosaves.keep(
                draft,
                user,
                {"headline_ar": f"مسودة المحرر {number} " + "كلمة " * words, "version": draft.version},
            )

    def publisher(self):
        author, section, n = Author.objects.first(), Section.objects.first(), 0
        while not self.stop.wait(PUBLISH_EVERY):
            n += 1
            story = Article.objects.create(
                headline_ar=f"خبر اليوم رقم {n} {time.time():.0f}",
                section=section,
                body_ar="<p>تفاصيل الخبر.</p>",
                status=Article.Status.DRAFT,
            )
            story.bylines.create(author=author)
            publishing.publish(story)

    def seconds_until(self, paths, shows_change):
        """Seconds from now until every path shows the change through the edge."""
        started, seen = time.time(), {}
        while len(seen) < len(paths) and time.time() - started < 60:
            for path in paths:
                if path not in seen:
                    status, _edge, body, _s = get(path)
                    if shows_change(status, body):
                        seen[path] = time.time() - started
            time.sleep(0.05)
        return max(seen.values()) if len(seen) == len(paths) else float("inf")

    def run(self):
        threads = [threading.Thread(target=self.reader, daemon=True) for _ in range(READERS)]
        threads += [threading.Thread(target=self.editor, args=(n,), daemon=True) for n in range(EDITORS)]
        threads.append(threading.Thread(target=self.publisher, daemon=True))
        for thread in threads:
            thread.start()
        started = time.time()
        time.sleep(DURATION / 3)
        corrected, withdrawn = self.victims
        note = f"تصحيح في يوم القياس {time.time():.0f}"
        publishing.add_correction(corrected, None, note)
        correction = self.seconds_until(
            [corrected.get_absolute_url(), f"/api/v1/articles/{corrected.pk}/"],
            lambda status, body: note in body.decode("utf-8", "replace"),
        )
        time.sleep(max(0, started + DURATION * 2 / 3 - time.time()))
        withdrawn_url = withdrawn.get_absolute_url()
        publishing.withdraw(withdrawn, None, "طلب قانوني")
        withdrawal = self.seconds_until(
            [withdrawn_url, f"/api/v1/articles/{withdrawn.pk}/", "/", "/feeds/rss/"],
            lambda status, body: status == 404 or f"/{withdrawn.pk}/" not in body.decode("utf-8", "replace"),
        )
        time.sleep(max(0, started + DURATION - time.time()))
        self.stop.set()
        for thread in threads:
            thread.join(timeout=15)
        return time.time() - started, correction, withdrawal


def warm_up(day):
    """One reader's pass over every page the day will ask for: a newsroom's day is long, and
    the figures are its steady state, not the first minutes after a restart."""
    for path in [*day.hot, *day.lists, *day.tail_pages, *day.tail]:
        get(path)


def main():
    day = Day()
    warm_up(day)
    for outcome in ("hit", "miss"):
        cache.set(caching.STATS_KEY + outcome, 0, None)
    elapsed, correction, withdrawal = day.run()
    hits, misses = (cache.get(caching.STATS_KEY + outcome) or 0 for outcome in ("hit", "miss"))
    total = sum(day.edge.values())
    at_edge = day.edge["HIT"] + day.edge["STALE"] + day.edge["UPDATING"] + day.edge["REVALIDATED"]
    latencies = sorted(day.latencies)
    print(
        f"archive: {Article.objects.count():,} stories; {READERS} readers, {EDITORS} editors typing "
        f"(autosave every 3 s), a publish every {PUBLISH_EVERY} s, {elapsed:.0f} s"
    )
    print(
        f"reader requests: {total:,} ({total / elapsed:.0f}/s); errors: {sum(day.errors.values())} {dict(day.errors)}"
    )
    print(
        f"edge: {dict(day.edge)}; served by the edge {at_edge / total:.1%} (HIT alone {day.edge['HIT'] / total:.1%})"
    )
    print(
        f"app page cache: {hits:,} hits, {misses:,} misses: hit ratio {hits / max(1, hits + misses):.1%}; "
        f"origin renders {misses / elapsed:.1f}/s"
    )
    print(
        f"reader latency: p50 {statistics.median(latencies) * 1000:.1f} ms, "
        f"p99 {latencies[int(len(latencies) * 0.99)] * 1000:.1f} ms"
    )
    print(
        f"correction visible at every layer after {correction:.2f} s; withdrawal gone from every layer after {withdrawal:.2f} s"
    )


if __name__ == "__main__":
    main()
