"""Optional two-factor sign-in to the admin: codes from an authenticator app (django-otp TOTP).

No maintained Wagtail 2FA package supports Wagtail 8 yet (wagtail-2fa 1.8 imports modules
Wagtail 8 removed), so this is the few lines that tie django-otp to the admin: a staff
member enrols from the account menu (scan a QR code, type one code); from then on the admin
asks for a code after the password. ADMIN_2FA_REQUIRED (on by default in production) sends
everyone without a device to enrol first. Enrolling shows ten single-use backup codes
(django-otp static tokens) for when the phone is not at hand; a new set can be made from the
account menu. `manage.py reset_two_factor USERNAME` removes a lost device and the codes.
"""

import functools
import math

import segno
from asgiref.sync import sync_to_async
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODES = 10

ADMIN_PREFIX = "/admin/"
PUBLIC_LOGIN_SUFFIX = "/_util/login/"
# Admin pages a signed-in but not yet verified staff member may open.
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "two_factor_verify",
    "two_factor_enrol",
    "two_factor_backup_codes",
}


def second_factor_pending(user):
    """True for a user signed in with a password who still owes the second factor: one with
    a confirmed device, or anyone when ADMIN_2FA_REQUIRED is on (they must enrol first)."""
    # A user login() has just put on the request has not been through django_otp's
    # middleware: no is_verified() yet, and no code given.
    if not user.is_authenticated or getattr(user, "is_verified", lambda: False)():
        return False
    return settings.ADMIN_2FA_REQUIRED or user_has_device(user, confirmed=True)


def _anonymous():
    user = AnonymousUser()
    user.otp_device = None  # as django_otp's OTPMiddleware marks every user
    user.is_verified = lambda: False
    return user


def _unless_pending(user):
    return _anonymous() if second_factor_pending(user) else user


class TwoFactorMiddleware:
    """After django_otp's OTPMiddleware: holds back unverified staff at the admin's door, and
    everywhere else (pages, documents, previews, the page cache) makes a session that has
    not passed the second factor anonymous. The session itself is kept, so its owner can
    still give the code under /admin/; a password alone opens nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(ADMIN_PREFIX):
            if request.user.is_authenticated:
                target = self.required_step(request)
                if target:
                    return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        else:
            user = request.user
            public_login = _is_public_login(request)
            if public_login and request.method == "GET" and second_factor_pending(user):
                # Signed in with the password for a private page: the code comes next, not
                # the password form again (which would loop, the session counting as
                # anonymous here).
                return redirect(_code_page(user, request.GET.get("next")))
            # Lazy, as django's own: anonymous visitors cost no query, signed-in ones only
            # when something reads the user.
            request.user = SimpleLazyObject(functools.partial(_unless_pending, user))
            auser = getattr(request, "auser", None)
            if auser is not None:

                async def anonymous_unless_verified():
                    return await sync_to_async(_unless_pending)(await auser())

                request.auser = anonymous_unless_verified
            response = self.get_response(request)
            # The password was right (login() put the real user on the request): the code,
            # then the page asked for.
            if public_login and response.status_code == 302:
                signed_in = request.user
                if signed_in is not user and second_factor_pending(signed_in):
                    return redirect(_code_page(signed_in, response["Location"]))
            return response
        return self.get_response(request)

    def required_step(self, request):
        try:
            if resolve(request.path_info).url_name in OPEN_URL_NAMES:
                return None
        except Resolver404:
            return None
        if not second_factor_pending(request.user):
            return None
        if user_has_device(request.user, confirmed=True):
            return "two_factor_verify"
        return "two_factor_enrol"


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app, or a backup code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def check_against(self, devices):
        token = self.cleaned_data["token"].replace(" ", "")
        # django-otp refuses every code for a while after wrong ones (doubling each time):
        # say so, or the right code typed too soon would read as "not right".
        waits = [_seconds_locked(device) for device in devices]
        for device in devices:
            if device.verify_token(token):
                return device
        if waits and all(waits):
            self.add_error(
                None,
                ngettext(
                    "Too many wrong codes: wait %(seconds)s second, then type the code your "
                    "app shows.",
                    "Too many wrong codes: wait %(seconds)s seconds, then type the code your "
                    "app shows.",
                    min(waits),
                )
                % {"seconds": min(waits)},
            )
            return None
        # A form-wide error: the admin's sign-in layout shows those in its message box and
        # hides the field's own.
        self.add_error(
            None,
            _(
                "This code is not right. Type the code your app shows now, or a backup code "
                "you have not used yet."
            ),
        )
        return None


def _seconds_locked(device):
    """Seconds before django-otp lets this device check a code again (0: it does now)."""
    allowed, details = device.verify_is_allowed()
    if allowed or not details or not details.get("locked_until"):
        return 0
    return max(1, math.ceil((details["locked_until"] - timezone.now()).total_seconds()))


def _next_url(request):
    """Where to go once the code is given: a path of this site (the admin, or a private page
    the person signed in for), else the dashboard."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure())
    return url if allowed and url.startswith("/") else reverse("wagtailadmin_home")


