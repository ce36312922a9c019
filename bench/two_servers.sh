#!/usr/bin/env bash
# Two stateless app servers behind deploy/nginx.conf, sharing PostgreSQL and Redis, on
# loopback (docs/deployment.md, "Beyond one machine"). On demand, never in CI.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_scale bench/two_servers.sh
#
# Starts gunicorn A (PORT+1) and gunicorn B (PORT+2), each with the page cache on and
# REDIS_URL shared, and nginx on PORT with an upstream holding both. Warms every page cache
# (A, B, the edge), then publishes a new story and corrects its headline from server A's
# side — a `manage.py` process with A's settings calling publishing.py, as the admin does —
# and polls the home page on B directly and through nginx until the story shows.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=$ROOT/.venv/bin/python
PORT=${BENCH_PORT:-8690}
: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL database (both servers share it)}"
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0}
export CACHE_KEY_PREFIX=two-servers-$$ NEWSROOM_ENV=production SECRET_KEY=two-servers-$$
export ALLOWED_HOSTS=127.0.0.1,localhost NEWSROOM_HTTPS=false WEB_CONCURRENCY=${WEB_CONCURRENCY:-2}
mkdir -p .local

"$PY" manage.py migrate -v0
"$PY" manage.py shell -c "from articles.models import Article; Article.objects.exists()" 2>/dev/null
[ "$("$PY" manage.py shell -c 'from articles.models import Article; print(Article.objects.count())' | tail -1)" -gt 0 ] \
  || "$PY" manage.py load_demo >/dev/null
"$PY" manage.py collectstatic --noinput -v0
STATIC_ROOT=$("$PY" -c 'import django,os;os.environ.setdefault("DJANGO_SETTINGS_MODULE","newsroom.settings");django.setup();from django.conf import settings;print(settings.STATIC_ROOT)')

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM
for n in 1 2; do
  GUNICORN_BIND=127.0.0.1:$((PORT + n)) "$ROOT/.venv/bin/gunicorn" --config deploy/gunicorn.conf.py \
    newsroom.wsgi:application > ".local/two-servers-app$n.log" 2>&1 &
  PIDS+=($!)
done
# nginx: deploy/nginx.conf with both servers in the upstream (the config's one placeholder).
conf=$ROOT/.local/two-servers-nginx
mkdir -p "$conf/cache" "$conf/tmp"
user=""; [ "$(id -u)" = 0 ] && { user="user www-data;"; chown -R www-data "$conf/cache" "$conf/tmp"; }
sed -e "s|@LISTEN@|127.0.0.1:$PORT|" -e "s|@UPSTREAM@|127.0.0.1:$((PORT + 1)); server 127.0.0.1:$((PORT + 2))|" \
    -e "s|@STATIC_ROOT@|$STATIC_ROOT|g" -e "s|@MEDIA_ROOT@|$ROOT/.local/media|g" \
    -e "s|@CACHE_DIR@|$conf/cache|" -e "s|@TRUSTED_PROXIES@||" deploy/nginx.conf > "$conf/site.conf"
cat > "$conf/nginx.conf" <<CONF
$user
worker_processes 1;
daemon off;
pid $conf/nginx.pid;
error_log $conf/error.log warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    client_body_temp_path $conf/tmp/body; proxy_temp_path $conf/tmp/proxy;
    fastcgi_temp_path $conf/tmp/fastcgi; uwsgi_temp_path $conf/tmp/uwsgi; scgi_temp_path $conf/tmp/scgi;
    include $conf/site.conf;
}
CONF
nginx -c "$conf/nginx.conf" > .local/two-servers-nginx.log 2>&1 &
PIDS+=($!)
EDGE=http://127.0.0.1:$PORT A=http://127.0.0.1:$((PORT + 1)) B=http://127.0.0.1:$((PORT + 2))
for url in "$A" "$B" "$EDGE"; do
  for _ in $(seq 60); do curl -fs -o /dev/null "$url/" && break; sleep 1; done
done
grep -A3 "^upstream" "$conf/site.conf"

HEADLINE="خبر عاجل من الخادم الأول $$"
for url in "$A" "$B" "$EDGE" "$EDGE" "$EDGE"; do  # warm: both apps' pages and the edge's
  curl -fs -D - -o /dev/null "$url/" | grep -iE "^(x-page-cache|etag):" | tr -d '\r' | sed "s|^|$url/ |"
done
if curl -fs "$B/" | grep -q "$HEADLINE"; then echo "the story is already there?" >&2; exit 1; fi

wait_for() {  # text url → seconds until the page at url shows text
  local start=$EPOCHREALTIME
  for _ in $(seq 200); do
    curl -fs "$2" | grep -q "$1" && { awk -v s="$start" -v e="$EPOCHREALTIME" 'BEGIN {printf "%.2f s", e - s}'; return; }
    sleep 0.05
  done
  echo "NOT within 10 s"; return 1
}

echo "publishing \"$HEADLINE\" with server A's settings …"
STORY=$("$PY" manage.py shell -c "
from articles import publishing
from articles.models import Article, Section
story = Article.objects.create(headline_ar='$HEADLINE', body_ar='<p>نص</p>', section=Section.objects.first())
publishing.publish(story)
print(story.pk)" | tail -1)
echo "on B's home page directly: $(wait_for "$HEADLINE" "$B/")"
echo "on the home page through nginx (A and B behind it): $(wait_for "$HEADLINE" "$EDGE/")"
echo "correcting the headline …"
"$PY" manage.py shell -c "
from articles.models import Article
story = Article.objects.get(pk=$STORY)
story.headline_ar = '$HEADLINE (مصحح)'
story.save()" >/dev/null
echo "correction on B directly: $(wait_for "$HEADLINE (مصحح)" "$B/")"
echo "correction through nginx: $(wait_for "$HEADLINE (مصحح)" "$EDGE/")"
echo "requests each server answered (access logs):"
for n in 1 2; do echo "  app $n: $(grep -c '"GET ' ".local/two-servers-app$n.log") GETs"; done
"$PY" manage.py shell -c "
from articles.models import Article
Article.objects.filter(pk=$STORY).delete()" >/dev/null
