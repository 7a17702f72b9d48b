"""A program's pages are found from a map of URLs kept under the content's version: every
rename, unpublish and move is served right on the next request, and Wagtail's privacy rules
still hold for pages found this way."""

import pytest
from wagtail.models import PageViewRestriction

from modules.models import CoursePage, ModulePage
from modules.routing import route_map

pytestmark = pytest.mark.django_db


def test_a_module_page_is_found_with_its_course_as_parent(client):
    module = ModulePage.objects.get(number=2)
    client.get(module.url)  # a running site: the map and the course's outline are in the cache
    response = client.get(module.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert module.title in html
    course = CoursePage.objects.get()
    assert f'href="{course.url}"' in html  # the breadcrumb names the course: the parent came with it


def test_a_renamed_page_answers_at_its_new_address_at_once(client):
    module = ModulePage.objects.get(number=2)
    old = module.url
    assert client.get(old).status_code == 200
    module.slug = "writing-targets"
    module.save_revision().publish()
    assert client.get(old).status_code == 404
    assert client.get(ModulePage.objects.get(pk=module.pk).url).status_code == 200


def test_an_unpublished_page_is_not_found(client):
    module = ModulePage.objects.get(number=3)
    assert client.get(module.url).status_code == 200
    module.unpublish()
    assert client.get(module.url).status_code == 404


def test_a_moved_page_answers_at_its_new_address_at_once(client):
    from modules.models import WorkshopSeriesPage

    module = ModulePage.objects.get(number=4)
    old = module.url
    assert client.get(old).status_code == 200
    route_map()  # the map as it was, in the cache
    ModulePage.objects.get(pk=module.pk).move(WorkshopSeriesPage.objects.get(), pos="last-child")
    new = ModulePage.objects.get(pk=module.pk).url
    assert client.get(new).status_code == 200
    moved = client.get(old)  # Wagtail leaves a redirect from the old address
    assert moved.status_code == 301 and moved["Location"] == new


def test_unknown_addresses_are_not_found(client):
    assert client.get("/learning-based-grading/no-such-module/").status_code == 404
    assert client.get("/learning-based-grading/module-02/deeper/").status_code == 404


def test_a_private_course_keeps_its_modules_private(client):
    course = CoursePage.objects.get()
    PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)
    module = ModulePage.objects.get(number=2)
    response = client.get(module.url)
    assert response.status_code == 302 and response["Location"].endswith(f"login/?next={module.url}")
