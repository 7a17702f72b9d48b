"""A program's outline (its pages, activities and completion rule) is read from the cache by
the home, the progress page, the module pages and the gradebook: every publish, unpublish and
move shows on the next page, and a preview shows the editor's draft, not the cached outline."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache

from modules.models import Activity, CoursePage, ModulePage
from modules.outline import program_outline
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrollment():
    return EnrollmentFactory(cohort=CohortFactory(start_date=date.today()))


def progress_page(client, enrollment):
    client.force_login(enrollment.user)
    return client.get(f"/cohorts/enrollments/{enrollment.pk}/progress/").content.decode()


def test_the_outline_is_built_once_and_then_read_from_the_cache(django_assert_num_queries):
    course = CoursePage.objects.get()
    built = program_outline(course.pk)
    with django_assert_num_queries(1):  # the content's version only
        again = program_outline(course.pk)
    assert [p.pk for p in again.pages] == [p.pk for p in built.pages]
    assert [a.key for a in again.required] == [a.key for a in built.required]
    assert again.required[0].key == "lbg-m00-introductions"  # course order: the Welcome module first
    assert again.activities[0].page.title == built.pages[0].title  # each activity knows its page


def test_a_new_activity_published_shows_at_once_on_progress_and_module_page(client, enrollment):
    module = ModulePage.objects.get(number=2)
    before = progress_page(client, enrollment)
    assert "Exit ticket on targets" not in before
    draft = ModulePage.objects.get(pk=module.pk)
    draft.activities.add(Activity(key="lbg-m02-exit-ticket", kind="reflection", title="Exit ticket on targets"))
    draft.save_revision().publish()
    assert "Exit ticket on targets" in progress_page(client, enrollment)
    assert "Exit ticket on targets" in client.get(module.url).content.decode()


def test_a_new_threshold_published_counts_at_once(client, enrollment):
    assert "85%" in progress_page(client, enrollment)
    course = CoursePage.objects.get()
    course.completion_threshold = Decimal("0.70")
    course.save_revision().publish()
    page = progress_page(client, enrollment)
    assert "70%" in page and "85%" not in page


def test_an_unpublished_module_leaves_the_outline_and_the_pager(client, enrollment):
    three = ModulePage.objects.get(number=3)
    assert three.title in progress_page(client, enrollment)
    four = ModulePage.objects.get(number=4)
    assert f'href="{three.url}"' in client.get(four.url).content.decode()  # the pager's previous module
    three.unpublish()
    assert three.title not in progress_page(client, enrollment)
    pager = client.get(four.url).content.decode()
    assert f'href="{three.url}"' not in pager and f'href="{ModulePage.objects.get(number=2).url}"' in pager


def test_a_moved_module_takes_its_new_place_at_once(client, enrollment):
    course = CoursePage.objects.get()
    six = ModulePage.objects.get(number=6)
    first_titles = [p.title for p in program_outline(course.pk).children()]
    assert first_titles.index(six.title) > 1
    six.move(course, pos="first-child")
    assert [p.title for p in program_outline(course.pk).children()][0] == six.title
    page = progress_page(client, enrollment)
    assert page.index(six.title) < page.index(ModulePage.objects.get(number=0).title)


def test_a_preview_shows_the_drafts_activities_not_the_published_outline(client, rf, settings):
    module = ModulePage.objects.get(number=2)
    program_outline(module.get_parent().pk)  # the published outline is in the cache
    draft = ModulePage.objects.get(pk=module.pk)
    draft.activities.add(Activity(key="lbg-m02-draft-only", kind="reflection", title="A draft-only reflection"))
    client.force_login(factories.program_admin())
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    response = draft.make_preview_request(rf.get(module.url, HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}={session}"))
    assert "A draft-only reflection" in response.render().content.decode()
    assert not Activity.objects.filter(key="lbg-m02-draft-only").exists()
    assert cache.get("outline:generation") is None  # a preview moved nothing
