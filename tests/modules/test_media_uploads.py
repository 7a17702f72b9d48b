"""The program office and a content editor upload a video, its captions and an image from the page
editor's choosers into the course's collection, and the captions are then served to the player."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from tests import factories

VIDEO = Path(__file__).resolve().parents[2] / "content" / "media" / "learning-targets-just-right.webm"


@pytest.fixture(params=["admin", "editor"])
def content_person(request, db):
    return factories.program_admin() if request.param == "admin" else factories.content_editor()


def upload_document(client, title, name, content, collection):
    return client.post(
        reverse("wagtaildocs_chooser:create"),
        {
            "document-chooser-upload-title": title,
            "document-chooser-upload-file": SimpleUploadedFile(name, content),
            "document-chooser-upload-collection": collection.pk,
        },
    ).json()


@pytest.mark.django_db
def test_a_video_its_captions_and_an_image_are_uploaded_from_the_choosers(client, content_person):
    collection = Collection.objects.get(name="Course materials")
    client.force_login(content_person)

    video = upload_document(client, "Feedback video", "feedback.webm", VIDEO.read_bytes(), collection)
    captions = upload_document(
        client, "Feedback captions", "feedback.vtt", b"WEBVTT\n\n00:00.000 --> 00:02.000\nHi.\n", collection
    )
    assert (video["step"], captions["step"]) == ("chosen", "chosen")
    Document = get_document_model()
    vtt = Document.objects.get(pk=captions["result"]["id"])
    assert vtt.collection == collection and Document.objects.get(pk=video["result"]["id"]).collection == collection

    image = client.post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": "Feedback loop",
            "image-chooser-upload-file": SimpleUploadedFile("loop.png", get_test_image_file().file.getvalue()),
            "image-chooser-upload-collection": collection.pk,
            "image-chooser-upload-description": "A loop from work to feedback to revision",
        },
    ).json()
    assert image["step"] == "chosen"
    assert get_image_model().objects.get(pk=image["result"]["id"]).collection == collection

    client.logout()
    served = client.get(reverse("modules:media", args=[vtt.pk, vtt.filename]))
    assert served.status_code == 200 and served["Content-Type"] == "text/vtt; charset=utf-8"


@pytest.mark.django_db
def test_captions_in_another_format_are_refused_at_upload_with_the_formats_allowed(client, content_person):
    collection = Collection.objects.get(name="Course materials")
    client.force_login(content_person)
    refused = upload_document(
        client, "Captions", "feedback.srt", b"1\n00:00:00,000 --> 00:00:02,000\nHi.\n", collection
    )
    assert refused["step"] != "chosen"
    assert "vtt" in refused["htmlFragment"]
