"""The gradebook designer: a participant's grading plan, its rule, a sample class, and the files
that go back to their classroom. Nobody else sees a plan."""

import subprocess

import pytest

from cohorts.toolkit.models import GradingPlan, MasteryTask
from cohorts.toolkit.plans import services as plan_services
from cohorts.toolkit.target_sets import services
from tests import factories
from tests.pdf import pdf_text
from tests.pdfua import assert_pdf_ua


@pytest.fixture
def plan(participant):
    plan = plan_services.create_plan(participant, course_name="Biology 9", scale="mip")
    for title in ("Cell lab", "Microscope quiz", "Mitosis model"):
        plan_services.add_task(plan, title=title)
    return plan


def change(client, plan, action, **data):
    return client.post(f"/toolkit/plans/{plan.pk}/change/{action}/", data)


def test_a_participant_designs_a_plan(client, participant, target_set):
    client.force_login(participant)
    created = client.post("/toolkit/plans/new/", {"course_name": "Grade 5 math", "scale": "4321", "mastery_level": "3"})
    plan = GradingPlan.objects.get(owner=participant)
    assert created.url == f"/toolkit/plans/{plan.pk}/"
    target = target_set.groups.get().targets.first()
    change(client, plan, "add-task", title="Fractions exit ticket", targets=[target.pk])
    task = plan.tasks.get()
    assert list(task.targets.all()) == [target]
    page = client.get(f"/toolkit/plans/{plan.pk}/").content.decode()
    assert "Fractions exit ticket" in page and f"Aligned to: {target.text}" in page
    assert "mastery is 3 or higher" in page
    assert "A = 0 | B = 1 | C = 2 | F = 3 or more" in page


def test_a_task_aligns_only_to_ones_own_targets(client, participant, plan):
    stranger_set = services.create_target_set(
        factories.participant(email="s@example.org"), course_name="X", grade_band="6-8"
    )
    theirs = services.add_target(services.add_group(stranger_set, kind="standard", code="", text="S"), text="I can add")
    client.force_login(participant)
    answer = change(client, plan, "add-task", title="Sneaky", targets=[theirs.pk])
    assert answer.status_code == 400 and "your own learning targets" in answer.content.decode()
    assert not MasteryTask.objects.filter(title="Sneaky").exists()


def test_the_letter_for_any_count(client, participant, plan):
    client.force_login(participant)
    page = client.get(f"/toolkit/plans/{plan.pk}/?tasks=19&not_yet=3").content.decode()
    assert "3 of 19 not yet mastered: <strong>B</strong>" in page
    page = client.get(f"/toolkit/plans/{plan.pk}/?tasks=5&not_yet=9").content.decode()
    assert "“not_yet” must be a whole number from 0 to the number of tasks." in page
    assert "Give whole numbers" in client.get(f"/toolkit/plans/{plan.pk}/?tasks=x&not_yet=1").content.decode()


def test_a_teacher_sets_their_own_bands_and_can_go_back(client, participant, plan):
    client.force_login(participant)
    change(client, plan, "rule", bands_text="A 0\nB 2\nC 4\nNY", wide_text="", wide_from="")
    plan.refresh_from_db()
    assert plan.bands == [
        {"letter": "A", "most": 0},
        {"letter": "B", "most": 2},
        {"letter": "C", "most": 4},
        {"letter": "NY", "most": None},
    ]
    assert (
        "3 of 10 not yet mastered: <strong>C</strong>"
        in client.get(f"/toolkit/plans/{plan.pk}/?tasks=10&not_yet=3").content.decode()
    )
    bad = change(client, plan, "rule", bands_text="A 2\nB 1\nF", wide_text="", wide_from="")
    assert bad.status_code == 400 and "greater than the band before" in bad.content.decode()
    assert "A 2\nB 1\nF" in bad.content.decode()  # what was typed comes back
    mismatch = change(client, plan, "rule", bands_text="A 0\nB 1\nF", wide_text="A 1\nC 3\nF", wide_from="10")
    assert mismatch.status_code == 400 and "same letters" in mismatch.content.decode()
    garbled = change(client, plan, "rule", bands_text="A zero\nF", wide_text="", wide_from="")
    assert "Line 1 (“A zero”)" in garbled.content.decode()
    change(client, plan, "reset-rule")
    plan.refresh_from_db()
    assert plan.bands == [] and "The course's rule" in client.get(f"/toolkit/plans/{plan.pk}/").content.decode()


