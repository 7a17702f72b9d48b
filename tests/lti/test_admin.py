"""Admin → LTI: an admin registers an LMS (seeing the addresses to give it) and turns on a deployment;
facilitators and participants get none of it."""

import pytest
from lti_tool.models import LtiDeployment, LtiRegistration

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
            "email_domains": "@Riverside.k12.ca.us\nriverside.k12.ca.us",
            "is_active": "on",
        },
    )
    assert created.status_code == 302
    registration = LtiRegistration.objects.get(client_id="10000000000042")
    assert registration.trust.domains() == {"riverside.k12.ca.us"}
    edit = f"/admin/snippets/lti_tool/ltiregistration/edit/{registration.pk}/"
    assert "riverside.k12.ca.us" in client.get(edit).content.decode()


def test_a_registration_vouches_only_for_a_schools_own_domains(client, program_admin, platform):
    registration = LtiDeployment.objects.get().registration
    client.force_login(program_admin)
    fields = {
        "name": registration.name,
        "issuer": registration.issuer,
        "client_id": registration.client_id,
        "auth_url": registration.auth_url,
        "token_url": registration.token_url,
        "keyset_url": registration.keyset_url,
        "is_active": "on",
    }
    edit = f"/admin/snippets/lti_tool/ltiregistration/edit/{registration.pk}/"

    refused = client.post(edit, {**fields, "email_domains": "gmail.com"})

    assert refused.status_code == 200
    assert "Anyone can have an address at gmail.com" in refused.content.decode()
    assert registration.trust.domains() == {"riverside.k12.ca.us"}
    assert client.post(edit, {**fields, "email_domains": ""}).status_code == 302
    registration.trust.refresh_from_db()
    assert registration.trust.domains() == set()


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


def add_links(platform_deployment, cohort, page, count):
    """``count`` more course links, each with a score sent to one LMS person."""
    from django.utils import timezone
    from lti_tool.models import LtiContext, LtiResourceLink, LtiUser

    from cohorts.lti.models import Placement, ScoreSent

    start = Placement.objects.count()
    context, _ = LtiContext.objects.get_or_create(deployment=platform_deployment, id_on_platform="course-1")
    for n in range(start, start + count):
        link = LtiResourceLink.objects.create(context=context, id_on_platform=f"link-{n}", title=f"Module link {n}")
        placement = Placement.objects.create(
            resource_link=link, cohort=cohort, page=page, lineitem_url=f"https://lms.test/li/{n}"
        )
        person = LtiUser.objects.create(registration=platform_deployment.registration, sub=f"sub-{n}")
        ScoreSent.objects.create(
            placement=placement, lti_user=person, score_given=1, score_maximum=3, sent_at=timezone.now()
        )


QUERIES_LTI_LIST = 11  # session, user and roles, Wagtail's admin chrome, the count and the page of rows


@pytest.mark.parametrize(
    "path",
    ["/admin/snippets/lti_tool/ltideployment/", "/admin/snippets/lti/placement/", "/admin/snippets/lti/scoresent/"],
)
def test_the_lti_lists_take_a_fixed_number_of_queries(
    client, program_admin, platform, cohort, module, path, django_assert_num_queries
):
    deployment = LtiDeployment.objects.get()
    client.force_login(program_admin)
    client.get("/admin/")
    for total in (2, 8):
        add_links(deployment, cohort, module, total - (0 if total == 2 else 2))
        for n in range(LtiDeployment.objects.count(), total):
            LtiDeployment.objects.create(registration=deployment.registration, deployment_id=f"extra-{n}")
        with django_assert_num_queries(QUERIES_LTI_LIST):
            response = client.get(path)
        assert len(response.context["object_list"]) == total
