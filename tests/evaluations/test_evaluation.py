"""The end-of-course evaluation: answered once, required before the certificate where the
program says so, results per cohort and per facilitator, anonymous unless the program says not."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import award_certificate_if_complete
from cohorts.coursework.models import Submission
from cohorts.evaluations.models import Response, Survey
from cohorts.reminders.services import due_now
from modules.models import Activity
from pd_platform import reminders
from tests import export_jobs, factories
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db

GOOD = {"facilitation": "5", "relevance": "4", "materials": "4", "confidence": "3", "hours": "5", "comments": ""}


@pytest.fixture
def cohort(leader):
    return CohortFactory(start_date=date.today() - timedelta(days=40), facilitators=[leader])


@pytest.fixture
def enrollment(cohort, participant):
    return EnrollmentFactory(cohort=cohort, user=participant)


def url(enrollment):
    return f"/cohorts/enrollments/{enrollment.pk}/evaluation/"


def evaluation(cohort):
    return Survey.objects.get(program=cohort.program, kind="evaluation")


def complete_everything(enrollment):
    for activity in Activity.objects.filter(page__path__startswith=enrollment.cohort.program.path, required=True):
        Submission.objects.create(enrollment=enrollment, activity=activity, status="complete")


def test_every_program_has_a_default_evaluation_with_the_usual_questions(cohort):
    keys = list(evaluation(cohort).questions.values_list("key", flat=True))
    assert keys == ["facilitation", "relevance", "materials", "confidence", "hours", "comments"]


def test_a_participant_answers_once(client, enrollment):
    complete_everything(enrollment)
    client.force_login(enrollment.user)
    page = client.get(url(enrollment)).text
    assert "<legend>The facilitation and feedback helped me improve my work.</legend>" in page

    response = client.post(url(enrollment), {**GOOD, "comments": "More time for targets, please."})

    assert response.status_code == 302
    answers = {a.question.key: a.rating or a.text for a in Response.objects.get().answers.all()}
    assert answers == {**{k: int(v) for k, v in GOOD.items() if v}, "comments": "More time for targets, please."}
    assert "You have answered this already" in client.get(url(enrollment)).text
    client.post(url(enrollment), GOOD)
    assert Response.objects.count() == 1


def test_a_missing_answer_is_named_and_nothing_is_lost(client, enrollment):
    complete_everything(enrollment)
    client.force_login(enrollment.user)

    response = client.post(url(enrollment), {**GOOD, "confidence": "", "comments": "Keep this text."})

    assert response.status_code == 400
    assert '<ul class="errorlist" id="confidence-error"><li>Choose one of the five answers.</li></ul>' in response.text
    assert 'name="facilitation" value="5" checked' in response.text
    assert "Keep this text." in response.text
    assert not Response.objects.exists()


def test_another_persons_evaluation_is_not_theirs_to_answer(client, enrollment):
    client.force_login(factories.participant())
    assert client.get(url(enrollment)).status_code == 404
    assert client.post(url(enrollment), GOOD).status_code == 404


def test_a_required_evaluation_holds_the_certificate_until_it_is_answered(
    client, enrollment, cohort, django_capture_on_commit_callbacks
):
    Survey.objects.filter(program=cohort.program, kind="evaluation").update(required_for_certificate=True)
    complete_everything(enrollment)

    assert award_certificate_if_complete(enrollment.pk) is None
    client.force_login(enrollment.user)
    assert "Your certificate waits for it: tell us how the course served you." in client.get("/dashboard/").text

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(enrollment), GOOD)

    assert Certificate.objects.filter(enrollment=enrollment).exists()  # the answer awarded it


def test_an_optional_evaluation_does_not_hold_the_certificate(enrollment):
    complete_everything(enrollment)
    assert award_certificate_if_complete(enrollment.pk) is not None


def test_the_reminder_comes_once_the_rule_is_met_and_stops_once_answered(client, enrollment):
    kind = [reminders.kind("evaluation")]
    assert due_now(timezone.now(), kinds=kind).ready + due_now(timezone.now(), kinds=kind).held == []
    complete_everything(enrollment)
    found = due_now(timezone.now(), kinds=kind)
    [item] = found.ready + found.held
    assert item.recipient == enrollment.user

    client.force_login(enrollment.user)
    client.post(url(enrollment), GOOD)
    found = due_now(timezone.now(), kinds=kind)
    assert found.ready + found.held == []


def answer_as(cohort, name, comment, ratings=GOOD):
    from cohorts.evaluations.services import END, submit_response

    person = EnrollmentFactory(cohort=cohort, user=factories.participant(full_name=name))
    submit_response(person, evaluation(cohort), END, {**ratings, "comments": comment})


def set_minimum(cohort, people):
    """What an editor does in the program's settings: anonymous results show from this many people."""
    program = cohort.program.specific
    program.anonymous_results_minimum = people
    program.save_revision().publish()


