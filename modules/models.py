"""Page models for the two programs: a course of modules, and a blended workshop series."""

from decimal import Decimal

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.text import slugify
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.models.workflows import AbstractGroupApprovalTask
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from .access import own_sessions, page_access, staff_links
from .blocks import MaterialsBlock, NextStepsMaterialsBlock, ObjectiveBlock, QuestionAnswerBlock
from .materials import hours_and_minutes, materials_of

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "link", "ol", "ul"]


@register_snippet
class CSTPStandard(models.Model):
    """One of the California Standards for the Teaching Profession."""

    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=200)

    panels = [FieldPanel("number"), FieldPanel("title")]

    class Meta:
        ordering = ["number"]
        verbose_name = "CSTP standard"

    def __str__(self):
        return f"CSTP {self.number}: {self.title}"


@register_snippet
class Shift(models.Model):
    """One of the shifts the workshop series takes educators through (A-D)."""

    letter = models.CharField(max_length=1, unique=True)
    title = models.CharField(max_length=200)

    panels = [FieldPanel("letter"), FieldPanel("title")]

    class Meta:
        ordering = ["letter"]

    def __str__(self):
        return f"Shift {self.letter}: {self.title}"


@register_setting(icon="mail")
class ProgramContactSettings(BaseGenericSetting):
    """Who participants contact. People's details are settings, never course content."""

    organization_name = models.CharField(max_length=200, default="College Bridge")
    contact_name = models.CharField(max_length=150, blank=True)
    contact_title = models.CharField(max_length=150, blank=True)
    contact_email = models.EmailField(blank=True)
    technical_support_email = models.EmailField(blank=True)
    postal_address = models.TextField(
        max_length=500,
        blank=True,
        help_text="Printed on invoices and receipts, as districts' accounts payable need it.",
    )
    tax_id = models.CharField(
        "tax ID", max_length=40, blank=True, help_text="The organisation's EIN, printed on invoices and receipts."
    )
    remittance_instructions = models.TextField(
        max_length=1000,
        blank=True,
        help_text="How a district pays an invoice: to whom checks are payable and where they go, or the ACH details.",
    )
    signatory_name = models.CharField(
        "signed by",
        max_length=150,
        blank=True,
        help_text="The person whose name certificates carry, e.g. the program's chief academic officer.",
    )
    signatory_title = models.CharField("their title", max_length=150, blank=True)

    CACHE_KEY = "platform:program-contact-settings"
    CACHE_SECONDS = 300  # another process of the embedded default sees an edit within this

    @classmethod
    def _get_or_create(cls):
        """The one row, from the cache when it is there: every page's footer shows it. Saving
        forgets it (see ``pd_platform.sites`` for what a cache of one process means)."""
        from django.core.cache import cache

        found = cache.get(cls.CACHE_KEY)
        if found is None:
            found = super()._get_or_create()
            cache.set(cls.CACHE_KEY, found, cls.CACHE_SECONDS)
        return found

    def save(self, *args, **kwargs):
        from django.core.cache import cache

        super().save(*args, **kwargs)
        cache.delete(self.CACHE_KEY)

    panels = [
        FieldPanel("organization_name"),
        FieldPanel("contact_name"),
        FieldPanel("contact_title"),
        FieldPanel("contact_email"),
        FieldPanel("technical_support_email"),
        MultiFieldPanel(
            [FieldPanel("postal_address"), FieldPanel("tax_id"), FieldPanel("remittance_instructions")],
            heading="On invoices and receipts",
        ),
        MultiFieldPanel(
            [FieldPanel("signatory_name"), FieldPanel("signatory_title")],
            heading="On certificates issued from now on",
        ),
    ]

    class Meta:
        verbose_name = "program contact"


class PreviewInTheEditor:
    """A page the editor's preview panel can show: the preview is served inside the admin's own frame, which the
    site's policy (no page may be framed) would leave empty. Only the preview is allowed its own origin."""

    def serve_preview(self, request, mode_name):
        response = super().serve_preview(request, mode_name)
        response._csp_replace = {"frame-ancestors": ["'self'"]}
        return response


