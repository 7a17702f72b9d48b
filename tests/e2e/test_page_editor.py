"""The content editor's and the program office's page editor, in Chromium: every kind of page saves and publishes
as it is, a module's materials change block by block (activities picked by their titles), and the explorer lists
a course in the order participants take it."""

import json
import re

import pytest

from tests.e2e.conftest import SCREENSHOTS, log_in

pytestmark = pytest.mark.browser

PEOPLE = {"admin": ("admin@example.org", "open-the-cohort"), "editor": ("editor@example.org", "fix-the-typo")}

# One page of every type, and the pages that could not be saved before (Welcome, Modules 01-03, the Introduction).
EVERY_KIND_OF_PAGE = """
import json
from modules.models import *
pages = [HomePage.objects.get(), CoursePage.objects.get(), *ModulePage.objects.filter(number__lte=3).order_by("number"),
    NextStepsPage.objects.order_by("path").first(), WorkshopSeriesPage.objects.get(), WorkshopPage.objects.get(number=0),
    OnlineLearningPage.objects.order_by("path").first()]
print(json.dumps([[p.pk, p.title] for p in pages]))
"""

AN_IMAGE = """
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
get_image_model().objects.get_or_create(title="Grades before and after", defaults={"file": get_test_image_file()})
print(get_image_model().objects.count())
"""

MODULE_02_AS_PUBLISHED = """
import json
from modules.models import CoursePage, ModulePage
page = ModulePage.objects.get(number=2)
lines = []
for block in page.body:
    v = block.value
    lines.append(block.block_type + " | " + str(v.get("heading") or v.get("title") or v.get("text")
                 or v.get("activity_key") or v.get("alt_text") or ""))
course = CoursePage.objects.get()
lines.append("objectives | " + " / ".join(str(b.value) for b in course.objectives))
lines.append("faq | " + " / ".join(b.value["question"] for b in course.faq))
print(json.dumps(lines))
"""


def signed_in(browser, site, who, width=1280):
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)  # for axe
    page = context.new_page()
    page.set_default_timeout(30_000)
    log_in(page, site, *PEOPLE[who])
    return page


