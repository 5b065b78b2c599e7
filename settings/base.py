"""Settings shared by every environment. Values that differ come from the environment,
read through settings.env; settings.dev, settings.test and settings.production change only
what differs there."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .env import Env, env

BASE_DIR = Path(__file__).resolve().parent.parent

# --- Core ------------------------------------------------------------------------------------

DEBUG = env.bool("DJANGO_DEBUG", False)
SECRET_KEY = env.str("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
# Proxies and load balancers in front of the app servers, which must be reachable only
# through them: with N, the client's address is the N-th X-Forwarded-For entry from the right
# (security.client_address) and X-Forwarded-Proto says whether the visitor used HTTPS.
TRUSTED_PROXY_COUNT = max(env.int("TRUSTED_PROXY_COUNT", 0), 0)
ROOT_URLCONF = "urls"
WSGI_APPLICATION = "wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Applications and middleware -------------------------------------------------------------

INSTALLED_APPS = [
    "core",
    "caching",
    "graphics",
    "search",
    "security",
    # The apps in the order of the site's sections: the demo loads each stage's content in
    # this order (core.demo.demo_loaders), which makes the menu's order, and the home page
    # lists its sections in it (home.sections). Imports follow the layers of
    # docs/architecture.md, whatever this order.
    "home",
    "taxonomy",
    "themes",
    "events",
    "campaigns",
    "resources",
    "cities",
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
    "csp",
    # Login rate limiting (django-axes): failed attempts kept in the shared database.
    "axes",
    # Two-factor authentication for staff: TOTP devices (django-otp), see security.two_factor.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # single-use backup codes
]

# Order matters: a request goes down this list and its response back up, and a page-cache
# hit turns back at PageCacheMiddleware, so whatever every response needs (security
# headers, static files) sits above it and whatever needs the session, user or language
# below it.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above the page cache: cached pages get the policy too (public or admin, per path).
    "security.headers.ContentSecurityPolicyMiddleware",
    # Full-page cache for anonymous visitors: a hit skips everything below (caching.page_cache).
    "caching.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.middleware.LocaleHomeFallbackMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: OTPMiddleware tells whether this session gave a code, then
    # TwoFactorMiddleware holds unverified staff at the admin's door.
    "django_otp.middleware.OTPMiddleware",
    "security.two_factor.TwoFactorMiddleware",
    # Sign-in guessing spread over many addresses (reads who signed in: after authentication).
    "security.login_guard.UsernameGuessingMiddleware",
    # Admin searches read their words in every language (search.backend).
    "search.backend.EveryLanguageInAdmin",
    # Translators and reviewers: limited to their language in the admin (localization app).
    "localization.permissions.LanguageScopeMiddleware",
    # A POST missing a field a view reads without checking: 400, never a 500.
    "core.middleware.MissingFieldMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A full or read-only media disk: the admin says so on the form, never a 500.
    "core.storage.StorageFailureMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a lockout into a 429 response.
    "axes.middleware.AxesMiddleware",
]

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
FORMAT_MODULE_PATH = ["core.formats"]

# --- Database --------------------------------------------------------------------------------

# SQLite file in the project folder unless DATABASE_URL names another database
# (postgres://… uses psycopg 3).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env.int("DB_CONN_MAX_AGE", 0),
    )
}

# --- Caches, full-page cache and CDN purge ---------------------------------------------------


def caches_from_env(environ):
    """CACHES: Redis at REDIS_URL (shared by every app server), else local memory."""
    env = Env(environ)
    redis_url = env.str("REDIS_URL")
    if not redis_url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "cisdp",
            }
        }
    return {
        "default": {
            # django-redis behind a circuit breaker: after a call fails to reach Redis,
            # this process skips it for REDIS_BREAKER_SECONDS, then tries one call again.
            "BACKEND": "caching.cache_breaker.CircuitBreakerRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", "cisdp"),
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                # Redis down, hung or slow: cache reads miss and writes are dropped, pages
                # are rendered (slower) instead of failing. Sessions live in the database.
                "IGNORE_EXCEPTIONS": True,
                # Redis answers in a millisecond; one slower than rendering the page is of
                # no use, and each failure costs the request that meets it one timeout.
                "SOCKET_CONNECT_TIMEOUT": env.float("REDIS_CONNECT_TIMEOUT", 0.2),
                "SOCKET_TIMEOUT": env.float("REDIS_TIMEOUT", 0.3),
                "BREAKER_SECONDS": env.float("REDIS_BREAKER_SECONDS", 30),
            },
        }
    }


def frontend_cache_from_env(environ):
    """WAGTAILFRONTENDCACHE for wagtail.contrib.frontend_cache, from FRONTEND_CACHE_* values."""
    env = Env(environ)
    backend = env.str("FRONTEND_CACHE_BACKEND").strip().lower()
    if backend == "cloudflare":
        config = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": env.str("FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN"),
            "ZONEID": env.str("FRONTEND_CACHE_CLOUDFLARE_ZONEID"),
        }
    elif backend == "cloudfront":
        config = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": env.str("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"),
        }
    elif backend == "http":  # Varnish, nginx or any proxy that accepts PURGE requests
        config = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env.str("FRONTEND_CACHE_HTTP_LOCATION"),
        }
    else:
        return {}
    return {"default": config}


CACHES = caches_from_env(env.environ)
# Ignored Redis errors are still logged; an unreachable Redis once per outage
# (caching.cache_breaker).
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# Anonymous page views kept this many seconds by caching.page_cache.PageCacheMiddleware
# (0 turns it off); a change makes stale the pages that show it (caching.cache_purge).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", 600)
# Lifetime a CDN may keep an anonymous page (Cache-Control s-maxage); 0: no such header.
CDN_CACHE_SECONDS = env.int("CDN_CACHE_SECONDS", 0)
# CDN purge on publish (none unless FRONTEND_CACHE_BACKEND is set).
WAGTAILFRONTENDCACHE = frontend_cache_from_env(env.environ)

# --- Languages, time and machine translation -------------------------------------------------

# English is the default; Arabic is written right to left.
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
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True


def machine_translator_from_env(environ):
    """wagtail-localize's machine translator: DeepL (given the glossary of each language
    pair: localization.machine_translation) when DEEPL_API_KEY is set, else
    LibreTranslate when LIBRETRANSLATE_URL is set (LIBRETRANSLATE_API_KEY if it needs one);
    None (the editor shows no machine translation) when neither is."""
    env = Env(environ)
    if env.str("DEEPL_API_KEY"):
        return {
            "CLASS": "localization.machine_translation.GlossaryDeepLTranslator",
            "OPTIONS": {"AUTH_KEY": env.str("DEEPL_API_KEY")},
        }
    if env.str("LIBRETRANSLATE_URL"):
        return {
            "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
            "OPTIONS": {
                "LIBRETRANSLATE_URL": env.str("LIBRETRANSLATE_URL"),
                "API_KEY": env.str("LIBRETRANSLATE_API_KEY"),
            },
        }
    return None


WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator_from_env(env.environ)
# Submitting a page for translation creates drafts: wagtail-localize would otherwise publish
# a copy in each language at once, with the source's text. A language's version goes public
# when its reviewer publishes it (localization.workflow).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# One moderation story: the translation hand-off (localization.workflow) is the site's
# review, and communications editors publish source pages. Wagtail's workflows would add a
# second one ("Submit to Moderators approval"); localization's migration 0003 removes the
# default one and its empty groups.
WAGTAIL_WORKFLOW_ENABLED = False

# --- Static files and media ------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files browsers ask for at the site's root (/favicon.ico), served by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "public"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", str(BASE_DIR / "media")))


def media_storage_from_env(environ):
    """Uploads (images, renditions, documents): S3-compatible object storage through
    django-storages when AWS_STORAGE_BUCKET_NAME is set, else files under MEDIA_ROOT."""
    env = Env(environ)
    bucket = env.str("AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        # Django's, but a failed write leaves no partial file and tells the editor (core.storage).
        return {"BACKEND": "core.storage.MediaFileSystemStorage"}
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            # Empty for AWS itself; the address of MinIO, Ceph, Scaleway, OVH… otherwise.
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env.str("AWS_S3_REGION_NAME") or None,
            # Empty: boto3 finds credentials itself (instance role, ~/.aws, AWS_* variables).
            "access_key": env.str("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY") or None,
            # The CDN's host name in front of the bucket (URLs then go there, unsigned).
            "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN") or None,
            # Signed, expiring URLs unless the bucket is public (documents are served
            # through Django anyway, which checks collection privacy).
            "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", True),
            "default_acl": env.str("AWS_DEFAULT_ACL") or None,
            # Two uploads named alike never replace each other's file.
            "file_overwrite": False,
            # So a changed file gets a new name: browsers and CDNs may keep each for a year.
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }


MEDIA_STORAGE = media_storage_from_env(env.environ)
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Wagtail ---------------------------------------------------------------------------------

WAGTAIL_SITE_NAME = _("Committee on Social Inclusion, Participatory Democracy and Human Rights")
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Per-language analysis on the database backend (search.analysis, search.backend).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend"}}
# No avatars fetched from gravatar.com: the admin stays same-origin (and private).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor the new-release check against releases.wagtail.org (upgrades follow pyproject.toml).
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The admin's sign-in fields say what they hold (autocomplete), for password managers.
WAGTAILADMIN_USER_LOGIN_FORM = "security.sign_in.AdminSignInForm"

# --- Uploads: images and documents -----------------------------------------------------------

# Images: size, pixel count (a decompression bomb is refused before it is decoded) and
# formats; security.uploads.ImageForm refuses broken images with a 4xx.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env.int("IMAGE_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env.int("IMAGE_MAX_PIXELS", 40_000_000)
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "security.uploads.ImageForm"

# Documents: these extensions and a size limit (both enforced by Wagtail), and content that
# matches the extension (resources.forms.DocumentForm).
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
WAGTAILDOCS_MAX_UPLOAD_SIZE = env.int("DOCUMENT_MAX_UPLOAD_SIZE", 25 * 1024 * 1024)
WAGTAILDOCS_DOCUMENT_FORM_BASE = "resources.forms.DocumentForm"
# Served through Django, which checks collection privacy, with a download disposition...
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# ...except PDF and plain text, which open in the browser (under Wagtail's own
# `default-src 'none'` policy and nosniff).
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain"]

# --- Email and logging -----------------------------------------------------------------------

EMAIL_BACKEND = env.str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", "webmaster@localhost")
# Seconds an SMTP connection waits for the mail server (connect, then each answer): a server
# that accepts and never answers would otherwise hold the sender for ever (Django's default).
EMAIL_TIMEOUT = env.float("EMAIL_TIMEOUT", 10)
# Mail sent while answering a visitor (endorsement confirmations) leaves from a thread of the
# worker (core.background), so a slow mail server never holds a request or a worker; off in
# the tests, whose transactions other threads cannot see.
BACKGROUND_THREADS = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", "WARNING")},
}

# --- Endorsements ----------------------------------------------------------------------------

# Per-address rate limit (django-ratelimit), counted in the cache shared by the app servers.
ENDORSEMENT_RATE_LIMIT = env.str("ENDORSEMENT_RATE_LIMIT", "5/h")
RATELIMIT_USE_CACHE = "default"
# Every `key="ip"` limit counts the visitor's address as security.client_address gives it
# (an IPv6 address by its /64, django-ratelimit's default: one client holds a whole /64).
RATELIMIT_IP_META_KEY = "security.client_address.client_ip_for_rate_limits"
# With the cache (Redis) down, django-ratelimit cannot count: let endorsements through (they
# still need email confirmation and moderation) rather than refuse every signer.
RATELIMIT_FAIL_OPEN = True

# --- Password-protected pages ----------------------------------------------------------------

# Guessing a page's password (security.page_passwords, counted in the database so the limits hold
# with Redis down): attempts per address, and wrong passwords per protected page from all
# addresses together (a distributed guess; a right password still gets in).
PAGE_PASSWORD_RATE_LIMIT = env.str("PAGE_PASSWORD_RATE_LIMIT", "10/10m")
PAGE_PASSWORD_PAGE_RATE_LIMIT = env.str("PAGE_PASSWORD_PAGE_RATE_LIMIT", "100/h")

# --- Security headers and Content-Security-Policy --------------------------------------------
# On in every environment, so development and the tests run under the production policy;
# settings.production adds what needs HTTPS (HSTS, secure cookies). See docs/operations.md.

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # previews: SAMEORIGIN (security.headers.ContentSecurityPolicyMiddleware)
# Other origins may link to the site but not embed its responses as subresources (set by
# security.headers.ContentSecurityPolicyMiddleware on what Django serves; "" sends none).
CROSS_ORIGIN_RESOURCE_POLICY = env.str("CROSS_ORIGIN_RESOURCE_POLICY", "same-origin")

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
_csp_sources = env.list("CSP_EXTRA_SOURCES")
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
        "report-uri": env.list("CSP_REPORT_URI") or None,
    }
}
# The Wagtail admin (and its previews) runs its own scripts and inline styles: it gets its
# own, looser policy (security.headers.ContentSecurityPolicyMiddleware), still same-origin only.
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
    "report-uri": env.list("CSP_REPORT_URI") or None,
}
# The admin's sign-in pages (login, two-factor verify, enrol, backup codes:
# security.headers.SIGN_IN_URL_NAMES) run Wagtail's script files only, no inline code: they keep
# a strict policy, where an injected script would see a password or a code being typed: the
# public pages' own.
ADMIN_SIGN_IN_CONTENT_SECURITY_POLICY = dict(CONTENT_SECURITY_POLICY["DIRECTIVES"])

# --- Admin sign-in: passwords, sessions, lockouts, two-factor --------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
# Sessions end after SESSION_COOKIE_AGE seconds (default 8 hours), or when the browser
# closes if "remember me" was not ticked at the admin login.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", 8 * 3600)

# Login rate limiting (django-axes) in the database every app server shares: after
# AXES_FAILURE_LIMIT failed logins for one username from one address, that pair is locked
# out for AXES_COOLOFF_HOURS (a 429 page). The address is security.client_address.client_ip
# (TRUSTED_PROXY_COUNT), an IPv6 client's /64; the username is counted as the login form
# reads it, case-folded (security.login_guard.normalised_username), so " admin" and "ADMIN" are
# no new name to guess under.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", 1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "security.client_address.client_network"
AXES_USERNAME_CALLABLE = "security.login_guard.axes_username"
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"
# Failures of one username from all addresses together (within the cool-off time) after
# which only browsers that signed in as that user before may try (security.login_guard).
ADMIN_USERNAME_FAILURE_LIMIT = env.int("ADMIN_USERNAME_FAILURE_LIMIT", 20)

# Two-factor authentication (django-otp TOTP, security.two_factor): any staff member can enrol
# an authenticator app from the admin's account menu, and is then always asked for a code.
# ADMIN_2FA_REQUIRED=1 makes every staff member enrol before using the admin.
ADMIN_2FA_REQUIRED = env.bool("ADMIN_2FA_REQUIRED", False)
OTP_TOTP_ISSUER = env.str("ADMIN_2FA_ISSUER", "CISDP site")
