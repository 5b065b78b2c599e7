"""The documented production front (deploy/nginx-site.conf: nginx before gunicorn's sync
workers) survives slow clients: with 100 connections that sent half a request and wait, a
normal request still answers. Without nginx, the same connections leave it unanswered."""

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from scripts import front_server as front

ROOT = Path(__file__).resolve().parents[2]
IDLE_CONNECTIONS = 100


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"nothing listens on port {port}")


@contextmanager
def running(command, port, env=None):
    """A server process, until the block ends; ready once something listens on `port`."""
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_for(port)
        yield server
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def app_server(tmp_path):
    """gunicorn with two sync workers, as docs/operations.md runs it. /robots.txt needs no
    database, so none is set up."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    }
    command = [sys.executable, "-m", "gunicorn", "wsgi:application", "--workers", "2"]
    with running(command + ["--bind", f"127.0.0.1:{port}", "--timeout", "30"], port, env=env):
        # gunicorn listens before its workers have loaded Django: wait for an answer (seconds
        # on a busy machine), so that the tests time requests to a ready server.
        deadline = time.monotonic() + 60
        while answers(port, timeout=5) != 200:
            assert time.monotonic() < deadline, "gunicorn never answered"
            time.sleep(0.2)
        yield port


@pytest.fixture
def front_server(app_server, tmp_path):
    if front.nginx_binary() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("nginx is not installed (CI=true: .ci/run installs it)")
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    port = free_port()
    with running(front.write_nginx_config(tmp_path, app_server, port), port):
        yield port


def half_sent_requests(port):
    sockets = []
    for _ in range(IDLE_CONNECTIONS):
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(b"GET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow")
        sockets.append(sock)
    return sockets


def answers(port, timeout):
    try:
        return requests.get(f"http://127.0.0.1:{port}/robots.txt", timeout=timeout).status_code
    except requests.exceptions.RequestException:
        return None


def test_idle_half_sent_requests_hold_nginx_not_the_app_servers(app_server, front_server):
    assert answers(front_server, timeout=5) == 200
    idle = half_sent_requests(front_server)
    try:
        assert answers(front_server, timeout=5) == 200
    finally:
        for sock in idle:
            sock.close()


def test_without_the_front_the_same_clients_hold_every_worker(app_server):
    assert answers(app_server, timeout=5) == 200
    idle = half_sent_requests(app_server)
    try:
        assert answers(app_server, timeout=3) is None
    finally:
        for sock in idle:
            sock.close()
