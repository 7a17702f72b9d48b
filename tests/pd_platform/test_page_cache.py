"""Each person's pages kept whole (pd_platform.page_cache): served again only to their reader,
and never after something they show has changed.

These tests commit for real (a generation moves when a transaction commits), so they run on a
transactional database with the course content loaded in it.
"""

import io
import re
import time
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from cohorts.coursework import services
from cohorts.coursework.models import Submission
from cohorts.registration.models import StripeEvent
from modules.materials import materials_of
from modules.models import Activity, ModulePage, ProgramContactSettings
from pd_platform import page_cache
from pd_platform.cache import _last_unreachable as unreachable_at
from pd_platform.models import PersonalDataEvent
from pd_platform.page_cache import HEADER, cohort_key, user_key
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory
from tests.registration.test_stripe import SECRET, send

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def content(settings):
    settings.PAGE_CACHE = True
    call_command("load_content", stdout=io.StringIO())
    ProgramContactSettings.load()  # made on a site's first page otherwise: a write, which empties the cache


@pytest.fixture
def facilitator_of(content):
    return factories.facilitator(full_name="Fran Okafor")


@pytest.fixture
def cohort(facilitator_of):
    return CohortFactory(start_date=date.today(), facilitators=[facilitator_of])


@pytest.fixture
def ana(cohort):
    return EnrollmentFactory(cohort=cohort, user=factories.participant(full_name="Ana Reyes"))


@pytest.fixture
def ben(cohort):
    return EnrollmentFactory(cohort=cohort, user=factories.participant(full_name="Ben Osei"))


@pytest.fixture
def module(content):
    return ModulePage.objects.get(number=2)


def browser(user):
    client = Client()
    client.force_login(user)
    return client


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.get(HEADER), response.content.decode()


def first_material(module):
    return next(m for m in materials_of(module.body) if m.markable)


def test_a_participant_gets_their_own_page_again_and_never_another_participants_marks(ana, ben, module):
    material = first_material(module)
    anas, bens = browser(ana.user), browser(ben.user)
    progress = f"/cohorts/enrollments/{ana.pk}/progress/"
    kept, first = get(anas, module.url)
    hit, again = get(anas, module.url)
    get(anas, progress)

    assert (kept, hit) == ("kept", "hit")
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert token.sub("", again) == token.sub("", first)

    anas.post(f"/cohorts/enrollments/{ana.pk}/materials/{module.pk}/", {"block": material.id, "done": "1"})

    header, ana_page = get(anas, module.url)  # her mark shows at once, here and on her progress
    assert header == "kept" and "You have done 1 of" in ana_page
    assert f'aria-label="Mark not done: {material.title}"' in ana_page
    assert "Materials: 1 of" in get(anas, progress)[1]
    header, ben_page = get(bens, module.url)
    header_again, ben_again = get(bens, module.url)
    assert header == "kept" and header_again == "hit"
    for page in (ben_page, ben_again):
        assert "Ben Osei" in page and "Ana Reyes" not in page
        assert f'aria-label="Mark done: {material.title}"' in page
        assert "You have done 0 of" in page
    assert bens.get(progress).status_code == 404  # hers: refused, never served from her copy


def test_a_publish_or_a_bulk_change_nobody_attributed_empties_every_kept_page(ana, module):
    client = browser(ana.user)
    get(client, module.url)
    assert get(client, module.url)[0] == "hit"

    module.focus = "Revised focus: targets students can read"
    module.save_revision().publish()

    header, page = get(client, module.url)
    assert header == "kept" and "Revised focus: targets students can read" in page

    Submission.objects.filter(enrollment__cohort=ana.cohort).update(status=Submission.Status.COMPLETE)

    assert get(client, module.url)[0] == "kept"


