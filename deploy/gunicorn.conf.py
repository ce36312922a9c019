"""gunicorn settings for `make serve` and production; every value from the environment.

  WEB_CONCURRENCY  worker processes (default: 2 × CPU cores + 1, at most 8)
  GUNICORN_BIND    address:port (default 127.0.0.1:8001; deploy/serve.sh sets it)
  GUNICORN_TIMEOUT seconds a request may take before its worker is replaced (default 30)

Logs go to stdout/stderr. The access log is one line a request:
  127.0.0.1 [30/Nov/2026:12:00:00 +0000] "GET /path HTTP/1.0" 200 5120 3.1ms cache=hit
(client, time, request line, status, bytes, time taken in milliseconds, page cache: hit,
miss or - when the page cache did not apply).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * multiprocessing.cpu_count() + 1, 8))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# Recycle workers now and then, so a slow leak never takes a worker's memory far.
max_requests = 5000
max_requests_jitter = 500
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# Trust X-Forwarded-* from the nginx in front (on the same machine).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(B)s %(M)sms cache=%({x-page-cache}o)s'
control_socket_disable = True  # one stack per checkout; nothing here uses it
