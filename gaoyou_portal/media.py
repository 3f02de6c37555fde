"""Uploaded files: stored under random names and served only to those who may read their record.

1. Every upload field stores its file as ``<folder>/<32 random hex>/<original name>`` (``PrivateUploadTo``):
   the path cannot be guessed, and the last part keeps the uploader's file name for the download.
2. Each app declares its upload fields with ``registry.private_file`` and the rows a user may read.
3. ``/media/<path>`` (``views.media``) finds the row that holds the path within the user's scope and
   serves it, or answers 404. Files stored before the random names (guessable paths) are found the
   same way, by the path their row holds, so they keep working for those allowed and nobody else.
4. Where a proxy sends the bytes (``SERVE_MEDIA=0``), the check still happens here and the answer
   only names the file in ``X-Accel-Redirect`` under the proxy's internal location
   (``MEDIA_ACCEL_REDIRECT``).
"""

import mimetypes
import posixpath
import uuid
from pathlib import PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header

from . import registry

# Uploaded files that a browser may show inline; anything else is sent as a download.
INLINE_MEDIA = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".pdf")
# The sandbox every uploaded file is served in: it can never run script on the portal's origin.
MEDIA_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
NAME_MAX_LENGTH = 100  # FileField's default max_length, which every upload field keeps


@deconstructible
class PrivateUploadTo:
    """``upload_to`` for every upload field: ``<folder>/<random>/<original name>``."""

    def __init__(self, folder):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename):
        name = PurePosixPath(filename.replace("\\", "/")).name or "file"
        stem, dot, ext = name.rpartition(".")
        if not dot:
            stem, ext = name, ""
        ext = f".{ext[:10].lower()}" if ext else ""
        room = NAME_MAX_LENGTH - len(self.folder) - 34 - len(ext)
        return f"{self.folder}/{uuid.uuid4().hex}/{stem[:max(room, 8)]}{ext}"

    def __eq__(self, other):
        return isinstance(other, PrivateUploadTo) and other.folder == self.folder


def find_file(path, user):
    """``(entry, row)`` for the row that holds ``path`` and that ``user`` may read, else ``(None, None)``."""
    if not path or path != posixpath.normpath(path) or path.startswith(("/", "..")):
        return None, None
    for entry in registry.private_files_for(path):
        row = entry.rows(user).filter(**{entry.field: path}).first()
        if row is not None:
            return entry, row
    return None, None


def file_response(path):
    """The answer for a stored file that the caller may read (the check has been made)."""
    name = PurePosixPath(path).name
    inline = name.lower().endswith(INLINE_MEDIA)
    content_type = (mimetypes.guess_type(name)[0] or "application/octet-stream") if inline else (
        "application/octet-stream"
    )
    if settings.SERVE_MEDIA:
        from django.core.files.storage import default_storage

        try:
            handle = default_storage.open(path, "rb")
        except (FileNotFoundError, IsADirectoryError):
            raise Http404() from None
        response = FileResponse(handle, content_type=content_type)
    else:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT.rstrip("/") + "/" + quote(path)
    response["Content-Disposition"] = content_disposition_header(not inline, name)
    response["Content-Security-Policy"] = MEDIA_CSP
    response["X-Content-Type-Options"] = "nosniff"
    # Some files are confidential: no shared cache keeps a copy.
    patch_cache_control(response, private=True, no_cache=True)
    return response


def serve(request, path):
    entry, row = find_file(path, request.user)
    if row is None:
        raise Http404()
    if entry.on_read:
        entry.on_read(request, row)
    return file_response(path)
