"""The admin's "Clear the page cache" action: the site-wide flush, for superusers, after a
confirmation (a POST: a link followed by a mail scanner or a prefetch clears nothing)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from caching.cache_purge import flush_everything


def clear_page_cache(request):
    if not request.user.is_superuser:
        raise PermissionDenied
    if request.method == "POST":
        flush_everything()
        messages.success(
            request, _("The page cache is cleared: every page is rendered afresh on its next view.")
        )
        return redirect("wagtailadmin_home")
    title = _("Clear the page cache")
    return TemplateResponse(
        request,
        "caching/clear_page_cache.html",
        {"page_title": title, "header_title": title, "header_icon": "bin"},
    )
