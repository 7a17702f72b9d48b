"""Personal data on request: what the platform holds about a person, exported whole, or erased.

Each app registers, in its ``personal_data`` module (see ``registries``), what it holds about a person (querysets, read as
every stored field) and how it erases it (``erase(user, now) -> {what: how many}``). ``pd_platform``
builds the ZIP and runs the erasure without importing the apps, as the navigation does.

What the law or the district requires to keep (issued certificates, training hours, payments) the apps
keep, and the person is pseudonymised: the account's name and addresses go, its row stays so that
hours and certificates still add up and the verify page still answers.
"""

import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

# What stands in for the text of a post whose author was erased (others' replies hang on it).
REMOVED = "<p>[Removed at the author's request.]</p>"

# Never exported: secrets, not data about the person.
SECRET_FIELDS = {"password", "key_hash"}


@dataclass(frozen=True)
class Holder:
    name: str
    export: object  # (user) -> {part name: queryset}
    erase: object  # (user, now) -> {what: count}
    order: int


_registry: dict[str, Holder] = {}


def register(name, export, erase, order=100):
    _registry[name] = Holder(name, export, erase, order)


def holders():
    return sorted(_registry.values(), key=lambda h: (h.order, h.name))


def _records(queryset):
    """Every stored field of each row, and the files the rows hold."""
    fields = [f for f in queryset.model._meta.concrete_fields if f.attname not in SECRET_FIELDS]
    rows, files = [], []
    for row in queryset.order_by("pk"):
        record = {}
        for f in fields:
            value = getattr(row, f.attname)
            if isinstance(f, models.FileField):
                value = value.name if value else ""
                if value:
                    files.append(getattr(row, f.attname))
            record[f.attname] = value
        rows.append(record)
    return rows, files


def export_zip(user) -> bytes:
    """One ZIP: ``<app>/<part>.json`` for each part, the files under ``<app>/files/``, and a README."""
    buffer = io.BytesIO()
    write_zip(user, buffer)
    return buffer.getvalue()


def parts(user):
    """(holder, part name, queryset) of everything held about the person, in the ZIP's order (no query yet)."""
    return [(holder, part, queryset) for holder in holders() for part, queryset in holder.export(user).items()]


def write_zip(user, target, progress=lambda done: None):
    """``export_zip`` written to a binary file, telling ``progress(parts done)`` after each part."""
    sections = []
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for done, (holder, part, queryset) in enumerate(parts(user), start=1):
            rows, files = _records(queryset)
            archive.writestr(f"{holder.name}/{part}.json", json.dumps(rows, cls=DjangoJSONEncoder, indent=2))
            for stored in files:
                with stored.open("rb") as handle:
                    archive.writestr(f"{holder.name}/files/{PurePosixPath(stored.name)}", handle.read())
            sections.append(f"{holder.name}/{part}.json: {len(rows)} record(s), {len(files)} file(s)")
            progress(done)
        archive.writestr(
            "README.txt",
            f"Everything the platform holds about {user.email}, exported {timezone.now():%Y-%m-%d %H:%M %Z}.\n"
            "Each JSON file lists records with every stored field; files are beside them.\n\n" + "\n".join(sections),
        )


def record_export(user, by):
    from .models import PersonalDataEvent

    return PersonalDataEvent.objects.create(
        subject_id=user.pk, action=PersonalDataEvent.Action.EXPORT, by=by, by_email=by.email if by else ""
    )


def erase(user, by, reason, now=None):
    """Erase a person: every app deletes or blanks what it holds, keeps what must be kept, and the
    account is pseudonymised and closed. One transaction; the files go once it commits. Audited."""
    from .models import PersonalDataEvent

    now = now or timezone.now()
    reason = reason.strip()
    if not reason:
        raise ValueError("Say on whose request and why the person is erased: the audit log keeps it.")
    if by is not None and by.pk == user.pk:
        raise ValueError("Another admin erases your own account.")
    summary = {}
    doomed_files = []
    with transaction.atomic():
        for holder in holders():
            done = holder.erase(user, now) or {}
            doomed_files += done.pop("_files", [])
            summary.update({f"{holder.name}: {what}": count for what, count in done.items()})
        event = PersonalDataEvent.objects.create(
            subject_id=user.pk,
            action=PersonalDataEvent.Action.ERASURE,
            by=by,
            by_email=by.email if by else "",
            reason=reason,
            summary=summary,
        )
        transaction.on_commit(lambda: _delete_files(doomed_files))
    return event


def _delete_files(stored_files):
    for stored in stored_files:
        stored.storage.delete(stored.name)