def _code_page(user, next_url):
    """The page that asks this user for what they still owe: the code, or enrolment."""
    step = "two_factor_verify" if user_has_device(user, confirmed=True) else "two_factor_enrol"
    return f"{reverse(step)}?{urlencode({'next': next_url or ''})}"


def _is_public_login(request):
    # Wagtail's sign-in form for private pages (wagtailcore_login), in each language's prefix.
    return request.path_info.endswith(PUBLIC_LOGIN_SUFFIX)


@never_cache
@sensitive_post_parameters("token")
def verify(request):
    # A backup code (single use: django-otp deletes it) stands for the app once.
    devices = list(TOTPDevice.objects.devices_for_user(request.user, confirmed=True))
    devices += list(StaticDevice.objects.devices_for_user(request.user, confirmed=True))
    if not devices:
        return redirect(_next_url(request))
    form = TokenForm(request.POST or None)
    if form.is_valid():
        device = form.check_against(devices)
        if device:
            otp_login(request, device)
            return redirect(_next_url(request))
    context = {"form": form, "next": _next_url(request)}
    return TemplateResponse(request, "security/two_factor/verify.html", context)


@never_cache
@sensitive_post_parameters("token")
def enrol(request):
    if user_has_device(request.user, confirmed=True) and not request.user.is_verified():
        # A second device only after a code from the first: a stolen password is not enough.
        return redirect(f"{reverse('two_factor_verify')}?next={request.get_full_path()}")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=request.user, name="authenticator app", confirmed=False
        )
    form = TokenForm(request.POST or None)
    if form.is_valid() and form.check_against([device]):
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        messages.success(request, _("Two-factor sign-in is on for your account."))
        return _show_backup_codes(request, new_backup_codes(request.user))
    context = {
        "form": form,
        "next": _next_url(request),
        # segno's SVG, drawn from the otpauth:// URL (no user input), large enough to scan.
        "qr_code": mark_safe(segno.make(device.config_url).svg_inline(scale=5)),  # noqa: S308
        "secret": device.config_url.split("secret=")[1].split("&")[0],
    }
    return TemplateResponse(request, "security/two_factor/enrol.html", context)


def new_backup_codes(user):
    """Replace the user's backup codes with BACKUP_CODES new ones; return them (shown once)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="backup codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def _show_backup_codes(request, codes):
    context = {"codes": codes, "next": _next_url(request)}
    return TemplateResponse(request, "security/two_factor/backup_codes.html", context)


@never_cache
def backup_codes(request):
    """How many backup codes are left; POST makes a new set (after a code, as enrolment)."""
    if not user_has_device(request.user, confirmed=True) or not request.user.is_verified():
        return redirect(f"{reverse('two_factor_verify')}?next={request.get_full_path()}")
    if request.method == "POST":
        return _show_backup_codes(request, new_backup_codes(request.user))
    left = StaticToken.objects.filter(device__user=request.user).count()
    context = {"left": left, "next": _next_url(request)}
    return TemplateResponse(request, "security/two_factor/backup_codes.html", context)
