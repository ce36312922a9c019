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
