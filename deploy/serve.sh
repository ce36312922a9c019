#!/usr/bin/env bash
# The production stack on this machine, in the foreground: migrations, collectstatic,
# gunicorn, and nginx in front of it when nginx is installed (Debian: apt-get install nginx).
# Used by `make serve`; see docs/deployment.md. Stop with Ctrl-C (both stop).
#
#   HOST, PORT        where readers connect (default 127.0.0.1:8000): nginx, or gunicorn
#                     itself when there is no nginx
#   APP_PORT          gunicorn's port behind nginx (default PORT+1)
#   WEB_CONCURRENCY   gunicorn workers; NEWSROOM_ENV, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL,
#                     REDIS_URL … as in the README ("Configuration")
#   NEWSROOM_LOCAL    where the stack keeps its key, nginx config and edge cache (default .local)
#   NEWSROOM_TRUSTED_PROXIES  addresses or CIDR ranges of a TLS-terminating proxy in front of
#                     nginx (comma-separated): its X-Forwarded-Proto is passed on, and
#                     NEWSROOM_PROXY_COUNT defaults to 2 (it and nginx each add an address)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PY:-$ROOT/.venv/bin/python}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
APP_PORT=${APP_PORT:-$((PORT + 1))}
LOCAL=${NEWSROOM_LOCAL:-$ROOT/.local}
mkdir -p "$LOCAL"

# Production settings unless told otherwise. On a machine with no secret or host list yet
# (a fresh clone), keep the checkout's generated key and serve this machine's own names.
export NEWSROOM_ENV=${NEWSROOM_ENV:-production}
if [ -z "${SECRET_KEY:-}" ]; then
  [ -s "$LOCAL/secret_key" ] || { "$PY" -c 'import secrets; print(secrets.token_urlsafe(50))' > "$LOCAL/secret_key"; chmod 600 "$LOCAL/secret_key"; }
  SECRET_KEY=$(cat "$LOCAL/secret_key"); export SECRET_KEY
fi
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-$HOST,localhost,127.0.0.1}
# Plain HTTP is fine on loopback only: elsewhere the settings insist on HTTPS (docs/security.md).
case "$HOST" in
  127.*|localhost|::1) export NEWSROOM_HTTPS=${NEWSROOM_HTTPS:-false} ;;
esac

