"""A launch from the LMS, against a local platform: real id_tokens signed with a key made here,
its JWKS fetched over HTTP, state and nonce as the tool issued them.

An LMS is trusted for its own people, not for ours: it can put any address in a signed launch, so
an existing account opens only after its owner signed in here and confirmed the link, staff are
never signed in by a launch, and new accounts are made only at the domains the registration
vouches for."""

import time
from urllib.parse import urlencode

import pytest
from allauth.account.models import EmailAddress
from jwcrypto import jwk
from lti_tool.models import LtiDeployment, LtiUser

from cohorts.lti.claims import custom_for
from cohorts.lti.models import LmsIdentity, Placement
from pd_platform.accounts import roles
from tests import factories
from tests.factories import PASSWORD, CohortFactory, EnrollmentFactory

from .platform import authorization, connect, launch

pytestmark = pytest.mark.django_db


def signed_in_as(client):
    return client.session.get("_auth_user_id")


def test_a_learners_first_launch_asks_them_to_sign_in_here_and_connect_then_lands_on_the_module(
    client, platform, cohort, module, enrolled, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        landed = connect(client, platform, enrolled.user, "canvas-user-1", custom=custom_for(cohort.pk, module.pk))

    assert landed.status_code == 302
    assert landed["Location"] == module.url
    assert LtiUser.objects.get(sub="canvas-user-1").auth_user == enrolled.user
    assert LmsIdentity.objects.get(lti_user__sub="canvas-user-1").confirmed_at is not None
    placement = Placement.objects.get()
    assert (placement.cohort, placement.page_id) == (cohort, module.pk)
    assert placement.lineitem_url == platform.url("/lineitems/11")
    # The gradebook column shows where they are from the first landing: nothing complete yet.
    [(lineitem, score)] = platform.scores
    assert lineitem == "/lineitems/11"
    assert score["userId"] == "canvas-user-1"
    assert (score["scoreGiven"], score["activityProgress"], score["gradingProgress"]) == (0, "Initialized", "Pending")

    # From then on the course signs them in directly.
    client.logout()
    again = launch(client, platform, platform.prepare("canvas-user-1", custom=custom_for(cohort.pk, module.pk)))
    assert again["Location"] == module.url
    assert client.get(module.url).context["user"] == enrolled.user


def test_the_next_launch_signs_in_the_linked_account_whatever_address_the_lms_sends(
    client, platform, cohort, module, linked_learner
):
    again = launch(
        client, platform, platform.prepare("u-1", email="pat@new-address.org", custom=custom_for(cohort.pk, module.pk))
    )

    assert again["Location"] == module.url
    assert client.get(module.url).context["user"] == linked_learner.user


def test_an_lms_that_names_the_admins_address_gets_no_session(client, platform, cohort, module):
    admin = factories.program_admin(email="admin@example.org")

    page = launch(
        client,
        platform,
        platform.prepare("evil-1", roles=("Instructor", "Administrator"), email=admin.email, name="Not the admin"),
    )

    assert page.status_code == 200 and "Connect your course to your account" in page.content.decode()
    assert signed_in_as(client) is None
    assert LtiUser.objects.get(sub="evil-1").auth_user is None
    assert client.get("/admin/users/").status_code == 302
    assert client.get("/reports/hours/?format=csv").status_code == 302
    assert roles.role_names(type(admin).objects.get(pk=admin.pk)) == {roles.ADMIN}


def test_the_link_is_confirmed_only_by_the_account_that_holds_the_launchs_address(client, platform, enrolled):
    victim = enrolled.user
    offered = launch(client, platform, platform.prepare("evil-2", email=victim.email))
    url = offered.context["url"]
    # Someone else, signed in here, cannot take the LMS person into their own account...
    mallory = factories.participant(email="mallory@riverside.k12.ca.us")
    client.force_login(mallory)
    answer = client.post(url)
    assert answer.status_code == 403
    assert "not a confirmed address of the account you are signed in with" in answer.content.decode()
    assert LtiUser.objects.get(sub="evil-2").auth_user is None
    # ...nor can an address nobody confirmed be linked.
    careful = factories.participant(email="careful@riverside.k12.ca.us", verified=False)
    client.logout()
    offered = launch(client, platform, platform.prepare("u-3", email=careful.email))
    client.force_login(careful)
    assert client.post(offered.context["url"]).status_code == 403
    assert LtiUser.objects.get(sub="u-3").auth_user is None


def test_a_link_page_asks_a_signed_out_visitor_to_sign_in_first(client, platform, enrolled):
    offered = launch(client, platform, platform.prepare("u-1", email=enrolled.user.email))
    answer = client.post(offered.context["url"])
    assert answer.status_code == 302 and answer["Location"].startswith("/accounts/login/")
    assert LtiUser.objects.get(sub="u-1").auth_user is None


def test_a_facilitator_is_never_signed_in_by_a_launch_and_signs_in_here_instead(
    client, platform, cohort, module, facilitator
):
    custom = custom_for(cohort.pk, module.pk)
    queue = f"/cohorts/review/?cohort={cohort.pk}&module={module.pk}"
    # Linked once, by signing in here with their own password: they land on the cohort's review queue.
    confirmed = connect(client, platform, facilitator, "t-1", roles=("Instructor",), custom=custom)
    assert confirmed["Location"] == queue
    client.logout()

    page = launch(client, platform, platform.prepare("t-1", roles=("Instructor",), custom=custom))

    assert page.status_code == 200
    assert "Sign in on the platform" in page.content.decode()
    assert signed_in_as(client) is None
    assert page.context["url"] == "/accounts/login/?" + urlencode({"next": queue})
    # Already signed in here as themselves, the launch goes straight on.
    client.post("/accounts/login/", {"login": facilitator.email, "password": PASSWORD})
    assert launch(client, platform, platform.prepare("t-1", roles=("Instructor",), custom=custom))["Location"] == queue


def test_a_launch_in_a_frame_offers_staff_no_one_time_sign_in_link(client, platform, cohort, module, facilitator):
    connect(client, platform, facilitator, "t-1", roles=("Instructor",))
    client.logout()
    frame = {"https://purl.imsglobal.org/spec/lti/claim/launch_presentation": {"document_target": "iframe"}}
    page = launch(
        client,
        platform,
        platform.prepare("t-1", roles=("Instructor",), custom=custom_for(cohort.pk, module.pk), **frame),
    )
    assert "/lti/continue/" not in page.content.decode()
    assert signed_in_as(client) is None


def test_someone_new_at_a_vouched_domain_gets_an_account_with_an_unconfirmed_address(client, platform, cohort, module):
    site_cohort = CohortFactory(private=True, email_domain="riverside.k12.ca.us")
    hint = platform.prepare(
        "u-9", email="new.teacher@riverside.k12.ca.us", name="Noor Haddad", custom=custom_for(cohort.pk, module.pk)
    )

    response = launch(client, platform, hint)

    assert response.status_code == 403
    assert f"You are not registered for {cohort.name}" in response.content.decode()
    account = LtiUser.objects.get(sub="u-9").auth_user
    assert (account.email, account.full_name, roles.role_names(account)) == (
        "new.teacher@riverside.k12.ca.us",
        "Noor Haddad",
        {roles.PARTICIPANT},
    )
    assert not account.has_usable_password()
    # The LMS vouched for the person, not the mailbox: the school's private cohort stays closed.
    assert not EmailAddress.objects.get(user=account).verified
    client.force_login(account)
    assert site_cohort.name not in client.get(f"/cohorts/register/{site_cohort.program_id}/").content.decode()


def test_no_account_is_made_for_an_address_outside_the_registrations_domains(client, platform, cohort, module):
    hint = platform.prepare("u-10", email="someone@elsewhere.org", custom=custom_for(cohort.pk, module.pk))

    response = launch(client, platform, hint)

    assert response.status_code == 403
    assert "not set up to make accounts on this platform for elsewhere.org addresses" in response.content.decode()
    assert not type(factories.participant()).objects.filter(email="someone@elsewhere.org").exists()
    assert signed_in_as(client) is None


def test_lms_roles_are_recorded_for_the_registration_and_never_added_to_the_account(client, platform, cohort, module):
    teacher = factories.participant(email="other.teacher@riverside.k12.ca.us")
    connect(client, platform, teacher, "t-2")
    client.logout()

    response = launch(
        client,
        platform,
        platform.prepare("t-2", roles=("Instructor", "Administrator"), custom=custom_for(cohort.pk, module.pk)),
    )

    assert response.status_code == 403
    assert f"You are not registered for {cohort.name}" in response.content.decode()
    assert roles.role_names(type(teacher).objects.get(pk=teacher.pk)) == {roles.PARTICIPANT}
    assert LmsIdentity.objects.get(lti_user__sub="t-2").role_set() == {roles.FACILITATOR}
    assert client.get(f"/cohorts/review/?cohort={cohort.pk}").status_code in (302, 403)


def test_a_refused_launch_places_no_link_and_sends_no_score(
    client, platform, cohort, module, enrolled, django_capture_on_commit_callbacks
):
    stranger = EnrollmentFactory(user=factories.participant()).user  # enrolled in another cohort
    with django_capture_on_commit_callbacks(execute=True):
        response = connect(client, platform, stranger, "s-1", custom=custom_for(cohort.pk, module.pk))
        client.logout()
        again = launch(client, platform, platform.prepare("s-1", custom=custom_for(cohort.pk, module.pk)))

    assert response.status_code == again.status_code == 403
    assert Placement.objects.count() == 0
    assert platform.scores == []


def test_a_link_made_by_hand_in_the_lms_opens_my_courses(client, platform, linked_learner):
    response = launch(client, platform, platform.prepare("u-1"))

    assert response["Location"] == "/cohorts/my-courses/"
    assert Placement.objects.count() == 0


def test_without_an_email_claim_it_says_what_the_lms_admin_must_share(client, platform, cohort, module):
    response = launch(client, platform, platform.prepare("u-2", custom=custom_for(cohort.pk, module.pk)))

    assert response.status_code == 403
    assert "did not share your e-mail address" in response.content.decode()


class TestRefusedBeforeAnythingChanges:
    def post(self, client, platform, fields):
        response = client.post("/lti/launch/", fields)
        assert LtiUser.objects.count() == 0
        assert "_auth_user_id" not in client.session
        return response

    def forged(self, client, platform, enrolled, **token):
        query, fields = authorization(client, platform, platform.prepare("u-1", email=enrolled.user.email))
        claims = {**platform.launches[query["lti_message_hint"]], **token.pop("claims", {})}
        fields["id_token"] = platform.id_token(claims, token.pop("nonce", query["nonce"]), **token)
        return self.post(client, platform, fields)

    def test_a_token_for_another_audience(self, client, platform, enrolled, caplog):
        response = self.forged(client, platform, enrolled, aud="some-other-tool")
        assert response.status_code == 400
        assert "could not confirm this link came from your course" in response.content.decode()
        assert "LTI request refused" in caplog.text

    def test_a_token_for_several_audiences_that_names_no_authorized_party(self, client, platform, enrolled):
        response = self.forged(client, platform, enrolled, aud=[platform.client_id, "some-other-tool"])
        assert response.status_code == 400
        assert "authorized party" in response.content.decode()

    def test_a_token_whose_authorized_party_is_another_tool(self, client, platform, enrolled):
        response = self.forged(client, platform, enrolled, aud=[platform.client_id, "other"], claims={"azp": "other"})
        assert response.status_code == 400

    def test_a_token_that_lives_for_a_year(self, client, platform, enrolled):
        response = self.forged(client, platform, enrolled, lifetime=365 * 24 * 3600)
        assert response.status_code == 400
        assert "lifetime" in response.content.decode()

    def test_a_token_issued_in_the_future(self, client, platform, enrolled):
        response = self.forged(client, platform, enrolled, claims={"iat": int(time.time()) + 3600})
        assert response.status_code == 400

    def test_a_nonce_the_tool_never_issued(self, client, platform, enrolled):
        assert "Invalid Nonce" in self.forged(client, platform, enrolled, nonce="made-up-nonce").content.decode()

    def test_a_token_signed_by_a_key_the_platform_does_not_publish(self, client, platform, enrolled):
        forger = jwk.JWK.generate(kty="RSA", size=2048, kid=platform.key.key_id)
        assert self.forged(client, platform, enrolled, key=forger).status_code == 400

    def test_an_expired_token(self, client, platform, enrolled):
        assert "expired" in self.forged(client, platform, enrolled, lifetime=-60).content.decode().lower()

    def test_a_state_this_browser_was_not_given(self, client, platform, enrolled):
        query, fields = authorization(client, platform, platform.prepare("u-1", email=enrolled.user.email))
        client.cookies.clear()
        assert "State not found" in self.post(client, platform, fields).content.decode()


def test_a_token_for_several_audiences_naming_this_tool_as_authorized_party_is_taken(client, platform, linked_learner):
    query, fields = authorization(client, platform, platform.prepare("u-1", azp=platform.client_id))
    fields["id_token"] = platform.id_token(
        platform.launches[query["lti_message_hint"]], query["nonce"], aud=[platform.client_id, "other"]
    )
    assert client.post("/lti/launch/", fields).status_code == 302


def test_a_replayed_launch_is_refused(client, platform, linked_learner):
    query, fields = authorization(client, platform, platform.prepare("u-1"))
    assert client.post("/lti/launch/", fields).status_code == 302
    client.logout()

    again = client.post("/lti/launch/", fields)

    assert again.status_code == 400
    assert "already used" in again.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_deployment_an_admin_has_not_entered_or_switched_off_is_refused(client, platform, linked_learner, caplog):
    platform.deployment_id = "deployment-new"
    people = LtiUser.objects.count()

    response = launch(client, platform, platform.prepare("u-1"))

    assert response.status_code == 403
    assert "not registered here yet" in response.content.decode()
    assert "deployment-new" in caplog.text  # logged for the program office
    assert not LtiDeployment.objects.filter(deployment_id="deployment-new").exists()
    assert LtiUser.objects.count() == people
    assert "_auth_user_id" not in client.session

    deployment = LtiDeployment.objects.create(
        registration=LtiDeployment.objects.get().registration, deployment_id="deployment-new", is_active=False
    )
    switched_off = launch(client, platform, platform.prepare("u-1"))
    assert switched_off.status_code == 403
    assert "switched off" in switched_off.content.decode()
    assert LtiUser.objects.count() == people

    deployment.is_active = True
    deployment.save()
    assert launch(client, platform, platform.prepare("u-1")).status_code == 302


def test_an_unregistered_lms_is_refused_at_login(client, platform):
    response = client.post("/lti/login/", {"iss": "https://lms.example.org", "login_hint": "x", "client_id": "nobody"})
    assert response.status_code == 400


def test_a_launch_into_a_frame_offers_a_one_time_link_to_a_tab_of_its_own(
    client, platform, cohort, module, linked_learner
):
    hint = platform.prepare(
        "u-1",
        custom=custom_for(cohort.pk, module.pk),
        **{
            "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": {
                "document_target": "iframe",
                "return_url": platform.url("/done"),
            }
        },
    )
    page = launch(client, platform, hint)

    assert page.status_code == 200
    assert "X-Frame-Options" not in page
    assert f"frame-ancestors {platform.issuer}" in page["Content-Security-Policy"]
    assert "_auth_user_id" not in client.session
    link = page.context["url"]

    opened = client.get(link)
    assert opened["Location"] == module.url
    assert client.get(module.url).context["user"] == linked_learner.user
    client.logout()
    assert client.get(link).status_code == 400
