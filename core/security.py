"""The admin's own Content-Security-Policy beside the public site's strict one."""

from csp.middleware import CSPMiddleware
from django.conf import settings

ADMIN_PREFIX = "/admin/"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with two policies: the strict one for the public site (settings
    CONTENT_SECURITY_POLICY) and ADMIN_CONTENT_SECURITY_POLICY for the Wagtail admin, whose
    scripts and inline styles the strict policy would block."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith(ADMIN_PREFIX):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY
        return parts
