"""What workshops add to a participant's My courses page: the sessions in a calendar."""

from django.urls import reverse

from pd_platform.homes import CourseExtras, CourseLink, CourseNote

from .models import WorkshopSession
from .views import feed_url


def calendar_links(user, rows):
    """A calendar file beside each cohort with sessions, and the person's feed. One query."""
    cohort_ids = {row.enrollment.cohort_id for row in rows}
    if not cohort_ids:
        return CourseExtras()
    with_sessions = set(WorkshopSession.objects.filter(cohort_id__in=cohort_ids).values_list("cohort_id", flat=True))
    links = {
        row.enrollment.pk: [
            CourseLink(
                "Add the sessions to your calendar (.ics)", reverse("workshops:sessions_ics", args=[row.enrollment.pk])
            )
        ]
        for row in rows
        if row.enrollment.cohort_id in with_sessions
    }
    notes = (
        [
            CourseNote(
                "Subscribe to all your workshop sessions in a calendar app:",
                "your calendar feed",
                feed_url(user),
                " (keep the link to yourself).",
            )
        ]
        if links
        else []
    )
    return CourseExtras(links=links, notes=notes)
