"""For tests that start the site as a real server on loopback: a free port, and a GET that
returns (status, headers, body) whatever the status."""

import socket
import urllib.error
import urllib.request


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def wait_until_healthy(process, base_url, log=None, seconds=180):
    """Wait for a stack started from deploy/serve.sh to answer /healthz (its log on failure)."""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()[-3000:] if log else process.stdout.read()[-3000:]
        try:
            if fetch(f"{base_url}/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)


def stop(process):
    """Stop a stack started with start_new_session=True: TERM, then KILL after 30 s."""
    import os
    import signal
    import subprocess

    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def stack_environment(folder, port, app_port, *, workers=1, leave_out=(), **extra):
    """The environment for deploy/serve.sh on loopback with production settings, a throw-away
    SQLite database, media and static folders under `folder` (the machine's own environment
    less DEBUG, the test runner's async switch and the names in `leave_out`)."""
    import os

    dropped = {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL", *leave_out}
    return {
        **{name: value for name, value in os.environ.items() if name not in dropped},
        "NEWSROOM_ENV": "production",
        "SECRET_KEY": "stack-test-" + "k" * 50,
        "DATABASE_URL": f"sqlite:///{folder}/db.sqlite3",
        "MEDIA_ROOT": str(folder / "media"),
        "STATIC_ROOT": str(folder / "static"),
        "NEWSROOM_LOCAL": str(folder / "local"),
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "APP_PORT": str(app_port),
        "WEB_CONCURRENCY": str(workers),
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        **extra,
    }


def run_in_stack(environment, *args, timeout=300):
    """Run `python ARGS…` (manage.py or `-c SCRIPT`) from the checkout in the stack's
    environment; the last line it printed (its stderr on failure)."""
    import subprocess
    import sys
    from pathlib import Path

    done = subprocess.run(
        [sys.executable, *map(str, args)],
        cwd=Path(__file__).resolve().parents[2],
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    return lines[-1] if lines else ""
