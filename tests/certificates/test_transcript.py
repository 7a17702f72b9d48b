"""A participant's PD transcript: programs, certificates and each credited hour with its date, as a
page, a CSV and a signed PDF; the participant's own, or anyone's for an admin, and no one else's."""

import csv
import io
from datetime import date

import pikepdf
import pytest

from certificates import signing, transcript
from cohorts.workshops import services as workshops
from pd_platform.models import ExportJob
from tests import export_jobs, factories
from tests.factories import EnrollmentFactory
from tests.pdf import is_tagged, pdf_text
from tests.pdfua import assert_pdf_ua

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(certificate, series_cohort, trainer):
    """The certificate holder also attends two workshops of the series (which pays the training rate)."""
    person = certificate.enrollment.user
    factories.place_in_district(person, "Riverside Unified")
    enrollment = EnrollmentFactory(cohort=series_cohort, user=person)
    sessions = workshops.schedule_sessions(series_cohort, date(2030, 1, 14))
    workshops.record_attendance(sessions[0], enrollment, "present", 0, trainer)
    workshops.record_attendance(sessions[1], enrollment, "present", 0, trainer, outside_contract=True)
    return person, sessions


def test_the_transcript_page_lists_programs_certificates_and_hours(client, certificate, record):
    person, sessions = record
    client.force_login(person)
    html = client.get("/certificates/transcript/").content.decode()
    assert "Your PD transcript" in html and "Riverside Unified" in html
    assert "Learning-Based Grading, Cohort 03" in html and certificate.code in html
    assert "Mastery Learning and Grading" in html
    assert sessions[0].workshop.title in html and sessions[1].workshop.title in html
    assert "this program pays no training rate" in html  # the online course credits PD hours, pays none


def test_csv_has_a_row_per_certificate_and_per_credited_hour(client, certificate, record):
    person, sessions = record
    client.force_login(person)
    body = client.get("/certificates/transcript/?format=csv").content
    assert body.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    kinds = [row["Record"] for row in rows]
    assert kinds.count("Certificate") == 1 and kinds.count("Hours") == 3  # course completion + two workshops
    course = next(r for r in rows if r["Record"] == "Hours" and r["Program"] == "Learning-Based Grading")
    assert course["PD hours"] == "30.00" and course["Paid hours"] == "0.00"
    workshop = next(r for r in rows if sessions[1].workshop.title in r["Item"])
    assert workshop["Date"] == sessions[1].date.isoformat()
    assert workshop["Paid hours"] == workshop["Hours beyond contract"] != "0.00"  # the series pays
    cert = next(r for r in rows if r["Record"] == "Certificate")
    assert cert["Certificate"] == certificate.code and cert["Status"] == "Valid"
    # The PD hours column adds up to the transcript's total (the certificate's own row carries none).
    assert sum(float(r["PD hours"] or 0) for r in rows) == float(transcript.transcript_of(person).pd_hours)


def test_the_pdf_is_archival_tagged_and_signed(client, certificate, record):
    person, _ = record
    client.force_login(person)
    response = export_jobs.download(client, client.get("/certificates/transcript/?format=pdf"))
    data = b"".join(response.streaming_content)
    assert response["Content-Type"] == "application/pdf"
    check = signing.check_signature(data)
    assert check.ok and check.covers_whole_file
    assert is_tagged(data)
    assert_pdf_ua(data)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert pdf.open_metadata()["pdfaid:part"] == "3"
    text = pdf_text(data)
    assert "Professional development transcript" in text and certificate.code in text


def test_an_admin_produces_anyones_transcript_others_cannot(client, certificate, record, program_admin, participant):
    person, _ = record
    url = f"/certificates/transcript/{person.pk}/"
    client.force_login(program_admin)
    html = client.get(url).content.decode()
    assert f"PD transcript: {person.full_name}" in html and certificate.code in html
    found = client.get(f"/certificates/transcript/lookup/?email={person.email.upper()}").content.decode()
    assert certificate.code in found and f'href="{url}?format=pdf"' in found
    assert client.get("/certificates/transcript/lookup/?email=nobody@example.org")["Location"] == "/admin/certificates/"
    for someone in (participant, factories.facilitator()):
        client.force_login(someone)
        assert client.get(url).status_code == 404
        assert client.get(url + "?format=pdf").status_code == 404
        assert not ExportJob.objects.filter(owner=someone).exists()
        assert client.get(f"/certificates/transcript/lookup/?email={person.email}").status_code == 404
        # Their own transcript shows none of it.
        assert certificate.code not in client.get("/certificates/transcript/").content.decode()


def test_the_transcript_costs_the_same_queries_however_long_the_record(
    client, certificate, record, series_cohort, trainer, django_assert_num_queries
):
    person, sessions = record
    client.force_login(person)
    client.get("/certificates/transcript/")
    with django_assert_num_queries(QUERIES_TRANSCRIPT):
        client.get("/certificates/transcript/")
    enrollment = person.enrollments.get(cohort=series_cohort)
    for session in sessions[2:]:
        workshops.record_attendance(session, enrollment, "present", 0, trainer)
    with django_assert_num_queries(QUERIES_TRANSCRIPT):
        html = client.get("/certificates/transcript/").content.decode()
    assert all(session.workshop.title in html for session in sessions)


QUERIES_TRANSCRIPT = 9  # session, user, enrollments, hours, certificates, sessions named, paying programs (2), district
