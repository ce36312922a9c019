#!/usr/bin/env bash
# HTTP benchmark of the production stack, on demand (never in CI). Loopback only.
#
#   bench/http.sh [--stories N]            (default 100; needs wrk: apt-get install wrk)
#
# Starts two stacks from deploy/serve.sh on loopback: A = nginx (deploy/nginx.conf) in front
# of gunicorn with the page cache on; B = gunicorn alone with the page cache off. Then, in
# ROUNDS interleaved rounds, wrk (2 threads, 32 connections, DURATION s) measures requests/s,
# p50/p99 and errors for: a static file from nginx (the ceiling), the article and home pages
# through nginx, through gunicorn with the app cache, and uncached. Then 64 connections for
# LONG s through nginx (errors must be 0), the seconds from a publish and from a correction
# to the change showing through the edge, and the gunicorn workers' memory (RSS).
#
# Database: DATABASE_URL as given (e.g. a PostgreSQL archive made with generate_stories);
# without it a SQLite file .local/bench-N.sqlite3 with the demo story and N-1 generated ones.
# Results: printed, and kept in .local/bench-http-*.md.
#
# Every figure of docs/performance.md in one command (the Wagtail site is built on first use):
#   WITH_WAGTAIL=1 ARCHIVE_URL=postgres://postgres@127.0.0.1:5432/newsroom_big bench/http.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=$ROOT/.venv/bin/python
STORIES=100
[ "${1:-}" = "--stories" ] && STORIES=$2
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
LONG=${LONG:-60}
PORT=${BENCH_PORT:-8650}
WORKERS=${WEB_CONCURRENCY:-2}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
mkdir -p .local

if [ -z "${DATABASE_URL:-}" ]; then
  export DATABASE_URL="sqlite:///$ROOT/.local/bench-$STORIES.sqlite3"
  if [ ! -s ".local/bench-$STORIES.sqlite3" ]; then
    "$PY" manage.py migrate -v0
    "$PY" manage.py load_demo >/dev/null
    [ "$STORIES" -gt 1 ] && "$PY" manage.py generate_stories $((STORIES - 1)) >/dev/null
  fi
fi
export CACHE_DIR=$ROOT/.local/bench-cache CACHE_KEY_PREFIX=bench-$$ WEB_CONCURRENCY=$WORKERS
rm -rf "$CACHE_DIR"

