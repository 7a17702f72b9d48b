import pytest
from lti_tool.models import LtiDeployment

from cohorts.lti.models import RegistrationTrust
from modules.models import ModulePage
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory

from .platform import LocalPlatform, connect


@pytest.fixture
def platform(db, client):
    """A registered LMS whose deployment an admin has turned on; it trusts the tool's published keys,
    and the tool trusts it to vouch for new people at riverside.k12.ca.us."""
    lms = LocalPlatform()
    registration = lms.registration()
    RegistrationTrust.objects.create(registration=registration, email_domains="riverside.k12.ca.us")
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


@pytest.fixture
def linked_learner(client, platform, enrolled):
    """The enrolled participant has connected their LMS person ("u-1") to their account once."""
    connect(client, platform, enrolled.user, "u-1")
    client.logout()
    return enrolled
