"""Coursework in the Wagtail admin: the oldest submission waiting in any review queue and how fast feedback
comes (median and 90th percentile per facilitator and per cohort) on the home, and the programs' comment banks
(the office tidies what facilitators keep)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timesince import timesince
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList, PageChooserPanel
from wagtail.snippets.models import register_snippet

from pd_platform.admin_panels import FiguresPanel, FiguresTable, WorkItem, WorkPanel, for_admins
from pd_platform.office_snippets import OfficeSnippetViewSet

from . import selectors
from .models import BankedComment


class BankedCommentViewSet(OfficeSnippetViewSet):
    model = BankedComment
    icon = "comment"
    menu_label = "Comment bank"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["text", "criterion", "program", "uses"]
    search_fields = ["text", "criterion"]
    edit_handler = ObjectList(
        [
            PageChooserPanel("program", ["modules.CoursePage", "modules.WorkshopSeriesPage"]),
            FieldPanel("criterion"),
            FieldPanel("text"),
            FieldPanel("uses"),
        ]
    )


register_snippet(BankedCommentViewSet)


@hooks.register("construct_homepage_panels")
def oldest_in_review_panel(request, panels):
    oldest, waiting = selectors.oldest_waiting()
    for_admins(
        request,
        panels,
        WorkPanel(
            "oldest-review",
            "Oldest item in any review queue",
            [
                WorkItem(
                    f"{oldest.title} by {oldest.enrollment.user.full_name or oldest.enrollment.user.email}, {oldest.enrollment.cohort.name}",
                    reverse("coursework:review", args=[oldest.pk]),
                    f"waiting {timesince(oldest.submitted_at, timezone.now())}" if oldest.submitted_at else "waiting",
                )
            ]
            if oldest
            else [],
            waiting,
            "Nothing is waiting for review.",
            reverse("coursework:review_queue"),
            "Review queue",
            order=23,
            summary=f"{waiting} submission{'s' if waiting != 1 else ''} waiting; the oldest:",
        ),
    )


@hooks.register("construct_homepage_panels")
def feedback_turnaround_panel(request, panels):
    report = selectors.office_turnaround(request.user)
    if report is None:
        return
    columns = ("Median", "90% within", "Reviews")
    panels.append(
        FiguresPanel(
            "feedback-turnaround",
            f"Feedback turnaround, last {report.days} days",
            f"Time from a participant's submission to its first review by a facilitator, for first reviews given "
            f"since {date_format(timezone.localdate(report.since), 'M j, Y')}: half came within the median, nine "
            "in ten within the time under “90% within”.",
            [
                FiguresTable(
                    "Per facilitator",
                    ("Facilitator", *columns),
                    tuple((t.label, t.median_text, t.p90_text, t.reviews) for t in report.by_facilitator),
                ),
                FiguresTable(
                    "Per cohort",
                    ("Cohort", *columns),
                    tuple((t.label, t.median_text, t.p90_text, t.reviews) for t in report.by_cohort),
                ),
            ],
            f"No reviews yet in the last {report.days} days.",
            order=24,
        )
    )
