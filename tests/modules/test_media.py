"""Course videos and captions as a player needs them: inline, seekable (byte ranges), and the
captions as text/vtt. Other documents are not served here."""

import pytest
from wagtail.documents import get_document_model

from modules.ranges import Unsatisfiable, byte_range

pytestmark = pytest.mark.django_db


def document(title):
    return get_document_model().objects.get(title=title)


def url(doc):
    return f"/course-media/{doc.pk}/{doc.filename}"


@pytest.fixture
def video():
    return document("Learning targets that are just right")


def body(response):
    return b"".join(response.streaming_content)


def test_the_whole_video_says_it_can_be_sought(client, video):
    response = client.get(url(video))
    assert response.status_code == 200
    assert response["Content-Type"] == "video/webm"
    assert response["Accept-Ranges"] == "bytes"
    assert "attachment" not in response.get("Content-Disposition", "")
    assert body(response) == video.file.open("rb").read()


def test_a_range_is_answered_with_those_bytes(client, video):
    whole = video.file.open("rb").read()
    response = client.get(url(video), HTTP_RANGE="bytes=100-199")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-199/{len(whole)}"
    assert body(response) == whole[100:200]
    tail = client.get(url(video), HTTP_RANGE="bytes=-50")
    assert body(tail) == whole[-50:]
    rest = client.get(url(video), HTTP_RANGE=f"bytes={len(whole) - 10}-")
    assert body(rest) == whole[-10:]


def test_a_range_past_the_end_is_refused(client, video):
    response = client.get(url(video), HTTP_RANGE=f"bytes={video.file.size}-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{video.file.size}"


def test_captions_are_webvtt(client):
    captions = document("Learning targets that are just right (captions)")
    response = client.get(url(captions))
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    assert body(response).startswith(b"WEBVTT")


def test_only_videos_and_captions_and_only_by_their_own_name(client, video):
    handout = document("Learning targets: the goldilocks checklist")
    assert client.get(url(handout)).status_code == 404
    assert client.get(f"/course-media/{video.pk}/other.webm").status_code == 404
    assert client.post(url(video)).status_code == 405


@pytest.mark.parametrize(
    "header, size, expected",
    [
        (None, 100, None),
        ("bytes=0-9", 100, (0, 9)),
        ("bytes=90-", 100, (90, 99)),
        ("bytes=90-500", 100, (90, 99)),
        ("bytes=-10", 100, (90, 99)),
        ("bytes=-500", 100, (0, 99)),
        ("bytes=0-1,5-6", 100, None),  # several ranges: the whole file
        ("items=0-1", 100, None),
    ],
)
def test_byte_ranges(header, size, expected):
    assert byte_range(header, size) == expected


@pytest.mark.parametrize("header", ["bytes=100-", "bytes=5-2", "bytes=-0"])
def test_unsatisfiable_ranges(header):
    with pytest.raises(Unsatisfiable):
        byte_range(header, 100)


def test_an_image_block_shows_its_picture_without_a_web_server_for_uploads(client, settings):
    """With debugging off and files on the machine's disk, the picture an editor uploaded is served
    (it was a broken image); documents under the same folder keep their own view."""
    import re

    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from modules.blocks import ImageBlock

    assert not settings.DEBUG
    image = get_image_model().objects.create(title="Chart", file=get_test_image_file())
    block = ImageBlock()
    html = block.render(block.to_python({"image": image.pk, "alt_text": "A chart"}))
    src = re.search(r'src="([^"]+)"', html).group(1)
    shown = client.get(src)
    assert shown.status_code == 200 and shown["Content-Type"] == "image/png"
    assert body(shown).startswith(b"\x89PNG")
    assert client.get(f"/media/{image.file.name}").status_code == 200

    handout = document("Learning targets: the goldilocks checklist")
    assert client.get(f"/media/{handout.file.name}").status_code == 404
    assert client.get("/media/images/../" + handout.file.name).status_code == 404
    assert client.get("/media/images/missing.png").status_code == 404
