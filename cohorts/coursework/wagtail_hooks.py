"""Coursework on the Wagtail admin's home: the oldest submission waiting in any review queue."""

from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from wagtail import hooks

from pd_platform.admin_panels import WorkItem, WorkPanel, for_admins

from . import selectors


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