def test_a_stripe_event_or_a_personal_data_export_leaves_every_kept_page_kept(ana, ben, module, settings):
    """Neither shows on any kept page (only in the admin, whose pages are never kept)."""
    client = browser(ana.user)
    get(client, module.url)
    settings.STRIPE_WEBHOOK_SECRET = SECRET
    other = {
        "id": "evt_other",
        "object": "event",
        "type": "customer.created",
        "created": int(time.time()),
        "data": {"object": {"id": "cus_1"}},
    }

    assert send(Client(), other).status_code == 200
    # Each lands on its job's page; the file is built as the request commits (eager tasks), each export audited.
    assert browser(ben.user).post("/accounts/personal-data.zip").status_code == 302
    assert client.post("/accounts/personal-data.zip").status_code == 302

    assert StripeEvent.objects.filter(event_id="evt_other").exists() and PersonalDataEvent.objects.count() == 2
    assert get(client, module.url)[0] == "hit"


def test_a_facilitators_pages_follow_their_cohorts_only(ana, facilitator_of, cohort, module):
    client = browser(facilitator_of)
    gradebook = f"/cohorts/{cohort.pk}/gradebook/"
    get(client, gradebook)
    header, before = get(client, gradebook)
    assert header == "hit"
    anas = browser(ana.user)
    get(anas, module.url)

    introduce(EnrollmentFactory(cohort=CohortFactory(start_date=date.today())))  # another cohort

    assert get(client, gradebook)[0] == "hit" and get(anas, module.url)[0] == "hit"

    introduce(ana)

    header, page = get(client, gradebook)
    assert header == "kept" and waiting_for_review(page) == waiting_for_review(before) + 1

    cohort.facilitators.remove(facilitator_of)

    assert client.get(gradebook).status_code == 404


def test_a_facilitator_given_another_cohort_follows_its_changes_from_their_next_page(facilitator_of, cohort):
    """The cohorts a reader's pages follow are kept too (a miss reads no membership row): a new
    cohort of theirs moves their own generation, so their next page follows it."""
    client = browser(facilitator_of)
    queue = "/cohorts/review/"
    get(client, queue)
    assert get(client, queue)[0] == "hit"
    later = CohortFactory(start_date=date.today(), name="Cohort 88")
    later.facilitators.add(facilitator_of)

    assert get(client, queue)[0] == "kept"
    introduce(EnrollmentFactory(cohort=later))

    header, page = get(client, queue)
    assert header == "kept" and "Cohort 88" in page


def waiting_for_review(gradebook_html):
    row = re.search(r"Waiting for review</th>(.*?)</tr>", gradebook_html, re.S).group(1)
    return sum(int(n) for n in re.findall(r"<td>(\d+)</td>", row))


def introduce(enrollment):
    """A post in the Welcome module's introductions: a submission waiting for review."""
    activity = Activity.objects.get(key="lbg-m00-introductions")
    services.post_to_discussion(enrollment, activity, "<p>Hello from a fourth-grade classroom.</p>")