PIDS=()
listeners() { ss -ltnpH "sport = :$1" | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u; }
cleanup() {
  # the stacks, and their gunicorns by port in case a stack's own trap did not reach them
  for pid in "${PIDS[@]}" $(listeners $((PORT + 1))) $(listeners $((PORT + 2))); do
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM
# A: nginx on PORT → gunicorn on PORT+1, cache on.  B: gunicorn on PORT+2, cache off.
HOST=127.0.0.1 PORT=$PORT APP_PORT=$((PORT + 1)) deploy/serve.sh > .local/bench-stack-a.log 2>&1 &
PIDS+=($!)
NEWSROOM_PAGE_CACHE=false NEWSROOM_NGINX=off HOST=127.0.0.1 PORT=$((PORT + 2)) \
  deploy/serve.sh > .local/bench-stack-b.log 2>&1 &
PIDS+=($!)
for port in $PORT $((PORT + 1)) $((PORT + 2)); do
  for _ in $(seq 120); do curl -fs -o /dev/null "http://127.0.0.1:$port/" && break; sleep 1; done
done

ARTICLE=$("$PY" manage.py shell -c "from articles.models import Article; print(Article.objects.published().order_by('-published_at').first().get_absolute_url())" 2>/dev/null | tail -1)
STATIC=$(cd staticfiles && ls css/site.*.css | grep -E 'site\.[0-9a-f]{12}\.css$' | head -1)
COUNT=$("$PY" manage.py shell -c "from articles.models import Article; print(Article.objects.published().count())" 2>/dev/null | tail -1)
EDGE=http://127.0.0.1:$PORT APP=http://127.0.0.1:$((PORT + 1)) BARE=http://127.0.0.1:$((PORT + 2))
declare -A TARGET=(
  [static-nginx]="$EDGE/static/$STATIC"
  [article-nginx]="$EDGE$ARTICLE" [home-nginx]="$EDGE/"
  [article-app-cache]="$APP$ARTICLE" [home-app-cache]="$APP/"
  [article-uncached]="$BARE$ARTICLE" [home-uncached]="$BARE/"
)
ORDER=(static-nginx article-nginx home-nginx article-app-cache home-app-cache article-uncached home-uncached)
OUT=.local/bench-http-$(date -u +%Y%m%dT%H%M%S).txt
: > "$OUT"

run() {  # name url connections seconds → "rps p50 p99 errors"
  local report
  report=$(wrk -t2 -c"$3" -d"$4"s --latency "$2")
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$report")
  p50=$(awk '$1=="50%" {print $2}' <<<"$report")
  p99=$(awk '$1=="99%" {print $2}' <<<"$report")
  errors=$(awk '/Non-2xx/ {n+=$NF} /Socket errors/ {gsub(",", ""); n+=$4+$6+$8+$10} END {print n+0}' <<<"$report")
  echo "$1 $rps $p50 $p99 $errors" | tee -a "$OUT"
}

for name in "${ORDER[@]}"; do curl -fs -o /dev/null "${TARGET[$name]}"; done  # warm
for round in $(seq "$ROUNDS"); do
  echo "# round $round" | tee -a "$OUT"
  for name in "${ORDER[@]}"; do run "$name" "${TARGET[$name]}" 32 "$DURATION"; done
done
echo "# 64 connections, ${LONG}s, through nginx" | tee -a "$OUT"
run long-article-nginx "${TARGET[article-nginx]}" 64 "$LONG"
run long-home-nginx "${TARGET[home-nginx]}" 64 "$LONG"

# Single request, uncached and cached (ms), as a reader would see it on an idle server.
single() { curl -s -o /dev/null -w '%{time_total}' "$1" | awk '{printf "%.1f", $1 * 1000}'; }
echo "single-article-uncached-ms $(single "${TARGET[article-uncached]}")" | tee -a "$OUT"
echo "single-article-app-cache-ms $(single "${TARGET[article-app-cache]}")" | tee -a "$OUT"

# A publish and a correction, seen through the edge while it is under load.
visible() {  # url text → seconds until the page shows text
  local start=$(date +%s.%N)
  until curl -fs "$1" | grep -q "$2"; do sleep 0.2; done
  awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}'
}
wrk -t1 -c8 -d30s "$EDGE/" >/dev/null &
LOAD=$!
MARK="bench-$(date +%s)"
"$PY" manage.py shell -c "
from articles import publishing
from articles.models import Article, Author, Byline, Section
a = Article.objects.create(headline_ar='خبر عاجل $MARK', body_ar='<p>نص</p>', section=Section.objects.first())
Byline.objects.create(article=a, author=Author.objects.first())
publishing.publish(a)
" >/dev/null 2>&1
echo "publish-visible-s $(visible "$EDGE/" "$MARK")" | tee -a "$OUT"
"$PY" manage.py shell -c "
from articles import publishing
from articles.models import Article
publishing.add_correction(Article.objects.get(headline_ar='خبر عاجل $MARK'), None, 'تصحيح $MARK')
" >/dev/null 2>&1
STORY=$("$PY" manage.py shell -c "from articles.models import Article; print(Article.objects.get(headline_ar='خبر عاجل $MARK').get_absolute_url())" 2>/dev/null | tail -1)
echo "correction-visible-s $(visible "$EDGE$STORY" "تصحيح $MARK")" | tee -a "$OUT"
"$PY" manage.py shell -c "
from articles import publishing
from articles.models import Article
publishing.withdraw(Article.objects.get(headline_ar='خبر عاجل $MARK'), None, 'bench')
" >/dev/null 2>&1
wait $LOAD 2>/dev/null || true

for port in $((PORT + 1)) $((PORT + 2)); do  # the two gunicorn masters and their workers
  # every process holding the listening socket: the master and its workers
  for pid in $(listeners "$port"); do
    echo "rss-kb port-$port $pid $(ps -o rss= -p "$pid")" | tee -a "$OUT"
  done
done

# Medians over the rounds.
{
  echo
  echo "stories: $COUNT   database: ${DATABASE_URL%%:*}   workers: $WORKERS   rounds: $ROUNDS × ${DURATION}s, wrk -t2 -c32"
  echo "| target | req/s (median) | p50 | p99 | errors |"
  echo "|---|---|---|---|---|"
  for name in "${ORDER[@]}" long-article-nginx long-home-nginx; do
    grep "^$name " "$OUT" | sort -k2 -n | awk -v n="$name" '{r[NR]=$2; a[NR]=$3; b[NR]=$4; e+=$5} END {m=int((NR+1)/2); print "| " n " | " r[m] " | " a[m] " | " b[m] " | " e " |"}'
  done
} | tee -a "$OUT"
echo "raw results: $OUT"

# The rest of issue 12's figures, in the same run when asked: the uncached article against a
# stock Wagtail 8 page (bench/wagtail.sh), and pages and searches at 100 and at 100,000
# stories, in process (bench/scale.py against ARCHIVE_URL, e.g. a generate_stories archive).
if [ "${WITH_WAGTAIL:-0}" = 1 ]; then
  bench/wagtail.sh | tee -a "$OUT"
fi
if [ -n "${ARCHIVE_URL:-}" ]; then
  echo "== bench/scale.py, this run's database" | tee -a "$OUT"
  "$PY" bench/scale.py --requests "${SCALE_REQUESTS:-30}" | tee -a "$OUT"
  echo "== bench/scale.py, $ARCHIVE_URL" | tee -a "$OUT"
  DATABASE_URL=$ARCHIVE_URL "$PY" bench/scale.py --requests "${SCALE_REQUESTS:-30}" | tee -a "$OUT"
fi
echo "all results: $OUT"
