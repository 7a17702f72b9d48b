"""What certificates add to a participant's home: the certificate, once awarded, and what a graduate
does next (nothing from the course: their transcript, the community, office hours and, certified in the
train-the-trainer course, running the workshop series at their site)."""

from django.urls import reverse

from modules.models import CoursePage
from modules.outline import per_request
from pd_platform import homes, navigation
from pd_platform.accounts import roles
from pd_platform.homes import Todo

from .models import Certificate


def valid_certificates(enrollments):
    """The certificates not revoked of these enrollments (replaced ones too), newest first, each with
    its enrollment as given: one query, once per request (the home's certificates and its evaluation
    to-dos read the same rows)."""
    by_id = {e.pk: e for e in enrollments}
    if not by_id:
        return []

    def read():
        found = list(
            Certificate.objects.filter(enrollment_id__in=by_id, revoked_at__isnull=True)
            .defer("credential")
            .order_by("-issued_at", "-pk")
        )
        for certificate in found:
            certificate.enrollment = by_id[certificate.enrollment_id]
        return found

    return per_request(("certificates:valid", tuple(by_id)), read)


def _certificates(rows):
    """enrollment id -> its valid certificate (one query)."""
    current = [c for c in valid_certificates(row.enrollment for row in rows) if c.replaced_at is None]
    return {c.enrollment_id: c for c in reversed(current)}  # the newest last, as issued


def graduate_todos(certificate):
    """What a graduate of this program does next, first the one said on My courses."""
    program = certificate.enrollment.cohort.program
    todos = [
        Todo(
            "graduate",
            "Next",
            "your certified hours in one record, to share with your district",
            reverse("certificates:transcript"),
            "Your transcript",
            order=6,
        ),
        Todo(
            "graduate",
            "Community",
            "ask and share with teachers who took this program",
            reverse("community:index"),
            "The community of practice",
            order=7,
        ),
        Todo(
            "graduate",
            "Office hours",
            "bring a question from your own grading to a facilitator",
            reverse("workshops:office_hours"),
            "Take a seat at office hours",
            order=7,
        ),
    ]
    if issubclass(program.specific_class or CoursePage, CoursePage):  # the train-the-trainer course
        todos.append(
            Todo(
                "graduate",
                "Train the trainer",
                "lead the workshop series with the teachers at your site",
                reverse("certificates:request_site_cohort"),
                "Run a site cohort",
                order=7,
            )
        )
    return todos


def awarded_certificates(user, rows):
    """The valid certificate of each enrollment that has one, and what its graduate does next (one query)."""
    result = {}
    for enrollment_id, certificate in _certificates(rows).items():
        issued = certificate.issued_at
        ready = certificate.is_ready
        result[enrollment_id] = [
            Todo(
                "certificate",
                "Certificate",
                f"awarded {issued:%B} {issued.day}, {issued.year}" + ("" if ready else " (being prepared)"),
                reverse("certificates:download", args=[certificate.code]) if ready else reverse("certificates:mine"),
                "Download your certificate" if ready else "Your certificates",
                order=5,
            ),
            *graduate_todos(certificate),
        ]
    return result


def graduate_next_steps(user, rows):
    """For My courses: a certified enrollment's next step is a graduate's (one query)."""
    return {pk: graduate_todos(certificate)[0] for pk, certificate in _certificates(rows).items()}


# Registered here, where they are defined; pd_platform.registries imports this module once.
navigation.register("Cohort progress", "certificates:cohort_progress", {roles.FACILITATOR, roles.ADMIN}, order=35)
navigation.register("Certificates", "certificates:mine", {navigation.SIGNED_IN}, order=40)
homes.register("certificates", "certificates/home/certificates.html", {roles.PARTICIPANT}, order=20)
homes.register("cohort-progress", "certificates/home/cohort_progress.html", {roles.FACILITATOR}, order=50)
homes.register("reports", "certificates/home/reports.html", {roles.ADMIN}, order=80)
homes.register_todos(awarded_certificates, order=30)
# A graduate's next steps come before the course's (coursework's, order 20).
homes.register_next_steps(graduate_next_steps, order=10)
