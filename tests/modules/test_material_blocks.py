"""The material blocks refuse what would leave someone out: a video without captions, an
image without alt text, a reading that leads nowhere. Every block offers a preview."""

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
    return block.clean(block.to_python({**{name: None for name in block.child_blocks}, **value}))


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
