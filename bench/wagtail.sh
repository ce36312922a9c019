#!/usr/bin/env bash
# Newsroom's uncached article page against a stock Wagtail 8 page of the same story, on demand
# (never in CI). Loopback only. Nothing of Wagtail enters this repository: it is installed in
# a throw-away venv and site under $WAGTAIL_HOME (default /tmp/newsroom-wagtail), built on the
# first run from `wagtail start` plus one page model (headline, dateline, byline, date, rich
# text body) holding the seed story.
#
#   bench/wagtail.sh            (needs wrk: apt-get install wrk)
#
# Both apps run under gunicorn with the same settings (WORKERS sync workers, default 2),
# production settings (DEBUG off), SQLite. Newsroom: deploy/serve.sh with the page cache off
# (NEWSROOM_PAGE_CACHE=false) and no nginx: every request renders the page. In ROUNDS
# interleaved rounds wrk (2 threads, 32 connections, DURATION s) measures each; then 20 single
# requests each (curl, median). Results printed and kept in .local/bench-wagtail-*.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=$ROOT/.venv/bin/python
HOME_DIR=${WAGTAIL_HOME:-/tmp/newsroom-wagtail}
VENV=${WAGTAIL_VENV:-$HOME_DIR/venv}
SITE=$HOME_DIR/site
SEED=${SEED:-/work/shared/seeds/000_7077a1414e491a78.txt}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
WORKERS=${WORKERS:-2}
PORT=${BENCH_PORT:-8670}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
mkdir -p .local "$HOME_DIR"

# --- the Wagtail site (built once) ------------------------------------------------------
[ -x "$VENV/bin/wagtail" ] || { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q "wagtail>=8,<9" gunicorn; }
if [ ! -s "$SITE/db.sqlite3" ]; then
  rm -rf "$SITE" && mkdir -p "$SITE"
  (cd "$SITE" && "$VENV/bin/wagtail" start wagtailsite .)
  cat >> "$SITE/home/models.py" <<'PY'


from wagtail.fields import RichTextField


class StoryPage(Page):
    dateline = models.CharField(max_length=100, blank=True)
    byline = models.CharField(max_length=200, blank=True)
    date = models.DateField()
    standfirst = models.TextField(blank=True)
    body = RichTextField()

    content_panels = Page.content_panels + ["dateline", "byline", "date", "standfirst", "body"]
PY
  cat > "$SITE/home/templates/home/story_page.html" <<'HTML'
{% extends "base.html" %}
{% load wagtailcore_tags %}
{% block body_class %}template-storypage{% endblock %}
{% block content %}
<article dir="rtl" lang="ar">
  <h1>{{ page.title }}</h1>
  <p class="meta">{{ page.dateline }} — {{ page.byline }} — <time datetime="{{ page.date|date:"c" }}">{{ page.date }}</time></p>
  <p class="standfirst">{{ page.standfirst }}</p>
  {{ page.body|richtext }}
</article>
{% endblock %}
HTML
  cd "$SITE"
  "$VENV/bin/python" manage.py makemigrations home -v0
  "$VENV/bin/python" manage.py migrate -v0
  SEED="$SEED" "$VENV/bin/python" manage.py shell -c '
import datetime, html, os
from home.models import HomePage, StoryPage
lines = [line.strip() for line in open(os.environ["SEED"], encoding="utf-8") if line.strip()]
dateline, _, byline = lines[0].partition("/")
home = HomePage.objects.first()
home.add_child(instance=StoryPage(
    title="أمانة عسير تحصد درع الحكومة الذكية العربية في فئتين", slug="story",
    dateline=dateline, byline=byline, date=datetime.date(2021, 12, 1), standfirst=lines[1],
    body="".join(f"<p>{html.escape(p)}</p>" for p in lines[1:])))
'
  cd "$ROOT"
fi

