"""A launch from the LMS, against a local platform: real id_tokens signed with a key made here,
its JWKS fetched over HTTP, state and nonce as the tool issued them."""

import pytest
from allauth.account.models import EmailAddress
from jwcrypto import jwk
from lti_tool.models import LtiDeployment, LtiUser

from cohorts.lti.claims import custom_for
from cohorts.lti.models import Placement
from pd_platform.accounts import roles
from tests import factories
from tests.factories import EnrollmentFactory

from .platform import authorization, launch

pytestmark = pytest.mark.django_db


def test_a_learner_lands_signed_in_on_the_module_in_their_cohort(
    client, platform, cohort, module, enrolled, django_capture_on_commit_callbacks
):
    hint = platform.prepare("canvas-user-1", email=enrolled.user.email, custom=custom_for(cohort.pk, module.pk))

    with django_capture_on_commit_callbacks(execute=True):
        response = launch(client, platform, hint)

    assert response.status_code == 302
    assert response["Location"] == module.url
    page = client.get(module.url)
    assert page.context["user"] == enrolled.user
    placement = Placement.objects.get()
    assert (placement.cohort, placement.page_id) == (cohort, module.pk)
    assert placement.lineitem_url == platform.url("/lineitems/11")
    assert LtiUser.objects.get(sub="canvas-user-1").auth_user == enrolled.user
    # The gradebook column shows where they are from the first launch: nothing complete yet.
    [(lineitem, score)] = platform.scores
    assert lineitem == "/lineitems/11"
    assert score["userId"] == "canvas-user-1"
    assert (score["scoreGiven"], score["activityProgress"], score["gradingProgress"]) == (0, "Initialized", "Pending")


def test_the_next_launch_signs_in_the_linked_account_whatever_address_the_lms_sends(
    client, platform, cohort, module, enrolled
):
    launch(
        client, platform, platform.prepare("u-1", email=enrolled.user.email, custom=custom_for(cohort.pk, module.pk))
    )
    client.logout()

    again = launch(
        client, platform, platform.prepare("u-1", email="pat@new-address.org", custom=custom_for(cohort.pk, module.pk))
    )

    assert again["Location"] == module.url
    assert client.get(module.url).context["user"] == enrolled.user


def test_someone_new_gets_a_participant_account_and_is_told_to_register(client, platform, cohort, module):
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
    assert EmailAddress.objects.get(user=account).verified
    assert not account.has_usable_password()


def test_an_instructor_who_facilitates_the_cohort_lands_on_its_review_queue(
    client, platform, cohort, module, facilitator
):
    hint = platform.prepare(
        "t-1", roles=("Instructor",), email=facilitator.email, custom=custom_for(cohort.pk, module.pk)
    )

    response = launch(client, platform, hint)

    assert response["Location"] == f"/cohorts/review/?cohort={cohort.pk}&module={module.pk}"
    assert client.get(response["Location"]).status_code == 200


def test_an_instructor_of_another_cohort_is_refused_and_gains_only_the_facilitator_role(
    client, platform, cohort, module
):
    teacher = factories.participant(email="other.teacher@riverside.k12.ca.us")
    hint = platform.prepare(
        "t-2", roles=("Instructor", "Administrator"), email=teacher.email, custom=custom_for(cohort.pk, module.pk)
    )

    response = launch(client, platform, hint)

    assert response.status_code == 403
    assert f"You are not registered for {cohort.name}" in response.content.decode()
    assert roles.role_names(type(teacher).objects.get(pk=teacher.pk)) == {roles.PARTICIPANT, roles.FACILITATOR}
    assert client.get(f"/cohorts/review/?cohort={cohort.pk}").status_code in (302, 403)


def test_another_participant_cannot_open_a_cohort_they_are_not_in(
    client, platform, cohort, module, enrolled, django_capture_on_commit_callbacks
):
    stranger = EnrollmentFactory(user=factories.participant()).user  # enrolled in another cohort
    hint = platform.prepare("s-1", email=stranger.email, custom=custom_for(cohort.pk, module.pk))

    with django_capture_on_commit_callbacks(execute=True):
        response = launch(client, platform, hint)

    assert response.status_code == 403
    assert platform.scores == []


def test_a_link_made_by_hand_in_the_lms_opens_my_courses(client, platform, enrolled):
    response = launch(client, platform, platform.prepare("u-1", email=enrolled.user.email))

    assert response["Location"] == "/cohorts/my-courses/"
    assert Placement.objects.count() == 0


def test_without_an_email_claim_it_says_what_the_lms_admin_must_share(client, platform, cohort, module):
    response = launch(client, platform, platform.prepare("u-2", custom=custom_for(cohort.pk, module.pk)))

    assert response.status_code == 403
    assert "did not share your e-mail address" in response.content.decode()


