from django.core.files.storage import storages


def private_storage():
    """Where submitted files live: outside MEDIA_ROOT, served only through a permission check."""
    return storages["private"]


def private_file_response(field, content_type, name):
    """A private file, after the caller's permission check: downloaded as an attachment, its
    type as checked on upload, never sniffed into something the browser would run."""
    from django.http import FileResponse

    response = FileResponse(field.open("rb"), content_type=content_type, as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
