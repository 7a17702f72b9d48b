"""Admin → LTI: an admin registers an LMS (seeing the addresses to give it) and turns on a deployment;
facilitators and participants get none of it."""

import pytest
from lti_tool.models import LtiDeployment

pytestmark = pytest.mark.django_db


def test_an_admin_registers_an_lms_and_sees_the_tools_addresses(client, program_admin):
    client.force_login(program_admin)

    form = client.get("/admin/snippets/lti_tool/ltiregistration/add/")

    assert form.status_code == 200
    html = form.content.decode()
    for address in ("/lti/login/", "/lti/launch/", "/lti/jwks/"):
        assert address in html
    created = client.post(
        "/admin/snippets/lti_tool/ltiregistration/add/",
        {
            "name": "Riverside Canvas",
            "issuer": "https://canvas.instructure.com",
            "client_id": "10000000000042",
            "auth_url": "https://riverside.instructure.com/api/lti/authorize_redirect",
            "token_url": "https://riverside.instructure.com/login/oauth2/token",
            "keyset_url": "https://riverside.instructure.com/api/lti/security/jwks",
            "audience": "",
            "is_active": "on",
        },
    )
    assert created.status_code == 302


def test_an_admin_enters_a_deployment_and_switches_it_off(client, program_admin, platform):
    registration = LtiDeployment.objects.get().registration
    client.force_login(program_admin)

    added = client.post(
        "/admin/snippets/lti_tool/ltideployment/add/",
        {"registration": registration.pk, "deployment_id": "42:8865aa05b4b79b64a91a8604", "is_active": "on"},
    )

    assert added.status_code == 302
    deployment = LtiDeployment.objects.get(deployment_id__startswith="42:")
    assert deployment.is_active
    assert "42:8865" in client.get("/admin/snippets/lti_tool/ltideployment/").content.decode()
    client.post(
        f"/admin/snippets/lti_tool/ltideployment/edit/{deployment.pk}/",
        {"registration": registration.pk, "deployment_id": deployment.deployment_id},
    )
    deployment.refresh_from_db()
    assert not deployment.is_active


@pytest.mark.parametrize("who", ["facilitator", "participant"])
def test_nobody_else_reaches_it(client, who, request):
    client.force_login(request.getfixturevalue(who))
    for path in (
        "/admin/snippets/lti_tool/ltiregistration/",
        "/admin/snippets/lti_tool/ltideployment/",
        "/admin/snippets/lti/placement/",
    ):
        assert client.get(path).status_code in (302, 403)
