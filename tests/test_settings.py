"""Settings come from the environment; production refuses to start without what it needs."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOOD_KEY = "k" * 20 + "-production-secret-key-for-the-settings-test-only"

PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "name": str(settings.DATABASES["default"]["NAME"]),
    "cache": settings.CACHES["default"]["BACKEND"],
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "debug": settings.DEBUG,
    "hosts": settings.ALLOWED_HOSTS,
    "email": settings.EMAIL_BACKEND,
    "media": settings.STORAGES["default"],
    "frontend_cache": settings.WAGTAILFRONTENDCACHE,
    "page_cache_seconds": settings.PAGE_CACHE_SECONDS,
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
    assert values["cache"] == "django_redis.cache.RedisCache"


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


def test_production_takes_media_storage_cdn_purge_and_page_cache_from_the_environment():
    plain = json.loads(load("settings.production", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="x").stdout)
    assert plain["media"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
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
