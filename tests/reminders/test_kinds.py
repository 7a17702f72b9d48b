"""Each kind of reminder: due when its reason holds, gone the moment the reason clears."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from cohorts.coursework import services as coursework
from cohorts.coursework.models import Submission
from cohorts.registration.models import Enrollment
from cohorts.registration.selectors import cohort_deadlines
from cohorts.registration.services import cancel_enrollment, mark_purchase_order_paid
from cohorts.reminders.services import due_now, send_reminders
from cohorts.workshops.services import schedule_sessions
from modules.models import Activity
from pd_platform import reminders
from tests.coursework.test_coursework import complete_welcome
from tests.factories import CohortFactory, EnrollmentFactory

from .conftest import ZONE, activity, business_days_later, targets_needing_revision

pytestmark = pytest.mark.django_db


def due(kind, moment):
    found = due_now(moment, kinds=[reminders.kind(kind)])
    return found.ready + found.held


def test_course_access_opens_tomorrow(participant):
    cohort = CohortFactory(start_date=date.today() + timedelta(days=20))
    enrollment = EnrollmentFactory(cohort=cohort, user=participant)
    opens = cohort_deadlines(cohort).access_opens

    [item] = due("access_opens", opens - timedelta(hours=14))
    assert item.recipient == participant and "opens" in item.subject
    assert due("access_opens", opens - timedelta(days=3)) == []  # too early
    assert due("access_opens", opens + timedelta(hours=1)) == []  # open already: the access e-mail says so
    cancel_enrollment(enrollment)
    assert due("access_opens", opens - timedelta(hours=14)) == []


@pytest.mark.parametrize("program, first_step", [("course", "Welcome module"), ("series", "Introduction workshop")])
def test_the_access_e_mail_says_what_to_do_first_in_each_kind_of_program(
    participant, series_cohort, program, first_step
):
    from cohorts.reminders.services import reminder_email

    cohort = series_cohort if program == "series" else CohortFactory(start_date=date.today() + timedelta(days=20))
    EnrollmentFactory(cohort=cohort, user=participant)
    opens = cohort_deadlines(cohort).access_opens
    [item] = due("access_opens", opens - timedelta(hours=14))
    assert first_step in reminder_email(item).body


def test_purchase_order_still_unpaid_near_its_deadline(participant):
    cohort = CohortFactory(start_date=date.today() + timedelta(days=40))
    enrollment = EnrollmentFactory(
        cohort=cohort, user=participant, payment_method="purchase_order", purchase_order_number="PO-77", paid_at=None
    )
    closes = cohort_deadlines(cohort).purchase_order_closes

    assert due("purchase_order", closes - timedelta(days=21)) == []  # weeks away
    [item] = due("purchase_order", closes - timedelta(days=1))
    assert item.subject == f"Payment still open for {cohort.program.title}, {cohort.name}"
    mark_purchase_order_paid(enrollment)
    assert due("purchase_order", closes - timedelta(days=1)) == []


def test_pacing_after_business_days_without_a_step(enrollment):
    Enrollment.objects.filter(pk=enrollment.pk).update(created_at=timezone.now() - timedelta(days=14))
    now = timezone.now()

    [item] = due("pacing", now)
    assert item.recipient == enrollment.user
    coursework.post_to_discussion(enrollment, activity("lbg-m00-introductions"), "Hi, I coach math teachers.")
    assert due("pacing", timezone.now()) == []  # a step today: the reminder is gone
    assert len(due("pacing", business_days_later(5))) == 1  # and comes back after five idle business days


def test_pacing_reads_the_programs_rules(enrollment):
    from cohorts.reminders.models import ReminderRules

    ReminderRules.objects.create(program=enrollment.cohort.program, pacing_idle_days=10)
    assert due("pacing", business_days_later(6)) == []
    assert len(due("pacing", business_days_later(10))) == 1


def test_revision_waiting_names_the_activity(enrollment, course_facilitator):
    targets_needing_revision(enrollment, course_facilitator)

    [item] = due("revision", business_days_later(3))
    assert item.subject == "Your revision of Learning Targets is waiting"


def test_close_to_the_certificate_once_per_distance(enrollment):
    required = list(
        Activity.objects.filter(page__path__startswith=enrollment.cohort.program.path, required=True).order_by("pk")
    )
    # All but three required activities complete: needed is ceil(0.85 * required).
    for item in required[3:]:
        Submission.objects.create(enrollment=enrollment, activity=item, status="complete")
    needed = -(-len(required) * 85 // 100)
    short = needed - (len(required) - 3)
    assert 1 <= short <= 2, "the course's size changed: pick another number of missing activities"

    [item] = due("certificate", timezone.now())
    assert item.period == f"short-{short}"
    Submission.objects.create(enrollment=enrollment, activity=required[0], status="complete")
    Submission.objects.create(enrollment=enrollment, activity=required[1], status="complete")
    assert due("certificate", timezone.now()) == []  # earned: nothing to remind


def test_close_to_the_certificate_counts_the_follow_ups_that_count(enrollment, course_facilitator):
    from cohorts.coursework.follow_ups import do_assign_follow_up
    from cohorts.coursework.progress import compute_progress

    required = list(
        Activity.objects.filter(page__path__startswith=enrollment.cohort.program.path, required=True).order_by("pk")
    )
    for item in required[2:]:
        Submission.objects.create(enrollment=enrollment, activity=item, status="complete")
    for title, counts in [("Counted", True), ("Also counted", True), ("Not counted", False)]:
        do_assign_follow_up(
            course_facilitator, enrollment.cohort, [enrollment.pk], title, "Bring it.", counts_toward_completion=counts
        )
    statuses = ["complete"] * (len(required) - 2) + ["missing"] * 4  # two activities, two counted follow-ups
    expected = compute_progress(statuses, "0.85").still_needed
    without = compute_progress(statuses[:-2], "0.85").still_needed
    assert expected != without and 1 <= expected <= 2, "the course's size changed: pick other numbers"
    [item] = due("certificate", timezone.now())
    assert item.period == f"short-{expected}"


def test_facilitator_digest_lists_work_waiting_oldest_first(enrollment, course_facilitator, cohort):
    complete_welcome(enrollment)
    first = coursework.submit_revision(enrollment, activity("lbg-m02-learning-targets"), "- I can compare ratios.")
    other = EnrollmentFactory(cohort=cohort)
    complete_welcome(other)
    later = coursework.submit_revision(other, activity("lbg-m02-learning-targets"), "- I can graph a line.")
    # Both on the cohort's today, an hour apart, whatever the hour the test runs at (an hour after
    # now was tomorrow in the last hour of the day, one business day short of "waiting").
    today = datetime.now(ZONE).date()
    Submission.objects.filter(pk=later.submission_id).update(
        submitted_at=datetime.combine(today, time(9, 0), tzinfo=ZONE)
    )
    Submission.objects.filter(pk=first.submission_id).update(
        submitted_at=datetime.combine(today, time(8, 0), tzinfo=ZONE)
    )

    assert due("digest", business_days_later(1)) == []  # one business day is not "waiting"
    [item] = due("digest", business_days_later(2))
    waiting = Submission.objects.filter(status="submitted").count()  # the targets, and the helpers' lone posts
    assert item.recipient == course_facilitator and item.subject == f"{waiting} submissions waiting for your feedback"
    targets = [s.enrollment for s, _ in item.context["items"] if s.activity.key == "lbg-m02-learning-targets"]
    assert targets == [enrollment, other]  # the oldest first
    for submission in Submission.objects.filter(status="submitted"):
        coursework.review_submission(submission, course_facilitator, "complete", "Clear and assessable.")
    assert due("digest", business_days_later(2)) == []  # nothing in it: no digest


def test_session_tomorrow_with_its_calendar_entry(series_cohort, participant):
    EnrollmentFactory(cohort=series_cohort, user=participant)
    [first, *_] = schedule_sessions(series_cohort, series_cohort.start_date, place="Room 4")
    eve = datetime.combine(first.date - timedelta(days=1), time(10, 0), tzinfo=ZONE)
    mail.outbox.clear()

    send_reminders(eve)

    [message] = [m for m in mail.outbox if m.subject.startswith("[Grading for Learning] Tomorrow:")]
    [(filename, content, mimetype)] = message.attachments
    assert filename == "session.ics" and mimetype == "text/calendar" and "BEGIN:VEVENT" in content
    assert due("session", eve - timedelta(days=1)) == []
