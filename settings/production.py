"""Production: every required value comes from the environment, or the site refuses to start."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, MEDIA_STORAGE, SECRET_KEY, TRUSTED_PROXY_COUNT
from .env import env

DEBUG = False

_missing = [
    name
    for name, value in (("SECRET_KEY", SECRET_KEY), ("ALLOWED_HOSTS", ALLOWED_HOSTS))
    if not value
]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables: "
        + ", ".join(_missing)
        + ". Set SECRET_KEY to a long random string and ALLOWED_HOSTS to the site's host names"
        " separated by commas (see docs/operations.md)."
    )
if SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured("SECRET_KEY must be a random string of at least 50 characters.")

# Every staff member signs in with a second factor (an authenticator app, or a backup code);
# ADMIN_2FA_REQUIRED=0 makes it optional, as in development.
ADMIN_2FA_REQUIRED = env.bool("ADMIN_2FA_REQUIRED", True)

# Compressed, content-hashed static files served by WhiteNoise (run collectstatic on deploy).
STORAGES = {
    "default": MEDIA_STORAGE,  # object storage when AWS_STORAGE_BUCKET_NAME is set
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Security that needs HTTPS, so off in development and tests; the headers that do not
# (CSP, nosniff, Referrer-Policy, Permissions-Policy, X-Frame-Options) are in settings.base.
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS")
# Only a proxy of ours may say the visitor used HTTPS; without one, a client could claim it.
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Off only when the load balancer already redirects HTTP to HTTPS.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

EMAIL_BACKEND = env.str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", "localhost")
EMAIL_PORT = env.int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", False)
