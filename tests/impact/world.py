"""A varied world for the impact report: two districts, two cohorts of one program and one of
another, people who answered or not, evidence complete after one to five versions, approvals,
purchase orders, certificates, check-ins, follow-ups, site cohorts and supplied outcomes. A seed
varies the amounts."""

import random
from datetime import date, timedelta

from django.utils import timezone

from certificates.models import Certificate, SiteCohortRequest
from cohorts.coursework.models import FollowUp, Revision, Submission
from cohorts.evaluations.models import Answer, Response, Survey
from cohorts.impact.models import StudentOutcome
from cohorts.registration.models import Approval
from modules.models import Activity, WorkshopSeriesPage
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory


def build(seed=1, people=(14, 8, 6), leader=None, office=None, first_number=21):
    rng = random.Random(seed)
    now = timezone.now()
    leader = leader or factories.facilitator(full_name="Fran Okafor")
    office = office or factories.program_admin(full_name="Olive Office")
    riverside = factories.district("Riverside Unified")
    hillcrest = factories.district("Hillcrest Elementary")
    series = WorkshopSeriesPage.objects.first()
    cohorts = [
        CohortFactory(
            name=f"Cohort {first_number}", start_date=date.today() - timedelta(days=150), facilitators=[leader]
        ),
        CohortFactory(name=f"Cohort {first_number + 1}", start_date=date.today() - timedelta(days=120)),
        CohortFactory(program=series, name=f"Series {first_number}", start_date=date.today() - timedelta(days=100)),
    ]
    assignments = {
        cohort.pk: list(
            Activity.objects.filter(page__path__startswith=cohort.program.path, kind="assignment", required=True)
        )
        for cohort in cohorts
    }
    moved = None
    for cohort, count in zip(cohorts, people, strict=True):
        evaluation = Survey.objects.get(program=cohort.program, kind="evaluation")
        likert = [q for q in evaluation.questions.all() if q.kind == "likert"]
        checkin = Survey.objects.get(program=cohort.program, kind="checkin")
        follow_up = FollowUp.objects.create(
            cohort=cohort,
            title="Try it with one class",
            prompt_source="Try it.",
            prompt="<p>Try it.</p>",
            created_by=leader,
        )
        for _ in range(count):
            district = rng.choice([riverside, hillcrest, None])
            person = factories.participant(district=district) if district else factories.participant()
            if moved is None and district is riverside:
                moved = person  # also takes the third program's cohort, after moving to Hillcrest
            status = rng.choice(["registered"] * 6 + ["cancelled", "awaiting"])
            method = rng.choice(["online", "purchase_order"])
            enrollment = EnrollmentFactory(
                cohort=cohort,
                user=person,
                status=status,
                payment_method=method,
                purchase_order_number="PO-1" if method == "purchase_order" else "",
                paid_at=now if rng.random() < 0.6 else None,
            )
            _approval(rng, enrollment, now)
            _evidence(rng, enrollment, assignments[cohort.pk], follow_up, leader)
            if rng.random() < 0.7:
                response = Response.objects.create(survey=evaluation, enrollment=enrollment, occasion="end")
                for question in likert:
                    if rng.random() < 0.9:
                        Answer.objects.create(response=response, question=question, rating=rng.randint(1, 5))
            if rng.random() < 0.6:
                certificate = _certificate(enrollment, now - timedelta(days=rng.choice([40, 75, 100])))
                for day in checkin.days:
                    if rng.random() < 0.5:
                        Response.objects.create(survey=checkin, enrollment=enrollment, occasion=f"day-{day}")
                if rng.random() < 0.4:
                    SiteCohortRequest.objects.create(
                        trainer=person,
                        certificate=certificate,
                        site=rng.choice(["Lincoln Middle", "Adams High", "lincoln middle "]),
                        first_date=date.today(),
                        expected_size=10,
                        status=rng.choice(["approved", "approved", "pending"]),
                    )
    if moved is not None:
        factories.place_in_district(moved, hillcrest)
        EnrollmentFactory(cohort=cohorts[2], user=moved)
    for district, figures in ((riverside, [("Grade 8 math proficiency (%)", "2025-26", 61.5, 240)]), (hillcrest, [])):
        for measure, period, value, size in figures:
            StudentOutcome.objects.create(
                district=district,
                measure=measure,
                period=period,
                value=value,
                group_size=size,
                source="riverside-outcomes.csv",
                uploaded_by=office,
                uploaded_at=now,
            )
    StudentOutcome.objects.create(
        district=hillcrest,
        measure="Students reassessed after feedback (%)",
        period="Spring 2026",
        value=40,
        group_size=3,
        source="hillcrest.xlsx",
        uploaded_by=office,
        uploaded_at=now,
    )
    return {"cohorts": cohorts, "districts": [riverside, hillcrest], "leader": leader, "office": office}


def _approval(rng, enrollment, now):
    if rng.random() < 0.5:
        return
    decision = rng.choice(["pending", "approved", "approved", "declined", "lapsed"])
    Approval.objects.create(
        enrollment=enrollment,
        approver_email="boss@example.org",
        requested_at=now,
        due_at=now + timedelta(days=5),
        decision=decision,
        reason="No budget" if decision == "declined" else "",
        decided_at=None if decision == "pending" else now,
    )


def _evidence(rng, enrollment, activities, follow_up, leader):
    for activity in activities:
        if rng.random() < 0.2:
            continue
        status = rng.choice(["missing", "submitted", "needs_revision", "complete", "complete", "complete"])
        submission = Submission.objects.create(enrollment=enrollment, activity=activity, status=status)
        for number in range(1, (0 if status == "missing" else rng.randint(1, 5)) + 1):
            Revision.objects.create(submission=submission, number=number, source="x", body="<p>x</p>")
    if rng.random() < 0.5:
        Submission.objects.create(
            enrollment=enrollment, follow_up=follow_up, status=rng.choice(["missing", "submitted", "complete"])
        )


def _certificate(enrollment, now):
    return Certificate.objects.create(
        enrollment=enrollment,
        full_name=enrollment.user.full_name,
        course_title=enrollment.cohort.program.title,
        cohort_name=enrollment.cohort.name,
        hours=30,
        issued_at=now,
        signatory_name="Program Director",
        signatory_title="Chief Academic Officer",
        revoked_at=now if enrollment.pk % 7 == 0 else None,
        revoke_reason="Issued in error" if enrollment.pk % 7 == 0 else "",
    )
