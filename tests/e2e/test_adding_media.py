"""A content editor adds a captioned video and an image to a module from the page editor, uploading the
files from the choosers, and publishes; an enrolled participant then watches it with the captions shown."""

import io
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.browser

VIDEO = Path(__file__).resolve().parents[2] / "content" / "media" / "learning-targets-just-right.webm"
FIRST_CUE = "Feedback names what the work shows."
CAPTIONS = f"WEBVTT\n\n00:00.000 --> 00:20.000\n{FIRST_CUE}\n\n00:20.000 --> 00:52.000\nThen it names one next step.\n"
MODULE_05 = "from modules.models import ModulePage; print(ModulePage.objects.get(slug='module-05').pk)"


def a_png():
    """A picture of its own colour: Wagtail offers the existing one instead of a duplicate."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), tuple(os.urandom(3))).save(buffer, "PNG")
    return buffer.getvalue()


def upload_in_chooser(page, chooser_button, title, file):
    chooser_button.click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("tab", name="Upload").click()
    dialog.get_by_label("Title").fill(title)
    dialog.get_by_label("File").set_input_files(file)
    dialog.get_by_role("button", name="Upload").click()
    expect(dialog).to_be_hidden()


def add_block(page, kind):
    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name=kind).click()
    return page.get_by_role("region", name=kind).last


def test_an_editor_adds_a_captioned_video_and_an_image_and_a_participant_watches_with_captions(
    site, browser, page, screenshot, tmp_path
):
    captions = tmp_path / "feedback-in-two-minutes.vtt"
    captions.write_text(CAPTIONS, encoding="utf-8")
    log_in(page, site, "editor@example.org", "fix-the-typo")
    page.goto(f"{site.url}/admin/pages/{site.python(MODULE_05)}/edit/")

    video = add_block(page, "Video")
    video.get_by_label("Title").fill("Feedback in two minutes")
    expect(video.get_by_text("Leave it empty: the length is read from the video file")).to_be_visible()
    choose = video.get_by_role("button", name="Choose a document")
    upload_in_chooser(page, choose.first, "Feedback in two minutes", str(VIDEO))
    upload_in_chooser(page, choose.last, "Feedback in two minutes (captions)", str(captions))
    expect(video.get_by_text("Feedback in two minutes (captions)")).to_be_visible()
    video.get_by_label("Minutes").fill("5")

    image = add_block(page, "Image")
    upload_in_chooser(
        page,
        image.get_by_role("button", name="Choose an image"),
        "Feedback loop",
        {"name": "feedback-loop.png", "mimeType": "image/png", "buffer": a_png()},
    )
    image.get_by_label("Alt text").fill("A loop from work to feedback to revision")
    screenshot("media-01-editor-blocks")

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("'Giving Feedback' has been published")).to_be_visible()

    context = browser.new_context(viewport={"width": 390, "height": 844})
    participant = context.new_page()
    participant.set_default_timeout(15_000)
    log_in(participant, site, "participant@example.org", "learn-by-revising")
    participant.get_by_role("link", name="Programs").click()
    participant.get_by_role("link", name="Learning-Based Grading").first.click()
    participant.get_by_role("link", name=re.compile("^Module 05 Giving Feedback")).click()
    expect(participant.get_by_role("heading", name="Feedback in two minutes")).to_be_visible()
    expect(participant.get_by_text("Length 0:51")).to_be_visible()
    picture = participant.get_by_role("img", name="A loop from work to feedback to revision")
    expect(picture).to_be_visible()
    assert picture.evaluate("img => img.decode().then(() => img.naturalWidth)") == 120  # shown, not a broken image

    played = participant.locator("video").evaluate(
        """async (video) => {
            const track = video.textTracks[0];
            for (let i = 0; i < 50 && !(track.cues && track.cues.length); i++) {
                await new Promise(r => setTimeout(r, 100));
            }
            video.muted = true;
            await video.play();
            for (let i = 0; i < 50 && !(video.currentTime > 0.3 && track.activeCues.length); i++) {
                await new Promise(r => setTimeout(r, 100));
            }
            video.pause();
            return {mode: track.mode, kind: track.kind, cues: track.cues.length, playing: video.currentTime > 0,
                    shown: track.activeCues.length ? track.activeCues[0].text : "",
                    src: video.querySelector("track").src};
        }"""
    )
    assert played["mode"] == "showing" and played["kind"] == "captions" and played["playing"]
    assert played["cues"] == 2 and played["shown"] == FIRST_CUE
    answer = participant.request.get(played["src"])
    assert answer.status == 200 and answer.headers["content-type"].startswith("text/vtt")
    assert answer.text() == CAPTIONS
    participant.get_by_role("heading", name="Feedback in two minutes").scroll_into_view_if_needed()
    participant.screenshot(path=str(_path("media-02-participant-390")))
    context.close()


def _path(name):
    from tests.e2e.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS / f"{name}.png"
