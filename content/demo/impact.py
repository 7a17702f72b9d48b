"""A filled-in impact report for ``seed_demo``: Riverside teachers in an earlier cohort (Cohort 02)
who revised their learning targets and grading plans until complete, answered the evaluation and
their 30-day check-in, took a follow-up assignment; approvals from their district; and the
district's own student outcome figures."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from certificates.services import award_certificate_if_complete
from cohorts.coursework import services as coursework
from cohorts.coursework.follow_ups import do_assign_follow_up, do_submit_follow_up
from cohorts.coursework.models import DiscussionPost, Review, Submission
from cohorts.evaluations.services import submit_response, survey_of
from cohorts.impact.models import StudentOutcome
from cohorts.impact.services import record_outcomes
from cohorts.registration.models import Approval, Cohort
from cohorts.registration.services import enroll_by_office
from modules.models import Activity, CoursePage
from pd_platform.accounts.models import User

from .accounts import DEMO_ACCOUNTS, riverside, riverside_teacher
from .certificates import complete_the_course

TEACHERS = [
    ("ines.alvarez@example.org", "Ines Alvarez"),
    ("marcus.bell@example.org", "Marcus Bell"),
    ("grace.cho@example.org", "Grace Cho"),
    ("devon.diaz@example.org", "Devon Diaz"),
    ("amara.eze@example.org", "Amara Eze"),
    ("felix.ford@example.org", "Felix Ford"),
    ("hana.goto@example.org", "Hana Goto"),
    ("omar.haddad@example.org", "Omar Haddad"),
]
OUTCOMES_FILE = "riverside-student-outcomes-2025-26.csv"
OUTCOMES = (
    "period,measure,value,group_size,notes\n"
    "2024-25,Grade 8 students meeting the math standard (%),48.0,212,State test; before the course\n"
    "2025-26,Grade 8 students meeting the math standard (%),55.5,220,State test; teachers of Cohort 02\n"
    "2025-26,Reassessments taken after feedback (per student),1.8,640,District gradebook summary\n"
)
RATINGS = ["5", "4", "4", "5", "3", "4", "5", "4"]


@transaction.atomic
def seed():
    course = CoursePage.objects.filter(slug="learning-based-grading").first()
    if course is None:
        return []
    district = riverside()
    line = f"impact       {course.title}, Cohort 02 and {district.name}: /impact/"
    if StudentOutcome.objects.filter(district=district, source=OUTCOMES_FILE).exists():
        return [line]
    facilitator = User.objects.get(email=DEMO_ACCOUNTS[1]["email"])
    office = User.objects.get(email=DEMO_ACCOUNTS[2]["email"])
    start = timezone.localdate() - timedelta(days=120)
    cohort, created = Cohort.objects.get_or_create(
        program=course,
        name="Cohort 02",
        defaults={"start_date": start, "end_date": start + timedelta(weeks=8), "capacity": 25, "fee": Decimal("450")},
    )
    if created:
        cohort.facilitators.add(facilitator)
    enrollments = [_enroll(cohort, email, name, i, office) for i, (email, name) in enumerate(TEACHERS)]
    targets = Activity.objects.get(key="lbg-m02-learning-targets")
    plan = Activity.objects.get(key="lbg-m06-planning-your-implementation")
    for i, enrollment in enumerate(enrollments):
        # Some needed one more version of their learning targets, a few one more of their plan; the
        # last is still revising her learning targets.
        revisions = {targets: i % 2 if i < 7 else 1, plan: 1 if i % 3 == 0 else 0}

        def revise_first(activity, enrollment=enrollment, revisions=revisions, last=i == 7):
            _revise(enrollment, activity, facilitator, times=revisions.get(activity, 0))
            return not (last and activity == targets)

        complete_the_course(enrollment, facilitator, before=revise_first)
        if i < 7:
            # Certified when the cohort ended, nine weeks ago: the 30- and 60-day check-ins have come.
            award_certificate_if_complete(enrollment.pk, now=timezone.now() - timedelta(days=63))
            evaluation = survey_of(course.pk, "evaluation")
            submit_response(enrollment, evaluation, "end", _answers(evaluation, i))
    checkin = survey_of(course.pk, "checkin")
    for i, enrollment in enumerate(enrollments[:6]):
        submit_response(enrollment, checkin, "day-30", _answers(checkin, i))
        if i < 4:
            submit_response(enrollment, checkin, "day-60", _answers(checkin, i + 1))
    follow_up = do_assign_follow_up(
        facilitator,
        cohort,
        [e.pk for e in enrollments[:6]],
        "Bring one reassessed student task",
        "Share one task a student reassessed after feedback, and what changed.",
    )
    for submission in Submission.objects.filter(follow_up=follow_up).order_by("pk")[:5]:
        do_submit_follow_up(submission, "Here is the task and the second attempt.")
        coursework.review_submission(
            Submission.objects.get(pk=submission.pk), facilitator, Review.Rating.COMPLETE, "Complete: thank you."
        )
    # The cohort's discussions took place while it ran, not today: nobody is told of a reply months old.
    DiscussionPost.objects.filter(cohort=cohort).update(created_at=start + timedelta(days=10))
    record_outcomes(district, OUTCOMES_FILE, OUTCOMES.encode(), office)
    return [line]


def _enroll(cohort, email, name, i, office):
    user = riverside_teacher(email, name)
    by_district = i % 4 != 3
    enrollment = enroll_by_office(
        user,
        cohort,
        payment_method="purchase_order" if by_district else "online",
        purchase_order_number=f"RUSD-25-{300 + i}" if by_district else "",
    )
    if not Approval.objects.filter(enrollment=enrollment).exists():
        asked = timezone.now() - timedelta(days=130)
        Approval.objects.create(
            enrollment=enrollment,
            approver_email="pd.coordinator@riverside.example.org",
            approver_name="Riverside PD coordinator",
            requested_at=asked,
            due_at=asked + timedelta(days=5),
            decision=Approval.Decision.APPROVED,
            decided_at=asked + timedelta(days=1),
        )
    return enrollment


def _revise(enrollment, activity, facilitator, times):
    for _ in range(times):
        coursework.submit_revision(enrollment, activity, f"My draft of {activity.title}.")
        submission = Submission.objects.get(enrollment=enrollment, activity=activity)
        coursework.review_submission(
            submission, facilitator, Review.Rating.NEEDS_REVISION, "Close: make each target assessable."
        )


def _answers(survey, person):
    """Mostly agreeing, not all alike: each person and question draws from the ratings in turn."""
    return {
        question.key: RATINGS[(person + n) % len(RATINGS)]
        if question.kind == "likert"
        else "I moved my gradebook to learning targets."
        for n, question in enumerate(survey.questions.all())
    }
