"""Site cohort requests: the office hears of each, the trainer of the decision, once each; groups of eight or more
unless the office records why it makes an exception."""

from datetime import date, timedelta

import pytest

from certificates import services, tasks, trainers
from certificates.models import SiteCohortRequest
from tests import factories

pytestmark = pytest.mark.django_db

FIRST = (date.today() + timedelta(days=30)).isoformat()


def ask(client, trainer, size, capture):
    client.force_login(trainer)
    with capture(execute=True):
        response = client.post(
            "/certificates/site-cohorts/request/",
            {"site": "Lincoln Middle School", "first_date": FIRST, "expected_size": str(size)},
            follow=True,
        )
    return response, SiteCohortRequest.objects.get()


def about(mailoutbox, words):
    return [m for m in mailoutbox if words in m.subject]


def test_a_request_tells_the_office_once_and_the_approval_tells_the_trainer_once(
    client, certified, program_admin, mailoutbox, django_capture_on_commit_callbacks
):
    other_admin = factories.program_admin()
    factories.facilitator()  # not the office
    _, site_request = ask(client, certified, 12, django_capture_on_commit_callbacks)
    (told,) = about(mailoutbox, "Site cohort requested")
    assert sorted(told.to) == sorted([program_admin.email, other_admin.email])
    assert "12 teachers" in told.body and "/certificates/site-cohorts/" in told.body
    tasks.tell_office_of_site_request(site_request.pk)  # the task run again sends nothing more
    assert len(about(mailoutbox, "Site cohort requested")) == 1

    client.force_login(program_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/certificates/site-cohorts/{site_request.pk}/decide/", {"decision": "approve"})
    tasks.tell_trainer_of_decision(site_request.pk)
    (approved,) = about(mailoutbox, "approved")
    site_request.refresh_from_db()
    assert approved.to == [certified.email]
    assert f"/certificates/site-cohorts/{site_request.cohort_id}/invite/" in approved.body
    # The sessions come without rooms: the trainer is told where to set them.
    assert "without rooms yet" in approved.body and f"/cohorts/{site_request.cohort_id}/sessions/" in approved.body


def test_a_decline_says_why_and_tells_the_trainer_once(
    client, certified, program_admin, mailoutbox, django_capture_on_commit_callbacks
):
    _, site_request = ask(client, certified, 12, django_capture_on_commit_callbacks)
    client.force_login(program_admin)
    page = client.post(
        f"/certificates/site-cohorts/{site_request.pk}/decide/", {"decision": "decline"}, follow=True
    ).content.decode()
    assert "Give the reason: the trainer is told it." in page
    assert SiteCohortRequest.objects.get().status == "pending" and not about(mailoutbox, "declined")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/certificates/site-cohorts/{site_request.pk}/decide/",
            {"decision": "decline", "reason": "The spring calendar is full; ask again for the fall."},
        )
        client.post(f"/certificates/site-cohorts/{site_request.pk}/decide/", {"decision": "approve"})
    (declined,) = about(mailoutbox, "declined")
    assert declined.to == [certified.email] and "spring calendar is full" in declined.body
    assert SiteCohortRequest.objects.get().status == "declined" and not about(mailoutbox, "approved")


def test_a_group_under_eight_is_approved_only_as_an_exception_with_its_reason(
    client, certified, program_admin, mailoutbox, django_capture_on_commit_callbacks
):
    response, site_request = ask(client, certified, 6, django_capture_on_commit_callbacks)
    assert "groups of 8 or more" in response.content.decode()
    assert "smaller than the series runs for (8 or more)" in about(mailoutbox, "Site cohort requested")[0].body

    client.force_login(program_admin)
    assert "Below 8" in client.get("/certificates/site-cohorts/").content.decode()
    page = client.post(
        f"/certificates/site-cohorts/{site_request.pk}/decide/", {"decision": "approve"}, follow=True
    ).content.decode()
    assert "expects 6 teachers; the series runs for groups of 8 or more" in page
    assert SiteCohortRequest.objects.get().cohort is None and not about(mailoutbox, "approved")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/certificates/site-cohorts/{site_request.pk}/decide/",
            {"decision": "approve", "reason": "A rural site: its whole staff is six teachers."},
        )
    site_request.refresh_from_db()
    assert site_request.status == "approved" and site_request.decided_by == program_admin
    assert site_request.size_override_reason == "A rural site: its whole staff is six teachers."
    (approved,) = about(mailoutbox, "approved")
    assert "the office made an exception: A rural site" in approved.body
    assert "exception, “A rural site" in client.get("/certificates/site-cohorts/").content.decode()


def test_deciding_a_request_approves_it_into_a_cohort_or_declines_it_once(certified, program_admin):
    first_date = date.today() + timedelta(days=30)
    first, second = (trainers.request_site_cohort(certified, site, first_date, 12) for site in ("Lincoln", "Adams"))
    cohort = services.decide_site_request(first, program_admin, approve=True)
    first.refresh_from_db()
    assert first.status == "approved" and first.cohort == cohort and certified in cohort.facilitators.all()
    with pytest.raises(trainers.TrainerError, match="decided already"):
        services.decide_site_request(first, program_admin, approve=False, reason="Too late")

    with pytest.raises(trainers.TrainerError, match="Give the reason"):
        services.decide_site_request(second, program_admin, approve=False)
    services.decide_site_request(second, program_admin, approve=False, reason="The calendar is full.")
    second.refresh_from_db()
    assert second.status == "declined" and second.decline_reason == "The calendar is full." and second.cohort is None
