import pytest
from lti_tool.models import LtiDeployment

from modules.models import ModulePage
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory

from .platform import LocalPlatform


@pytest.fixture
def platform(db, client):
    """A registered LMS whose deployment an admin has turned on; it trusts the tool's published keys."""
    lms = LocalPlatform()
    registration = lms.registration()
    LtiDeployment.objects.create(registration=registration, deployment_id=lms.deployment_id, is_active=True)
    lms.tool_jwks = client.get("/lti/jwks/").json()
    yield lms
    lms.close()


@pytest.fixture
def cohort(facilitator):
    from datetime import date

    return CohortFactory(start_date=date.today(), facilitators=[facilitator])


@pytest.fixture
def module(cohort):
    return ModulePage.objects.live().descendant_of(cohort.program).get(number=2)


@pytest.fixture
def enrolled(cohort):
    return EnrollmentFactory(cohort=cohort, user=factories.participant(email="pat.lee@riverside.k12.ca.us"))
