"""A participant learns from a module page: watches the captioned video, downloads a handout,
marks materials done, sees it on their progress page and goes on to the activity."""

import re
import subprocess

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.browser


def test_open_a_module_watch_mark_done_and_open_the_activity(site, page, screenshot, tmp_path):
    log_in(page, site, "participant@example.org", "learn-by-revising")
    page.get_by_role("link", name="Programs").click()
    page.get_by_role("link", name="Learning-Based Grading").first.click()
    page.get_by_role("link", name="Module 02 Writing Clear, Assessable Learning Targets").click()
    expect(page.get_by_role("heading", name="Learning materials")).to_be_visible()
    done = page.get_by_role("status").filter(has_text="You have done")
    expect(done).to_have_text("You have done 0 of 4 materials.")

    # The video plays here, from this site, with its English captions loaded.
    video = page.locator("video[aria-labelledby]")
    expect(video).to_have_attribute("aria-labelledby", video.get_attribute("aria-labelledby"))
    expect(page.get_by_role("heading", name="Learning targets that are just right")).to_be_visible()
    cues = page.evaluate(
        """async () => {
            const video = document.querySelector('video');
            const track = video.textTracks[0];
            track.mode = 'showing';
            for (let i = 0; i < 50 && !(track.cues && track.cues.length); i++) {
                await new Promise(r => setTimeout(r, 100));
            }
            video.muted = true;
            await video.play();
            await new Promise(r => setTimeout(r, 700));
            return {kind: track.kind, language: track.language, cues: track.cues.length,
                    first: track.cues[0].text, playing: !video.paused && video.currentTime > 0,
                    source: new URL(video.currentSrc).origin};
        }"""
    )
    assert cues["kind"] == "captions" and cues["language"] == "en"
    assert cues["cues"] >= 10 and cues["first"] == "Learning targets that are just right."
    assert cues["playing"] and cues["source"] == site.url
    page.get_by_text("Transcript: Learning targets that are just right").click()
    expect(page.get_by_text("Understand and know cannot be seen.")).to_be_visible()

    # A handout downloads and is a real, tagged PDF.
    with page.expect_download() as download:
        page.get_by_role(
            "link", name=re.compile(r"^Download \(PDF, .*\): Learning targets: the goldilocks checklist$")
        ).click()
    path = tmp_path / "goldilocks.pdf"
    download.value.save_as(path)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info
    # Opening the handout marked it done (the page's script), without leaving the page.
    expect(done).to_have_text("You have done 1 of 4 materials.")

    # Watching the video to its end marks it done.
    page.evaluate(
        """() => { const video = document.querySelector('video'); video.currentTime = video.duration - 0.4;
                   return video.play(); }"""
    )
    expect(done).to_have_text("You have done 2 of 4 materials.")

    page.get_by_role("button", name="Mark done: Nesting targets under enduring understandings").click()
    expect(
        page.get_by_role("button", name="Mark not done: Nesting targets under enduring understandings")
    ).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="You have done")).to_have_text("You have done 3 of 4 materials.")
    expect(page.get_by_role("button", name="Mark not done: Learning targets that are just right")).to_be_visible()
    screenshot("materials-01-module")

    page.get_by_role("link", name="Learning Targets").first.click()
    expect(page.get_by_role("heading", name="Learning Targets", level=1)).to_be_visible()

    page.get_by_role("link", name="My courses").first.click()
    page.get_by_role("link", name="Your progress").first.click()
    expect(page.get_by_role("cell", name="3 of 4")).to_be_visible()
    screenshot("materials-02-progress")


def test_the_home_says_what_to_do_next(site, page):
    log_in(page, site, "participant@example.org", "learn-by-revising")
    todo = page.get_by_role("region", name="What to do next")
    expect(todo.get_by_text("Feedback waiting:").first).to_be_visible()
    expect(todo.get_by_text("Progress:").first).to_be_visible()


@pytest.mark.parametrize("width", [1280, 1366])
def test_an_admins_navigation_stays_on_one_line_on_a_laptop(site, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    log_in(page, site, "admin@example.org", "open-the-cohort")
    nav = page.get_by_role("navigation", name="Main")
    tops = {round(box["y"]) for box in (link.bounding_box() for link in nav.get_by_role("link").all())}
    logout = page.get_by_role("button", name="Log out").bounding_box()
    assert len(tops) == 1, tops
    assert abs(logout["y"] + logout["height"] / 2 - (min(tops) + 12)) < 20
    context.close()