class HomePage(PreviewInTheEditor, Page):
    # The explorer lists the children in the page tree's order (the course's), not the latest edited first.
    admin_default_ordering = "ord"
    intro = RichTextField(blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["modules.CoursePage", "modules.WorkshopSeriesPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programs"] = self.get_children().live().specific()
        return context

    def route(self, request, path_components):
        """Pages below the home page in one query (``modules.routing``), else Wagtail's way."""
        from .routing import route_below

        return route_below(self, request, path_components) or super().route(request, path_components)


class ActivityKind(models.TextChoices):
    DISCUSSION = "discussion", "Discussion"
    ASSIGNMENT = "assignment", "Assignment submission"
    REFLECTION = "reflection", "Reflection"
    ATTENDANCE = "attendance", "Attendance"


class Activity(Orderable):
    """Something a participant does on a module or workshop page.

    The ``key`` is stable across content reloads; submissions and attendance refer to it.
    """

    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="activities")
    key = models.SlugField(
        max_length=80,
        unique=True,
        blank=True,
        help_text="Leave empty: it is made from the title when the page is saved. It does not change after that, "
        "because participants' work on the activity is filed under it.",
    )
    kind = models.CharField(max_length=20, choices=ActivityKind.choices)
    title = models.CharField(max_length=200)
    prompt = RichTextField(blank=True, features=RICH_TEXT_FEATURES)
    required = models.BooleanField(default=True, help_text="Required activities count toward completion.")
    rubric = models.TextField(
        "single-point rubric",
        blank=True,
        help_text="One criterion per line. Reviewers mark each 'meets' or 'not yet' with a comment.",
    )
    replies_to_complete = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Discussions only: complete automatically after one post and this many replies. "
        "Leave empty for a facilitator to rate participation.",
    )

    panels = [
        FieldPanel("key"),
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("prompt"),
        FieldPanel("required"),
        FieldPanel("rubric"),
        FieldPanel("replies_to_complete"),
    ]

    class Meta(Orderable.Meta):
        verbose_name_plural = "activities"

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if not self.key and self.title:
            self.key = new_activity_key(self.title, exclude_pk=self.pk)

    def save(self, *args, **kwargs):
        if not self.key:
            self.key = new_activity_key(self.title, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    @property
    def rubric_criteria(self):
        return [line.strip() for line in self.rubric.splitlines() if line.strip()]

    @property
    def is_discussion(self):
        return self.kind == ActivityKind.DISCUSSION

    @property
    def is_learning_targets(self):
        return "learning-targets" in self.key

    @property
    def is_grading_system(self):
        """The assignment where a participant communicates their grading plan (Module 06)."""
        return "grading-system" in self.key


def new_activity_key(title, exclude_pk=None, taken=()):
    """A key for a new activity, made from its title, that no other activity has (nor any of ``taken``)."""
    base = slugify(title)[:70].strip("-") or "activity"
    others = Activity.objects.exclude(pk=exclude_pk) if exclude_pk else Activity.objects.all()
    used = set(others.filter(key__startswith=base).values_list("key", flat=True)) | set(taken)
    key, n = base, 2
    while key in used:
        key, n = f"{base}-{n}", n + 1
    return key


class ActivityForm(WagtailAdminModelForm):
    """An activity in the page editor: its key is made from the title when left empty, and is fixed once saved
    (submissions and attendance are filed under it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("key")
        if field is not None and self.instance.pk and self.instance.key:
            field.disabled = True
            field.help_text = "Fixed: participants' work on this activity is filed under it."

    def clean_key(self):
        # None, not "", for a key still to be made: two new activities left empty are not a duplicate.
        return self.cleaned_data.get("key") or None


class ActivityInlinePanel(InlinePanel):
    """The page's activities, edited with :class:`ActivityForm`."""

    def get_form_options(self):
        options = super().get_form_options()
        formset = options["formsets"][self.relation_name]
        base = formset.get("form", ActivityForm)
        if base is not ActivityForm:  # Wagtail's form that defers required fields on a draft, plus ours
            base = type(base)("ActivityForm", (ActivityForm, base), {})
        formset["form"] = base
        return options


def _activities_with_links(page, access):
    """The page's activities, each with where the person does it (if they are enrolled)."""
    if not access.show_activities:
        return []
    items = []
    for activity in page.activities.all():
        url, status, status_label = access.activity_links.get(activity.key, ("", "", ""))
        items.append(
            {
                "activity": activity,
                "url": url,
                "status": status,
                "status_label": status_label,
                "discussion_links": access.discussion_links.get(activity.key, ()),
            }
        )
    return items


def _published_outline(request, page):
    """The outline of the page's program when the live page is served; None for a preview or
    a page that is not live (those show what the editor has, not what is published)."""
    from .outline import program_outline

    if getattr(request, "is_preview", False) or not page.live:
        return None
    return program_outline(page.get_parent().pk)


class MaterialsPageForm(WagtailAdminPageForm):
    """Refuses a link to an activity that is not one of the page's own, at the link, saying which it is."""

    def clean(self):
        cleaned = super().clean()
        body = cleaned.get("body")
        formset = self.formsets.get("activities")
        # The page form is cleaned before its formsets (modelcluster), so the activities are validated here
        # first; while one of them is invalid, the formset shows its own errors and the links wait for it.
        if formset is None or not formset.is_valid():
            return cleaned
        kept = [
            form.instance
            for form in formset.forms
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
        ]
        _give_new_activities_distinct_keys(kept)
        if not body:
            return cleaned
        keys = {activity.key for activity in kept}
        wrong = {
            position: block.value["activity_key"]
            for position, block in enumerate(body)
            if block.block_type == "activity" and block.value["activity_key"] not in keys
        }
        if wrong:
            self.add_error("body", _links_to_other_activities(wrong))
        return cleaned


def _give_new_activities_distinct_keys(activities):
    """Two new activities with the same title on one page would otherwise get the same key."""
    seen = set()
    for activity in activities:
        if activity.pk is None and activity.key in seen:
            activity.key = new_activity_key(activity.title, taken=seen)
        seen.add(activity.key)


def _links_to_other_activities(wrong):
    from wagtail.blocks.stream_block import StreamBlockValidationError
    from wagtail.blocks.struct_block import StructBlockValidationError

    titles = dict(Activity.objects.filter(key__in=set(wrong.values())).values_list("key", "title"))
    errors = {}
    for position, key in wrong.items():
        if key in titles:
            text = (
                f"\u201c{titles[key]}\u201d is an activity of another page. Choose one of this page's activities, "
                "or remove this link."
            )
        else:
            text = "This activity no longer exists. Choose one of this page's activities, or remove this link."
        errors[position] = StructBlockValidationError(block_errors={"activity_key": ValidationError(text)})
    return StreamBlockValidationError(
        block_errors=errors,
        non_block_errors=[
            ValidationError("A link to an activity leads to an activity that is not on this page: see below.")
        ],
    )


def materials_context(page, access, activities):
    """What the page's materials section needs: the items, their total time, and the
    participant's marks (``None`` when the person does not mark materials)."""
    items = materials_of(page.body)
    markable = [item.id for item in items if item.markable]
    marks = access.marks
    total = sum(item.minutes for item in items)
    return {
        "materials": {item.id: item for item in items},
        "materials_total": hours_and_minutes(total) if total else "",
        "materials_markable": len(markable),
        "materials_done": len(set(markable) & marks) if marks is not None else None,
        "activity_by_key": {entry["activity"].key: entry for entry in activities},
    }


class MaterialsPageMixin(models.Model):
    """A page with a body of learning materials and activities (modules, workshops, online learning)."""

    body = StreamField(MaterialsBlock(), blank=True, verbose_name="learning materials")

    base_form_class = MaterialsPageForm
    # Served from its reader's kept copy until something it shows changes (pd_platform.page_cache).
    personal_page_cache = True

    class Meta:
        abstract = True

    def materials_context(self, access, activities):
        return materials_context(self, access, activities)


TRAINING_PAY_HELP = (
    "Hours beyond the district's contracted day are paid at its training rate. Every program credits "
    "PD hours; only a program that pays puts a price on them in the reports."
)
ANONYMOUS_RESULTS_MINIMUM_HELP = (
    "Anonymous evaluation and check-in results (counts and comments) show only once at least this many "
    "people have answered, so no one can be recognised by their answer. 5 is usual; never fewer than 2."
)


def anonymous_results_minimum_field():
    return models.PositiveSmallIntegerField(
        "people answering before anonymous results show",
        default=5,
        validators=[MinValueValidator(2), MaxValueValidator(100)],
        help_text=ANONYMOUS_RESULTS_MINIMUM_HELP,
    )


CERTIFICATE_VALID_YEARS_HELP = (
    "Certificates stay valid this many years (e.g. 5, a licence-renewal cycle); holders are reminded "
    "90 and 30 days before. Leave empty for certificates that do not expire."
)


class CoursePage(PreviewInTheEditor, Page):
    """An asynchronous course: a Welcome module and numbered modules."""

    # The explorer lists the children in the page tree's order (the course's), not the latest edited first.
    admin_default_ordering = "ord"

    subtitle = models.CharField(max_length=255, blank=True)
    intro = RichTextField(blank=True, features=RICH_TEXT_FEATURES)
    overview = RichTextField(blank=True, features=RICH_TEXT_FEATURES)
    objectives = StreamField([("objective", ObjectiveBlock())], blank=True)
    implementation = RichTextField("implementation and next steps", blank=True, features=RICH_TEXT_FEATURES)
    about = RichTextField(blank=True, features=RICH_TEXT_FEATURES)
    faq = StreamField([("item", QuestionAnswerBlock())], blank=True, verbose_name="FAQ")
    completion_threshold = models.DecimalField(
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.85"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1"))],
        help_text="Share of required submissions rated complete that earns the certificate.",
    )
    purchase_order_close_business_days = models.PositiveSmallIntegerField(
        default=3, help_text="Purchase orders close this many business days before a cohort starts."
    )
    certificate_valid_years = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=CERTIFICATE_VALID_YEARS_HELP,
    )
    pays_training_rate = models.BooleanField("pays the training rate", default=False, help_text=TRAINING_PAY_HELP)
    anonymous_results_minimum = anonymous_results_minimum_field()

    content_panels = Page.content_panels + [
        FieldPanel("subtitle"),
        FieldPanel("intro"),
        FieldPanel("overview"),
        FieldPanel("objectives"),
        FieldPanel("implementation"),
        FieldPanel("about"),
        FieldPanel("faq"),
    ]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [
                FieldPanel("completion_threshold"),
                FieldPanel("purchase_order_close_business_days"),
                FieldPanel("certificate_valid_years"),
                FieldPanel("pays_training_rate"),
                FieldPanel("anonymous_results_minimum"),
            ],
            heading="Course rules",
        )
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("overview")]
    parent_page_types = ["modules.HomePage"]
    subpage_types = ["modules.ModulePage", "modules.NextStepsPage"]

    def modules(self):
        return ModulePage.objects.child_of(self).live().order_by("number")

    def next_steps(self):
        return NextStepsPage.objects.child_of(self).live().first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        modules = list(self.modules().prefetch_related("outcomes"))
        context["course_modules"] = modules
        context["total_hours"] = sum((m.hours for m in modules), Decimal("0"))
        context["cstp_standards"] = CSTPStandard.objects.all()
        context["access"] = page_access(request, self)
        context["next_steps"] = self.next_steps()
        return context


