"""Checks on submitted files: size, and type judged from the content, not the name."""

import os
import uuid
from collections.abc import Sequence
from typing import TypeAlias

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename

# Accepted types: what the bytes say -> the extension we store it under.
ACCEPTED = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
}
ACCEPTED_NAMES = "PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX), PNG or JPEG"
# An upload checked: (the upload, its display name, its content type, the name it is stored under).
Checked: TypeAlias = "tuple[File[bytes], str, str, str]"  # File is not subscriptable when it runs


def checked_upload(upload):
    """Returns (safe display name, content type, stored name) or raises ValidationError."""
    limit = settings.SUBMISSION_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"“{upload.name}” is {upload.size / 1_048_576:.1f} MB; files can be at most {limit / 1_048_576:.0f} MB."
        )
    if upload.size == 0:
        raise ValidationError(f"“{upload.name}” is empty.")
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    content_type = kind.mime if kind else None
    if content_type == "application/zip":
        content_type = _office_type(upload)
    if content_type not in ACCEPTED:
        raise ValidationError(f"“{upload.name}” is not a file type we accept. Upload a {ACCEPTED_NAMES} file.")
    extension = ACCEPTED[content_type]
    stem = os.path.splitext(os.path.basename(upload.name))[0][:100] or "file"
    safe_name = f"{get_valid_filename(stem) or 'file'}.{extension}"
    return safe_name, content_type, f"{uuid.uuid4().hex}.{extension}"


def _office_type(upload):
    """Office files are ZIP archives; look inside for what kind."""
    import zipfile

    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    finally:
        upload.seek(0)
    if "word/document.xml" in names:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    if "xl/workbook.xml" in names:
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    if "ppt/presentation.xml" in names:
        return "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    return None


def checked_uploads(uploads: Sequence[UploadedFile]) -> list[Checked]:
    """Every upload checked, before anything is written: [(upload, name, type, stored name)].
    Raises ValidationError with the first problem (too many files, too big, wrong type)."""
    if len(uploads) > settings.SUBMISSION_MAX_ATTACHMENTS:
        raise ValidationError(f"Attach at most {settings.SUBMISSION_MAX_ATTACHMENTS} files.")
    return [(upload, *checked_upload(upload)) for upload in uploads]