def test_cohort_results_show_distributions_and_comments_without_names(client, cohort, leader):
    set_minimum(cohort, 2)
    answer_as(cohort, "Avery Stone", "The feedback loop was the best part.")
    answer_as(cohort, "Blake Rivera", "", {**GOOD, "facilitation": "3"})
    client.force_login(leader)

    page = client.get(f"/cohorts/{cohort.pk}/evaluation/").text

    assert "2 responses." in page
    assert "2 answers; average 4.0 of 5." in page  # facilitation: 5 and 3
    assert "The feedback loop was the best part." in page
    assert "Avery Stone" not in page and "Blake Rivera" not in page

    body = export_jobs.content(client, client.get(f"/cohorts/{cohort.pk}/evaluation/?format=csv"))
    assert body.startswith("\ufeff".encode())  # Excel on Windows reads it as UTF-8
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == ["cohort", "occasion", "submitted", *GOOD]
    assert len(rows) == 3 and "Avery Stone" not in str(rows)


SECRET = "Only the one from Ridgeview would say the pacing guide is a cage."


def test_anonymous_results_wait_for_five_people_and_say_so(client, cohort, leader):
    answer_as(cohort, "Avery Stone", SECRET, {**GOOD, "facilitation": "1"})
    for i in range(3):
        answer_as(cohort, f"P{i}", f"comment {i}")
    client.force_login(leader)

    page = client.get(f"/cohorts/{cohort.pk}/evaluation/").text

    assert "4 people have answered so far; results show from 5 people" in page
    assert "once 1 more person answers" in page
    assert SECRET not in page and "Strongly disagree" not in page and "average" not in page
    assert "Download all answers" not in page
    # Asked for anyway, the CSV is not given: the page says why.
    response = client.get(f"/cohorts/{cohort.pk}/evaluation/?format=csv")
    assert response["Content-Type"].startswith("text/html") and SECRET not in response.text
    assert "results show from 5 people" in response.text
    # Nor through the per-facilitator results (their own, or an admin reading them).
    for reader in (leader, factories.program_admin()):
        client.force_login(reader)
        page = client.get(f"/cohorts/evaluation/facilitators/{leader.pk}/{cohort.program_id}/").text
        assert "4 people have answered so far" in page and SECRET not in page
        assert SECRET not in client.get(f"/cohorts/{cohort.pk}/evaluation/?format=csv").text

    answer_as(cohort, "P5", "the fifth")
    client.force_login(leader)
    page = client.get(f"/cohorts/{cohort.pk}/evaluation/").text
    assert SECRET in page and "5 responses." in page and "answered so far" not in page
    csv_file = export_jobs.content(client, client.get(f"/cohorts/{cohort.pk}/evaluation/?format=csv"))
    assert SECRET in csv_file.decode("utf-8-sig")


def test_the_program_sets_how_many_must_answer(client, cohort, leader):
    set_minimum(cohort, 3)
    answer_as(cohort, "A", "first")
    answer_as(cohort, "B", SECRET)
    client.force_login(leader)
    page = client.get(f"/cohorts/{cohort.pk}/evaluation/").text
    assert "2 people have answered so far; results show from 3 people" in page and SECRET not in page

    answer_as(cohort, "C", "third")
    assert SECRET in client.get(f"/cohorts/{cohort.pk}/evaluation/").text


def test_one_person_answering_twice_counts_once(client, cohort, leader):
    """Check-ins are answered on day 30, 60 and 90: three responses, still one person."""
    from cohorts.evaluations.services import submit_response

    set_minimum(cohort, 2)
    survey = Survey.objects.get(program=cohort.program, kind="checkin")
    survey.anonymous_results = True
    survey.save()
    person = EnrollmentFactory(cohort=cohort)
    answers = {q.key: ("4" if q.kind == "likert" else SECRET) for q in survey.questions.all()}
    for day in (30, 60, 90):
        submit_response(person, survey, f"day-{day}", answers)
    client.force_login(leader)

    page = client.get(f"/cohorts/{cohort.pk}/check-ins/").text

    assert "1 person has answered so far; results show from 2 people" in page and SECRET not in page


