"""The certificate desk's cohort ZIP, the signed PDF transcript and the personal-data ZIPs are built in the
background: each old link or button lands on its job's page, the file is what the direct export wrote, and only
those who could have it before may start it."""

import io
import zipfile

import pytest

from certificates import exports as certificate_exports
from certificates import services, transcript
from pd_platform import exports, personal_data
from pd_platform.accounts import exports as personal_exports
from pd_platform.models import ExportJob, PersonalDataEvent
from tests import export_jobs, factories
from tests.factories import CohortFactory
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


def entries(data: bytes) -> dict:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {name: archive.read(name) for name in archive.namelist()}


def refused_at_the_login(response):
    return response.status_code == 302 and "/login/" in response["Location"]


@pytest.fixture
def two_certificates(certificate, cohort, make_progress, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.award_certificate_if_complete(make_progress(13, cohort).pk)
    return cohort


def test_the_cohort_zip_link_lands_on_its_job_and_the_file_holds_the_same_pdfs(client, program_admin, two_certificates):
    cohort = two_certificates
    client.force_login(program_admin)
    response = client.get(f"/admin/certificates/cohort/{cohort.pk}/zip/")
    assert "<h1>The cohort&#x27;s certificates (ZIP)</h1>" in client.get(response["Location"]).content.decode()
    download = export_jobs.download(client, response)
    assert f'filename="certificates-cohort-{cohort.pk}.zip"' in download["Content-Disposition"]
    direct = io.BytesIO()
    certificate_exports.write_cohort_zip(cohort.pk, direct)
    built = entries(b"".join(download.streaming_content))
    assert built == entries(direct.getvalue()) and len(built) == 2
    assert all(data.startswith(b"%PDF") for data in built.values())
    assert export_jobs.job_of(response).rows_total == 2
    assert "Your file is ready: 2 certificates." in client.get(response["Location"]).content.decode()


def test_a_facilitator_a_participant_and_anonymous_cannot_start_the_cohort_zip(client, reviewer, certificate, cohort):
    url = f"/admin/certificates/cohort/{cohort.pk}/zip/"
    for person in (reviewer, certificate.enrollment.user):  # the cohort's own facilitator, and its participant
        client.force_login(person)
        assert refused_at_the_login(client.get(url))
        with pytest.raises(PermissionError):
            exports.start(person, certificate_exports.COHORT_ZIP, {"cohort": cohort.pk})
    client.logout()
    assert refused_at_the_login(client.get(url))
    assert not ExportJob.objects.exists()


def test_the_transcript_pdf_is_built_for_its_person_and_reads_as_the_direct_one(client, certificate, program_admin):
    person = certificate.enrollment.user
    direct = pdf_text(transcript.pdf_bytes(transcript.transcript_of(person)))
    for reader, url in (
        (person, "/certificates/transcript/"),
        (program_admin, f"/certificates/transcript/{person.pk}/"),
    ):
        client.force_login(reader)
        response = client.get(url + "?format=pdf")
        assert "<h1>PD transcript (signed PDF)</h1>" in client.get(response["Location"]).content.decode()
        download = export_jobs.download(client, response)
        assert download["Content-Type"] == "application/pdf"
        assert f'filename="{certificate_exports.transcript_name(person)}.pdf"' in download["Content-Disposition"]
        assert pdf_text(b"".join(download.streaming_content)) == direct
        assert "Your file is ready: 1 document." in client.get(response["Location"]).content.decode()


def test_another_cohort_s_facilitator_another_participant_and_anonymous_cannot_start_a_transcript(
    client, certificate, reviewer
):
    person = certificate.enrollment.user
    someone_else = factories.facilitator()
    CohortFactory(facilitators=[someone_else])
    for other in (someone_else, reviewer, factories.participant()):
        client.force_login(other)
        assert client.get(f"/certificates/transcript/{person.pk}/?format=pdf").status_code == 404
        with pytest.raises(PermissionError):
            exports.start(other, certificate_exports.TRANSCRIPT_PDF, {"person": person.pk})
    client.logout()
    assert refused_at_the_login(client.get("/certificates/transcript/?format=pdf"))
    assert not ExportJob.objects.exists()


def without_the_time(files):
    """The README says when it was exported, to the minute: the rest is the same, byte for byte."""
    return {name: data for name, data in files.items() if name != "README.txt"}


def test_a_person_s_own_data_zip_is_built_for_them_alone_and_audited(client, certificate):
    person = certificate.enrollment.user
    client.force_login(person)
    response = client.post("/accounts/personal-data.zip")
    assert "<h1>Your data (ZIP)</h1>" in client.get(response["Location"]).content.decode()
    assert not PersonalDataEvent.objects.exists(), "audited when the file is built"
    download = export_jobs.download(client, response)
    assert download["Content-Disposition"].startswith('attachment; filename="my-data-')
    built = entries(b"".join(download.streaming_content))
    direct = entries(personal_data.export_zip(person))
    assert without_the_time(built) == without_the_time(direct) and "README.txt" in built
    assert b"record(s)" in built["README.txt"]
    assert PersonalDataEvent.objects.get().by == person
    job = export_jobs.job_of(response)
    for someone in (factories.program_admin(), certificate.enrollment.cohort.facilitators.first()):
        client.force_login(someone)  # the file is the person's alone, the office's included
        assert client.get(f"/exports/{job.pk}/file/").status_code == 404


def test_nobody_starts_another_person_s_own_data_zip(client, certificate, reviewer, program_admin):
    person = certificate.enrollment.user
    someone_else = factories.facilitator()
    CohortFactory(facilitators=[someone_else])
    parameters = {"person": person.pk, "by": person.pk, "day": "2026-12-07"}
    for other in (someone_else, reviewer, factories.participant(), program_admin):
        with pytest.raises(PermissionError):
            exports.start(other, personal_exports.OWN_ZIP, parameters)
        with pytest.raises(PermissionError):
            exports.start(other, personal_exports.OWN_ZIP, {**parameters, "by": other.pk})
    assert refused_at_the_login(client.post("/accounts/personal-data.zip"))
    assert not ExportJob.objects.exists()


def test_the_office_s_copy_from_the_desk_is_built_for_the_admin_who_asked(client, certificate, program_admin):
    person = certificate.enrollment.user
    client.force_login(program_admin)
    email = person.email.upper()
    response = client.post("/admin/personal-data/", {"action": "export", "export-email": email})
    download = export_jobs.download(client, response)
    assert f'filename="person-{person.pk}.zip"' in download["Content-Disposition"]
    built = entries(b"".join(download.streaming_content))
    assert without_the_time(built) == without_the_time(entries(personal_data.export_zip(person)))
    assert PersonalDataEvent.objects.get().by == program_admin


def test_a_facilitator_a_participant_and_anonymous_cannot_start_the_desk_s_copy(client, certificate, reviewer):
    person = certificate.enrollment.user
    for other in (reviewer, factories.participant()):
        client.force_login(other)
        response = client.post("/admin/personal-data/", {"action": "export", "export-email": person.email})
        assert response.status_code in (302, 403) and not response.get("Location", "").startswith("/exports/")
        with pytest.raises(PermissionError):
            exports.start(other, personal_exports.DESK_ZIP, {"person": person.pk, "by": other.pk})
    client.logout()
    assert refused_at_the_login(client.post("/admin/personal-data/", {"action": "export", "export-email": "x@y.org"}))
    assert not ExportJob.objects.exists()
