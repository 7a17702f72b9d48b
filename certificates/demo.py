"""A graduate for ``seed_demo``: every required submission complete, certificate issued."""

from django.db import transaction
from django.utils import timezone

from cohorts.models import Cohort, Enrollment, Review, Revision, Submission
from cohorts.selectors import program_activities
from pd_platform.accounts.models import JobTitle, User

from .services import award_certificate_if_complete

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
            email=GRADUATE["email"], password=GRADUATE["password"], full_name=GRADUATE["full_name"],
            district="Riverside Unified", school="Roosevelt High School", job_title=JobTitle.COACH,
        )
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
        user.groups.add(Group.objects.get(name=roles.PARTICIPANT))
    enrollment, created = Enrollment.objects.get_or_create(
        cohort=cohort, user=user, status=Enrollment.Status.REGISTERED,
        defaults={"payment_method": Enrollment.PaymentMethod.PURCHASE_ORDER, "purchase_order_number": "PO-2026-118",
                  "paid_at": timezone.now()},
    )
    reviewer = cohort.facilitators.first()
    for activity in program_activities(cohort.program_id):
        submission, made = Submission.objects.get_or_create(
            enrollment=enrollment, activity=activity, defaults={"status": "complete", "submitted_at": timezone.now()}
        )
        if made:
            revision = Revision.objects.create(submission=submission, number=1, source="Completed work.",
                                               body="<p>Completed work.</p>")
            Review.objects.create(revision=revision, reviewer=reviewer, rating="complete",
                                  feedback="<p>Complete: clear and assessable.</p>")
    certificate = award_certificate_if_complete(enrollment.pk)
    password = GRADUATE["password"] if user.check_password(GRADUATE["password"]) else "(changed since seeding)"
    return [
        f"{'Graduate':<12} {GRADUATE['email']:<26} {password}",
        f"certificate  {certificate.code} ({certificate.full_name}): /certificates/verify/{certificate.code}/",
    ]
