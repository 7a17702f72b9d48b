"""Course media (videos and their captions) played in the page: served inline, with byte
ranges so a player can seek, and captions as ``text/vtt``."""

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
