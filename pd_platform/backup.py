"""A consistent archive of the platform: every row of the database and every stored file.

The archive is a ZIP with ``data.json`` (Django's serialization with natural keys, read in
one transaction so it is consistent) and the files of the default and private storages.
"""

import io
import json
import zipfile
from datetime import UTC, datetime

from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import transaction

# Everything, with its primary keys (content types and permissions included, so that every
# reference to them survives); sessions are not worth restoring.
EXCLUDED = ["sessions"]
STORAGE_ALIASES = ["default", "private"]
FORMAT_VERSION = 1


def _walk(storage, folder=""):
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for directory in directories:
        yield from _walk(storage, f"{folder}/{directory}" if folder else directory)


def export_archive(target):
    """Write the archive to ``target`` (a path or a binary file). Returns counts."""
    counts = {"objects": 0, "files": 0}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        with transaction.atomic():
            data = io.StringIO()
            call_command("dumpdata", *[f"--exclude={e}" for e in EXCLUDED], format="json", stdout=data)
            payload = data.getvalue()
        counts["objects"] = len(json.loads(payload))
        archive.writestr("data.json", payload)
        for alias in STORAGE_ALIASES:
            storage = storages[alias]
            for name in _walk(storage):
                with storage.open(name, "rb") as fh:
                    archive.writestr(f"files/{alias}/{name}", fh.read())
                counts["files"] += 1
        archive.writestr(
            "manifest.json",
            json.dumps({"format": FORMAT_VERSION, "exported_at": datetime.now(UTC).isoformat(), **counts}),
        )
    return counts


def import_archive(source):
    """Restore an archive into an empty installation (migrated, no data of its own)."""
    with zipfile.ZipFile(source) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        if manifest.get("format") != FORMAT_VERSION:
            raise ValueError(f"Unknown archive format {manifest.get('format')!r}.")
        with transaction.atomic():
            # What migrations created (root page, groups, site) is in the archive too.
            call_command("flush", "--noinput", verbosity=0, inhibit_post_migrate=True)
            rows = json.loads(archive.read("data.json"))
            # Content types and permissions first, without signals: building or saving other
            # objects looks content types up, and would create them with other ids.
            first = ("contenttypes.contenttype", "auth.permission")
            for label in first:
                batch = [
                    o.object
                    for o in serializers.deserialize("json", json.dumps([r for r in rows if r["model"] == label]))
                ]
                if batch:
                    type(batch[0]).objects.bulk_create(batch)
            rest = json.dumps([r for r in rows if r["model"] not in first])
            objects = list(serializers.deserialize("json", rest, handle_forward_references=True))
            for obj in objects:
                obj.save()
            for obj in objects:
                if obj.deferred_fields:
                    obj.save_deferred_fields()
            _reset_sequences()
        files = 0
        for name in archive.namelist():
            if name.startswith("files/") and not name.endswith("/"):
                _, alias, path = name.split("/", 2)
                storage = storages[alias]
                if storage.exists(path):
                    storage.delete(path)
                storage.save(path, ContentFile(archive.read(name)))
                files += 1
    return {"objects": len(rows), "files": files}


def _reset_sequences():
    """Rows came back with their ids: new rows must not be handed the same ones (PostgreSQL)."""
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
