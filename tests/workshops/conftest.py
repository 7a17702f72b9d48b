from datetime import date, timedelta

import pytest

from tests.factories import CohortFactory


@pytest.fixture
def cohort(leader):
    """A cohort ten weeks into its course, led by Fran Okafor."""
    return CohortFactory(start_date=date.today() - timedelta(days=70), facilitators=[leader])
