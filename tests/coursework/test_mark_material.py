"""Marking learning materials done: the participant's own marks, shown on the module page,
the progress page and the module list; never counted toward the certificate."""

import json
from datetime import date

import pytest

from cohorts.coursework.models import MaterialMark
from cohorts.coursework.selectors import enrollment_progress
from modules.materials import materials_of
from modules.models import ModulePage, WorkshopPage
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrollment(participant):
    return EnrollmentFactory(cohort=CohortFactory(start_date=date.today()), user=participant)


@pytest.fixture
def module():
    return ModulePage.objects.get(number=2)


def markable(page):
    return [m for m in materials_of(page.body) if m.markable]


def mark_url(enrollment, page):
    return f"/cohorts/enrollments/{enrollment.pk}/materials/{page.pk}/"


def test_a_participant_marks_a_material_done_and_sees_it_everywhere(client, enrollment, module):
    client.force_login(enrollment.user)
    first = markable(module)[0]
    html = client.get(module.url).content.decode()
    assert f"You have done 0 of {len(markable(module))} materials." in html
    assert f'aria-label="Mark done: {first.title}"' in html

    response = client.post(mark_url(enrollment, module), {"block": first.id, "done": "1"})

    assert response.status_code == 302 and response.url == f"{module.url}#m-{first.id}"
    html = client.get(module.url).content.decode()
    assert f"You have done 1 of {len(markable(module))} materials." in html
    assert f'aria-label="Mark not done: {first.title}"' in html
    progress = client.get(f"/cohorts/enrollments/{enrollment.pk}/progress/").content.decode()
    assert (
        f"<strong>1 of {sum(len(markable(p)) for p in ModulePage.objects.all()) + 3}</strong> materials done"
        in progress
    )
    assert f"Materials: 1 of {len(markable(module))} done." in progress
    course = client.get(module.get_parent().url).content.decode()
    assert f"Materials 1 of {len(markable(module))} · Submissions 0 of 2 complete" in course


def test_marks_never_count_toward_the_certificate(client, enrollment, module):
    client.force_login(enrollment.user)
    before = enrollment_progress(enrollment)
    for page in ModulePage.objects.all():
        for item in markable(page):
            client.post(mark_url(enrollment, page), {"block": item.id})
    assert MaterialMark.objects.filter(enrollment=enrollment).count() == sum(
        len(markable(p)) for p in ModulePage.objects.all()
    )
    after = enrollment_progress(enrollment)
    assert (after.complete, after.required, after.met) == (before.complete, before.required, False)


def test_marking_twice_keeps_one_mark_and_undo_takes_it_back(client, enrollment, module):
    client.force_login(enrollment.user)
    item = markable(module)[1]
    client.post(mark_url(enrollment, module), {"block": item.id, "how": "watched"})
    client.post(mark_url(enrollment, module), {"block": item.id})
    mark = MaterialMark.objects.get(enrollment=enrollment)
    assert mark.how == "watched"  # the first way it was done is kept
    client.post(mark_url(enrollment, module), {"block": item.id, "done": "0"})
    assert not MaterialMark.objects.filter(enrollment=enrollment).exists()


def test_the_page_script_gets_json(client, enrollment, module):
    client.force_login(enrollment.user)
    item = markable(module)[2]
    response = client.post(
        mark_url(enrollment, module), {"block": item.id, "how": "opened"}, HTTP_ACCEPT="application/json"
    )
    assert json.loads(response.content) == {"done": True, "block": item.id}
    assert MaterialMark.objects.get(enrollment=enrollment).how == "opened"


def test_another_participant_cannot_mark_for_someone_else(client, enrollment, module):
    other = factories.participant()
    EnrollmentFactory(cohort=enrollment.cohort, user=other)
    client.force_login(other)
    response = client.post(mark_url(enrollment, module), {"block": markable(module)[0].id})
    assert response.status_code == 404
    assert not MaterialMark.objects.exists()


def test_a_facilitator_does_not_mark_materials(client, enrollment, module, facilitator):
    enrollment.cohort.facilitators.add(facilitator)
    client.force_login(facilitator)
    assert client.post(mark_url(enrollment, module), {"block": markable(module)[0].id}).status_code == 404
    html = client.get(module.url).content.decode()
    assert "Learning materials" in html and "Mark done" not in html


def test_a_block_that_is_not_on_the_page_or_a_page_of_another_program_is_refused(client, enrollment, module):
    client.force_login(enrollment.user)
    response = client.post(mark_url(enrollment, module), {"block": "not-a-block"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert "no longer on this page" in json.loads(response.content)["error"]
    workshop = WorkshopPage.objects.get(number=1)
    response = client.post(mark_url(enrollment, workshop), {"block": markable(workshop)[0].id}, follow=True)
    assert "This page is not part of your course." in response.content.decode()
    assert not MaterialMark.objects.exists()


def test_before_course_access_opens_nothing_is_marked(client, participant, module):
    early = EnrollmentFactory(cohort=CohortFactory(start_date=date(2031, 1, 6)), user=participant)
    client.force_login(participant)
    response = client.post(mark_url(early, module), {"block": markable(module)[0].id}, follow=True)
    assert "Course access has not opened yet." in response.content.decode()
    assert not MaterialMark.objects.exists()


def test_marking_needs_a_post_and_a_signed_in_person(client, enrollment, module):
    assert client.post(mark_url(enrollment, module), {"block": markable(module)[0].id}).status_code == 302
    client.force_login(enrollment.user)
    assert client.get(mark_url(enrollment, module)).status_code == 405


def test_a_visitor_sees_what_the_page_holds_but_not_the_materials(client, module):
    html = client.get(module.url).content.decode()
    assert "Learning materials" in html
    assert "open to participants of a cohort once course access opens" in html
    assert "<video" not in html and "Mark done" not in html


QUERIES_MODULE_PAGE_PARTICIPANT = 10  # was 29: found by the URL map (no query per level), the materials rendered once per published revision; activities, outcomes and neighbours from the program's outline; no deadlines read once the cohort has started; the user's roles with the user


def test_the_module_page_costs_the_same_queries_whatever_is_marked(
    client, enrollment, module, django_assert_num_queries
):
    client.force_login(enrollment.user)
    client.get(module.url)
    for count in (0, 1, len(markable(module))):
        for item in markable(module)[:count]:
            client.post(mark_url(enrollment, module), {"block": item.id})
        EnrollmentFactory(cohort=enrollment.cohort)
        with django_assert_num_queries(QUERIES_MODULE_PAGE_PARTICIPANT):
            assert client.get(module.url).status_code == 200


QUERIES_COURSE_PAGE_PARTICIPANT = 22


def test_the_module_list_costs_the_same_queries_whatever_is_marked(
    client, enrollment, module, django_assert_num_queries
):
    course = module.get_parent()
    client.force_login(enrollment.user)
    client.get(course.url)
    for count in (0, 2, len(markable(module))):
        for item in markable(module)[:count]:
            client.post(mark_url(enrollment, module), {"block": item.id})
        EnrollmentFactory(cohort=enrollment.cohort)
        with django_assert_num_queries(QUERIES_COURSE_PAGE_PARTICIPANT):
            assert "Your progress" in client.get(course.url).content.decode()
