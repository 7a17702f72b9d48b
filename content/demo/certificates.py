"""A graduate for ``seed_demo``: every required submission complete, certificate issued."""

from django.db import transaction
from django.utils import timezone

from certificates.services import award_certificate_if_complete
from cohorts.coursework import services as coursework
from cohorts.coursework.models import DiscussionPost, Review, Submission
from cohorts.coursework.selectors import program_activities
from cohorts.registration.models import Cohort, Enrollment
from cohorts.registration.services import enroll_by_office
from cohorts.workshops.models import Attendance
from pd_platform.accounts.models import JobTitle, User

from .accounts import place_in_riverside, riverside

GRADUATE = {"email": "graduate@example.org", "password": "certified-in-mastery", "full_name": "Gabriela Moreno"}


@transaction.atomic
def seed():
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import Group

    from pd_platform.accounts import roles

    cohort = Cohort.objects.filter(name="Cohort 03", program__slug="learning-based-grading").first()
    if cohort is None:
        return []
    user = User.objects.filter(email=GRADUATE["email"]).first()
    if user is None:
        user = User.objects.create_user(
            email=GRADUATE["email"],
            password=GRADUATE["password"],
            full_name=GRADUATE["full_name"],
            school="Roosevelt High School",
            job_title=JobTitle.COACH,
        )
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
        user.groups.add(Group.objects.get(name=roles.PARTICIPANT))
    place_in_riverside(user)
    enrollment = enroll_by_office(
        user, cohort, payment_method=Enrollment.PaymentMethod.PURCHASE_ORDER, purchase_order_number="PO-2026-118"
    )
    complete_the_course(enrollment, cohort.facilitators.first())
    certificate = award_certificate_if_complete(enrollment.pk)
    password = GRADUATE["password"] if user.check_password(GRADUATE["password"]) else "(changed since seeding)"
    return [
        f"{'Graduate':<12} {GRADUATE['email']:<26} {password}",
        f"certificate  {certificate.code} ({certificate.full_name}): /certificates/verify/{certificate.code}/",
        *seed_workshops(user),
    ]


def _riverside_teacher(email, name):
    """A district teacher whose confirmed address at the district's domain places her in it."""
    from allauth.account.models import EmailAddress

    user, _ = User.objects.get_or_create(email=email, defaults={"full_name": name, "school": "Lincoln Middle School"})
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"primary": True, "verified": True})
    return user


def complete_the_course(enrollment, reviewer, before=None):
    """Every required activity done as a participant does it, rated complete by the facilitator.
    ``before(activity)``, if given, runs first for each activity; returning False stops there."""
    for activity in program_activities(enrollment.cohort.program_id):
        if before is not None and before(activity) is False:
            return
        submission = Submission.objects.filter(enrollment=enrollment, activity=activity).first()
        if submission and submission.status == Submission.Status.COMPLETE:
            continue
        if activity.is_discussion:
            post = coursework.post_to_discussion(enrollment, activity, "Here is where I am starting from.")
            others = DiscussionPost.objects.filter(cohort=enrollment.cohort, activity=activity, parent=None)
            parent = others.exclude(author=enrollment.user).first() or post
            for _ in range(activity.replies_to_complete or 0):
                coursework.post_to_discussion(enrollment, activity, "Thank you: I will try this too.", parent=parent)
        else:
            coursework.submit_revision(enrollment, activity, f"My work for {activity.title}.")
        submission = Submission.objects.get(enrollment=enrollment, activity=activity)
        if submission.status != Submission.Status.COMPLETE:
            coursework.review_submission(
                submission, reviewer, Review.Rating.COMPLETE, "Complete: clear and assessable."
            )


def seed_workshops(graduate):
    """A district workshop cohort with sessions and attendance, and a trainer-run site cohort."""
    from datetime import timedelta

    from certificates import trainers
    from certificates.models import SiteCohortRequest
    from cohorts.workshops.services import record_attendance, schedule_sessions
    from modules.models import WorkshopSeriesPage

    from .accounts import DEMO_ACCOUNTS

    series = WorkshopSeriesPage.objects.live().first()
    if series is None:
        return []
    riverside()
    emails = {a["role"]: a["email"] for a in DEMO_ACCOUNTS}
    facilitator = User.objects.get(email=emails["Facilitator"])
    admin = User.objects.get(email=emails["Admin"])
    today = timezone.localdate()
    cohort, created = Cohort.objects.get_or_create(
        program=series,
        name="Riverside Fall Series",
        defaults={
            "start_date": today - timedelta(weeks=5),
            "end_date": today + timedelta(weeks=12),
            "capacity": 30,
            "time_zone": "America/Los_Angeles",
        },
    )
    lines = [f"cohort       {series.title}, {cohort.name}: workshops with attendance"]
    if created:
        cohort.facilitators.add(facilitator)
        sessions = schedule_sessions(cohort, cohort.start_date, place="Riverside District Office, Room 4")
        people = [User.objects.get(email=emails["Participant"])] + [
            _riverside_teacher(f"teacher{i}@riverside.example.org", name)
            for i, name in enumerate(
                [
                    "Avery Stone",
                    "Blake Rivera",
                    "Cameron Ellis",
                    "Devon Patel",
                    "Emery Brooks",
                    "Finley Ortiz",
                    "Harper Kim",
                    "Jules Moreau",
                ]
            )
        ]
        enrollments = [enroll_by_office(u, cohort) for u in people]
        for session in [s for s in sessions if s.date < today]:
            for i, enrollment in enumerate(enrollments):
                status = (
                    Attendance.Status.ABSENT
                    if i == 3
                    else (Attendance.Status.PARTIAL if i == 5 else Attendance.Status.PRESENT)
                )
                record_attendance(session, enrollment, status, 60, facilitator)
    if not SiteCohortRequest.objects.filter(trainer=graduate).exists() and trainers.trainer_certificate(graduate):
        request = trainers.request_site_cohort(graduate, "Roosevelt High School", today + timedelta(days=21), 10)
        site = trainers.approve_site_cohort(request, admin)
        lines.append(
            f"cohort       {series.title}, {site.name}: run by {graduate.full_name} (train the trainer), "
            f"private: {trainers.invitation_url(site)}"
        )
    return lines
