#!/usr/bin/env bash
# A newsroom day through the shipped stack, on demand (never in CI). Loopback only.
#
#   bench/newsroom_day.sh            (STORIES=100000 DURATION=180 READERS=16 PUBLISH_EVERY=120)
#
# Makes (once) a PostgreSQL archive of STORIES stories (generate_stories), starts
# deploy/serve.sh (nginx → gunicorn, 2 workers, page cache in Redis), then runs
# bench/newsroom_day.py: readers through nginx while editors type, publish, correct and
# withdraw, after one pass over every page it will ask for (the day's steady state).
# Figures: docs/performance.md ("A newsroom day").
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=$ROOT/.venv/bin/python
STORIES=${STORIES:-100000}
PORT=${BENCH_PORT:-8660}
DB=${BENCH_DB:-newsroom_day_$STORIES}
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/$DB}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/7} CACHE_KEY_PREFIX=day-$$ NEWSROOM_CACHE_STATS=true
createdb -h 127.0.0.1 -U postgres "$DB" 2>/dev/null || true
"$PY" manage.py migrate -v0
have=$("$PY" manage.py shell -c 'from articles.models import Article; print(Article.objects.count())' 2>/dev/null | tail -n1)
if [ "${have:-0}" -lt "$STORIES" ]; then
  "$PY" manage.py load_demo >/dev/null
  "$PY" manage.py generate_stories $((STORIES - have - 1)) >/dev/null
fi
LOCAL=$(mktemp -d); chmod 755 "$LOCAL"
NEWSROOM_LOCAL=$LOCAL STATIC_ROOT=$LOCAL/static HOST=127.0.0.1 PORT=$PORT WEB_CONCURRENCY=${WEB_CONCURRENCY:-2} \
  setsid deploy/serve.sh > "$LOCAL/stack.log" 2>&1 &
STACK=$!
trap 'kill -- -$STACK 2>/dev/null || true; rm -rf "$LOCAL"' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 1; done
EDGE=http://127.0.0.1:$PORT "$PY" bench/newsroom_day.py | tee ".local/newsroom-day-$(date +%Y%m%d-%H%M).txt"
