"""The page cache's scope lookup (``cohorts_of``) reads only the reader's own memberships: the
same single query and the same rows whether their cohorts hold a few people or many."""

import pytest
from django.db import connection

from cohorts.registration.page_scopes import cohorts_of
from pd_platform.accounts import roles
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


class RowsRead:
    """Each statement run inside, run again at the end to count the rows it returns."""

    def __init__(self):
        self.statements = []

    def __call__(self, execute, sql, params, many, context):
        self.statements.append((sql, params))
        return execute(sql, params, many, context)

    def rows(self):
        with connection.cursor() as cursor:
            counts = []
            for sql, params in self.statements:
                cursor.execute(sql, params)
                counts.append(len(cursor.fetchall()))
        return counts


def scope_lookup(user, django_assert_num_queries):
    roles.is_admin(user)  # the person's roles are read with the person on a page
    read = RowsRead()
    with django_assert_num_queries(1), connection.execute_wrapper(read):
        found = cohorts_of(user)
    return found, read.rows()


@pytest.mark.parametrize("others", [2, 20])
def test_the_scope_lookup_reads_the_same_rows_however_many_people_share_the_cohorts(others, django_assert_num_queries):
    person = factories.facilitator()
    taught = [CohortFactory(facilitators=[person]) for _ in range(2)]
    taken = CohortFactory()
    EnrollmentFactory(cohort=taken, user=person)
    EnrollmentFactory(cohort=taught[0], user=person)  # a facilitator enrolled in a cohort they teach: once
    CohortFactory(facilitators=[factories.facilitator()])  # someone else's
    for cohort in (*taught, taken):
        for _ in range(others):
            EnrollmentFactory(cohort=cohort)
        cohort.facilitators.add(factories.facilitator())

    found, rows = scope_lookup(person, django_assert_num_queries)

    assert found == {taught[0].pk, taught[1].pk, taken.pk}
    assert rows == [3]  # one per cohort of theirs, not one per person in them


def test_someone_in_no_cohort_reads_no_row(django_assert_num_queries):
    EnrollmentFactory(cohort=CohortFactory(facilitators=[factories.facilitator()]))
    found, rows = scope_lookup(factories.participant(), django_assert_num_queries)
    assert found == set() and rows == [0]


def test_the_office_sees_every_cohort(django_assert_num_queries):
    assert cohorts_of(factories.program_admin()) is None
