"""The ledger's admin pages: the program office keeps each district's contracted day and rate."""

import pytest

from cohorts.hours.models import District

pytestmark = pytest.mark.django_db


def test_admin_sets_a_districts_contracted_day_and_rate(client, program_admin):
    client.force_login(program_admin)
    response = client.post(
        "/admin/snippets/hours/district/add/",
        {"name": "Hillcrest USD", "contract_start": "07:45", "contract_end": "15:15", "training_rate": "52.00"},
    )
    assert response.status_code == 302
    assert str(District.objects.get(name="Hillcrest USD").training_rate) == "52.00"