def test_tasks_move_and_are_removed(client, participant, plan):
    client.force_login(participant)
    last = plan.tasks.get(title="Mitosis model")
    change(client, plan, "move-task", task=last.pk, direction="up")
    assert list(plan.tasks.order_by("position").values_list("title", flat=True)) == [
        "Cell lab",
        "Mitosis model",
        "Microscope quiz",
    ]
    change(client, plan, "delete-task", task=last.pk)
    assert plan.tasks.count() == 2


def test_the_preview_shows_a_class_of_25_week_by_week(client, participant, plan):
    client.force_login(participant)
    page = client.get(f"/toolkit/plans/{plan.pk}/preview/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "25 sample students, 18 weeks, 3 mastery tasks" in html
    assert html.count('<th scope="row">Student ') == 25
    assert page.context["student_rows"] == client.get(f"/toolkit/plans/{plan.pk}/preview/").context["student_rows"]


def test_the_policy_is_a_tagged_pdf_parents_can_read(client, participant, plan, tmp_path):
    client.force_login(participant)
    response = client.get(f"/toolkit/plans/{plan.pk}/grading-policy.pdf")
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "policy.pdf"
    path.write_bytes(response.content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info and "Title:           How grades work in Biology 9" in info
    assert "Pages:           1" in info  # one page, for the fridge
    assert_pdf_ua(response.content)
    text = " ".join(pdf_text(response.content).split())
    assert "A = 0 | B = 1 | C = 2 | F = 3 or more" in text and "Mitosis model" in text


def test_another_participant_sees_no_plan(client, plan):
    client.force_login(factories.participant(email="other@example.org"))
    for path in ("", "preview/", "gradebook.xlsx", "grading-policy.pdf"):
        assert client.get(f"/toolkit/plans/{plan.pk}/{path}").status_code == 404
    assert change(client, plan, "add-task", title="x").status_code == 404
    assert client.post(f"/toolkit/plans/{plan.pk}/delete/").status_code == 404
    assert GradingPlan.objects.filter(pk=plan.pk).exists() and plan.tasks.count() == 3


@pytest.mark.parametrize("tasks", [1, 5])
def test_the_designer_takes_a_fixed_number_of_queries(
    client, participant, target_set, django_assert_num_queries, tasks
):
    plan = plan_services.create_plan(participant, course_name="Course", scale="mip")
    targets = list(target_set.groups.get().targets.all())
    for n in range(tasks):
        plan_services.add_task(plan, title=f"Task {n}", targets=[t.pk for t in targets[: n % 3]])
    client.force_login(participant)
    client.get(f"/toolkit/plans/{plan.pk}/")
    # session, person, the plan, its tasks, their targets, the person's sets, standards, targets,
    # the person's courses (none here: the assignments are not looked up further)
    with django_assert_num_queries(10):  # with the owner's drafts of the page's fields
        client.get(f"/toolkit/plans/{plan.pk}/")


def test_the_owner_deletes_a_plan(client, participant, plan):
    client.force_login(participant)
    answer = client.post(f"/toolkit/plans/{plan.pk}/delete/", follow=True)
    assert "Deleted the grading plan “Biology 9”." in answer.content.decode()
    assert not GradingPlan.objects.filter(pk=plan.pk).exists() and not MasteryTask.objects.exists()