def test_named_results_where_the_program_says_so(client, cohort, leader):
    Survey.objects.filter(program=cohort.program, kind="evaluation").update(anonymous_results=False)
    answer_as(cohort, "Avery Stone", "Thanks!")
    client.force_login(leader)
    assert "Avery Stone" in client.get(f"/cohorts/{cohort.pk}/evaluation/").text


def test_results_per_facilitator_across_their_cohorts(client, cohort, leader):
    set_minimum(cohort, 2)
    other = CohortFactory(facilitators=[leader], program=cohort.program)
    not_theirs = CohortFactory(program=cohort.program)
    answer_as(cohort, "A", "from the first cohort")
    answer_as(other, "B", "from the second cohort")
    answer_as(not_theirs, "C", "from someone else's cohort")
    client.force_login(leader)

    page = client.get(f"/cohorts/evaluation/facilitators/{leader.pk}/{cohort.program_id}/").text

    assert "from the first cohort" in page and "from the second cohort" in page
    assert "from someone else's cohort" not in page
    home = " ".join(client.get("/dashboard/").text.split())  # the home names what the link gathers
    assert f'/{cohort.program_id}/">evaluation of all your {cohort.program.title} cohorts</a>' in home


def test_others_cannot_read_a_cohorts_results(client, cohort, leader):
    for person in (factories.facilitator(), factories.participant()):
        client.force_login(person)
        assert client.get(f"/cohorts/{cohort.pk}/evaluation/").status_code == 404
        assert client.get(f"/cohorts/evaluation/facilitators/{leader.pk}/{cohort.program_id}/").status_code == 404
    client.logout()
    assert client.get(f"/cohorts/{cohort.pk}/evaluation/").status_code == 302


def test_the_results_page_costs_the_same_however_many_answered(client, cohort, leader, django_assert_num_queries):
    client.force_login(leader)
    client.get(f"/cohorts/{cohort.pk}/evaluation/")
    answered = 0
    for count, queries in ((1, WITHHELD_PAGE_QUERIES), (4, WITHHELD_PAGE_QUERIES), (5, RESULTS_PAGE_QUERIES)):
        for i in range(answered, count):
            answer_as(cohort, f"P-{i}", f"comment {i}")
        answered = count
        with django_assert_num_queries(queries):
            assert client.get(f"/cohorts/{cohort.pk}/evaluation/").status_code == 200
    for i in range(answered, 12):
        answer_as(cohort, f"P-{i}", f"comment {i}")
    with django_assert_num_queries(RESULTS_PAGE_QUERIES):
        assert client.get(f"/cohorts/{cohort.pk}/evaluation/").status_code == 200


RESULTS_PAGE_QUERIES = 8  # the same for 5 or 12 answers: counts in one aggregate, comments in one query
WITHHELD_PAGE_QUERIES = 6  # too few answered: no answer is read at all


def test_an_empty_answer_cannot_be_stored(enrollment, cohort):
    from django.db import IntegrityError, transaction

    from cohorts.evaluations.models import Answer

    response = Response.objects.create(survey=evaluation(cohort), enrollment=enrollment, occasion="end")
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(response=response, question=evaluation(cohort).questions.first())


def test_the_evaluation_opens_only_once_the_requirement_is_met(client, enrollment):
    """Not offered on the home, not shown and not accepted before; offered, shown and accepted after:
    the one rule (services.evaluation_open), which the reminder reads too."""
    first = Activity.objects.filter(page__path__startswith=enrollment.cohort.program.path, required=True).first()
    Submission.objects.create(enrollment=enrollment, activity=first, status="complete")
    client.force_login(enrollment.user)
    assert "Fill in the evaluation" not in client.get("/dashboard/").text
    page = client.get(url(enrollment))
    assert page.status_code == 200 and "opens once you have met the course" in page.text
    assert "<legend>" not in page.text
    refused = client.post(url(enrollment), GOOD)
    assert refused.status_code == 403 and not Response.objects.exists()

    Submission.objects.filter(enrollment=enrollment).delete()
    complete_everything(enrollment)
    assert "Fill in the evaluation" in client.get("/dashboard/").text
    assert "<legend>" in client.get(url(enrollment)).text
    assert client.post(url(enrollment), GOOD).status_code == 302 and Response.objects.count() == 1
