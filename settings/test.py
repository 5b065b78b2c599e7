"""Test run: SQLite (or DATABASE_URL), in-memory email, fast hashing."""

import tempfile

from .base import *  # noqa: F403
from .env import env

DEBUG = False
SECRET_KEY = "tests-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Background work runs at once: a thread cannot see a test's uncommitted rows.
BACKGROUND_THREADS = False
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = tempfile.mkdtemp(prefix="cisdp-test-media-")
WAGTAILADMIN_BASE_URL = "http://testserver"
# Off for the suite (tests publish through the ORM and read at once, and the local-memory
# cache outlives each test's rolled-back database); tests/caching/test_page_cache.py turns it on.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", 0)
