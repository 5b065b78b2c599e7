"""Local development: runs with nothing but Python installed."""

from .base import *  # noqa: F403
from .base import SECRET_KEY
from .env import env

DEBUG = env.bool("DJANGO_DEBUG", True)
# For local use only; production refuses to start without a real one.
SECRET_KEY = SECRET_KEY or "django-insecure-local-development-key-do-not-use-in-production"
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
# Serve static files straight from the source folders: no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Pages are rendered afresh while developing, unless PAGE_CACHE_SECONDS says otherwise.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", 0)
