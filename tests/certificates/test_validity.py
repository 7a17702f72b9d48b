"""A program may give its certificates a validity (a licence-renewal cycle): the certificate, its
credential, the verify page and the API say until when; holders are reminded 90 and 30 days before."""

import subprocess
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from certificates import services, sharing, transcript
from certificates.models import Certificate
from cohorts.reminders import services as reminders
from tests.certificates import outside_verifier
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db
ZONE = ZoneInfo("America/Los_Angeles")


@pytest.fixture
def five_year_course(cohort):
    course = cohort.program.specific
    course.certificate_valid_years = 5
    course.save_revision().publish()
    return course


@pytest.fixture
def certificate(five_year_course, awarded):
    return awarded


def test_validity_from_the_program_shows_everywhere(client, certificate, settings):
    issued = certificate.issued_at
    assert certificate.valid_until == issued.replace(year=issued.year + 5)
    site = settings.SITE_URL
    claims = outside_verifier.verify(certificate.credential, lambda url: client.get(url.removeprefix(site)))
    assert claims["validUntil"].startswith(str(issued.year + 5))
    assert claims["exp"] == int(certificate.valid_until.timestamp())
    assert "expirationDate" not in claims  # VC 2.0's validUntil only
    local = timezone.localtime(certificate.valid_until)
    until = f"{local:%B} {local.day}, {local.year}"
    assert until in client.get(f"/certificates/verify/{certificate.code}/").content.decode()
    assert client.get(f"/api/certificates/{certificate.code}").json()["valid_until"] == local.date().isoformat()
    text = subprocess.run(["pdftotext", certificate.pdf.path, "-"], capture_output=True, text=True, check=True).stdout
    assert "valid until " + until in " ".join(text.split())


def test_an_evening_certificate_carries_the_dates_of_where_it_was_issued(client, certificate):
    """Awarded at 6:30 pm in Los Angeles, already the next day in UTC: every place says the 29th."""
    issued = datetime(2026, 11, 29, 18, 30, tzinfo=ZONE)
    Certificate.objects.filter(pk=certificate.pk).update(issued_at=issued, valid_until=issued.replace(year=2031))
    certificate.refresh_from_db()
    assert "November 29, 2031" in client.get(f"/certificates/verify/{certificate.code}/").content.decode()
    facts = client.get(f"/api/certificates/{certificate.code}").json()
    assert (facts["issued"], facts["valid_until"]) == ("2026-11-29", "2031-11-29")
    rows = transcript.csv_text(transcript.transcript_of(certificate.enrollment.user)).splitlines()
    assert any("2026-11-29" in row and "2031-11-29" in row for row in rows)
    link = sharing.linkedin_add_url(certificate, "Example")
    assert "issueMonth=11" in link and "expirationMonth=11" in link and "expirationYear=2031" in link


def test_a_leap_day_certificate_lasts_to_the_28th(five_year_course):
    leap = datetime(2028, 2, 29, 12, tzinfo=ZONE)
    assert services.valid_until(five_year_course, leap) == datetime(2033, 2, 28, 12, tzinfo=ZONE)
    five_year_course.certificate_valid_years = None
    assert services.valid_until(five_year_course, leap) is None


def test_once_past_its_end_the_certificate_is_expired(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=timezone.now() - timedelta(days=1))
    html = client.get(f"/certificates/verify/{certificate.code}/").content.decode()
    assert "Expired certificate" in html and "was valid until" in html
    assert client.get(f"/api/certificates/{certificate.code}").json()["status"] == "expired"


def at_ten_in_the_morning(moment):
    return moment.astimezone(ZONE).replace(hour=10, minute=0)


def expiry_mails():
    return [m for m in mail.outbox if "expires" in m.subject]


def test_holder_is_reminded_90_and_30_days_before_once_each(certificate):
    mail.outbox.clear()
    end = certificate.valid_until
    reminders.send_reminders(at_ten_in_the_morning(end - timedelta(days=120)))
    assert expiry_mails() == []
    reminders.send_reminders(at_ten_in_the_morning(end - timedelta(days=89)))
    reminders.send_reminders(at_ten_in_the_morning(end - timedelta(days=60)))
    assert len(expiry_mails()) == 1
    first = expiry_mails()[0]
    assert first.to == [certificate.enrollment.user.email]
    assert certificate.code in first.body and "unsubscribe" in first.body.lower()
    reminders.send_reminders(at_ten_in_the_morning(end - timedelta(days=29)))
    reminders.send_reminders(at_ten_in_the_morning(end - timedelta(days=10)))
    assert len(expiry_mails()) == 2
    reminders.send_reminders(at_ten_in_the_morning(end + timedelta(days=1)))
    assert len(expiry_mails()) == 2


def test_no_reminder_once_revoked_or_renewed(certificate, program_admin, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    # Issued years ago: it ends in 80 days.
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=timezone.now() + timedelta(days=80))
    before = at_ten_in_the_morning(timezone.now())
    assert [d.kind for d in reminders.send_reminders(before, dry_run=True)[0]].count("certificate_expiry") == 1
    services.revoke_certificate(certificate, program_admin, "Issued in error")
    reminders.send_reminders(before)
    assert expiry_mails() == []

    # Renewed: a newer certificate of the same program that lasts longer silences the old one.
    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=None, revoke_reason="")
    later_cohort = CohortFactory(name="Cohort 09", program=certificate.enrollment.cohort.program)
    renewal = EnrollmentFactory(cohort=later_cohort, user=certificate.enrollment.user)
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_certificate(renewal, program_admin, "Renewal course completed")
    reminders.send_reminders(before)
    assert expiry_mails() == []
