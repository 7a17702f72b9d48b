"""The gradebook's CSV is built in the background: its old link lands on the job's page, the file is the gradebook
as the direct export wrote it, and only the cohort's facilitators and the office may start it."""

import io

import pytest

from cohorts.coursework import exports as gradebook_exports
from pd_platform import exports
from pd_platform.models import ExportJob
from tests import export_jobs, factories
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(facilitator):
    cohort = CohortFactory(facilitators=[facilitator])
    EnrollmentFactory(cohort=cohort, user=factories.participant(full_name="Ada Adams"))
    EnrollmentFactory(cohort=cohort, user=factories.participant(full_name="Bo Brown"))
    return cohort


def link(cohort):
    return f"/cohorts/{cohort.pk}/gradebook/?format=csv"


def test_the_gradebook_link_lands_on_its_job_and_the_file_is_the_gradebook(
    client, facilitator, cohort, django_capture_on_commit_callbacks
):
    client.force_login(facilitator)
    with django_capture_on_commit_callbacks(execute=False):
        first = client.get(link(cohort))
        again = client.get(link(cohort))  # asked again while it is built: the same job
    job = export_jobs.job_of(first)
    assert again["Location"] == first["Location"] and ExportJob.objects.count() == 1
    page = client.get(first["Location"]).content.decode()
    assert "<h1>Gradebook (CSV)</h1>" in page and "Your file is being built" in page
    assert "You had already asked for this file: it is still being built." in page

    download = export_jobs.download(client, first)
    assert f'filename="gradebook-cohort-{cohort.pk}.csv"' in download["Content-Disposition"]
    direct = io.BytesIO()
    gradebook_exports.write_gradebook_csv(cohort, direct)
    built = b"".join(download.streaming_content)
    assert built == direct.getvalue()
    assert "Ada Adams" in built.decode("utf-8-sig") and "Bo Brown" in built.decode("utf-8-sig")
    job.refresh_from_db()
    assert (job.rows_done, job.rows_total) == (2, 2)
    assert "Your file is ready: 2 participants." in client.get(first["Location"]).content.decode()


def test_the_office_may_start_it_too(client, program_admin, cohort):
    client.force_login(program_admin)
    assert b"Bo Brown" in export_jobs.content(client, client.get(link(cohort)))


def test_another_cohort_s_facilitator_a_participant_and_anonymous_cannot_start_it(client, cohort):
    someone_else = factories.facilitator()
    CohortFactory(facilitators=[someone_else])
    for person in (someone_else, cohort.enrollments.first().user):
        client.force_login(person)
        assert client.get(link(cohort)).status_code == 404
        with pytest.raises(PermissionError):
            exports.start(person, gradebook_exports.GRADEBOOK_CSV, {"cohort": cohort.pk})
    client.logout()
    response = client.get(link(cohort))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not ExportJob.objects.exists()


def test_a_facilitator_taken_off_the_cohort_before_it_is_built_gets_no_file(client, facilitator, cohort):
    job, _ = exports.start(facilitator, gradebook_exports.GRADEBOOK_CSV, {"cohort": cohort.pk})
    cohort.facilitators.remove(facilitator)
    assert exports.run(job.pk) == ExportJob.State.FAILED
    client.force_login(facilitator)
    assert client.get(f"/exports/{job.pk}/file/").status_code == 404
    assert "Your file could not be built." in client.get(f"/exports/{job.pk}/").content.decode()