class ModulePage(PreviewInTheEditor, MaterialsPageMixin, Page):
    """A module of a course. Number 0 is the Welcome module, done before the others."""

    number = models.PositiveSmallIntegerField(help_text="0 for the Welcome module.")
    focus = models.CharField(max_length=255, blank=True)
    hours = models.DecimalField(max_digits=4, decimal_places=1, default=Decimal("5"))
    outcomes = ParentalManyToManyField(CSTPStandard, blank=True, related_name="modules", verbose_name="target outcomes")
    description = RichTextField(blank=True, features=RICH_TEXT_FEATURES)
    objectives = StreamField(
        [("objective", ObjectiveBlock())], blank=True, verbose_name="professional learning objectives"
    )

    content_panels = Page.content_panels + [
        FieldPanel("number"),
        FieldPanel("focus"),
        FieldPanel("hours"),
        FieldPanel("outcomes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("description"),
        FieldPanel("objectives"),
        FieldPanel("body"),
        ActivityInlinePanel("activities", heading="Participant activities", label="Activity"),
    ]
    search_fields = Page.search_fields + [index.SearchField("description"), index.SearchField("body")]
    parent_page_types = ["modules.CoursePage"]
    subpage_types = []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        outline = _published_outline(request, self)
        if outline is not None:
            # The live page: its activities, outcomes and neighbours as published, from the outline.
            self.activities = outline.activities_on(self.pk)  # in memory, read by the access policy too
            context["outcomes"] = list(outline.outcomes.get(self.pk, ()))
            neighbours = outline.children()
        else:  # a preview or a draft: what the editor has in hand (its activities in memory)
            context["outcomes"] = list(self.outcomes.all())
            neighbours = list(Page.objects.sibling_of(self).live().defer_streamfields().specific().order_by("path"))
        context["access"] = access = page_access(request, self)
        context["activities"] = activities = _activities_with_links(self, access)
        context.update(self.materials_context(access, activities))
        siblings = sorted(
            (p for p in neighbours if isinstance(p, ModulePage) and p.pk != self.pk), key=lambda m: m.number
        )
        context["previous_module"] = next((m for m in reversed(siblings) if m.number < self.number), None)
        context["next_module"] = next((m for m in siblings if m.number > self.number), None)
        if context["next_module"] is None:
            context["next_steps"] = next((p for p in neighbours if isinstance(p, NextStepsPage)), None)
        return context

    @property
    def is_welcome(self):
        return self.number == 0

    @property
    def label(self):
        return "Welcome" if self.is_welcome else f"Module {self.number:02d}"


class WorkshopSeriesPage(PreviewInTheEditor, Page):
    """A blended series: in-person workshops with online independent learning between them."""

    # The explorer lists the children in the page tree's order (the course's), not the latest edited first.
    admin_default_ordering = "ord"

    subtitle = models.CharField(max_length=255, blank=True)
    purpose = RichTextField(blank=True, features=RICH_TEXT_FEATURES)
    objectives = StreamField([("objective", ObjectiveBlock())], blank=True)
    rules = RichTextField(blank=True, features=RICH_TEXT_FEATURES)
    min_group_size = models.PositiveSmallIntegerField(
        default=8, help_text="A site cohort runs with at least this many participants."
    )
    weeks_between_workshops = models.PositiveSmallIntegerField(default=3)
    completion_threshold = models.DecimalField(
        max_digits=4,
        decimal_places=3,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1"))],
        help_text="Certification needs all workshops attended and all online learning complete (1.0).",
    )
    certificate_valid_years = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=CERTIFICATE_VALID_YEARS_HELP,
    )
    pays_training_rate = models.BooleanField("pays the training rate", default=True, help_text=TRAINING_PAY_HELP)
    anonymous_results_minimum = anonymous_results_minimum_field()

    content_panels = Page.content_panels + [
        FieldPanel("subtitle"),
        FieldPanel("purpose"),
        FieldPanel("objectives"),
        FieldPanel("rules"),
    ]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [
                FieldPanel("min_group_size"),
                FieldPanel("weeks_between_workshops"),
                FieldPanel("completion_threshold"),
                FieldPanel("certificate_valid_years"),
                FieldPanel("pays_training_rate"),
                FieldPanel("anonymous_results_minimum"),
            ],
            heading="Series rules",
        )
    ]
    parent_page_types = ["modules.HomePage"]
    subpage_types = ["modules.WorkshopPage", "modules.OnlineLearningPage", "modules.NextStepsPage"]

    def timeline(self):
        """Workshops and online learning in the order they happen (the page tree's order)."""
        return self.get_children().live().not_type(NextStepsPage).specific().order_by("path")

    def next_steps(self):
        return NextStepsPage.objects.child_of(self).live().first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        steps = list(self.timeline())
        context["steps"] = steps
        context["total_hours"] = sum((s.hours for s in steps), Decimal("0"))
        context["shifts"] = Shift.objects.all()
        context["access"] = page_access(request, self)
        context["next_steps"] = self.next_steps()
        return context


