"""Work that must not hold a request: run in a thread of the worker process.

A gunicorn sync worker serves one request at a time; a slow service called while answering
(a mail server that accepts and never answers) would hold it, and a few such requests hold
every worker. What a request hands to `run_in_background` runs in a small pool of threads
instead; its result must also be reachable another way (the endorsement's confirmation: the
`send_confirmations` command retries what a thread could not send, and a worker restarted
mid-send loses nothing). With `settings.BACKGROUND_THREADS` off (the tests) it runs at once.
"""

import logging
import os
import threading
from concurrent.futures import ThreadPoolExecutor, wait

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)

# Two threads per worker process: enough for a trickle of emails, and a hung mail server
# costs two idle threads, not the site.
THREADS = 2

_lock = threading.Lock()
_pool = None
_pool_pid = None
_pending = set()


def _executor():
    """The process's pool, made in the process that uses it (gunicorn forks its workers
    after loading the app when preloading: a pool made before would have no threads)."""
    global _pool, _pool_pid
    with _lock:
        if _pool is None or _pool_pid != os.getpid():
            _pool = ThreadPoolExecutor(max_workers=THREADS, thread_name_prefix="background")
            _pool_pid = os.getpid()
            _pending.clear()
        return _pool


def _run(func, args):
    try:
        func(*args)
    except Exception:
        logger.exception("Background task %s failed", getattr(func, "__name__", func))
    finally:
        # The thread's own database connections: closed, not left for the server to drop.
        connections.close_all()


def run_in_background(func, *args):
    if not settings.BACKGROUND_THREADS:
        func(*args)
        return
    future = _executor().submit(_run, func, args)
    with _lock:
        _pending.add(future)
    future.add_done_callback(_forget)


def _forget(future):
    with _lock:
        _pending.discard(future)


def wait_for_background(timeout=None):
    """Wait for the tasks handed over so far (tests; a command that must finish them)."""
    with _lock:
        pending = set(_pending)
    wait(pending, timeout=timeout)
