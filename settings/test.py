"""Test run: SQLite (or DATABASE_URL), in-memory email, fast hashing."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "tests-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = tempfile.mkdtemp(prefix="cisdp-test-media-")
WAGTAILADMIN_BASE_URL = "http://testserver"