class TimelineStepMixin(MaterialsPageMixin):
    """What workshops and online learning segments share: hours, shifts, activities."""

    hours = models.DecimalField(max_digits=4, decimal_places=1)
    description = RichTextField(blank=True, features=RICH_TEXT_FEATURES)
    shifts = ParentalManyToManyField(Shift, blank=True)

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        outline = _published_outline(request, self)
        if outline is not None:
            # The live page: its activities and neighbours as published, from the outline.
            self.activities = outline.activities_on(self.pk)  # in memory, read by the access policy too
            neighbours = outline.children()
        else:  # a preview or a draft: what the editor has in hand (its activities in memory)
            neighbours = list(Page.objects.sibling_of(self).live().defer_streamfields().specific().order_by("path"))
        context["shifts"] = list(self.shifts.all())
        context["staff_links"] = staff_links(request, self)
        context["own_sessions"] = own_sessions(request, self)
        context["access"] = access = page_access(request, self)
        context["activities"] = activities = _activities_with_links(self, access)
        context.update(self.materials_context(access, activities))
        steps = [p for p in neighbours if not isinstance(p, NextStepsPage)]
        context["previous_step"] = next((p for p in reversed(steps) if p.path < self.path), None)
        context["next_step"] = next((p for p in steps if p.path > self.path), None)
        if context["next_step"] is None:
            context["next_steps"] = next((p for p in neighbours if isinstance(p, NextStepsPage)), None)
        return context


