import io

import pytest
from django.core.management import call_command

from tests import factories
from tests.servers import production_profile


def pytest_report_header(config):
    if production_profile():
        return "e2e: production profile (gunicorn + Celery worker + beat, PostgreSQL, Redis)"
    return "e2e: embedded profile (gunicorn, eager tasks, SQLite); the production profile needs DATABASE_URL and Redis"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds both programs, loaded once from content/data."""
    with django_db_blocker.unblock():
        call_command("load_content", stdout=io.StringIO())


@pytest.fixture
def participant(db):
    return factories.participant()


@pytest.fixture
def facilitator(db):
    return factories.facilitator()


@pytest.fixture
def leader(db):
    """The facilitator who leads a test's cohort, by a name its pages can be read for."""
    return factories.facilitator(full_name="Fran Okafor")


@pytest.fixture
def program_admin(db):
    return factories.program_admin()


@pytest.fixture
def trainer(db):
    """A facilitator of a workshop-series cohort."""
    return factories.facilitator(full_name="Terry Trainer")


@pytest.fixture
def series_cohort(trainer):
    """A cohort of the Mastery Learning and Grading workshop series, facilitated by ``trainer``."""
    from datetime import date
    from decimal import Decimal

    from modules.models import WorkshopSeriesPage

    return factories.CohortFactory(
        program=WorkshopSeriesPage.objects.get(), start_date=date(2030, 1, 14), facilitators=[trainer], fee=Decimal("0")
    )


@pytest.fixture(autouse=True)
def private_files_in_a_temporary_folder(settings, tmp_path):
    """Uploads and certificates written by tests never land in the developer's var/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }


@pytest.fixture
def content_on_postgresql():
    """For tests of work done at once (tests/concurrency.py): PostgreSQL, or skipped with the reason."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL: set DATABASE_URL=postgres://... (.ci/run does)")
    # A transactional test starts from the migrated database only.
    call_command("load_content", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def empty_cache_for_each_test():
    """Each test starts with an empty cache: rendered materials are keyed by revision ids, which
    a rolled-back test can hand out again."""
    from django.core.cache import caches

    for alias in caches:
        caches[alias].clear()
