"""Settings shared by every environment. Values that differ come from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "core",
    "home",
    "themes",
    "events",
    "campaigns",
    "resources",
    "localization",
    "wagtail_localize",
    # Replaces wagtail.locales (same app label): locale management with sync options.
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_countries",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Full-page cache (issue #8, part B): a hit skips everything below (see core.page_cache).
    "core.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.middleware.LocaleHomeFallbackMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Translators and reviewers: limited to their language in the admin (localization app).
    "localization.permissions.LanguageScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "urls"
WSGI_APPLICATION = "wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite file in the project folder unless DATABASE_URL names another database
# (postgres://… uses psycopg 3).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Caches, page cache and CDN (issue #8, part B) ---------------------------------------
# Local memory unless REDIS_URL is set; Redis is shared by every app server.
REDIS_URL = os.environ.get("REDIS_URL", "")


def caches_from_env(environ):
    """CACHES: Redis at REDIS_URL (shared by every app server), else local memory."""
    redis_url = environ.get("REDIS_URL", "")
    if not redis_url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "cisdp",
            }
        }
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": environ.get("CACHE_KEY_PREFIX", "cisdp"),
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                # Redis down or slow: cache reads miss and writes are dropped, pages are
                # rendered (slower) instead of failing. Sessions live in the database.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": float(environ.get("REDIS_CONNECT_TIMEOUT", "0.5")),
                "SOCKET_TIMEOUT": float(environ.get("REDIS_TIMEOUT", "0.5")),
            },
        }
    }


CACHES = caches_from_env(os.environ)
# Ignored Redis failures are still logged (logger django_redis.cache).
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# Anonymous page views kept this many seconds by core.page_cache.PageCacheMiddleware
# (0 turns it off); every publish purges them (core.cache_purge).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# Lifetime a CDN may keep an anonymous page (Cache-Control s-maxage); 0: no such header.
CDN_CACHE_SECONDS = int(os.environ.get("CDN_CACHE_SECONDS", "0"))


def frontend_cache_from_env(environ):
    """WAGTAILFRONTENDCACHE for wagtail.contrib.frontend_cache, from FRONTEND_CACHE_* values."""
    backend = environ.get("FRONTEND_CACHE_BACKEND", "").strip().lower()
    if backend == "cloudflare":
        config = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": environ.get("FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN", ""),
            "ZONEID": environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONEID", ""),
        }
    elif backend == "cloudfront":
        config = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": environ.get("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID", ""),
        }
    elif backend == "http":  # Varnish, nginx or any proxy that accepts PURGE requests
        config = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": environ.get("FRONTEND_CACHE_HTTP_LOCATION", ""),
        }
    else:
        return {}
    return {"default": config}


WAGTAILFRONTENDCACHE = frontend_cache_from_env(os.environ)
# --- end of caches ---------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English is the default; Arabic is written right to left.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ar", "العربية"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))



# --- Media on object storage (issue #8, part B) -----------------------------------------
def media_storage_from_env(environ):
    """Uploads (images, renditions, documents): S3-compatible object storage through
    django-storages when AWS_STORAGE_BUCKET_NAME is set, else files under MEDIA_ROOT."""
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            # Empty for AWS itself; the address of MinIO, Ceph, Scaleway, OVH… otherwise.
            "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": environ.get("AWS_S3_REGION_NAME") or None,
            # Empty: boto3 finds credentials itself (instance role, ~/.aws, AWS_* variables).
            "access_key": environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": environ.get("AWS_SECRET_ACCESS_KEY") or None,
            # The CDN's host name in front of the bucket (URLs then go there, unsigned).
            "custom_domain": environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            # Signed, expiring URLs unless the bucket is public (documents are served
            # through Django anyway, which checks collection privacy).
            "querystring_auth": environ.get("AWS_QUERYSTRING_AUTH", "1").lower()
            in {"1", "true", "yes", "on"},
            "default_acl": environ.get("AWS_DEFAULT_ACL") or None,
            # Two uploads named alike never replace each other's file.
            "file_overwrite": False,
        },
    }


MEDIA_STORAGE = media_storage_from_env(os.environ)
# --- end of media storage ---------------------------------------------------------------

STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = _("Committee on Social Inclusion, Participatory Democracy and Human Rights")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "odt",
    "xls",
    "xlsx",
    "ods",
    "ppt",
    "pptx",
    "odp",
    "epub",
    "csv",
    "txt",
    "rtf",
    "jpg",
    "jpeg",
    "png",
]

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
FORMAT_MODULE_PATH = ["core.formats"]

# Endorsements: per-IP rate limit (django-ratelimit, kept in the cache shared by app servers).
ENDORSEMENT_RATE_LIMIT = os.environ.get("ENDORSEMENT_RATE_LIMIT", "5/h")
RATELIMIT_USE_CACHE = "default"
# Documents: allowed extensions (above), a size limit (both enforced by Wagtail) and content
# that matches the extension (resources.forms).
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("DOCUMENT_MAX_UPLOAD_SIZE", 25 * 1024 * 1024))
WAGTAILDOCS_DOCUMENT_FORM_BASE = "resources.forms.DocumentForm"
# Served through Django, which checks collection privacy, with a download disposition.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# (issue #8, part B) With the cache (Redis) down, django-ratelimit cannot count: let
# endorsements through (they still need email confirmation and moderation) rather than
# refuse every signer.
RATELIMIT_FAIL_OPEN = True

# ---------------------------------------------------------------------------------------
# Security (issue #8, part A): headers, Content-Security-Policy, admin protection, uploads.
# On in every environment so development and the tests run under the production policy;
# settings.production adds what needs HTTPS (HSTS, secure cookies). See docs/operations.md.
# ---------------------------------------------------------------------------------------
INSTALLED_APPS += [
    "csp",
    # Login rate limiting (django-axes): failed attempts kept in the shared database.
    "axes",
    # Two-factor authentication for staff: TOTP devices (django-otp), see core.two_factor.
    "django_otp",
    "django_otp.plugins.otp_totp",
]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "django_permissions_policy.PermissionsPolicyMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
    "core.security.ContentSecurityPolicyMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
    "core.two_factor.TwoFactorMiddleware",
)
# Last, as django-axes asks: it turns a lockout into a 429 response.
MIDDLEWARE.append("axes.middleware.AxesMiddleware")

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views opt into SAMEORIGIN themselves.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
# Sessions end after SESSION_COOKIE_AGE seconds (default 8 hours), or when the browser
# closes if "remember me" was not ticked at the admin login.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 8 * 3600))

# Browser features the public site never uses are switched off for it and for any frame.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "browsing-topics",
    )
}

# Content-Security-Policy (django-csp). Public pages load only the site's own files: no
# inline script or style, no nonce (a nonce would be frozen into cached pages).
# CSP_EXTRA_SOURCES adds origins (e.g. a CDN for static or media files) to every fetch directive.
_csp_sources = env_list("CSP_EXTRA_SOURCES")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", *_csp_sources],
        "style-src": ["'self'", *_csp_sources],
        "img-src": ["'self'", "data:", *_csp_sources],
        "font-src": ["'self'", *_csp_sources],
        "connect-src": ["'self'"],
        "media-src": ["'self'", *_csp_sources],
        "frame-src": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "report-uri": env_list("CSP_REPORT_URI") or None,
    }
}
# The Wagtail admin (and its previews) runs its own scripts and inline styles: it gets its
# own, looser policy (core.security.ContentSecurityPolicyMiddleware), still same-origin only.
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", *_csp_sources],  # the page editor's inline scripts
    "style-src": ["'self'", "'unsafe-inline'", *_csp_sources],
    "img-src": ["'self'", "data:", "blob:", *_csp_sources],
    "font-src": ["'self'", "data:", *_csp_sources],
    "connect-src": ["'self'"],
    "media-src": ["'self'", *_csp_sources],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
    "report-uri": env_list("CSP_REPORT_URI") or None,
}

# Login rate limiting (django-axes) in the database every app server shares: after
# AXES_FAILURE_LIMIT failed logins for one username from one address, that pair is locked
# out for AXES_COOLOFF_HOURS (a 429 page). Behind a proxy or load balancer, set
# TRUSTED_PROXY_COUNT so the visitor's address is read from X-Forwarded-For.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"

# Two-factor authentication (django-otp TOTP, core.two_factor): any staff member can enrol
# an authenticator app from the admin's account menu, and is then always asked for a code.
# ADMIN_2FA_REQUIRED=1 makes every staff member enrol before using the admin.
ADMIN_2FA_REQUIRED = env_bool("ADMIN_2FA_REQUIRED", False)
OTP_TOTP_ISSUER = os.environ.get("ADMIN_2FA_ISSUER", "CISDP site")

# Uploads. Images: size, pixel count (a decompression bomb is refused before it is
# decoded) and formats; documents: see WAGTAILDOCS_* above and resources.forms.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(os.environ.get("IMAGE_MAX_UPLOAD_SIZE", 10 * 1024 * 1024))
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(os.environ.get("IMAGE_MAX_PIXELS", 40_000_000))
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.uploads.ImageForm"  # refuses broken images with a 4xx
# PDF and plain text open in the browser (under Wagtail's own `default-src 'none'` policy
# and nosniff); every other document is downloaded.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain"]
# No avatars fetched from gravatar.com: the admin stays same-origin (and private).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor the new-release check against releases.wagtail.org (upgrades follow pyproject.toml).
WAGTAIL_ENABLE_UPDATE_CHECK = False


def machine_translator_from_env(environ):
    """wagtail-localize's machine translator: DeepL when DEEPL_API_KEY is set, else
    LibreTranslate when LIBRETRANSLATE_URL is set (LIBRETRANSLATE_API_KEY if it needs one);
    None (the editor shows no machine translation) when neither is."""
    if environ.get("DEEPL_API_KEY"):
        return {
            "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
            "OPTIONS": {"AUTH_KEY": environ["DEEPL_API_KEY"]},
        }
    if environ.get("LIBRETRANSLATE_URL"):
        return {
            "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
            "OPTIONS": {
                "LIBRETRANSLATE_URL": environ["LIBRETRANSLATE_URL"],
                "API_KEY": environ.get("LIBRETRANSLATE_API_KEY", ""),
            },
        }
    return None


WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator_from_env(os.environ)
