"""The participant's home: one to-do per course, composed from what each app knows
(``pd_platform.homes.todos``); registration adds where the registration stands and the next
deadline."""

from django.urls import reverse
from django.utils import timezone

from pd_platform import homes

from .invitations import pending_invitations, registration_url
from .models import Cohort, Enrollment
from .selectors import enrollments_of, my_course_rows


def _deadline(row):
    """The registration's next date: course access opening, or the cohort's end."""
    cohort = row.enrollment.cohort
    if row.course_open:
        end = cohort.end_date
        return homes.Todo("deadline", "Next deadline", f"finish by {end:%A, %B} {end.day}, {end.year}", order=40)
    return None


def participant_home(user):
    """Rows of the person's current courses (not cancelled), each with its to-dos."""
    enrollments = [e for e in enrollments_of(user) if e.status != Enrollment.Status.CANCELLED]
    rows = my_course_rows(enrollments)
    todos = homes.todos(user, rows)
    for row in rows:
        row.todos = list(todos.get(row.enrollment.pk, []))
        deadline = _deadline(row)
        if deadline is not None:
            row.todos.append(deadline)
            row.todos.sort(key=lambda t: t.order)
    invited = [
        (p.cohort, registration_url(p.cohort))
        for p in pending_invitations(user)
        if p.cohort.registration != Cohort.Registration.CLOSED and p.cohort.start_date >= timezone.localdate()
    ]
    return {"rows": rows, "my_courses_url": reverse("cohorts:my_courses"), "invited": invited}