def test_a_kept_page_carries_this_browsers_csrf_token_and_never_hides_a_message(ana, facilitator_of, module):
    material = first_material(module)
    get(browser(ana.user), module.url)  # kept from another browser
    client = Client(enforce_csrf_checks=True)
    client.force_login(ana.user)
    client.get("/")  # this browser's CSRF cookie

    header, page = get(client, module.url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(
        f"/cohorts/enrollments/{ana.pk}/materials/{module.pk}/",
        {"block": material.id, "done": "1", "csrfmiddlewaretoken": token},
    )
    assert header == "hit" and "placeholder" not in page
    assert response.status_code == 302

    frans = browser(facilitator_of)
    get(frans, "/dashboard/")
    frans.post("/accounts/profile/", {"full_name": "Fran O. Okafor"})
    header, page = get(frans, "/dashboard/")
    header_after, page_after = get(frans, "/dashboard/")

    assert header is None  # rendered for this once, and not kept
    assert "Your profile has been saved." in page and "Fran O. Okafor" in page
    assert header_after == "kept" and "Your profile has been saved." not in page_after


def test_every_kept_page_is_served_with_no_query_beyond_the_session_and_the_person(
    ana, facilitator_of, cohort, module, django_assert_num_queries
):
    pages = [
        (ana.user, "/dashboard/"),
        (ana.user, module.url),
        (ana.user, f"/cohorts/enrollments/{ana.pk}/progress/"),
        (facilitator_of, "/dashboard/"),
        (facilitator_of, "/cohorts/review/?status=submitted"),
        (facilitator_of, f"/cohorts/{cohort.pk}/gradebook/"),
    ]
    for user, url in pages:
        client = browser(user)
        assert get(client, url)[0] == "kept", url

        with django_assert_num_queries(2):  # the session, the person with their roles
            assert get(client, url)[0] == "hit", url


def test_reading_pages_moves_no_generation_so_a_second_look_is_served_from_the_kept_copy(
    ana, facilitator_of, cohort, module
):
    """Every statement a page view runs (its queries, savepoints, the session's row) is told
    apart from a write: reading never empties anyone's kept pages."""
    pages = [
        (ana.user, "/dashboard/"),
        (ana.user, module.url),
        (ana.user, f"/cohorts/enrollments/{ana.pk}/progress/"),
        (facilitator_of, "/dashboard/"),
        (facilitator_of, "/cohorts/review/?status=submitted"),
        (facilitator_of, f"/cohorts/{cohort.pk}/gradebook/"),
    ]
    clients = {ana.user: browser(ana.user), facilitator_of: browser(facilitator_of)}
    keys = [page_cache.ALL, user_key(ana.user.pk), user_key(facilitator_of.pk), cohort_key(cohort.pk)]
    before = page_cache.generations(keys)
    statements = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        for user, url in pages:
            assert get(clients[user], url)[0] == "kept", url

    assert statements and [sql for sql in statements if page_cache.scope_of_statement(sql)] == []
    assert page_cache.generations(keys) == before
    for user, url in pages:
        assert get(clients[user], url)[0] == "hit", url


def test_a_write_typed_in_a_shape_nobody_listed_still_empties_the_pages_it_could_change(facilitator_of, cohort):
    """A comment before the verb, lower case, a WITH in front: still a write, so every kept page goes."""
    client = browser(facilitator_of)
    gradebook = f"/cohorts/{cohort.pk}/gradebook/"
    get(client, gradebook)
    assert get(client, gradebook)[0] == "hit"

    with connection.cursor() as cursor:
        cursor.execute(
            "-- renamed at the program office\n"
            'with renamed as (select %s as name) update "cohorts_cohort" set name = (select name from renamed) '
            "where id = %s",
            ["Riverside Spring", cohort.pk],
        )

    header, page = get(client, gradebook)
    assert header == "kept" and "<h1>Gradebook: " in page and "Riverside Spring</h1>" in page


def test_while_redis_is_away_pages_are_rendered_and_afterwards_every_kept_page_is_forgotten(settings):
    """Writes made while Redis is away move no generation: when it answers again, each process
    that saw it fail forgets every kept page once (``pd_platform.cache`` notes the failure)."""
    settings.PAGE_CACHE = True
    before = page_cache.generations([page_cache.ALL])[page_cache.ALL]

    unreachable_at[0] = time.monotonic()
    assert not page_cache.enabled()

    unreachable_at[0] = float("-inf")
    assert page_cache.enabled()
    assert page_cache.generations([page_cache.ALL])[page_cache.ALL] != before


def test_a_workshop_page_keeps_its_facilitators_attendance_links_for_them_alone_and_follows_a_moved_session(
    content,
):
    from cohorts.workshops import services as workshops
    from modules.models import WorkshopPage, WorkshopSeriesPage

    trainer = factories.facilitator(full_name="Terry Trainer")
    series = CohortFactory(
        program=WorkshopSeriesPage.objects.get(), start_date=date(2030, 1, 14), facilitators=[trainer], name="Site 1"
    )
    session = workshops.schedule_sessions(series, date(2030, 1, 14))[1]
    participant = EnrollmentFactory(cohort=series).user
    page = WorkshopPage.objects.get(pk=session.workshop_id)
    client, theirs = browser(trainer), browser(participant)
    get(client, page.url)
    header, html = get(client, page.url)
    assert header == "hit" and f"Take attendance: Site 1</a>, {session.date:%A, %B} {session.date.day}," in html
    get(theirs, page.url)
    assert "Take attendance" not in get(theirs, page.url)[1]  # the participant's own copy: none of it

    session.date = date(2030, 2, 4)
    session.save()

    header, html = get(client, page.url)
    assert header == "kept" and "Take attendance: Site 1</a>, Monday, February 4" in html