class WorkshopPage(PreviewInTheEditor, TimelineStepMixin, Page):
    """An in-person workshop. Number 0 is the Introduction workshop."""

    number = models.PositiveSmallIntegerField(help_text="0 for the Introduction workshop.")
    guiding_question = models.CharField(max_length=255, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("number"),
        FieldPanel("guiding_question"),
        FieldPanel("hours"),
        FieldPanel("shifts"),
        FieldPanel("description"),
        FieldPanel("body"),
        ActivityInlinePanel("activities", heading="Participant activities", label="Activity"),
    ]
    parent_page_types = ["modules.WorkshopSeriesPage"]
    subpage_types = []
    template = "modules/timeline_step_page.html"
    is_workshop = True


class OnlineLearningPage(PreviewInTheEditor, TimelineStepMixin, Page):
    """Online independent learning between two workshops."""

    content_panels = Page.content_panels + [
        FieldPanel("hours"),
        FieldPanel("shifts"),
        FieldPanel("description"),
        FieldPanel("body"),
        ActivityInlinePanel("activities", heading="Participant activities", label="Activity"),
    ]
    parent_page_types = ["modules.WorkshopSeriesPage"]
    subpage_types = []
    template = "modules/timeline_step_page.html"
    is_workshop = False


class NextStepsPage(PreviewInTheEditor, Page):
    """Implementation and next steps: what follows the last module or workshop."""

    intro = RichTextField(blank=True, features=RICH_TEXT_FEATURES)
    body = StreamField(NextStepsMaterialsBlock(), blank=True, verbose_name="materials")

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["modules.CoursePage", "modules.WorkshopSeriesPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "implementation and next steps page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        program = self.get_parent().specific
        context["program"] = program
        context["access"] = access = page_access(request, self)
        context.update(materials_context(self, access, []))
        context["is_course"] = isinstance(program, CoursePage)
        if context["is_course"]:
            context["previous_step"] = program.modules().order_by("-number").first()
        else:
            context["previous_step"] = program.timeline().order_by("-path").first()
        return context


class SecondEditorApprovalTask(AbstractGroupApprovalTask):
    """A change to a course is approved by a member of the chosen groups who neither made nor
    submitted it: someone other than its author sees it before participants do."""

    class Meta:
        verbose_name = "approval by a second editor"
        verbose_name_plural = "approvals by a second editor"

    @staticmethod
    def _authors(obj):
        state = obj.current_workflow_state
        authors = {state.requested_by_id} if state is not None else set()
        revision = getattr(obj, "latest_revision", None)
        if revision is not None and revision.user_id:
            authors.add(revision.user_id)
        return authors

    def get_actions(self, obj, user):
        if user.pk in self._authors(obj):
            return []
        return super().get_actions(obj, user)

    def on_action(self, task_state, user, action_name, **kwargs):
        if user.pk in self._authors(task_state.workflow_state.content_object):
            raise PermissionDenied("A change is approved by an editor who did not make it.")
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return super().get_task_states_user_can_moderate(user, **kwargs).exclude(workflow_state__requested_by=user)

    @classmethod
    def get_description(cls):
        return "Members of the chosen groups approve, except the person who made or submitted the change"
