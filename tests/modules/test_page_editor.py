"""The page editor as a content editor meets it: activities are picked from a list by their titles, a new
activity gets its key from its title, a link to another page's activity is refused at the link, and the
explorer lists a program's pages in the order participants take them."""

import html
import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from modules.blocks import activity_choices
from modules.models import Activity, ModulePage, WorkshopSeriesPage
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["admin", "editor"])
def content_person(request):
    return factories.program_admin() if request.param == "admin" else factories.content_editor()


def module(course, **fields):
    page = ModulePage(title="Module 09 draft", slug="module-09-draft", number=9, **fields)
    course.add_child(instance=page)
    return page


def edit_data(page, body, activities, initial_activities=0, action=None):
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "number": page.number,
            "focus": "",
            "hours": "5",
            "description": rich_text(""),
            "objectives": streamfield([]),
            "body": streamfield(body),
            "activities": inline_formset(activities, initial=initial_activities),
            "comments": inline_formset([]),
        }
    )
    if action:
        data[action] = "1"
    return data


def link(key):
    return ("activity", {"activity_key": key, "lead_in": "", "minutes": "30"})


def activity(title, key="", **fields):
    return {"key": key, "kind": "assignment", "title": title, "prompt": rich_text(""), "required": "on", **fields}


def edit(client, page, data):
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_the_activity_link_offers_every_activity_by_title_grouped_under_its_program_and_page(client, content_person):
    groups = dict(activity_choices())
    module_02 = groups["Learning-Based Grading \u2014 Module 02: Writing Clear, Assessable Learning Targets"]
    assert ("lbg-m02-learning-targets", "Learning Targets") in module_02
    assert ("lbg-m00-introductions", "Introductions") in groups["Learning-Based Grading \u2014 Welcome"]
    assert any(key == "mlg-w0-attendance" for key, _ in sum(groups.values(), []))

    client.force_login(content_person)
    page = ModulePage.objects.get(number=2)
    form = html.unescape(html.unescape(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()))
    assert "Module 02: Writing Clear, Assessable Learning Targets" in form
    assert re.search(r'<option value=\\?"lbg-m02-learning-targets\\?">Learning Targets</option>', form)
    assert "Activity key" not in form


def test_a_module_saves_and_publishes_with_a_link_to_its_own_activity(client, content_person):
    page = module(factories.lbg_course())
    client.force_login(content_person)
    response = edit(
        client, page, edit_data(page, [link("m09-own")], [activity("Own", "m09-own")], action="action-publish")
    )
    assert response.status_code == 302, response.context["form"].errors
    page.refresh_from_db()
    assert page.live
    assert [b.value["activity_key"] for b in page.body] == ["m09-own"]


def test_a_link_to_another_pages_activity_is_refused_at_the_link_naming_the_activity(client, content_person):
    page = module(factories.lbg_course())
    client.force_login(content_person)
    data = edit_data(page, [link("m09-own"), link("lbg-m03-golden-lines")], [activity("Own", "m09-own")])
    response = edit(client, page, data)
    assert response.status_code == 200
    errors = response.context["form"].errors["body"].as_data()[0]
    assert list(errors.block_errors) == [1]  # the second block, not the first
    text = str(errors.block_errors[1].block_errors["activity_key"].messages)
    assert "\u201cGolden Lines\u201d is an activity of another page" in text
    assert "lbg-m03" not in text
    assert "The page could not be saved" in response.content.decode()


def test_a_new_activity_left_without_a_key_gets_one_from_its_title_and_a_link_can_name_it(client, content_person):
    page = module(factories.lbg_course())
    client.force_login(content_person)
    new = [activity("Golden Lines"), activity("Golden Lines", kind="reflection")]
    response = edit(client, page, edit_data(page, [], new, action="action-publish"))
    assert response.status_code == 302, response.context["form"].errors
    keys = list(Activity.objects.filter(page=page).order_by("sort_order").values_list("key", flat=True))
    assert keys == ["golden-lines", "golden-lines-2"]  # distinct from each other and from lbg-m01-golden-lines

    # Once published, the new activity is in the list and a link to it saves.
    assert ("golden-lines", "Golden Lines") in dict(activity_choices())[
        "Learning-Based Grading \u2014 Module 09: Module 09 draft"
    ]


def test_the_key_of_a_saved_activity_stays_as_it_is(client, content_person):
    page = ModulePage.objects.get(number=2)
    target = page.activities.get(key="lbg-m02-learning-targets")
    client.force_login(content_person)
    form = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    key_input = re.search(r'<input[^>]*name="activities-0-key"[^>]*>', form).group(0)
    assert "disabled" in key_input

    forms = [
        {"id": a.pk, **activity(a.title, "renamed-key" if a.pk == target.pk else a.key, kind=a.kind)}
        for a in page.activities.all()
    ]
    body = [link("lbg-m02-learning-targets")]
    response = edit(client, page, edit_data(page, body, forms, initial_activities=len(forms), action="action-publish"))
    assert response.status_code == 302, response.context["form"].errors
    target.refresh_from_db()
    assert target.key == "lbg-m02-learning-targets"


def explorer_titles(client, page):
    listing = client.get(reverse("wagtailadmin_explore", args=[page.pk])).content.decode()
    ids = [int(pk) for pk in re.findall(r'<tr id="page_(\d+)"', listing)]
    titles = dict(page.get_children().values_list("pk", "title"))
    return [titles[pk] for pk in ids]


def test_the_explorer_lists_a_programs_pages_in_the_order_participants_take_them(client, content_person):
    client.force_login(content_person)
    course = factories.lbg_course()
    expected = [p.title for p in course.get_children().order_by("path")]
    numbers = list(ModulePage.objects.child_of(course).order_by("path").values_list("number", flat=True))
    assert numbers == sorted(numbers) and numbers[0] == 0
    assert explorer_titles(client, course) == expected

    series = WorkshopSeriesPage.objects.get()
    assert explorer_titles(client, series) == [p.title for p in series.get_children().order_by("path")]


def test_the_preview_shows_the_editor_the_whole_page_inside_the_admins_frame(client, content_person):
    client.force_login(content_person)
    page = module(factories.lbg_course())
    section = (
        "section",
        {"heading": "Targets a student can read", "body": rich_text("<p>One skill.</p>"), "minutes": ""},
    )
    data = edit_data(page, [section, link("m09-own")], [activity("Write your own targets", "m09-own")])
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    assert client.post(url, data).json()["is_valid"]
    preview = client.get(url + "?in_preview_panel=true")
    text = preview.content.decode()
    assert "<h3>Targets a student can read</h3>" in text  # the materials themselves, not only their titles
    assert "Write your own targets" in text
    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]

    # The page as published is still framed by no one.
    live = client.get(ModulePage.objects.get(number=2).url)
    assert "frame-ancestors 'none'" in live["Content-Security-Policy"]


def test_the_implementation_page_offers_no_link_to_an_activity_as_it_has_none(client, content_person):
    from modules.models import NextStepsPage

    client.force_login(content_person)
    next_steps = NextStepsPage.objects.child_of(factories.lbg_course()).get()
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[next_steps.pk])).content.decode()
    assert "Golden line (quote)" in editor  # the other kinds of material are offered
    assert "Link to an activity" not in editor
