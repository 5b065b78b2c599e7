"""The admin's own Content-Security-Policy beside the public site's strict one, a strict one
for the admin's sign-in pages, the framing rules that let the editor's preview panel show a
page, and Cross-Origin-Resource-Policy."""

from csp.middleware import CSPMiddleware
from django.conf import settings

ADMIN_PREFIX = "/admin/"
# Admin pages with no inline script (checked in Chromium): where a password or a code is
# typed, an injected script would matter most, so they keep the strict policy.
SIGN_IN_URL_NAMES = {
    "wagtailadmin_login",
    "two_factor_verify",
    "two_factor_enrol",
    "two_factor_backup_codes",
}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with two policies: the strict one for the public site (settings
    CONTENT_SECURITY_POLICY) and ADMIN_CONTENT_SECURITY_POLICY for the Wagtail admin, whose
    scripts and inline styles the strict policy would block."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        if request.path_info.startswith(ADMIN_PREFIX):
            match = getattr(request, "resolver_match", None)
            if match is not None and match.url_name in SIGN_IN_URL_NAMES:
                parts.config = settings.ADMIN_SIGN_IN_CONTENT_SECURITY_POLICY
            else:
                parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY
        elif getattr(request, "is_preview", False):
            # Wagtail renders a preview (the editor's panel, "view draft") for a request made
            # for the page's own URL: the page's strict policy, but the admin may frame it.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        # Django's XFrameOptionsMiddleware (after this one, so its header is set by now)
        # says DENY to every response; a preview says SAMEORIGIN, as its frame-ancestors.
        if getattr(request, "is_preview", False) and response.get("X-Frame-Options") == "DENY":
            response["X-Frame-Options"] = "SAMEORIGIN"
        # No other site may embed what Django serves (pages, documents, cards) as a
        # subresource: Spectre-style reads and hotlinking. Links and navigation still work.
        if settings.CROSS_ORIGIN_RESOURCE_POLICY:
            response.headers.setdefault(
                "Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY
            )
        return response
