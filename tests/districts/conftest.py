import pytest

from cohorts.districts import services
from tests import factories


@pytest.fixture
def riverside(db):
    return factories.district("Riverside Unified", domains=["riverside.example.org"])


@pytest.fixture
def hillcrest(db):
    return factories.district("Hillcrest Schools", domains=["hillcrest.example.org"])


@pytest.fixture
def coordinator(riverside):
    user = factories.UserFactory(email="coord@riverside.example.org", full_name="Cora Ortiz")
    services.grant_coordinator(user, riverside)
    return user


@pytest.fixture
def hillcrest_coordinator(hillcrest):
    user = factories.UserFactory(email="coord@hillcrest.example.org", full_name="Hal Brooks")
    services.grant_coordinator(user, hillcrest)
    return user


@pytest.fixture
def staying(riverside):
    """A Riverside teacher registered in a cohort."""
    person = factories.participant(email="stays@riverside.example.org", full_name="Sam Stays", district=riverside)
    factories.EnrollmentFactory(user=person)
    return person


@pytest.fixture
def mover(riverside, hillcrest):
    """A teacher who registered while in Riverside, then moved to Hillcrest."""
    person = factories.participant(email="moves@elsewhere.example.com", full_name="Mo Mover", district=riverside)
    factories.EnrollmentFactory(
        user=person, payment_method="purchase_order", purchase_order_number="PO-77", paid_at=None
    )
    factories.place_in_district(person, hillcrest)
    return person