def shot(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def open_editor(page, site, pk):
    page.goto(f"{site.url}/admin/pages/{pk}/edit/")
    page.get_by_role("button", name="Save draft").wait_for()


def publish(page, title):
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    done(page, f"Page '{title}' has been published.", "Publish")


def save_draft(page, title):
    page.get_by_role("button", name="Save draft").click()
    done(page, f"Page '{title}' has been updated.", "Save draft")


def done(page, message, action):
    """Wait for Wagtail's message. Wagtail's autosave may have kept a version of the same changes a moment before
    (it then asks whether to go on, as if from another window): the person goes on."""
    from playwright.sync_api import expect

    said = page.get_by_text(message)
    asked = page.get_by_role("dialog", name="You saved a new version in another window")
    expect(said.or_(asked)).to_be_visible(timeout=20_000)
    if asked.is_visible():
        asked.get_by_role("button", name=action).click()
    expect(said).to_be_visible(timeout=20_000)


def editor_violations(page, axe_source):
    """axe (WCAG 2.1 A and AA, serious and critical) on the editor, but for Wagtail's avatars of the other people
    who have the page open: a button named only by a tooltip, which is Wagtail's and shows only then."""
    page.evaluate(axe_source)
    return page.evaluate(
        """async () => (await axe.run({exclude: ['.w-editing-sessions']}, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.help + ': ' + v.nodes.map(n => n.html.slice(0, 200)).join(' '))"""
    )


def field(scope, label):
    """A field by its label, which ends in an asterisk when the field is required."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}\*?$"))


def write(rich_text, text):
    """Type into a rich-text area as a person does (click, then type)."""
    rich_text.click()
    rich_text.page.keyboard.type(text)


def block(page, name):
    """A block of a StreamField, by its type and title as the editor shows them in its heading."""
    return page.get_by_role("region", name=name).first


def insert_at_end(page, field_heading, kind=None):
    """Add a block of ``kind`` after the last block of the StreamField under ``field_heading`` (a field of one kind
    of block adds it without asking which)."""
    page.get_by_role("region", name=field_heading, exact=True).get_by_role("button", name="Insert a block").last.click()
    if kind:
        page.get_by_role("option", name=kind, exact=True).click()


@pytest.mark.parametrize("who", ["admin", "editor"])
def test_every_kind_of_page_saves_and_publishes_as_it_is(site, browser, who):
    page = signed_in(browser, site, who)
    pages = json.loads(site.python(EVERY_KIND_OF_PAGE))  # the site prints one line
    assert len(pages) == 10
    for pk, title in pages:
        open_editor(page, site, pk)
        save_draft(page, title)
        publish(page, title)
    page.context.close()


def test_the_editor_changes_each_kind_of_material_previews_and_publishes(site, browser, axe_source):
    from playwright.sync_api import expect

    site.python(AN_IMAGE)
    course, module_02 = site.python(
        "from modules.models import CoursePage, ModulePage; "
        "print(CoursePage.objects.get().pk, ModulePage.objects.get(number=2).pk)"
    ).split()
    page = signed_in(browser, site, "editor")

    # The explorer lists the course as participants take it: Welcome, Modules 01-06, then next steps.
    page.goto(f"{site.url}/admin/pages/{course}/")
    rows = page.get_by_role("table").get_by_role("row").all_inner_texts()[1:]
    order = ["Welcome", "Mastery Grading, an Introduction", "Writing Clear, Assessable Learning Targets"]
    assert [next(t for t in order if t in row) for row in rows[:3]] == order
    assert "Implementation and next steps" in rows[-1]

    open_editor(page, site, module_02)
    title = "Writing Clear, Assessable Learning Targets"
    field(block(page, "Text section From a standard to"), "Heading").fill("From a standard to a learning target")
    field(block(page, "Video Learning targets that are"), "Title").fill("Targets that are just right")
    field(block(page, "Document or handout"), "Title").fill("The goldilocks checklist")
    field(block(page, "Reading Nesting targets"), "Why read it").fill("It shows how targets nest.")
    # The activity is picked by its title, among this page's activities, not typed as a key.
    link = block(page, "Link to an activity Learning Targets")
    field(link, "Activity").select_option(label="Assignment Feedback")
    link = block(page, "Link to an activity Assignment Feedback").last
    field(link, "Activity").select_option(label="Learning Targets")

    insert_at_end(page, "Learning materials", "Golden line (quote)")
    field(page, "Golden line").fill("A target is a promise about learning.")
    insert_at_end(page, "Learning materials", "Callout (tip, important)")
    callout = block(page, "Callout (tip, important)")
    field(callout, "Heading").fill("Start small")
    write(field(callout, "Body"), "Write two targets first.")
    insert_at_end(page, "Learning materials", "Image")
    image = block(page, "Image")
    image.get_by_role("button", name="Choose an image").click()
    page.get_by_role("dialog").get_by_role("link", name="Grades before and after").click()
    field(image, "Alt text").fill("Two bar charts: grades before and after")
    # Reorder: the quote goes up one place.
    block(page, "Golden line (quote)").get_by_role("button", name="Move up").click()

    # The editor with every kind of block open passes axe (WCAG 2.1 A and AA, serious and critical).
    found = editor_violations(page, axe_source)
    assert found == [], found
    shot(page, "editor-module-02-changed")

    save_draft(page, title)
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("iframe[title='Preview']").last  # Wagtail loads each new preview in a second frame
    expect(preview.get_by_role("heading", name="From a standard to a learning target")).to_be_visible(timeout=30_000)
    expect(preview.get_by_role("img", name="Two bar charts: grades before and after")).to_be_visible()
    shot(page, "editor-module-02-preview")
    page.get_by_role("button", name="Toggle preview").click()
    publish(page, title)

    open_editor(page, site, course)
    field(page, "Objective").first.fill("Describe the purpose of grades in a learning-based system.")
    insert_at_end(page, "FAQ")
    faq = page.get_by_role("region", name="Question and answer").last  # the new one, after those there are
    field(faq, "Question").fill("How long is each module?")
    write(field(faq, "Answer"), "About five hours.")  # the rich-text area is named by its label
    publish(page, "Learning-Based Grading")

    published = json.loads(site.python(MODULE_02_AS_PUBLISHED))
    assert published[:-2] == [
        "section | From a standard to a learning target",
        "video | Targets that are just right",
        "handout | The goldilocks checklist",
        "reading | Nesting targets under enduring understandings",
        "activity | lbg-m02-assignment-feedback",
        "quote | A target is a promise about learning.",
        "activity | lbg-m02-learning-targets",
        "callout | Start small",
        "image | Two bar charts: grades before and after",
    ]
    assert published[-2].startswith("objectives | Describe the purpose of grades in a learning-based system.")
    assert published[-1].endswith("How long is each module?")
    page.context.close()


def test_words_typed_just_before_a_save_are_saved(site, browser):
    """Draftail writes a rich-text field into the form a quarter of a second after the last keystroke: an editor
    who types and saves at once (with the keyboard or a quick click) keeps every word."""
    from playwright.sync_api import expect

    module_04 = site.python("from modules.models import ModulePage; print(ModulePage.objects.get(number=4).pk)")
    title = site.python("from modules.models import ModulePage; print(ModulePage.objects.get(number=4).title)")
    page = signed_in(browser, site, "editor")
    open_editor(page, site, module_04)
    description = field(page, "Description")
    description.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Typed, then saved at once.", delay=5)
    page.keyboard.press("Control+s")
    done(page, f"Page '{title}' has been updated.", "Save draft")
    open_editor(page, site, module_04)
    expect(field(page, "Description")).to_contain_text("Typed, then saved at once.")

    description = field(page, "Description")
    description.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" And clicked.", delay=5)
    expect(description).to_contain_text("And clicked.", timeout=200)  # on screen, not yet in the form
    page.get_by_role("button", name="Save draft").click()
    done(page, f"Page '{title}' has been updated.", "Save draft")
    open_editor(page, site, module_04)
    expect(field(page, "Description")).to_contain_text("And clicked.")
    page.context.close()
