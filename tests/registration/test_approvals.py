"""A district that approves PD first: the registration holds its seat, the supervisor answers once through a
signed link without an account, everyone is told, and an unanswered request lapses and frees the seat. The
supervisor is at the district's domains (or is its coordinator), never the teacher's own mailbox, and the teacher
never answers her own request."""

import logging
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from cohorts.registration import services
from cohorts.registration.approvals import requests as approvals
from cohorts.registration.approvals import services as approval_services
from cohorts.registration.deadlines import approval_due
from cohorts.registration.models import Approval, ApprovalRule, Enrollment
from tests import factories
from tests.factories import CohortFactory

pytestmark = pytest.mark.django_db
ZONE = ZoneInfo("America/Los_Angeles")
SUPERVISOR = "principal@riverside.k12.ca.us"


@pytest.fixture
def riverside(db):
    return factories.district("Riverside Unified", domains=["riverside.k12.ca.us"])


@pytest.fixture
def rule(riverside):
    return ApprovalRule.objects.create(district=riverside, business_days=5)


@pytest.fixture
def participant(riverside):
    """Carol, a Riverside teacher: her confirmed address at the district's domain places her in it."""
    return factories.participant(email="carol.diaz@riverside.k12.ca.us", full_name="Carol Diaz")


def colleague():
    return factories.participant(district="Riverside Unified")


def register(client, cohort, **extra):
    data = {"cohort": str(cohort.pk), "payment_method": "online", "supervisor_email": SUPERVISOR, **extra}
    return client.post(f"/cohorts/register/{cohort.program_id}/", data)


def link_in(mail):
    return re.search(r"http://\S+(/cohorts/approvals/\S+/)", mail.body).group(1)


