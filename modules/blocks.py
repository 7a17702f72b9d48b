"""StreamField blocks: objectives, FAQ, and the learning materials of a page's ``body``.

Every material block carries an estimated time in minutes; the page adds them up. Alt text
on images and a captions track on videos are checked in the block's ``clean`` (not only as
``required``), so the admin refuses them even on a draft, where Wagtail defers required fields.
Each block has a preview for the editor's block picker (``preview_value`` + ``description``).
"""

from django import forms
from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page

from . import video_length

MATERIAL_RICH_TEXT = ["h3", "h4", "bold", "italic", "link", "ol", "ul"]
VIDEO_EXTENSIONS = ("mp4", "webm")
CAPTION_EXTENSIONS = ("vtt",)


class ObjectiveBlock(blocks.CharBlock):
    """One objective: the editor's text box is named "Objective" (it has no label of its own
    inside the list)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.field.widget.attrs["aria-label"] = "Objective"

    class Meta:
        icon = "tick"
        label = "Objective"
        form_classname = "objective-block"


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200)
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "help"
        label = "Question and answer"
        template = "modules/blocks/question_answer.html"


def _minutes(required=True, help_text="Estimated minutes a participant spends on it."):
    return blocks.IntegerBlock(min_value=0, max_value=600, required=required, help_text=help_text)


def _refuse(**errors):
    raise StructBlockValidationError(block_errors={name: ValidationError(text) for name, text in errors.items()})


def _extension(document):
    return document.file_extension.lower() if document is not None else ""


class TextSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=200)
    body = blocks.RichTextBlock(features=MATERIAL_RICH_TEXT)
    minutes = _minutes(required=False, help_text="Reading time in minutes (leave empty for a short note).")

    class Meta:
        icon = "doc-full"
        label = "Text section"
        template = "modules/blocks/text_section.html"
        description = "A heading and text: the lesson itself, in the platform's words."
        preview_value = {
            "heading": "Why grades should reflect learning",
            "body": "<p>A grade is a message. In a mastery system it says what a student can do now.</p>",
            "minutes": 10,
        }


class ReadingBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=255)
    source = blocks.CharBlock(max_length=255, required=False, help_text="Author, publication or site.")
    url = blocks.URLBlock(required=False, label="Link")
    document = DocumentChooserBlock(required=False, help_text="Or an uploaded document instead of a link.")
    minutes = _minutes()
    why = blocks.TextBlock(label="Why read it", help_text="One or two sentences: what the reader will take away.")

    class Meta:
        icon = "openquote"
        label = "Reading"
        template = "modules/blocks/reading.html"
        description = "A reading by link or uploaded document, with its time and why it matters."
        preview_value = {
            "title": "Grading for equity: a short introduction",
            "source": "Program office",
            "url": "https://example.org/reading",
            "minutes": 20,
            "why": "It names the practices that make grades inaccurate, and what to do instead.",
        }

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("url")) == bool(value.get("document")):
            _refuse(url="Give a link or choose a document, not both and not neither.")
        return value


class HandoutBlock(blocks.StructBlock):
    document = DocumentChooserBlock(help_text="A PDF, DOCX or XLSX template participants download.")
    title = blocks.CharBlock(max_length=255, help_text="What participants see, e.g. 'Single-point rubric template'.")
    description = blocks.TextBlock(help_text="What it is and how to use it.")
    minutes = _minutes()

    class Meta:
        icon = "doc-full-inverse"
        label = "Document or handout"
        template = "modules/blocks/handout.html"
        description = "A document participants download: a checklist, a template, a workbook."


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=300,
        required=False,
        label="Alt text",
        help_text=(
            "What the image shows, for people who cannot see it. "
            "Leave it empty to use the description the image was given when it was uploaded."
        ),
    )
    caption = blocks.CharBlock(max_length=300, required=False)
    minutes = _minutes(required=False)

    class Meta:
        icon = "image"
        label = "Image"
        template = "modules/blocks/image.html"
        description = "An image with alt text (required) and an optional caption."

    def clean(self, value):
        image = value.get("image")
        value["alt_text"] = (value.get("alt_text") or "").strip() or (getattr(image, "description", "") or "").strip()
        if not value["alt_text"]:
            _refuse(
                alt_text="Alt text is required: say what the image shows for people who cannot see it "
                "(or give the image a description in Images)."
            )
        return super().clean(value)


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=255, help_text="What participants see above the video.")
    video = DocumentChooserBlock(
        help_text="The video file, MP4 or WebM. Choose it, or upload it here: Choose a document, then Upload."
    )
    captions = DocumentChooserBlock(
        help_text=(
            "The captions for this video, a WebVTT file (.vtt): every video needs them. "
            "Upload it the same way as the video."
        )
    )
    transcript = blocks.RichTextBlock(features=MATERIAL_RICH_TEXT, required=False)
    duration = blocks.IntegerBlock(
        min_value=1,
        max_value=36000,
        required=False,
        label="Length in seconds",
        help_text="Leave it empty: the length is read from the video file when you save.",
    )
    minutes = _minutes(help_text="Estimated minutes to watch and think about it.")

    class Meta:
        icon = "media"
        label = "Video"
        template = "modules/blocks/video.html"
        description = "A video uploaded to this site, with its captions file (.vtt) and an optional transcript."

    def clean(self, value):
        errors = {}
        video, captions = value.get("video"), value.get("captions")
        if captions is None:
            errors["captions"] = "Every video needs captions: choose or upload its WebVTT captions file (.vtt) here."
        elif _extension(captions) not in CAPTION_EXTENSIONS:
            errors["captions"] = "Captions must be a WebVTT file, whose name ends in .vtt."
        elif not _is_webvtt(captions):
            errors["captions"] = (
                "This file is not WebVTT captions: its first line must be WEBVTT. "
                "Export the captions as WebVTT (.vtt) and upload that file."
            )
        if video is not None and _extension(video) not in VIDEO_EXTENSIONS:
            errors["video"] = "The video must be an MP4 or WebM file."
        elif video is not None and not value.get("duration"):
            value["duration"] = _length(video)
            if value["duration"] is None:
                errors["duration"] = "This video file does not say how long it is: type its length in seconds."
        if errors:
            _refuse(**errors)
        return super().clean(value)


def _open(document):
    try:
        return document.file.open("rb")
    except (FileNotFoundError, OSError):
        return None


def _is_webvtt(document):
    handle = _open(document)
    if handle is None:
        return False
    with handle:
        return handle.read(9).removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT")


def _length(document):
    handle = _open(document)
    if handle is None:
        return None
    with handle:
        return video_length.seconds(handle, _extension(document))


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="Golden line")
    attribution = blocks.CharBlock(max_length=255, required=False)

    class Meta:
        icon = "openquote"
        label = "Golden line (quote)"
        template = "modules/blocks/quote.html"
        description = "A line worth remembering, set apart from the text."
        preview_value = {"text": "A grade should tell a student what they have learned.", "attribution": ""}


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=[("tip", "Tip"), ("important", "Important")], default="tip")
    heading = blocks.CharBlock(max_length=200, required=False)
    body = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "warning"
        label = "Callout (tip, important)"
        template = "modules/blocks/callout.html"
        description = "A tip or an important note, set apart so it is not missed."
        preview_value = {
            "kind": "tip",
            "heading": "Pace yourself",
            "body": "<p>Plan about five hours for each module, spread over the week.</p>",
        }


def activity_choices():
    """Every activity by its title, grouped under its program and page, for the editor's list. The value chosen
    is the activity's key, which is what a link stores (and the content files write)."""
    from .models import Activity, ModulePage

    activities = list(Activity.objects.select_related("page").order_by("page__path", "sort_order", "pk"))
    page_paths = {a.page.path for a in activities}
    programs = dict(Page.objects.filter(path__in={p[: -Page.steplen] for p in page_paths}).values_list("path", "title"))
    numbers = dict(ModulePage.objects.filter(pk__in={a.page_id for a in activities}).values_list("pk", "number"))
    groups = {}
    for activity in activities:
        page = activity.page
        title = page.title
        if page.pk in numbers:
            title = ("Welcome" if numbers[page.pk] == 0 else f"Module {numbers[page.pk]:02d}") + (
                f": {title}" if title != "Welcome" else ""
            )
        program = programs.get(page.path[: -Page.steplen])
        label = f"{program} — {title}" if program else title
        groups.setdefault(label, []).append((activity.key, activity.title))
    return list(groups.items())