# Production settings: DEBUG off (production.py), hashed static files collected, any host.
cat > "$SITE/wagtailsite/settings/local.py" <<'PY'
SECRET_KEY = "wagtail-bench"
ALLOWED_HOSTS = ["*"]
PY
[ -s "$SITE/static/staticfiles.json" ] || (cd "$SITE" && DJANGO_SETTINGS_MODULE=wagtailsite.settings.production \
  "$VENV/bin/python" manage.py collectstatic --noinput -v0)

# --- Newsroom's SQLite archive, as bench/http.sh makes it ------------------------------------
export DATABASE_URL="sqlite:///$ROOT/.local/bench-100.sqlite3"
if [ ! -s .local/bench-100.sqlite3 ]; then
  "$PY" manage.py migrate -v0 && "$PY" manage.py load_demo >/dev/null
  "$PY" manage.py generate_stories 99 >/dev/null
fi
ARTICLE=$("$PY" manage.py shell -c "from articles.models import Article; print(Article.objects.get(import_source='000_7077a1414e491a78.txt').get_absolute_url())" 2>/dev/null | tail -1)

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM
NEWSROOM_PAGE_CACHE=false NEWSROOM_NGINX=off WEB_CONCURRENCY=$WORKERS HOST=127.0.0.1 PORT=$PORT \
  CACHE_DIR=$ROOT/.local/bench-wagtail-cache deploy/serve.sh > .local/bench-wagtail-newsroom.log 2>&1 &
PIDS+=($!)
(cd "$SITE" && DJANGO_SETTINGS_MODULE=wagtailsite.settings.production \
  exec "$VENV/bin/gunicorn" -w "$WORKERS" -b 127.0.0.1:$((PORT + 1)) wagtailsite.wsgi:application \
  > "$ROOT/.local/bench-wagtail-wagtail.log" 2>&1) &
PIDS+=($!)
NEWSROOM=http://127.0.0.1:$PORT$ARTICLE WAGTAIL=http://127.0.0.1:$((PORT + 1))/story/
for url in "$NEWSROOM" "$WAGTAIL"; do
  for _ in $(seq 120); do curl -fs -o /dev/null "$url" && break; sleep 1; done
  curl -fs -o /dev/null "$url" || { echo "no answer from $url" >&2; exit 1; }
done

OUT=.local/bench-wagtail-$(date -u +%Y%m%dT%H%M%S).txt
{
  echo "load before: $(uptime)"
  echo "Newsroom page: $(curl -fs "$NEWSROOM" | wc -c) bytes; Wagtail page: $(curl -fs "$WAGTAIL" | wc -c) bytes"
  declare -A RPS
  for round in $(seq "$ROUNDS"); do
    for name in newsroom wagtail; do
      url=$NEWSROOM; [ $name = wagtail ] && url=$WAGTAIL
      report=$(wrk -t2 -c32 -d"$DURATION"s --latency "$url")
      rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$report")
      echo "round $round $name: $rps req/s, p50 $(awk '$1 == "50%" {print $2}' <<<"$report"), p99 $(awk '$1 == "99%" {print $2}' <<<"$report"), non-2xx/errors: $(grep -E 'Non-2xx|Socket errors' <<<"$report" | tr '\n' ' ')"
      RPS[$name]="${RPS[$name]:-} $rps"
    done
  done
  for name in newsroom wagtail; do
    median=$(tr ' ' '\n' <<<"${RPS[$name]}" | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    single=$(url=$NEWSROOM; [ $name = wagtail ] && url=$WAGTAIL
             for _ in $(seq 20); do curl -fs -o /dev/null -w '%{time_total}\n' "$url"; done | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)] * 1000}')
    echo "$name: median $median req/s; single request median $single ms"
    eval "MEDIAN_$name=$median"
  done
  awk -v n="$MEDIAN_newsroom" -v w="$MEDIAN_wagtail" 'BEGIN {printf "ratio newsroom / wagtail: %.2f (target ≥ 1.5)\n", n / w}'
  echo "load after: $(uptime)"
} | tee "$OUT"