def test_an_unconfirmed_address_is_not_taken_over(client, platform, cohort, module):
    owner = factories.participant(email="careful@riverside.k12.ca.us", verified=False)
    response = launch(
        client, platform, platform.prepare("u-3", email=owner.email, custom=custom_for(cohort.pk, module.pk))
    )

    assert response.status_code == 403
    assert "not confirmed yet" in response.content.decode()
    assert LtiUser.objects.get(sub="u-3").auth_user is None


class TestRefusedBeforeAnythingChanges:
    def post(self, client, platform, fields):
        response = client.post("/lti/launch/", fields)
        assert LtiUser.objects.count() == 0
        assert "_auth_user_id" not in client.session
        return response

    def test_a_token_for_another_audience(self, client, platform, enrolled, caplog):
        query, fields = authorization(client, platform, platform.prepare("u-1", email=enrolled.user.email))
        fields["id_token"] = platform.id_token(
            platform.launches[query["lti_message_hint"]], query["nonce"], aud="some-other-tool"
        )
        response = self.post(client, platform, fields)
        assert response.status_code == 400
        assert "could not confirm this link came from your course" in response.content.decode()
        assert "LTI request refused" in caplog.text

    def test_a_nonce_the_tool_never_issued(self, client, platform, enrolled):
        query, fields = authorization(client, platform, platform.prepare("u-1", email=enrolled.user.email))
        fields["id_token"] = platform.id_token(platform.launches[query["lti_message_hint"]], "made-up-nonce")
        assert "Invalid Nonce" in self.post(client, platform, fields).content.decode()

    def test_a_token_signed_by_a_key_the_platform_does_not_publish(self, client, platform, enrolled):
        query, fields = authorization(client, platform, platform.prepare("u-1", email=enrolled.user.email))
        forger = jwk.JWK.generate(kty="RSA", size=2048, kid=platform.key.key_id)
        fields["id_token"] = platform.id_token(platform.launches[query["lti_message_hint"]], query["nonce"], key=forger)
        assert self.post(client, platform, fields).status_code == 400

    def test_an_expired_token(self, client, platform, enrolled):
        query, fields = authorization(client, platform, platform.prepare("u-1", email=enrolled.user.email))
        fields["id_token"] = platform.id_token(
            platform.launches[query["lti_message_hint"]], query["nonce"], lifetime=-60
        )
        assert "expired" in self.post(client, platform, fields).content.decode().lower()

    def test_a_state_this_browser_was_not_given(self, client, platform, enrolled):
        query, fields = authorization(client, platform, platform.prepare("u-1", email=enrolled.user.email))
        client.cookies.clear()
        assert "State not found" in self.post(client, platform, fields).content.decode()


def test_a_replayed_launch_is_refused(client, platform, enrolled):
    query, fields = authorization(client, platform, platform.prepare("u-1", email=enrolled.user.email))
    assert client.post("/lti/launch/", fields).status_code == 302
    client.logout()

    again = client.post("/lti/launch/", fields)

    assert again.status_code == 400
    assert "already used" in again.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_deployment_an_admin_has_not_entered_or_switched_off_is_refused(client, platform, enrolled, caplog):
    platform.deployment_id = "deployment-new"

    response = launch(client, platform, platform.prepare("u-1", email=enrolled.user.email))

    assert response.status_code == 403
    assert "not registered here yet" in response.content.decode()
    assert "deployment-new" in caplog.text  # logged for the program office
    assert not LtiDeployment.objects.filter(deployment_id="deployment-new").exists()
    assert LtiUser.objects.count() == 0
    assert "_auth_user_id" not in client.session

    deployment = LtiDeployment.objects.create(
        registration=LtiDeployment.objects.get().registration, deployment_id="deployment-new", is_active=False
    )
    switched_off = launch(client, platform, platform.prepare("u-1", email=enrolled.user.email))
    assert switched_off.status_code == 403
    assert "switched off" in switched_off.content.decode()
    assert LtiUser.objects.count() == 0

    deployment.is_active = True
    deployment.save()
    assert launch(client, platform, platform.prepare("u-1", email=enrolled.user.email)).status_code == 302


def test_an_unregistered_lms_is_refused_at_login(client, platform):
    response = client.post("/lti/login/", {"iss": "https://lms.example.org", "login_hint": "x", "client_id": "nobody"})
    assert response.status_code == 400


def test_a_launch_into_a_frame_offers_a_one_time_link_to_a_tab_of_its_own(client, platform, cohort, module, enrolled):
    hint = platform.prepare(
        "u-1",
        email=enrolled.user.email,
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
    assert client.get(module.url).context["user"] == enrolled.user
    client.logout()
    assert client.get(link).status_code == 400
