#!/usr/bin/env bash
# Lighthouse on the seed story's page, mobile and desktop, against a local server with the
# demo content. Not part of the test suite; write the scores down in docs/quality.md.
#
#   bench/lighthouse.sh            # every category must score >= 95 (exit 1 otherwise)
#
# Lighthouse 12.2.3 (the last one that runs on Node 20) is installed with npm into a cache
# folder outside the repository; Chromium is Debian's. The server runs like production
# (NEWSROOM_ENV=production, DEBUG off, collected and hashed static files served by
# WhiteNoise) on a throw-away SQLite database. Environment: LIGHTHOUSE_CACHE, CHROME_PATH,
# PORT, PYTHON, MIN_SCORE (default 95), OUT (default bench/results/lighthouse).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${LIGHTHOUSE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/newsroom-lighthouse}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
PORT=${PORT:-8765}
PY=${PYTHON:-$ROOT/.venv/bin/python}
MIN_SCORE=${MIN_SCORE:-95}
OUT=${OUT:-$ROOT/bench/results/lighthouse}
LIGHTHOUSE=$CACHE/node_modules/.bin/lighthouse

if [ ! -x "$PY" ]; then
  python3 -m venv "$ROOT/.venv" && "$ROOT/.venv/bin/pip" install -q -r "$ROOT/requirements.txt"
  PY=$ROOT/.venv/bin/python
fi
if [ ! -x "$LIGHTHOUSE" ]; then
  mkdir -p "$CACHE"
  npm install --no-audit --no-fund --save-exact --prefix "$CACHE" lighthouse@12.2.3
fi
[ -x "$CHROME_PATH" ] || { echo "Chromium not found at $CHROME_PATH (apt-get install chromium)"; exit 1; }

WORK=$(mktemp -d)
SERVER=
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

export NEWSROOM_ENV=production SECRET_KEY=lighthouse-only-not-secret \
  ALLOWED_HOSTS=127.0.0.1,localhost DATABASE_URL="sqlite:///$WORK/db.sqlite3" \
  MEDIA_ROOT="$WORK/media" STATIC_ROOT="$WORK/static"
cd "$ROOT"
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py collectstatic --noinput -v0
"$PY" manage.py load_demo >/dev/null
ARTICLE=$("$PY" manage.py shell -c \
  "from articles.models import Article; print(Article.objects.published().first().get_absolute_url())" | tail -n 1)
"$PY" manage.py runserver "127.0.0.1:$PORT" --noreload >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.2; done

URL="http://127.0.0.1:$PORT$ARTICLE"
mkdir -p "$OUT"
echo "Lighthouse $("$LIGHTHOUSE" --version) on $URL"
status=0
for form in mobile desktop; do
  preset=()
  [ "$form" = desktop ] && preset=(--preset=desktop)
  "$LIGHTHOUSE" "$URL" "${preset[@]}" --quiet \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking" \
    --output=json --output=html --output-path="$OUT/article-$form"
  "$PY" - "$OUT/article-$form.report.json" "$form" "$MIN_SCORE" <<'PY' || status=1
import json, sys
report, form, minimum = json.load(open(sys.argv[1])), sys.argv[2], int(sys.argv[3])
scores = {key: round(cat["score"] * 100) for key, cat in report["categories"].items()}
print(f"{form:8}", "  ".join(f"{key} {value}" for key, value in scores.items()))
for key, cat in report["categories"].items():
    for ref in cat["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            print(f"         - {key}: {audit['id']} ({audit['score']})")
sys.exit(0 if min(scores.values()) >= minimum else 1)
PY
done
exit $status
