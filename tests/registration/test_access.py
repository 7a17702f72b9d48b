"""Module pages show activities to enrolled participants from the access date."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command

from cohorts.coursework.models import MaterialMark, Submission
from cohorts.coursework.rules import module_open_for_submissions
from cohorts.registration import tasks
from modules.models import Activity, ModulePage, WorkshopPage
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


def module_html(client, slug="module-02"):
    return client.get(ModulePage.objects.get(slug=slug).url).content.decode()


def test_enrolled_participant_sees_activities_once_access_has_opened(client, participant):
    EnrollmentFactory(user=participant, cohort=CohortFactory(start_date=date.today()))
    client.force_login(participant)
    html = module_html(client)
    assert "Participant activities" in html and "lbg-m02-learning-targets" in html


def test_before_access_opens_the_page_says_when(client, participant):
    EnrollmentFactory(user=participant, cohort=CohortFactory(name="Cohort 09", start_date=date(2030, 3, 4)))
    client.force_login(participant)
    html = module_html(client)
    assert "Participant activities" not in html
    assert (
        "Course access for Cohort 09 opens Thursday, February 28, 2030, 12:00 AM PST (midnight at the end of Wednesday)."
        in html
    )


def test_waitlisted_and_unpaid_participants_are_told_why(client, participant):
    cohort = CohortFactory(start_date=date.today())
    enrollment = EnrollmentFactory(user=participant, cohort=cohort, status="waitlisted", paid_at=None)
    client.force_login(participant)
    assert f"You are on the waitlist for {cohort.name}" in module_html(client)
    enrollment.status = "registered"
    enrollment.save()
    html = module_html(client)
    assert "Complete your payment to open the course." in html and "Participant activities" not in html


def test_purchase_order_participants_get_in_before_the_invoice_is_paid(client, participant):
    EnrollmentFactory(
        user=participant,
        cohort=CohortFactory(start_date=date.today()),
        payment_method="purchase_order",
        purchase_order_number="PO-1",
        paid_at=None,
    )
    client.force_login(participant)
    assert "Participant activities" in module_html(client)


def test_a_cohort_of_another_program_gives_no_access(client, participant):
    from modules.models import WorkshopSeriesPage

    series = WorkshopSeriesPage.objects.get()
    EnrollmentFactory(user=participant, cohort=CohortFactory(program=series, start_date=date.today()))
    client.force_login(participant)
    assert "Participant activities" not in module_html(client)
    workshop = WorkshopPage.objects.get(slug="workshop-1")
    assert "Participant activities" in client.get(workshop.url).content.decode()


def test_facilitators_of_the_program_and_admins_always_see_activities(client):
    person = factories.facilitator()
    CohortFactory(facilitators=[person], start_date=date(2030, 3, 4))
    client.force_login(person)
    assert "Participant activities" in module_html(client)
    client.force_login(factories.facilitator())  # facilitates nothing
    assert "Participant activities" not in module_html(client)
    client.force_login(factories.program_admin())
    assert "Participant activities" in module_html(client)


def test_course_page_invites_registration_for_the_next_cohort(client):
    CohortFactory(name="Cohort 11", start_date=date(2030, 3, 4))
    html = client.get("/learning-based-grading/").content.decode()
    assert "Next cohort: Cohort 11, starting Monday, March 4, 2030." in html
    assert 'href="/cohorts/register/' in html


def test_access_emails_go_out_when_access_opens_once_each(mailoutbox, django_capture_on_commit_callbacks):
    opened = CohortFactory(start_date=date.today() + timedelta(days=1))
    later = CohortFactory(start_date=date.today() + timedelta(days=20))
    welcome = EnrollmentFactory(cohort=opened)
    EnrollmentFactory(cohort=opened, status="waitlisted", paid_at=None)
    EnrollmentFactory(cohort=opened, paid_at=None)  # online, unpaid: not yet
    EnrollmentFactory(cohort=later)

    assert tasks.release_course_access() == 1
    assert tasks.release_course_access() == 0
    assert [m.to for m in mailoutbox] == [[welcome.user.email]]
    assert "is open to you" in mailoutbox[0].subject
    assert "Start with the Welcome module" in mailoutbox[0].body


def test_welcome_module_comes_first():
    assert module_open_for_submissions(0, welcome_complete=False)
    assert not module_open_for_submissions(1, welcome_complete=False)
    assert not module_open_for_submissions(6, welcome_complete=False)
    assert module_open_for_submissions(3, welcome_complete=True)


def test_no_welcome_for_anyone_already_at_work_or_finished(mailoutbox):
    """A payment welcomes whoever has just got in; nobody who has submitted work or marked a
    material is told "your course is open: start with the Welcome module"."""
    cohort = CohortFactory(start_date=date.today() - timedelta(days=20))
    new = EnrollmentFactory(cohort=cohort)
    working, reading, untouched = (EnrollmentFactory(cohort=cohort) for _ in range(3))
    activity = Activity.objects.filter(page__path__startswith=cohort.program.path).first()
    Submission.objects.create(enrollment=working, activity=activity, status="complete")
    MaterialMark.objects.create(enrollment=reading, page=activity.page, block_id="reading-1")
    Submission.objects.create(enrollment=untouched, activity=activity, status="missing")

    assert tasks.release_course_access() == 2
    assert sorted(m.to[0] for m in mailoutbox) == sorted([new.user.email, untouched.user.email])


def test_a_payment_in_the_demo_welcomes_no_one_else(client, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tasks.release_course_access()
    told = {m.to[0] for m in mailoutbox if "is open to you" in m.subject}
    for email in ("participant@example.org", "graduate@example.org"):
        assert email not in told, f"{email} has started, so the welcome is not true for them"
