"""Media on a local disk that fills up or turns read-only: nothing half-written is left,
and editors are told in the admin instead of getting a server error.

`MediaFileSystemStorage` (the default storage without object storage, settings.base) removes
the part of a file it could not finish writing and raises `StorageUnavailable`. The file is
written before its row is inserted (a FileField saves its file in `pre_save`), so no row
points at it. `StorageFailureMiddleware` turns that error, raised by any admin view, into
a message on the form the editor came from (JSON for the multiple-upload views), never
a 500.
"""

import logging
import os

from django.contrib import messages
from django.core.files.base import File
from django.core.files.storage import FileSystemStorage
from django.core.files.utils import validate_file_name
from django.db import transaction
from django.http import HttpResponseRedirect, JsonResponse
from django.utils.translation import gettext

logger = logging.getLogger(__name__)


class StorageUnavailable(OSError):
    """The media storage refused a file (full, read-only, no permission)."""


def failure_message():
    return gettext(
        "The file could not be stored: the media storage is full or read-only. Nothing was saved."
    )


class MediaFileSystemStorage(FileSystemStorage):
    def save(self, name, content, max_length=None):
        # Storage.save, with the name known at the moment of writing, so that what a failed
        # write left behind can be removed.
        if name is None:
            name = content.name
        if not hasattr(content, "chunks"):
            content = File(content, name)
        validate_file_name(name, allow_relative_path=True)
        name = self.get_available_name(name, max_length=max_length)
        validate_file_name(name, allow_relative_path=True)
        path = self.path(name)
        existed = os.path.lexists(path)
        try:
            name = self._save(name, content)
        except FileExistsError:
            raise
        except OSError as error:
            if not existed:
                self._remove_partial(path)
            logger.error("Media file %s not stored: %s", name, error)
            raise StorageUnavailable(error.errno, str(error)) from error
        validate_file_name(name, allow_relative_path=True)
        return name

    @staticmethod
    def _remove_partial(path):
        try:
            os.remove(path)
        except FileNotFoundError:
            pass
        except OSError as error:  # a read-only disk may not let it go either
            logger.error("Partial media file %s left: %s", path, error)


# The multiple-upload views answer each file in JSON, which their script shows beside it.
MULTIPLE_UPLOAD_VIEWS = {"wagtailimages:add_multiple", "wagtaildocs:add_multiple"}


# The choosers' upload tabs (a modal of the page editor) post from a script, which cannot
# follow a redirect to a form: they get the message in a 4xx JSON answer.
CHOOSER_UPLOAD_VIEWS = {"wagtailimages_chooser:create", "wagtaildocs_chooser:create"}


class StorageFailureMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.resolver_match.view_name not in (
            MULTIPLE_UPLOAD_VIEWS | CHOOSER_UPLOAD_VIEWS
        ):
            return None
        # These views save outside any transaction of Wagtail's: in a savepoint of ours, a
        # failed write leaves the connection usable (and nothing of the file in the database).
        try:
            with transaction.atomic():
                return view_func(request, *view_args, **view_kwargs)
        except StorageUnavailable:
            return self.answer(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, StorageUnavailable):
            return None
        if not request.path.startswith("/admin/"):
            return None  # the public site writes no uploads; its own handlers apply
        return self.answer(request)

    def answer(self, request):
        match = request.resolver_match
        view_name = match.view_name if match is not None else ""
        if view_name in MULTIPLE_UPLOAD_VIEWS:
            return JsonResponse({"success": False, "error_message": failure_message()})
        if (
            view_name in CHOOSER_UPLOAD_VIEWS
            or request.headers.get("x-requested-with") == "XMLHttpRequest"
        ):
            return JsonResponse({"success": False, "error_message": failure_message()}, status=400)
        # Back to the form (or the page) the editor came from, saying what happened.
        messages.error(request, failure_message())
        return HttpResponseRedirect(request.get_full_path())
