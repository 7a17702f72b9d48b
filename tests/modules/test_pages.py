"""Every page of both programs opens, and shows what a reader needs."""

import pytest
from wagtail.models import Page

from modules.models import CoursePage, ModulePage, WorkshopSeriesPage

pytestmark = pytest.mark.django_db


def test_every_live_page_opens_for_an_anonymous_visitor(client):
    pages = Page.objects.live().filter(depth__gte=2).specific()
    assert len(pages) == 1 + 1 + 7 + 1 + 1 + 10 + 1  # with each program's next-steps page
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert (
            f"<h1>{page.title}" in response.content.decode().replace("&amp;", "&")
            or page.title in response.content.decode()
        )


def test_anonymous_visitors_read_the_overview_but_not_the_activities(client):
    html = client.get(ModulePage.objects.get(slug="module-02").url).content.decode()
    assert "Professional learning objectives" in html
    assert "Participant activities" not in html
    assert "Activities are for participants enrolled in a cohort" in html


def test_home_lists_both_programs_with_links(client):
    html = client.get("/").content.decode()
    assert 'href="/learning-based-grading/"' in html
    assert 'href="/mastery-learning-and-grading/"' in html


def test_course_page_lists_modules_with_hours_outcomes_and_total(client):
    html = client.get("/learning-based-grading/").content.decode()
    assert "Module 01" in html and "Module 06" in html and "Welcome" in html
    assert "Writing Clear, Assessable Learning Targets" in html
    assert "<td>3, 4, 5</td>" in html  # Module 02's target outcomes
    assert "Total</th><td>30</td>" in html
    assert "Engaging and Supporting All Students in Learning" in html
    assert "Frequently asked questions" in html


def test_module_page_shows_objectives_description_activities_and_neighbours(client, program_admin):
    client.force_login(program_admin)  # activities are for those in a cohort (see tests/cohorts)
    module = ModulePage.objects.get(slug="module-02")
    html = client.get(module.url).content.decode()
    assert "Professional learning objectives" in html
    assert "Revise a learning objective to be appropriately written, assessable, and student facing." in html
    assert "Learning Targets" in html and "Assignment Feedback" in html
    assert "Assignment submission" in html  # the activity kind
    assert "CSTP 5: Assessing Students for Learning" in html
    assert 'rel="prev" href="/learning-based-grading/module-01/"' in html
    assert 'rel="next" href="/learning-based-grading/module-03/"' in html


def test_workshop_series_page_shows_the_timeline_with_hours_and_total(client):
    html = client.get("/mastery-learning-and-grading/").content.decode()
    assert html.count('class="timeline__step') == 10 + 1  # and Implementation and next steps after them
    assert "Total: 19.5 hours" in html
    assert "1.5 hours" in html
    assert "How might I setup a Mastery Learning and Grading gradebook?" in html
    assert "Shift D:</strong> Learning strategies for Mastery Grading" in html


def test_workshop_page_shows_question_hours_and_attendance(client, program_admin):
    client.force_login(program_admin)
    page = WorkshopSeriesPage.objects.get().get_children().live().specific()[1]
    html = client.get(page.url).content.decode()
    assert "What might be some problems with traditional K-12 grading practices?" in html
    assert "2 hours" in html
    assert "Attendance" in html


def test_contact_details_come_from_the_admin_setting(client):
    from modules.models import ProgramContactSettings

    contact = ProgramContactSettings.load()
    contact.contact_name = "Sam Office"
    contact.contact_email = "office@example.org"
    contact.save()
    html = client.get(CoursePage.objects.get().url).content.decode()
    assert "Sam Office" in html
    assert 'href="mailto:office@example.org"' in html


@pytest.mark.parametrize("program", [CoursePage, WorkshopSeriesPage])
def test_a_fresh_install_still_has_the_contact_section_its_text_points_to(client, program):
    """The course text says "see Contact on this page": with no contact details entered yet,
    the section is there and says so, rather than missing."""
    html = client.get(program.objects.get().url).content.decode()
    assert "see Contact on this page" in html
    assert '<h2 id="contact-heading">Contact</h2>' in html
    assert "The program office has not added its contact details to this site yet." in html


QUERIES_PROGRAM_PAGE = {"/learning-based-grading/": 19, "/mastery-learning-and-grading/": 11}


def test_pages_use_fixed_query_counts(client, django_assert_num_queries):
    from tests.factories import CohortFactory, EnrollmentFactory

    for url in QUERIES_PROGRAM_PAGE:
        client.get(url)  # fills the site's route cache
    for cohorts in (2, 8):  # with more cohorts and people: the same queries
        for _ in range(cohorts):
            EnrollmentFactory(cohort=CohortFactory())
        for url, queries in QUERIES_PROGRAM_PAGE.items():
            with django_assert_num_queries(queries):
                assert client.get(url).status_code == 200
