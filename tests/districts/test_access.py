"""Only a district's coordinator (and the program office) opens its workspace, and it shows only the people
the platform knows are in the district now: the authorization matrix, with someone who moved."""

import pytest

from tests import factories

REPORTS = ["people", "registrations", "hours", "certificates", "invoices"]


def riverside_urls(riverside, staying, mover):
    base = f"/districts/{riverside.pk}/"
    return [
        base,
        *[f"{base}reports/{r}/" for r in REPORTS],
        *[f"{base}reports/{r}/?format=csv" for r in REPORTS],
        *[f"{base}reports/{r}/?format=xlsx" for r in REPORTS],
        f"{base}people/{staying.pk}/",
        f"{base}people/{mover.pk}/",
        f"{base}tracks/",
        f"{base}share/",
    ]


def body(response):
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["participant", "facilitator", "other_coordinator", "content_editor"])
def test_nobody_else_opens_a_districts_pages(
    client, who, riverside, hillcrest_coordinator, staying, mover, coordinator
):
    user = {
        "participant": staying,
        "facilitator": factories.facilitator(),
        "other_coordinator": hillcrest_coordinator,
        "content_editor": factories.content_editor(),
    }[who]
    client.force_login(user)
    for url in riverside_urls(riverside, staying, mover):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"Sam Stays" not in body(response)


@pytest.mark.django_db
def test_signed_out_visitors_are_sent_to_sign_in(client, riverside, staying, mover):
    for url in riverside_urls(riverside, staying, mover):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


@pytest.mark.django_db
def test_the_coordinator_sees_who_is_in_the_district_now_and_nobody_else(
    client, coordinator, riverside, staying, mover
):
    """Mo registered while in Riverside, then moved: Riverside's pages no longer name Mo, anywhere."""
    factories.participant(email="other@hillcrest.example.org", full_name="Olive Other", district="Hillcrest Schools")
    client.force_login(coordinator)
    for url in riverside_urls(riverside, staying, mover):
        response = client.get(url)
        if url.endswith(f"people/{mover.pk}/"):
            assert response.status_code == 404
            continue
        assert response.status_code == 200, url
        content = body(response)
        for leak in (b"Mo Mover", b"moves@elsewhere", b"Olive Other", b"PO-77"):
            assert leak not in content, (url, leak)
    assert "Sam Stays" in client.get(f"/districts/{riverside.pk}/reports/people/").content.decode()


@pytest.mark.django_db
def test_the_new_districts_coordinator_sees_the_mover(client, hillcrest_coordinator, hillcrest, mover, staying):
    client.force_login(hillcrest_coordinator)
    page = client.get(f"/districts/{hillcrest.pk}/reports/registrations/").content.decode()
    assert "Mo Mover" in page and "Sam Stays" not in page
    assert client.get(f"/districts/{hillcrest.pk}/people/{mover.pk}/").status_code == 200
    assert client.get(f"/districts/{hillcrest.pk}/people/{staying.pk}/").status_code == 404


@pytest.mark.django_db
def test_the_workspace_link_is_in_the_coordinators_navigation_only(client, coordinator, riverside, staying):
    client.force_login(coordinator)
    response = client.get("/districts/")
    assert response.status_code == 302 and response["Location"] == f"/districts/{riverside.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert 'href="/districts/"' in page
    client.force_login(staying)
    assert 'href="/districts/"' not in client.get("/dashboard/").content.decode()
    assert client.get("/districts/").status_code == 404


@pytest.mark.django_db
def test_a_revoked_coordinator_is_refused(client, coordinator, riverside):
    from cohorts.districts import services

    services.revoke_coordinator(coordinator, riverside)
    client.force_login(coordinator)
    assert client.get(f"/districts/{riverside.pk}/").status_code == 404


@pytest.mark.django_db
def test_the_program_office_makes_and_unmakes_coordinators(client, program_admin, riverside, staying):
    from cohorts.districts.models import DistrictCoordinator

    client.force_login(program_admin)
    response = client.post("/districts/coordinators/", {"email": staying.email.upper(), "district": riverside.pk})
    assert response.status_code == 302
    row = DistrictCoordinator.objects.get()
    assert (row.user, row.district, row.granted_by) == (staying, riverside, program_admin)
    assert "District coordinator" in set(staying.groups.values_list("name", flat=True))
    client.post(f"/districts/coordinators/{row.pk}/revoke/")
    assert not DistrictCoordinator.objects.exists()
    assert "District coordinator" not in set(staying.groups.values_list("name", flat=True))
    client.force_login(staying)
    assert client.get("/districts/coordinators/").status_code == 403


@pytest.mark.django_db
def test_a_coordinator_of_two_districts_keeps_the_role_while_one_remains(client, coordinator, riverside, hillcrest):
    from cohorts.districts import services

    services.grant_coordinator(coordinator, hillcrest)
    client.force_login(coordinator)
    assert client.get("/districts/").status_code == 200  # a choice of two
    services.revoke_coordinator(coordinator, riverside)
    assert "District coordinator" in set(coordinator.groups.values_list("name", flat=True))
    assert client.get(f"/districts/{riverside.pk}/").status_code == 404
    assert client.get(f"/districts/{hillcrest.pk}/").status_code == 200


@pytest.mark.django_db
def test_the_office_finds_coordinators_and_logos_in_the_admin_menu_and_editors_do_not(client, program_admin):
    client.force_login(program_admin)
    admin_home = client.get("/admin/").content.decode()
    assert "District coordinators" in admin_home and "District logos" in admin_home
    assert client.get("/admin/snippets/districts/districtbrand/").status_code == 200
    client.force_login(factories.content_editor())
    editor_home = client.get("/admin/").content.decode()
    assert "District coordinators" not in editor_home and "District logos" not in editor_home
    assert client.get("/admin/snippets/districts/districtbrand/").status_code in (302, 403)
