"""The learning materials are rendered once per published revision of a page and shared by
everyone: a new publish shows at once, a preview is never cached, and what is personal (marks,
activity statuses) is never shared through the cache."""

from datetime import date

import pytest
from django.core.cache import cache

from cohorts.coursework import materials as marks
from modules.materials import materials_of, rendered_blocks
from modules.models import ModulePage
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def module():
    return ModulePage.objects.get(number=2)


@pytest.fixture
def cohort():
    return CohortFactory(start_date=date.today())


def first_section(page):
    return next(block for block in page.body if block.block_type == "section")


def publish_with_heading(page, heading):
    page = ModulePage.objects.get(pk=page.pk)
    section = first_section(page)
    section.value["heading"] = heading
    page.save_revision().publish()
    return ModulePage.objects.get(pk=page.pk)


def test_publishing_again_shows_the_new_materials_at_once(client, cohort, module):
    client.force_login(EnrollmentFactory(cohort=cohort).user)
    before = client.get(module.url).text
    old_heading = first_section(module).value["heading"]
    assert old_heading in before

    publish_with_heading(module, "Targets students can read")

    after = client.get(module.url).text
    assert "Targets students can read" in after and old_heading not in after


def test_the_cache_serves_the_published_revision(module):
    html = rendered_blocks(module)
    key = f"materials:{module.pk}:{module.live_revision_id}"
    assert cache.get(key) == html
    cache.set(key, {**html, first_section(module).id: "<p>from the cache</p>"})
    assert rendered_blocks(module)[first_section(module).id] == "<p>from the cache</p>"


def test_a_preview_is_rendered_each_time_and_never_cached(module):
    draft = ModulePage.objects.get(pk=module.pk)
    first_section(draft).value["heading"] = "A heading still in draft"
    html = rendered_blocks(draft, preview=True)
    assert "A heading still in draft" in html[first_section(draft).id]
    assert cache.get(f"materials:{module.pk}:{module.live_revision_id}") is None
    assert "A heading still in draft" not in "".join(rendered_blocks(module).values())


def test_a_participant_never_sees_anothers_marks_or_statuses_through_the_cache(client, cohort, module):
    ana, ben = EnrollmentFactory(cohort=cohort), EnrollmentFactory(cohort=cohort)
    item = next(m for m in materials_of(module.body) if m.markable)
    marks.do_mark_material(ana, module, item.id)

    client.force_login(ana.user)
    mine = client.get(module.url).text
    client.force_login(ben.user)
    theirs = client.get(module.url).text

    assert f'aria-label="Mark not done: {item.title}"' in mine
    assert f'aria-label="Mark done: {item.title}"' in theirs
    assert f'aria-label="Mark not done: {item.title}"' not in theirs
    assert "You have done 0 of" in theirs and "You have done 1 of" in mine
    # The activity links name each person's own enrollment.
    assert f"/cohorts/enrollments/{ana.pk}/" in mine and f"/cohorts/enrollments/{ana.pk}/" not in theirs
    assert f"/cohorts/enrollments/{ben.pk}/" in theirs
