"""Evaluation answers as a CSV built in the background: the old link lands on the job's page, the file is the CSV
the direct export wrote, and only those who may read the results may start it."""

import io
from datetime import date, timedelta

import pytest

from cohorts.evaluations import exports as evaluation_exports
from cohorts.evaluations.models import Survey
from cohorts.evaluations.services import END, submit_response, survey_of
from pd_platform import exports
from pd_platform.models import ExportJob
from tests import export_jobs, factories
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db

ANSWERS = {"facilitation": "5", "relevance": "4", "materials": "4", "confidence": "3", "hours": "5"}


@pytest.fixture
def leader(db):
    return factories.facilitator(full_name="Fran Okafor")


@pytest.fixture
def cohort(leader):
    """A cohort of a program whose evaluation names who answered, with two answers in."""
    cohort = CohortFactory(start_date=date.today() - timedelta(days=40), facilitators=[leader])
    survey = survey_of(cohort.program_id, Survey.Kind.EVALUATION)
    survey.anonymous_results = False
    survey.save()
    for name in ("Avery Stone", "Blake Rivera"):
        enrollment = EnrollmentFactory(cohort=cohort, user=factories.participant(full_name=name))
        submit_response(enrollment, survey, END, {**ANSWERS, "comments": f"From {name}"})
    return cohort


def direct_csv(survey, enrollments):
    buffer = io.BytesIO()
    evaluation_exports.write_results_csv(survey, enrollments, buffer)
    return buffer.getvalue()


def test_the_cohort_s_answers_link_lands_on_its_job_and_the_file_is_the_csv(client, leader, cohort):
    client.force_login(leader)
    response = client.get(f"/cohorts/{cohort.pk}/evaluation/?format=csv")
    assert "<h1>Evaluation answers (CSV)</h1>" in client.get(response["Location"]).content.decode()
    download = export_jobs.download(client, response)
    assert 'filename="evaluation-' in download["Content-Disposition"]
    built = b"".join(download.streaming_content)
    survey, enrollments, _name = evaluation_exports.cohort_scope(cohort, "evaluation")
    assert built == direct_csv(survey, enrollments)
    assert "From Avery Stone" in built.decode("utf-8-sig") and "Blake Rivera" in built.decode("utf-8-sig")
    assert export_jobs.job_of(response).rows_total == 2


def test_a_facilitator_s_answers_across_their_cohorts_are_built_for_them_and_the_office(
    client, leader, cohort, program_admin
):
    url = f"/cohorts/evaluation/facilitators/{leader.pk}/{cohort.program_id}/?format=csv"
    survey, enrollments, _name = evaluation_exports.facilitator_scope(leader, cohort.program_id)
    for reader in (leader, program_admin):
        client.force_login(reader)
        assert export_jobs.content(client, client.get(url)) == direct_csv(survey, enrollments)


def test_another_cohort_s_facilitator_a_participant_and_anonymous_cannot_start_it(client, leader, cohort):
    someone_else = factories.facilitator()
    CohortFactory(program=cohort.program, facilitators=[someone_else])
    participant = cohort.enrollments.first().user
    for person in (someone_else, participant):
        client.force_login(person)
        assert client.get(f"/cohorts/{cohort.pk}/evaluation/?format=csv").status_code == 404
        url = f"/cohorts/evaluation/facilitators/{leader.pk}/{cohort.program_id}/?format=csv"
        assert client.get(url).status_code == 404
        with pytest.raises(PermissionError):
            exports.start(person, evaluation_exports.COHORT_CSV, {"cohort": cohort.pk, "kind": "evaluation"})
        with pytest.raises(PermissionError):
            parameters = {"facilitator": leader.pk, "program": cohort.program_id}
            exports.start(person, evaluation_exports.FACILITATOR_CSV, parameters)
    client.logout()
    response = client.get(f"/cohorts/{cohort.pk}/evaluation/?format=csv")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not ExportJob.objects.exists()
