"""Settings come from the environment; production refuses to start without what it needs."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from settings.env import Env

ROOT = Path(__file__).resolve().parents[1]
GOOD_KEY = "k" * 20 + "-production-secret-key-for-the-settings-test-only"

# The settings module alone, as Django reads it before it loads the apps (which every other
# test starts, and which would triple the cost of each of these processes).
PRINT_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "name": str(settings.DATABASES["default"]["NAME"]),
    "cache": settings.CACHES["default"]["BACKEND"],
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "debug": settings.DEBUG,
    "hosts": settings.ALLOWED_HOSTS,
    "email": settings.EMAIL_BACKEND,
    "email_timeout": settings.EMAIL_TIMEOUT,
    "media": settings.STORAGES["default"],
    "frontend_cache": settings.WAGTAILFRONTENDCACHE,
    "page_cache_seconds": settings.PAGE_CACHE_SECONDS,
    "two_factor_required": settings.ADMIN_2FA_REQUIRED,
}))
"""


def load(settings_module, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DATABASE_URL",
            "REDIS_URL",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "PAGE_CACHE_SECONDS",
            "AWS_STORAGE_BUCKET_NAME",
            "FRONTEND_CACHE_BACKEND",
        }
    }
    clean.update(env, DJANGO_SETTINGS_MODULE=settings_module)
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_development_defaults_need_nothing_installed():
    result = load("settings.dev")
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(ROOT / "db.sqlite3")
    assert values["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["email"] == "django.core.mail.backends.console.EmailBackend"


def test_database_and_cache_urls_switch_to_postgresql_and_redis():
    result = load(
        "settings.dev",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/site",
        REDIS_URL="redis://127.0.0.1:6379/1",
    )
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "site"
    assert values["cache"] == "caching.cache_breaker.CircuitBreakerRedisCache"


def test_production_refuses_to_start_without_secret_key_and_allowed_hosts():
    result = load("settings.production")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY, ALLOWED_HOSTS" in result.stderr

    result = load("settings.production", SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0 and "ALLOWED_HOSTS" in result.stderr

    result = load("settings.production", SECRET_KEY="short", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0 and "at least 50 characters" in result.stderr


def test_production_serves_compressed_hashed_static_files_with_debug_off():
    result = load(
        "settings.production", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="example.org,www.example.org"
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert values["debug"] is False
    assert values["hosts"] == ["example.org", "www.example.org"]
    assert values["email"] == "django.core.mail.backends.smtp.EmailBackend"
    # A mail server that never answers holds a send this long, not for ever.
    assert values["email_timeout"] == 10
    assert values["two_factor_required"] is True  # staff enrol a second factor by default
    optional = load(
        "settings.production", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="e.org", ADMIN_2FA_REQUIRED="0"
    )
    assert json.loads(optional.stdout)["two_factor_required"] is False


def test_production_takes_media_storage_cdn_purge_and_page_cache_from_the_environment():
    plain = json.loads(load("settings.production", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="x").stdout)
    assert plain["media"]["BACKEND"] == "core.storage.MediaFileSystemStorage"
    assert plain["frontend_cache"] == {} and plain["page_cache_seconds"] == 600
    result = load(
        "settings.production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="example.org",
        AWS_STORAGE_BUCKET_NAME="cisdp-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.net",
        AWS_S3_CUSTOM_DOMAIN="media.example.org",
        FRONTEND_CACHE_BACKEND="cloudfront",
        FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID="E123",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["media"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert values["media"]["OPTIONS"]["bucket_name"] == "cisdp-media"
    assert values["media"]["OPTIONS"]["custom_domain"] == "media.example.org"
    cloudfront = values["frontend_cache"]["default"]
    assert cloudfront["BACKEND"].endswith("CloudfrontBackend")
    assert cloudfront["DISTRIBUTION_ID"] == "E123"


def test_production_passes_check_deploy_with_nothing_silenced():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="settings.production",
        SECRET_KEY="Qm7-vX2pL9_sT4wZ8yR1nB6cF3hJ0kD5gA-eU7iO2uY9tE4rW1qS8dN6mV3bC0x",
        ALLOWED_HOSTS="example.org",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


PRINT_SECURITY = """
import json
from django.conf import settings
print(json.dumps({
    "hsts": [settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS,
             settings.SECURE_HSTS_PRELOAD],
    "cookies": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE,
                settings.SESSION_COOKIE_SAMESITE, settings.CSRF_COOKIE_SAMESITE],
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "axes": settings.AXES_HANDLER,
}))
"""


def test_production_sends_hsts_for_a_year_and_secure_same_site_cookies():
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    env.update(
        DJANGO_SETTINGS_MODULE="settings.production", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="a.org"
    )
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SECURITY], cwd=ROOT, env=env, capture_output=True, text=True
    )
    values = json.loads(result.stdout)
    assert values["hsts"] == [31_536_000, True, True]
    assert values["cookies"] == [True, True, "Lax", "Lax"]
    assert values["ssl_redirect"] is True
    # Lockouts are shared by every app server through the database.
    assert values["axes"] == "axes.handlers.database.AxesDatabaseHandler"


PRODUCTION_RESPONSE = """
import json, django
django.setup()
from django.test import Client
client = Client()
plain = client.get("/robots.txt", HTTP_HOST="example.org")
secure = client.get("/robots.txt", HTTP_HOST="example.org", HTTP_X_FORWARDED_PROTO="https")
print(json.dumps({"plain": [plain.status_code, plain.get("Location")],
                  "secure": secure.status_code, "headers": dict(secure.headers)}))
"""


def test_production_redirects_to_https_and_sends_every_security_header():
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    env.update(
        DJANGO_SETTINGS_MODULE="settings.production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="example.org",
        TRUSTED_PROXY_COUNT="1",  # behind a load balancer that ends TLS
    )
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_RESPONSE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    values = json.loads(result.stdout)
    assert values["plain"] == [301, "https://example.org/robots.txt"]
    headers = values["headers"]
    assert values["secure"] == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "script-src 'self';" in headers["Content-Security-Policy"] + ";"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "microphone=()" in headers["Permissions-Policy"]


def test_environment_values_are_read_one_way():
    env = Env({"ON": " Yes", "OFF": "off", "BLANK": "", "N": "12", "F": "0.5", "L": " a, ,b "})
    assert env.bool("ON") is True and env.bool("OFF", True) is False
    assert env.bool("BLANK", True) is False and env.bool("UNSET", True) is True
    assert env.int("N", 0) == 12 and env.float("F", 1.0) == 0.5 and env.int("UNSET", 7) == 7
    assert env.list("L") == ["a", "b"] and env.list("BLANK", ["x"]) == []
    assert env.list("UNSET", ["x"]) == ["x"] and env.str("UNSET", "d") == "d"


@pytest.mark.parametrize(
    "reader, value", [("bool", "maybe"), ("int", "ten"), ("int", "1.5"), ("float", "fast")]
)
def test_a_malformed_environment_value_is_refused_by_name(reader, value):
    with pytest.raises(ImproperlyConfigured, match=f"SOME_SETTING is '{value}'"):
        getattr(Env({"SOME_SETTING": value}), reader)("SOME_SETTING", None)


def test_production_refuses_to_start_with_a_malformed_value():
    result = load(
        "settings.production", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="x", SECURE_SSL_REDIRECT="sure"
    )
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT is 'sure'" in result.stderr