def test_the_seat_is_held_until_the_supervisor_approves(
    client, participant, rule, mailoutbox, django_capture_on_commit_callbacks
):
    cohort = CohortFactory(capacity=1)
    client.force_login(participant)
    assert "Your supervisor" in client.get(f"/cohorts/register/{cohort.program_id}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, cohort)
    assert response["Location"] == "/cohorts/my-courses/"  # no checkout before the approval
    enrollment = Enrollment.objects.get(user=participant)
    assert enrollment.status == "awaiting"
    request = next(m for m in mailoutbox if m.to == [SUPERVISOR])
    assert participant.full_name in request.body and cohort.name in request.body
    confirmation = next(m for m in mailoutbox if m.to == [participant.email])
    assert "waiting for approval" in confirmation.subject and SUPERVISOR in confirmation.body
    assert "Waiting for approval by principal@" in client.get("/cohorts/my-courses/").content.decode()

    # The seat is held: the next person waits.
    second = services.register_for_cohort(colleague(), cohort.pk, "online", supervisor_email=SUPERVISOR)
    assert second.status == "waitlisted"

    client.logout()  # the supervisor has no account
    link = link_in(request)
    page = client.get(link).content.decode()
    assert participant.full_name in page and "Approve this registration" in page
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(link, {"decision": "approve"}).status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.status == "registered" and enrollment.approval.decision == "approved"
    outcome = next(m for m in mailoutbox if m.subject.startswith("[") and "Approved" in m.subject)
    assert outcome.to == [participant.email] and outcome.cc == [SUPERVISOR]
    assert "Pay online from My courses" in outcome.body
    assert "Approved" in client.get(link).content.decode()


def test_the_form_asks_for_a_supervisor_only_where_the_district_approves(client, participant, rule):
    cohort = CohortFactory()
    client.force_login(participant)
    page = register(client, cohort, supervisor_email="").content.decode()
    assert "This field is required" in page and not Enrollment.objects.exists()
    page = register(client, cohort, supervisor_email=participant.email).content.decode()
    assert "someone other than you approves" in page and not Enrollment.objects.exists()

    factories.place_in_district(participant, "Lakeside Unified")  # no rule there: registered at once, no field
    assert "Your supervisor" not in client.get(f"/cohorts/register/{cohort.program_id}/").content.decode()
    register(client, cohort, supervisor_email="")
    assert Enrollment.objects.get().status == "registered"


def test_a_districts_coordinator_approves_every_registration(
    participant, rule, mailoutbox, django_capture_on_commit_callbacks
):
    rule.coordinator_email, rule.coordinator_name = "pd@riverside.k12.ca.us", "Rae Coordinator"
    rule.approved_by = ApprovalRule.ApprovedBy.COORDINATOR
    rule.save()
    with django_capture_on_commit_callbacks(execute=True):
        enrollment = services.register_for_cohort(
            participant,
            CohortFactory().pk,
            "purchase_order",
            purchase_order_number="PO-1",
            billing_contact_name="Bo",
            billing_contact_email="bo@riverside.k12.ca.us",
        )
    assert enrollment.approval.approver_email == "pd@riverside.k12.ca.us"
    assert [m.to for m in mailoutbox if "Approval requested" in m.subject] == [["pd@riverside.k12.ca.us"]]
    assert not [m for m in mailoutbox if "Invoice" in m.subject]  # nothing billed before the approval
    with django_capture_on_commit_callbacks(execute=True):
        approval_services.decide(enrollment.approval.pk, True)
    # Billed once approved: to the billing contact, copying the teacher.
    assert [(m.to, m.cc) for m in mailoutbox if "Invoice" in m.subject] == [
        (["bo@riverside.k12.ca.us"], [participant.email])
    ]


def test_a_decline_needs_a_reason_and_gives_the_seat_to_the_waitlist(
    client, participant, rule, mailoutbox, django_capture_on_commit_callbacks
):
    cohort = CohortFactory(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.register_for_cohort(participant, cohort.pk, "online", supervisor_email=SUPERVISOR)
    second = services.register_for_cohort(colleague(), cohort.pk, "online", supervisor_email=SUPERVISOR)
    link = link_in(next(m for m in mailoutbox if m.to == [SUPERVISOR]))
    page = client.post(link, {"decision": "decline", "reason": ""}).content.decode()
    assert "Say why you decline" in page
    first.refresh_from_db()
    assert first.status == "awaiting"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(link, {"decision": "decline", "reason": "Not in this year's PD plan."})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == "cancelled" and second.status == "awaiting"  # its own approval still to come
    outcome = next(m for m in mailoutbox if "Declined" in m.subject)
    assert "Not in this year's PD plan." in outcome.body and outcome.to == [participant.email]

    page = client.post(link, {"decision": "approve"}).content.decode()  # a link answers once
    assert "Declined" in page
    first.refresh_from_db()
    assert first.status == "cancelled"


def test_an_altered_link_is_refused_logged_and_changes_nothing(client, participant, rule, caplog):
    enrollment = services.register_for_cohort(participant, CohortFactory().pk, "online", supervisor_email=SUPERVISOR)
    token = approvals.link_token(enrollment.approval)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    with caplog.at_level(logging.WARNING, logger="cohorts.registration.approvals.requests"):
        response = client.post(f"/cohorts/approvals/{forged}/", {"decision": "approve"})
    assert response.status_code == 404 and "This approval link is not valid" in response.content.decode()
    assert "bad signature" in caplog.text
    enrollment.refresh_from_db()
    assert enrollment.status == "awaiting" and enrollment.approval.decision == "pending"


def test_an_unanswered_request_lapses_frees_the_seat_and_tells_both(
    client, participant, rule, mailoutbox, django_capture_on_commit_callbacks
):
    cohort = CohortFactory(capacity=1)
    first = services.register_for_cohort(participant, cohort.pk, "online", supervisor_email=SUPERVISOR)
    waiting = services.register_for_cohort(colleague(), cohort.pk, "online", supervisor_email=SUPERVISOR)
    due = first.approval.due_at
    Approval.objects.filter(pk=waiting.approval.pk).update(due_at=due + timedelta(days=1))  # asked a day later
    assert approval_services.lapse_overdue(now=due - timedelta(seconds=1)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert approval_services.lapse_overdue(now=due) == 1
    assert approval_services.lapse_overdue(now=due) == 0  # once
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert first.status == "cancelled" and first.approval.decision == "lapsed"
    assert waiting.status == "awaiting"  # promoted, and waiting for its own approval
    lapsed = next(m for m in mailoutbox if "Lapsed" in m.subject)
    assert lapsed.to == [participant.email] and lapsed.cc == [SUPERVISOR]
    with pytest.raises(approvals.ApprovalError, match="answered already"):
        approval_services.decide(first.approval.pk, True, now=due)


def test_a_request_due_has_passed_is_refused_even_before_it_is_marked_lapsed(client, participant, rule):
    enrollment = services.register_for_cohort(participant, CohortFactory().pk, "online", supervisor_email=SUPERVISOR)
    Approval.objects.filter(pk=enrollment.approval.pk).update(due_at=timezone.now() - timedelta(minutes=1))
    link = f"/cohorts/approvals/{approvals.link_token(enrollment.approval)}/"
    assert "This request lapsed" in client.get(link).content.decode()
    client.post(link, {"decision": "approve"})
    enrollment.refresh_from_db()
    assert enrollment.status == "awaiting"


def test_cancelling_withdraws_the_request(client, participant, rule):
    enrollment = services.register_for_cohort(participant, CohortFactory().pk, "online", supervisor_email=SUPERVISOR)
    services.cancel_enrollment(enrollment)
    enrollment.approval.refresh_from_db()
    assert enrollment.approval.decision == "withdrawn"
    link = f"/cohorts/approvals/{approvals.link_token(enrollment.approval)}/"
    assert "cancelled this registration" in client.get(link).content.decode()
    assert approvals.pending_approvals() == ([], 0)


def test_the_approver_has_the_districts_business_days_and_never_past_registration():
    friday_noon = datetime(2027, 1, 15, 12, tzinfo=ZONE)  # Monday the 18th is Martin Luther King Jr. Day
    far = datetime(2027, 3, 1, tzinfo=ZONE)
    closed = {date(2027, 1, 18)}
    assert approval_due(friday_noon, 2, far, "America/Los_Angeles", closed) == datetime(2027, 1, 21, tzinfo=ZONE)
    assert approval_due(friday_noon, 5, far, "America/Los_Angeles", closed) == datetime(2027, 1, 26, tzinfo=ZONE)
    soon = datetime(2027, 1, 19, tzinfo=ZONE)
    assert approval_due(friday_noon, 5, soon, "America/Los_Angeles", closed) == soon


def test_the_program_office_sees_the_requests_waiting_others_do_not(client, participant, rule, program_admin):
    services.register_for_cohort(participant, CohortFactory().pk, "online", supervisor_email=SUPERVISOR)
    client.force_login(program_admin)
    dashboard = client.get("/admin/").content.decode()
    assert "waiting for a district" in dashboard and participant.full_name in dashboard
    assert client.get("/admin/snippets/cohorts/approvalrule/").status_code == 200
    client.force_login(participant)
    assert client.get("/admin/snippets/cohorts/approvalrule/").status_code in (302, 403)


# The supervisor a teacher names: at the district's domains or its coordinator, never her own mailbox.


def refused(participant, supervisor_email):
    """The registration is refused with this message, and nothing is held."""
    with pytest.raises(services.RegistrationError) as refusal:
        services.register_for_cohort(participant, CohortFactory().pk, "online", supervisor_email=supervisor_email)
    assert not Enrollment.objects.filter(user=participant).exists()
    return str(refusal.value)


def test_a_supervisor_outside_the_districts_domains_is_refused(client, participant, rule):
    for outside in ["boss@lakeside.org", "carol.diaz@gmail.com", "principal@mail.riverside.k12.ca.us"]:
        message = refused(participant, outside)
        assert "must be at Riverside Unified's domain (@riverside.k12.ca.us)" in message, outside
    cohort = CohortFactory()
    client.force_login(participant)
    form = client.get(f"/cohorts/register/{cohort.program_id}/").content.decode()
    assert "Their address: at @riverside.k12.ca.us." in form
    page = register(client, cohort, supervisor_email="boss@lakeside.org").content.decode()
    assert "must be at Riverside Unified&#x27;s domain" in page and not Enrollment.objects.exists()


def test_an_address_that_lands_in_the_teachers_own_mailbox_is_refused(participant, rule):
    EmailAddress.objects.create(user=participant, email="cdiaz@riverside.k12.ca.us", verified=True)  # also hers
    for her_own in [
        "carol.diaz+boss@riverside.k12.ca.us",
        "Carol.Diaz+principal@Riverside.K12.CA.US",
        "CAROL.DIAZ@riverside.k12.ca.us",
        "cdiaz+supervisor@riverside.k12.ca.us",
    ]:
        assert "lands in your own mailbox" in refused(participant, her_own), her_own
    assert "without quotes or routing" in refused(participant, '"carol.diaz"@riverside.k12.ca.us')
    assert "without quotes or routing" in refused(participant, "carol.diaz%riverside.k12.ca.us@riverside.k12.ca.us")


def test_the_districts_coordinator_may_be_named_whatever_its_domain(participant, rule):
    rule.coordinator_name, rule.coordinator_email = "Rae Coordinator", "pd@riverside-county.org"
    rule.save()
    enrollment = services.register_for_cohort(
        participant, CohortFactory().pk, "online", supervisor_email="PD@Riverside-County.org"
    )
    assert enrollment.status == "awaiting"
    assert (enrollment.approval.approver_email, enrollment.approval.approver) == (
        "pd@riverside-county.org",
        "Rae Coordinator",
    )
    assert "must be at" in refused(colleague(), "someone.else@riverside-county.org")


def test_the_coordinator_who_approves_everyone_names_a_supervisor_for_her_own_place(client, rule):
    coordinator = factories.participant(email="pd@riverside.k12.ca.us")
    rule.approved_by, rule.coordinator_email = ApprovalRule.ApprovedBy.COORDINATOR, "pd@riverside.k12.ca.us"
    rule.save()
    assert "give your supervisor's e-mail address" in refused(coordinator, "")
    assert "lands in your own mailbox" in refused(coordinator, "pd+me@riverside.k12.ca.us")
    cohort = CohortFactory()
    client.force_login(coordinator)
    assert "Your supervisor" in client.get(f"/cohorts/register/{cohort.program_id}/").content.decode()
    enrollment = services.register_for_cohort(coordinator, cohort.pk, "online", supervisor_email=SUPERVISOR)
    assert enrollment.approval.approver_email == SUPERVISOR


def test_the_teacher_cannot_answer_her_own_request_through_its_link(client, participant, rule):
    enrollment = services.register_for_cohort(participant, CohortFactory().pk, "online", supervisor_email=SUPERVISOR)
    link = f"/cohorts/approvals/{approvals.link_token(enrollment.approval)}/"
    client.force_login(participant)  # the link forwarded to her, or copied from the supervisor's screen

    page = client.get(link)
    assert page.status_code == 403 and "the person you named answers this request, not you" in page.content.decode()
    assert "Approve this registration" not in page.content.decode()
    client.post(link, {"decision": "approve"})

    enrollment.refresh_from_db()
    assert enrollment.status == "awaiting" and enrollment.approval.decision == "pending"
    with pytest.raises(approvals.ApprovalError, match="not you"):
        approval_services.decide(enrollment.approval.pk, True, answered_by=participant)
    client.logout()
    assert "Approve this registration" in client.get(link).content.decode()  # the supervisor still can


def test_a_request_that_went_to_one_of_the_teachers_own_addresses_cannot_be_answered(client, participant, rule):
    """Made before supervisors were checked (or her own address since): nobody answers it through the link,
    so it lapses, and the program office sees it waiting."""
    enrollment = services.register_for_cohort(participant, CohortFactory().pk, "online", supervisor_email=SUPERVISOR)
    Approval.objects.filter(pk=enrollment.approval.pk).update(approver_email="carol.diaz+boss@riverside.k12.ca.us")
    link = f"/cohorts/approvals/{approvals.link_token(enrollment.approval)}/"

    page = client.get(link)
    assert page.status_code == 403 and "went to an address of the teacher" in page.content.decode()
    client.post(link, {"decision": "approve"})

    enrollment.refresh_from_db()
    assert enrollment.status == "awaiting" and enrollment.approval.decision == "pending"
