"""Many people registering at once for few seats, on PostgreSQL: exactly capacity registered."""

from cohorts.registration import services
from cohorts.registration.models import Enrollment
from tests.concurrency import ON_POSTGRESQL, run_at_once
from tests.factories import CohortFactory, district, participant

pytestmark = ON_POSTGRESQL


def test_simultaneous_registrations_never_exceed_capacity():
    cohort = CohortFactory(capacity=3)
    people = [participant() for _ in range(12)]

    errors = run_at_once(12, lambda i: services.register_for_cohort(people[i], cohort.pk, "online"))

    assert errors == []
    statuses = list(Enrollment.objects.filter(cohort=cohort).values_list("status", flat=True))
    assert statuses.count("registered") == 3
    assert statuses.count("waitlisted") == 9
    assert len(set(Enrollment.objects.filter(cohort=cohort).values_list("user", flat=True))) == 12


def test_the_same_person_twice_at_once_gets_one_place():
    cohort = CohortFactory(capacity=5)
    person = participant()

    errors = run_at_once(6, lambda i: services.register_for_cohort(person, cohort.pk, "online"))

    assert Enrollment.objects.filter(cohort=cohort, user=person).count() == 1
    assert len(errors) == 5 and all(isinstance(e, services.RegistrationError) for e in errors)


def test_a_double_clicked_post_is_saved_once():
    """Two requests with the same form at the same moment: the database keeps one post."""
    from datetime import date

    from cohorts.coursework import services as coursework
    from cohorts.coursework.models import DiscussionPost, Submission
    from modules.models import Activity
    from tests.factories import EnrollmentFactory

    enrollment = EnrollmentFactory(cohort=CohortFactory(start_date=date.today()))
    Submission.objects.create(
        enrollment=enrollment, activity=Activity.objects.get(key="lbg-m00-introductions"), status="complete"
    )
    discussion = Activity.objects.get(key="lbg-m01-golden-lines")
    token = "0123456789abcdef0123456789abcdef"

    posts = []
    errors = run_at_once(
        4,
        lambda i: posts.append(
            coursework.post_to_discussion(enrollment, discussion, "My golden line.", form_token=token)
        ),
    )

    assert errors == []
    assert DiscussionPost.objects.filter(author=enrollment.user).count() == 1
    assert len({post.pk for post in posts}) == 1
    assert Submission.objects.get(enrollment=enrollment, activity=discussion).revisions.count() == 1


def test_an_approval_and_a_decline_and_the_lapse_at_once_leave_one_answer():
    """The approver clicks twice (approve, then decline in another tab) while the lapse runs at its due
    time: one answer wins, the place and its seat agree with it, and the teacher is told once."""
    from datetime import timedelta

    from cohorts.registration.approvals import requests as approvals
    from cohorts.registration.approvals import services as approval_services
    from cohorts.registration.models import Approval, ApprovalRule
    from pd_platform.models import SentEmail

    ApprovalRule.objects.create(district=district("Riverside Unified", domains=["riverside.k12.ca.us"]))
    cohort = CohortFactory(capacity=1)
    enrollment = services.register_for_cohort(
        participant(district="Riverside Unified"), cohort.pk, "online", supervisor_email="principal@riverside.k12.ca.us"
    )
    waiting = services.register_for_cohort(
        participant(district="Riverside Unified"), cohort.pk, "online", supervisor_email="principal@riverside.k12.ca.us"
    )
    due = enrollment.approval.due_at
    Approval.objects.filter(pk=waiting.approval.pk).update(due_at=due + timedelta(days=1))  # asked a day later
    moments = [due - timedelta(seconds=1), due - timedelta(seconds=1), due]
    actions = [
        lambda: approval_services.decide(enrollment.approval.pk, True, now=moments[0]),
        lambda: approval_services.decide(enrollment.approval.pk, False, "Budget", now=moments[1]),
        lambda: approval_services.lapse_overdue(now=moments[2]),
    ]

    errors = run_at_once(3, lambda i: actions[i]())

    approval = Approval.objects.get(pk=enrollment.approval.pk)
    enrollment.refresh_from_db()
    waiting.refresh_from_db()
    assert all(isinstance(e, approvals.ApprovalError) for e in errors)
    assert approval.decision in ("approved", "declined", "lapsed")
    expected = {"approved": "registered", "declined": "cancelled", "lapsed": "cancelled"}[approval.decision]
    assert enrollment.status == expected
    holding = Enrollment.objects.filter(cohort=cohort, status__in=["registered", "awaiting"]).count()
    assert holding == 1  # the seat is held by exactly one place
    assert waiting.status == ("waitlisted" if approval.decision == "approved" else "awaiting")
    assert (
        SentEmail.objects.filter(kind="registration.approval_outcome", object_key=f"enrollment:{enrollment.pk}").count()
        <= 1
    )
