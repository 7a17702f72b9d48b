"""The material blocks refuse what would leave someone out: a video without captions, an
image without alt text, a reading that leads nowhere. Every block offers a preview."""

import struct
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from modules import blocks
from modules.blocks import MaterialsBlock
from modules.materials import hours_and_minutes, materials_of, total_minutes

pytestmark = pytest.mark.django_db


def document(name, content=b"data"):
    Document = get_document_model()
    doc = Document(title=name)
    doc.file.save(name, ContentFile(content), save=False)
    doc.save()
    return doc


def clean(block, **value):
    return block.clean(block.to_python({**dict.fromkeys(block.child_blocks), **value}))


def test_a_video_without_captions_is_refused_even_as_a_draft():
    block = blocks.VideoBlock()
    block.defer_required_validation()  # what Wagtail does when an editor saves a draft
    video = document("clip.webm")
    with pytest.raises(ValidationError) as refused:
        clean(block, title="Clip", video=video.pk, duration=60, minutes=5)
    assert "captions" in refused.value.block_errors
    assert "WebVTT" in str(refused.value.block_errors["captions"])


def test_captions_must_be_a_webvtt_file_and_the_video_a_video():
    block = blocks.VideoBlock()
    with pytest.raises(ValidationError) as refused:
        clean(
            block,
            title="Clip",
            video=document("notes.pdf").pk,
            captions=document("captions.srt").pk,
            duration=60,
            minutes=5,
        )
    assert set(refused.value.block_errors) == {"video", "captions"}


def test_a_captioned_video_is_accepted():
    block = blocks.VideoBlock()
    value = clean(
        block,
        title="Clip",
        video=document("clip.webm").pk,
        captions=document("clip.vtt", b"WEBVTT\n").pk,
        duration=60,
        minutes=5,
    )
    assert value["captions"].file_extension == "vtt"


def test_an_image_without_alt_text_is_refused_even_as_a_draft():
    Image = get_image_model()
    image = Image.objects.create(title="Chart", file=get_test_image_file())
    block = blocks.ImageBlock()
    block.defer_required_validation()
    with pytest.raises(ValidationError) as refused:
        clean(block, image=image.pk, alt_text="   ")
    assert "alt_text" in refused.value.block_errors
    assert clean(block, image=image.pk, alt_text="A bar chart of grades before and after")["alt_text"]


def test_an_image_described_when_uploaded_needs_no_alt_text_typed_again():
    image = get_image_model().objects.create(
        title="Chart", file=get_test_image_file(), description="Grades before and after, as bars"
    )
    block = blocks.ImageBlock()
    assert clean(block, image=image.pk, alt_text="")["alt_text"] == "Grades before and after, as bars"
    assert clean(block, image=image.pk, alt_text="Two bars")["alt_text"] == "Two bars"
    html = block.render(clean(block, image=image.pk))
    assert 'alt="Grades before and after, as bars"' in html


@pytest.mark.parametrize("url, with_document", [("", False), ("https://example.org/r", True)])
def test_a_reading_has_a_link_or_a_document_not_both_nor_neither(url, with_document):
    block = blocks.ReadingBlock()
    with pytest.raises(ValidationError) as refused:
        clean(
            block,
            title="R",
            url=url,
            document=document("r.pdf").pk if with_document else None,
            minutes=10,
            why="Because",
        )
    assert "url" in refused.value.block_errors


def test_every_material_block_has_a_preview_and_a_description():
    for name, child in MaterialsBlock().child_blocks.items():
        assert child.get_description(), name
        assert child.meta.template, name
    for name in ("section", "reading", "quote", "callout", "activity"):
        assert MaterialsBlock().child_blocks[name].is_previewable, name


def test_the_editor_sees_a_preview_of_a_block_in_the_site_style(admin_client):
    callout = MaterialsBlock().child_blocks["callout"]
    response = admin_client.get("/admin/block-preview/", {"id": callout.definition_prefix})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tip: Pace yourself" in html
    assert "css/site.css" in html


def test_time_adds_up_and_reads_as_hours_and_minutes():
    stream = MaterialsBlock().to_python(
        [
            {"type": "section", "value": {"heading": "A", "body": "<p>x</p>", "minutes": 25}, "id": "a"},
            {"type": "quote", "value": {"text": "Line"}, "id": "q"},
            {"type": "activity", "value": {"activity_key": "k", "minutes": 150}, "id": "b"},
        ]
    )
    assert total_minutes(stream) == 175
    assert [m.id for m in materials_of(stream) if m.markable] == ["a"]
    assert hours_and_minutes(175) == "2 h 55 min"
    assert hours_and_minutes(300) == "5 h"
    assert hours_and_minutes(45) == "45 min"


COURSE_VIDEO = Path(__file__).resolve().parents[2] / "content" / "media" / "learning-targets-just-right.webm"


def mp4(timescale, duration, *, moov_last=True):
    """An MP4 file's boxes as a camera or an editing program writes them: ftyp, the media (mdat), and the
    movie header (moov/mvhd, version 0) with its time scale and duration, before or after the media."""

    def box(kind, body):
        return struct.pack(">I4s", 8 + len(body), kind) + body

    mvhd = box(b"mvhd", bytes(4) + bytes(8) + struct.pack(">II", timescale, duration) + bytes(80))
    parts = [box(b"mdat", bytes(5000)), box(b"moov", mvhd)]
    return box(b"ftyp", b"isom" + bytes(4)) + b"".join(parts if moov_last else reversed(parts))


def video(video, captions=b"WEBVTT\n", **value):
    """A video block's cleaned value for a video file and a captions file of these bytes."""
    return clean(
        blocks.VideoBlock(),
        title="Clip",
        video=document(f"clip.{video[0]}", video[1]).pk,
        captions=document("clip.vtt", captions).pk,
        minutes=5,
        **value,
    )


def test_the_length_of_a_video_is_read_from_its_file_when_left_empty():
    assert video(("webm", COURSE_VIDEO.read_bytes()))["duration"] == 51  # 51.008 s, as its player shows
    for moov_last in (True, False):
        assert video(("mp4", mp4(1000, 90_500, moov_last=moov_last)))["duration"] == 90
    assert video(("webm", COURSE_VIDEO.read_bytes()), duration=50)["duration"] == 50


def test_a_video_that_does_not_say_its_length_asks_for_it():
    with pytest.raises(ValidationError) as refused:
        video(("webm", b"\x1aE\xdf\xa3 not really a video"))
    assert "type its length in seconds" in str(refused.value.block_errors["duration"])


def test_captions_that_are_not_webvtt_inside_are_refused():
    srt = b"1\n00:00:00,000 --> 00:00:02,000\nHello.\n"
    with pytest.raises(ValidationError) as refused:
        video(("webm", b"data"), srt, duration=9)
    assert "first line must be WEBVTT" in str(refused.value.block_errors["captions"])
    assert video(("webm", b"data"), b"\xef\xbb\xbfWEBVTT\n", duration=9)["captions"].file_extension == "vtt"
