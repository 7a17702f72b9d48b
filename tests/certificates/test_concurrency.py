"""Many awards at once on PostgreSQL still issue exactly one certificate."""

import io
import threading
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection, connections

from certificates import services
from certificates.models import Certificate
from cohorts.coursework.models import Submission
from cohorts.coursework.selectors import program_activities
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency is tested on PostgreSQL: set DATABASE_URL=postgres://... (.ci/run does)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_concurrent_awards_issue_one_certificate():
    call_command("load_content", stdout=io.StringIO())
    enrollment = EnrollmentFactory(cohort=CohortFactory(start_date=date.today()))
    for activity in program_activities(enrollment.cohort.program_id):
        Submission.objects.create(enrollment=enrollment, activity=activity, status="complete")

    barrier = threading.Barrier(8)
    results, errors = [], []

    def award():
        try:
            barrier.wait()
            certificate = services.award_certificate_if_complete(enrollment.pk)
            results.append(certificate.pk if certificate else None)
        except Exception as exc:  # noqa: BLE001 - asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=award) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Certificate.objects.filter(enrollment=enrollment).count() == 1
    assert set(results) == {Certificate.objects.get().pk}
