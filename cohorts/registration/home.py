"""The participant's home: one to-do per course, composed from what each app knows
(``pd_platform.homes.todos``); registration adds where the registration stands (the course's end
is said by coursework, which knows whether the requirement is met already)."""

from django.urls import reverse
from django.utils import timezone

from pd_platform import homes, navigation
from pd_platform.accounts import roles

from .invitations import invitations_shown, landing, registration_url
from .models import Cohort, Enrollment
from .selectors import enrollments_of, my_course_rows


def participant_home(user):
    """Rows of the person's current courses (not cancelled), each with its to-dos."""
    enrollments = [e for e in enrollments_of(user) if e.status != Enrollment.Status.CANCELLED]
    rows = my_course_rows(enrollments, with_listings=False)  # the home shows no seats or deadlines of open courses
    todos = homes.todos(user, rows)
    for row in rows:
        row.todos = list(todos.get(row.enrollment.pk, []))
    invited = [
        (p.cohort, registration_url(p.cohort))
        for p in invitations_shown(user)
        if p.cohort.registration != Cohort.Registration.CLOSED and p.cohort.start_date >= timezone.localdate()
    ]
    return {"rows": rows, "my_courses_url": reverse("cohorts:my_courses"), "invited": invited}


# Registered here, where they are defined; pd_platform.registries imports this module once.
navigation.register("My courses", "cohorts:my_courses", {navigation.SIGNED_IN}, order=25)
homes.register("learning", "cohorts/home/learning.html", {roles.PARTICIPANT}, order=10, context=participant_home)
homes.register_landing("invitation", landing, order=10)
