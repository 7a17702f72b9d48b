"""The learning materials the loader puts on each page, from ``content/data/materials/``.

A material's id on its page is derived from the program, the page and the item's key, so a
reload gives the same ids and a participant's marks stay with their materials. The files a
material points to are Wagtail documents in the "Course materials" collection: handouts the
platform generates (``content/handouts.py``), readings written out as tagged PDFs, and the
captioned video shipped in ``content/media/``.
"""

import uuid
from pathlib import Path

import yaml
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from . import handouts

MATERIALS_DIR = Path(__file__).resolve().parent / "data" / "materials"
MEDIA_DIR = Path(__file__).resolve().parent / "media"
COLLECTION = "Course materials"
ID_NAMESPACE = uuid.UUID("6f0c5a52-3c1e-4d0b-9a57-2b3f0e7c1d44")
VIDEOS = {"learning-targets-just-right": "Learning targets that are just right"}


class MaterialsError(Exception):
    pass


def material_id(program, page, key):
    return str(uuid.uuid5(ID_NAMESPACE, f"{program}/{page}/{key}"))


def read_materials(data_dir=None):
    """program slug -> its materials document (pages, next_steps)."""
    folder = Path(data_dir) / "materials" if data_dir else MATERIALS_DIR
    result = {}
    for path in sorted(folder.glob("*.yaml")) if folder.exists() else []:
        with open(path, encoding="utf-8") as fh:
            doc = yaml.safe_load(fh)
        result[doc["program"]] = doc
    return result


class Library:
    """Finds or makes the documents materials point to (one per title in the collection)."""

    def __init__(self, md):
        self.md = md
        self._collection = None
        self._cache = {}

    @property
    def collection(self):
        if self._collection is None:
            root = Collection.get_first_root_node()
            self._collection = Collection.objects.filter(name=COLLECTION).first() or root.add_child(name=COLLECTION)
        return self._collection

    def document(self, title, filename, build):
        if title in self._cache:
            return self._cache[title]
        Document = get_document_model()
        document = Document.objects.filter(collection=self.collection, title=title).first()
        if document is None:
            document = Document(title=title, collection=self.collection)
            document.file.save(filename, ContentFile(build()), save=False)
            document.file_size = document.file.size
            document._set_file_hash()
            document.save()
        self._cache[title] = document
        return document

    def handout(self, key, where):
        item = handouts.HANDOUTS.get(key)
        if item is None:
            raise MaterialsError(f"{where}: no handout '{key}' (known: {', '.join(sorted(handouts.HANDOUTS))})")
        return self.document(item.title, item.filename, item.build)

    def reading(self, title, source, text, slug):
        return self.document(
            title,
            f"{slug}.pdf",
            lambda: handouts.tagged_pdf(
                "content/handouts/reading.html", {"title": title, "source": source, "body": self.md(text)}
            ),
        )

    def video(self, key, where):
        if key not in VIDEOS:
            raise MaterialsError(f"{where}: no video '{key}' in content/media")
        video = self.document(VIDEOS[key], f"{key}.webm", (MEDIA_DIR / f"{key}.webm").read_bytes)
        captions = self.document(f"{VIDEOS[key]} (captions)", f"{key}.vtt", (MEDIA_DIR / f"{key}.vtt").read_bytes)
        return video, captions


def transcript_from_vtt(text):
    """The spoken words of a WebVTT file as paragraphs (cue numbers and times left out)."""
    lines, words = text.splitlines(), []
    for line in lines[1:]:
        line = line.strip()
        if not line or "-->" in line or line.isdigit():
            continue
        words.append(line)
    return "".join(f"<p>{line}</p>" for line in words)


def build_body(program, page_slug, items, library, where):
    """The StreamField data for one page's materials, in file order."""
    body = []
    for item in items or []:
        key = item.get("key")
        kind = item.get("type")
        iwhere = f"{where}: {key}"
        if not key or not kind:
            raise MaterialsError(f"{where}: every material needs a 'key' and a 'type'")
        if kind == "section":
            value = {"heading": item["heading"], "body": library.md(item["body"]), "minutes": item.get("minutes")}
        elif kind == "reading":
            document = library.reading(item["title"], item.get("source", ""), item["text"], f"{page_slug}-{key}")
            value = {
                "title": item["title"],
                "source": item.get("source", ""),
                "url": "",
                "document": document.pk,
                "minutes": item["minutes"],
                "why": item["why"],
            }
        elif kind == "handout":
            document = library.handout(item["handout"], iwhere)
            value = {
                "document": document.pk,
                "title": item.get("title") or document.title,
                "description": item["description"],
                "minutes": item["minutes"],
            }
        elif kind == "video":
            video, captions = library.video(item["video"], iwhere)
            value = {
                "title": item["title"],
                "video": video.pk,
                "captions": captions.pk,
                "transcript": transcript_from_vtt((MEDIA_DIR / f"{item['video']}.vtt").read_text("utf-8")),
                "duration": _duration(item["video"]),
                "minutes": item["minutes"],
            }
        elif kind == "quote":
            value = {"text": item["text"], "attribution": item.get("attribution", "")}
        elif kind == "callout":
            value = {
                "kind": item.get("kind", "tip"),
                "heading": item.get("heading", ""),
                "body": library.md(item["body"]),
            }
        elif kind == "activity":
            value = {"activity_key": item["activity"], "lead_in": item.get("lead_in", ""), "minutes": item["minutes"]}
        else:
            raise MaterialsError(f"{iwhere}: unknown material type '{kind}'")
        body.append({"type": kind, "value": value, "id": material_id(program, page_slug, key)})
    return body


def _duration(key):
    """The video's length in seconds, from the end of its last caption."""
    last = [line for line in (MEDIA_DIR / f"{key}.vtt").read_text("utf-8").splitlines() if "-->" in line][-1]
    end = last.split("-->")[1].strip()
    hours, minutes, seconds = end.split(":")
    return max(1, round(int(hours) * 3600 + int(minutes) * 60 + float(seconds)))
