"""Many people registering at once for few seats, on PostgreSQL: exactly capacity registered."""

import io
import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections

from cohorts.registration import services
from cohorts.registration.models import Enrollment
from tests.factories import CohortFactory, participant

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def content():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL: set DATABASE_URL=postgres://... (.ci/run does)")
    # A transactional test starts from the migrated database only.
    call_command("load_content", stdout=io.StringIO())


def run_at_once(count, work):
    barrier = threading.Barrier(count)
    errors = []

    def worker(i):
        try:
            barrier.wait()
            work(i)
        except Exception as exc:  # noqa: BLE001 - collected and asserted on below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_simultaneous_registrations_never_exceed_capacity():
    cohort = CohortFactory(capacity=3)
    people = [participant() for _ in range(12)]

    errors = run_at_once(12, lambda i: services.register_for_cohort(people[i], cohort.pk, "online"))

    assert errors == []
    statuses = list(Enrollment.objects.filter(cohort=cohort).values_list("status", flat=True))
    assert statuses.count("registered") == 3
    assert statuses.count("waitlisted") == 9
    assert len(set(Enrollment.objects.filter(cohort=cohort).values_list("user", flat=True))) == 12


def test_the_same_person_twice_at_once_gets_one_place():
    cohort = CohortFactory(capacity=5)
    person = participant()

    errors = run_at_once(6, lambda i: services.register_for_cohort(person, cohort.pk, "online"))

    assert Enrollment.objects.filter(cohort=cohort, user=person).count() == 1
    assert len(errors) == 5 and all(isinstance(e, services.RegistrationError) for e in errors)


def test_a_double_clicked_post_is_saved_once():
    """Two requests with the same form at the same moment: the database keeps one post."""
    from datetime import date

    from cohorts.coursework import services as coursework
    from cohorts.coursework.models import DiscussionPost, Submission
    from modules.models import Activity
    from tests.factories import EnrollmentFactory

    enrollment = EnrollmentFactory(cohort=CohortFactory(start_date=date.today()))
    Submission.objects.create(
        enrollment=enrollment, activity=Activity.objects.get(key="lbg-m00-introductions"), status="complete"
    )
    discussion = Activity.objects.get(key="lbg-m01-golden-lines")
    token = "0123456789abcdef0123456789abcdef"

    posts = []
    errors = run_at_once(
        4,
        lambda i: posts.append(
            coursework.post_to_discussion(enrollment, discussion, "My golden line.", form_token=token)
        ),
    )

    assert errors == []
    assert DiscussionPost.objects.filter(author=enrollment.user).count() == 1
    assert len({post.pk for post in posts}) == 1
    assert Submission.objects.get(enrollment=enrollment, activity=discussion).revisions.count() == 1