class _AnyActivityField(forms.ChoiceField):
    """Any key passes here: the page's form says whether it is one of the page's own activities, new ones included
    (see ``modules.models.MaterialsPageForm``), and in words that name the activity."""

    def valid_value(self, value):
        return True


class ActivityChoiceBlock(blocks.ChoiceBlock):
    """The activity a link leads to, picked by its title. The stored value is the activity's key, read back as it
    is: reading a page never asks the database for the list (only the editor's form does)."""

    def get_field(self, **kwargs):
        return _AnyActivityField(**kwargs)

    def to_python(self, value):
        return value

    def normalize(self, value):
        return value


class ActivityLinkBlock(blocks.StructBlock):
    activity_key = ActivityChoiceBlock(
        choices=activity_choices,
        search_index=False,
        label="Activity",
        help_text='Choose one of this page\'s own activities. An activity added under "Participant activities" '
        "appears in this list once the page is published.",
    )
    lead_in = blocks.TextBlock(required=False, help_text="A sentence that leads into the task.")
    minutes = _minutes(help_text="Estimated minutes the activity takes.")

    class Meta:
        icon = "link"
        label = "Link to an activity"
        template = "modules/blocks/activity_link.html"
        description = "Leads from the text into one of the page's activities, at the right place."
        preview_value = {
            "activity_key": "lbg-m02-learning-targets",
            "lead_in": "Now write your own targets.",
            "minutes": 60,
        }


class MaterialsBlock(blocks.StreamBlock):
    section = TextSectionBlock()
    reading = ReadingBlock()
    handout = HandoutBlock()
    image = ImageBlock()
    video = VideoBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    activity = ActivityLinkBlock()

    class Meta:
        block_counts: dict = {}


class NextStepsMaterialsBlock(MaterialsBlock):
    """The materials of an implementation and next steps page, which has no activities to link to."""

    activity = None  # type: ignore[assignment]  # Wagtail: a child block set to None is left out


# Kinds a participant marks as done (the others are set-apart text, or an activity with its own status).
MARKABLE_KINDS = ("section", "reading", "handout", "image", "video")