# A front proxy (docs/deployment.md, "Behind a TLS proxy"): nginx trusts its X-Forwarded-Proto.
TRUSTED_PROXIES="" trusted=${NEWSROOM_TRUSTED_PROXIES:-}
for proxy in ${trusted//,/ }; do
  [[ $proxy =~ ^[0-9A-Fa-f.:]+(/[0-9]+)?$ ]] || { echo "NEWSROOM_TRUSTED_PROXIES: '$proxy' is not an address or CIDR range" >&2; exit 2; }
  TRUSTED_PROXIES+="$proxy 1; "
done

STATIC_ROOT=$("$PY" -c 'import django,os;os.environ.setdefault("DJANGO_SETTINGS_MODULE","newsroom.settings");django.setup();from django.conf import settings;print(settings.STATIC_ROOT)')
MEDIA_ROOT=$("$PY" -c 'import django,os;os.environ.setdefault("DJANGO_SETTINGS_MODULE","newsroom.settings");django.setup();from django.conf import settings;print(settings.MEDIA_ROOT)')
mkdir -p "$MEDIA_ROOT" "$STATIC_ROOT"

NGINX=""
if command -v nginx >/dev/null 2>&1 && [ "${NEWSROOM_NGINX:-on}" != off ]; then
  NGINX=on
  conf=$LOCAL/nginx
  mkdir -p "$conf/cache" "$conf/tmp"
fi
# Run as root, nginx's workers drop to www-data: they must reach the static files, the
# uploads and their cache, or every page is a 500 and every static file a 403 while gunicorn
# answers 200. A checkout under /root (mode 700) is the usual case: refuse, naming the fix.
if [ -n "$NGINX" ] && [ "$(id -u)" = 0 ]; then
  chown -R www-data "$conf/cache" "$conf/tmp"
  for folder in "$STATIC_ROOT" "$MEDIA_ROOT" "$conf/cache" "$conf/tmp"; do
    runuser -u www-data -- test -r "$folder" -a -x "$folder" && continue
    cat >&2 <<REFUSE
make serve: nginx's workers run as www-data and cannot enter $folder
(a folder above it is closed to other users, as /root is). Nothing was started. Either
  - put the checkout where www-data can read it, e.g. /srv/newsroom (git clone … /srv/newsroom), or
  - set STATIC_ROOT, MEDIA_ROOT and NEWSROOM_LOCAL to folders www-data can read, e.g. under /srv/newsroom, or
  - let other users through the folders above it (chmod o+x on each, e.g. chmod o+x /root), or
  - NEWSROOM_NGINX=off: gunicorn alone serves the site (no edge cache; uploaded pictures need another server).
REFUSE
    exit 3
  done
fi

"$PY" manage.py migrate --noinput
"$PY" manage.py collectstatic --noinput --verbosity 0

NGINX_PID="" GUNICORN_PID=""
stop() {
  for pid in $GUNICORN_PID $NGINX_PID; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 0' INT TERM

if [ -n "$NGINX" ]; then
  # Behind a front proxy and nginx the client is two X-Forwarded-For entries from the right.
  [ -z "$TRUSTED_PROXIES" ] || export NEWSROOM_PROXY_COUNT=${NEWSROOM_PROXY_COUNT:-2}
  sed -e "s|@LISTEN@|$HOST:$PORT|" -e "s|@UPSTREAM@|127.0.0.1:$APP_PORT|" \
      -e "s|@STATIC_ROOT@|$STATIC_ROOT|g" -e "s|@MEDIA_ROOT@|$MEDIA_ROOT|g" \
      -e "s|@CACHE_DIR@|$conf/cache|" -e "s|@TRUSTED_PROXIES@|$TRUSTED_PROXIES|" deploy/nginx.conf > "$conf/site.conf"
  user=""
  if [ "$(id -u)" = 0 ]; then  # nginx's workers drop root (their cache is theirs, above)
    user="user www-data;"
  fi
  # Brotli beside gzip when Debian's module is installed (apt-get install libnginx-mod-http-brotli-filter).
  brotli_module="" brotli_conf=""
  if [ -f /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so ]; then
    brotli_module="load_module /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so;"
    brotli_conf="include $ROOT/deploy/nginx-brotli.conf;"
  fi
  cat > "$conf/nginx.conf" <<CONF
$brotli_module
$user
worker_processes auto;
daemon off;
pid $conf/nginx.pid;
error_log /dev/stderr warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 30;
    client_body_temp_path $conf/tmp/body;
    proxy_temp_path $conf/tmp/proxy;
    fastcgi_temp_path $conf/tmp/fastcgi;
    uwsgi_temp_path $conf/tmp/uwsgi;
    scgi_temp_path $conf/tmp/scgi;
    $brotli_conf
    include $conf/site.conf;
}
CONF
  nginx -t -q -c "$conf/nginx.conf" -e /dev/stderr
  nginx -c "$conf/nginx.conf" -e /dev/stderr &
  NGINX_PID=$!
  export GUNICORN_BIND=${GUNICORN_BIND:-127.0.0.1:$APP_PORT}
  echo "Site: http://$HOST:$PORT/ (nginx) → gunicorn on $GUNICORN_BIND"
else
  export GUNICORN_BIND=${GUNICORN_BIND:-$HOST:$PORT}
  echo "Site: http://$GUNICORN_BIND/ (gunicorn; install nginx for the edge cache and static files)"
fi

# In the background and waited for, so a TERM to this script stops gunicorn and nginx at once.
"$ROOT/.venv/bin/gunicorn" --config deploy/gunicorn.conf.py newsroom.wsgi:application &
GUNICORN_PID=$!
wait "$GUNICORN_PID"
