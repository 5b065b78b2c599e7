"""Admin sign-in: a limit per username across addresses that does not lock the owner out.

django-axes locks a username out from one address after a few failures; a guesser using
many addresses would escape it. Here the failures of a username from every address are
added up (axes' own records, over its cool-off time): past ADMIN_USERNAME_FAILURE_LIMIT,
sign-in for that username is refused (429) unless the browser has signed in as that user
before. A successful sign-in leaves a signed "known device" cookie, so strangers guessing
(or trying to lock the admin out) cannot stop the account's owner on their own device.

Failures are counted under one spelling of the name (`normalised_username`, also django-axes'
AXES_USERNAME_CALLABLE): " admin", "ADMIN" and "Admin " count as "admin", so no spelling
the login form accepts escapes the count.
"""

import datetime
import hashlib
import unicodedata

from axes.models import AccessAttempt
from django.conf import settings
from django.core import signing
from django.db.models import Sum
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import timezone

COOKIE = "admin_device"
SALT = "security.login_guard.device"
COOKIE_AGE = 365 * 24 * 3600
# The sign-in forms: the admin's and Wagtail's own for login-restricted pages (both check
# passwords; django-axes counts both, through the authentication backend).
LOGIN_URL_NAMES = {"wagtailadmin_login", "wagtailcore_login"}


def normalised_username(username):
    """The name a sign-in attempt counts under: as Django's login form reads it (surrounding
    whitespace stripped, NFKC: `UsernameField`), case-folded so that case cannot make a
    second count either. Accounts that differ only in case (Django's own forms refuse them)
    share one count."""
    text = unicodedata.normalize("NFKC", str(username or "").strip()).strip()
    return text.casefold()[:150]


def axes_username(request, credentials=None):
    """AXES_USERNAME_CALLABLE: django-axes records and checks failures under the same name."""
    if credentials and credentials.get("username") is not None:
        return normalised_username(credentials["username"])
    return normalised_username(getattr(request, "POST", {}).get("username", ""))


def _fingerprint(username):
    """What the cookie holds: not the username itself."""
    return hashlib.sha256(normalised_username(username).encode()).hexdigest()[:32]


def _devices(request):
    """The fingerprints of the users who signed in with this browser (none if tampered)."""
    try:
        held = signing.loads(request.COOKIES.get(COOKIE, ""), salt=SALT, max_age=COOKIE_AGE)
    except signing.BadSignature:
        return []
    return held if isinstance(held, list) else []


def known_device(request, username):
    return _fingerprint(username) in _devices(request)


def failures_everywhere(username):
    since = timezone.now() - datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    username = normalised_username(username)
    total = AccessAttempt.objects.filter(username=username, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return total or 0


class UsernameGuessingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signing_in = request.method == "POST" and self.is_login(request)
        username = normalised_username(request.POST.get("username", "")) if signing_in else ""
        if (
            username
            and failures_everywhere(username) >= settings.ADMIN_USERNAME_FAILURE_LIMIT
            and not known_device(request, username)
        ):
            return render(request, settings.AXES_LOCKOUT_TEMPLATE, status=429)
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if username and response.status_code == 302 and user is not None and user.is_authenticated:
            self._remember_device(request, response, user.get_username())
        return response

    @staticmethod
    def is_login(request):
        try:
            return resolve(request.path_info).url_name in LOGIN_URL_NAMES
        except Resolver404:
            return False

    def _remember_device(self, request, response, username):
        fingerprint = _fingerprint(username)
        held = [fingerprint] + [f for f in _devices(request) if f != fingerprint][:4]
        response.set_cookie(
            COOKIE,
            signing.dumps(held, salt=SALT),
            max_age=COOKIE_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
