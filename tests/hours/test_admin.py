"""The districts' admin pages: the program office keeps each district's e-mail domains, contracted day and rate."""

import pytest

from cohorts.registration.models import District

pytestmark = pytest.mark.django_db


def district_form(name, *domains, **fields):
    data = {
        "name": name,
        "contract_start": "07:45",
        "contract_end": "15:15",
        "training_rate": "52.00",
        "domains-TOTAL_FORMS": str(len(domains)),
        "domains-INITIAL_FORMS": "0",
        "domains-MIN_NUM_FORMS": "0",
        "domains-MAX_NUM_FORMS": "1000",
        **fields,
    }
    for i, domain in enumerate(domains):
        data.update(
            {
                f"domains-{i}-domain": domain,
                f"domains-{i}-id": "",
                f"domains-{i}-ORDER": str(i),
                f"domains-{i}-DELETE": "",
            }
        )
    return data


def test_admin_sets_a_districts_domains_contracted_day_and_rate(client, program_admin):
    client.force_login(program_admin)
    response = client.post(
        "/admin/snippets/cohorts/district/add/", district_form("Hillcrest USD", "Hillcrest.K12.ca.us")
    )
    assert response.status_code == 302
    district = District.objects.get(name="Hillcrest USD")
    assert str(district.training_rate) == "52.00"
    assert district.domain_names() == ["hillcrest.k12.ca.us"]


def test_a_domain_belongs_to_one_district_and_never_to_a_public_mail_service(client, program_admin):
    client.force_login(program_admin)
    client.post("/admin/snippets/cohorts/district/add/", district_form("Hillcrest USD", "hillcrest.k12.ca.us"))
    taken = client.post("/admin/snippets/cohorts/district/add/", district_form("Lakeside", "HILLCREST.k12.ca.us"))
    public = client.post("/admin/snippets/cohorts/district/add/", district_form("Anyone", "gmail.com"))
    assert taken.status_code == public.status_code == 200  # the form again, with its errors
    assert "already exists" in taken.content.decode()
    assert "Anyone can have an address at gmail.com" in public.content.decode()
    assert list(District.objects.values_list("name", flat=True)) == ["Hillcrest USD"]
