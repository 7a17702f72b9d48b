"""Course media (videos and their captions) played in the page: served inline, with byte
ranges so a player can seek, and captions as ``text/vtt``; and the course's images from the
site's own disk, where no web server or bucket serves them."""

import mimetypes

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe
from wagtail.documents import get_document_model

from .blocks import CAPTION_EXTENSIONS, VIDEO_EXTENSIONS
from .ranges import Unsatisfiable, byte_range

CONTENT_TYPES = {"mp4": "video/mp4", "webm": "video/webm", "vtt": "text/vtt; charset=utf-8"}
CHUNK = 64 * 1024


def _chunks(handle, first, last):
    handle.seek(first)
    remaining = last - first + 1
    try:
        while remaining > 0:
            data = handle.read(min(CHUNK, remaining))
            if not data:
                break
            remaining -= len(data)
            yield data
    finally:
        handle.close()


@require_safe
def media(request, document_id, filename):
    document = get_object_or_404(get_document_model(), pk=document_id)
    extension = document.file_extension.lower()
    if extension not in VIDEO_EXTENSIONS + CAPTION_EXTENSIONS or filename != document.filename:
        raise Http404
    size = document.file.size
    try:
        wanted = byte_range(request.headers.get("Range"), size)
    except Unsatisfiable:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    handle = document.file.open("rb")
    if wanted is None:
        response = FileResponse(handle, content_type=CONTENT_TYPES[extension])
    else:
        first, last = wanted
        response = StreamingHttpResponse(
            _chunks(handle, first, last), status=206, content_type=CONTENT_TYPES[extension]
        )
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
        response["Content-Length"] = str(last - first + 1)
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "public, max-age=86400"
    return response


# Only Wagtail's images (the uploads, the sizes made of them, the admin's avatars): documents keep their own
# view, which honours a collection's privacy.
IMAGE_FOLDERS = ("images/", "original_images/", "avatar_images/")
IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"}


@require_safe
def image_file(request, path):
    """An image of the course pages under MEDIA_URL. With files on S3 their links point at the bucket
    and never reach here; on the machine's disk nothing else serves them once debugging is off."""
    content_type, _ = mimetypes.guess_type(path)
    if not path.startswith(IMAGE_FOLDERS) or content_type not in IMAGE_TYPES:
        raise Http404
    try:
        handle = default_storage.open(path, "rb")
    except (FileNotFoundError, IsADirectoryError, SuspiciousFileOperation):
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "public, max-age=86400"
    response["X-Content-Type-Options"] = "nosniff"
    return response
