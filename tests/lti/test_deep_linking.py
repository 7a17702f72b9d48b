"""Deep linking: an instructor picks, inside the LMS, which module or workshop of which cohort a link
opens; the tool answers with a content item it signs, which the local platform checks against the
tool's published keys; the link then launches participants onto that page."""

import pytest
import requests
from lti_tool.models import LtiUser

from cohorts.lti.claims import custom_for
from tests import factories
from tests.factories import CohortFactory

from .platform import connect, form_in, launch

pytestmark = pytest.mark.django_db
DL_ITEMS = "https://purl.imsglobal.org/spec/lti-dl/claim/content_items"


def pick(client, platform, who, **settings):
    """The instructor's deep-linking launch (their LMS person connected to their account once, first)."""
    if not LtiUser.objects.filter(sub="t-1", auth_user=who).exists():
        connect(client, platform, who, "t-1", roles=("Instructor",))
        client.logout()
    page = launch(
        client, platform, platform.prepare("t-1", roles=("Instructor",), email=who.email, deep_link=True, **settings)
    )
    assert page.status_code == 200, page.content.decode()
    return page


def test_an_instructor_adds_a_module_of_their_cohort_and_participants_land_on_it(
    client, platform, cohort, module, facilitator, enrolled
):
    others = CohortFactory(facilitators=[factories.facilitator()], name="Not theirs")
    page = pick(client, platform, facilitator)
    html = page.content.decode()
    assert cohort.name in html and module.title in html
    assert "Not theirs" not in html
    assert f"frame-ancestors {platform.issuer}" in page["Content-Security-Policy"]
    action, fields = form_in(html)

    answer = client.post(action, {**fields, "target": f"{cohort.pk}:{module.pk}"})

    assert answer.status_code == 200
    form_action = answer["Content-Security-Policy"].split("form-action")[1].split(";")[0]
    assert platform.issuer in form_action  # the browser may post the answer back to the LMS
    return_to, signed = form_in(answer.content.decode())
    assert return_to == platform.url("/deep-link-return")

    assert requests.post(return_to, data=signed, timeout=10).status_code == 200
    [claims] = platform.deep_link_answers
    assert claims["iss"] == platform.client_id
    assert claims["https://purl.imsglobal.org/spec/lti/claim/message_type"] == "LtiDeepLinkingResponse"
    assert claims["https://purl.imsglobal.org/spec/lti-dl/claim/data"].startswith("opaque-")
    [item] = claims[DL_ITEMS]
    assert item["type"] == "ltiResourceLink"
    assert item["url"] == "http://testserver/lti/launch/"
    assert item["custom"] == custom_for(cohort.pk, module.pk)
    assert item["lineItem"]["scoreMaximum"] == 100
    assert module.title in item["title"] and others.name not in item["title"]

    # The LMS now launches its participants with that custom claim.
    client.logout()
    landed = connect(client, platform, enrolled.user, "p-1", custom=item["custom"])
    assert landed["Location"] == module.url


def test_a_choice_outside_their_cohorts_is_refused(client, platform, cohort, facilitator):
    others = CohortFactory(facilitators=[factories.facilitator()])
    action, fields = form_in(pick(client, platform, facilitator).content.decode())

    answer = client.post(action, {**fields, "target": f"{others.pk}:{others.program_id}"})

    assert answer.status_code == 400
    assert "Choose a page to add" in answer.content.decode()
    assert platform.deep_link_answers == []


def test_a_forged_or_stale_choice_is_refused(client, platform, cohort, facilitator):
    action, fields = form_in(pick(client, platform, facilitator).content.decode())

    forged = client.post(action, {"token": fields["token"][:-3] + "abc", "target": f"{cohort.pk}:{cohort.program_id}"})

    assert forged.status_code == 400
    assert "timed out" in forged.content.decode()


def test_a_learner_cannot_add_content(client, platform, linked_learner):
    enrolled = linked_learner
    page = launch(
        client, platform, platform.prepare("u-1", roles=("Learner",), email=enrolled.user.email, deep_link=True)
    )

    assert page.status_code == 403
    assert "do not facilitate a current cohort" in page.content.decode()


def test_a_choice_is_answered_once(client, platform, cohort, module, facilitator):
    action, fields = form_in(pick(client, platform, facilitator).content.decode())
    first = client.post(action, {**fields, "target": f"{cohort.pk}:{module.pk}"})
    assert first.status_code == 200

    again = client.post(action, {**fields, "target": f"{cohort.pk}:{cohort.program_id}"})

    assert again.status_code == 400
    assert "already sent" in again.content.decode()


@pytest.mark.parametrize("return_url", ["javascript:alert(document.domain)", "data:text/html,x", "//evil.example"])
def test_a_return_address_that_is_not_http_is_refused_and_frames_nowhere(
    client, platform, facilitator, cohort, return_url
):
    connect(client, platform, facilitator, "t-1", roles=("Instructor",))
    client.logout()
    settings = {
        "accept_types": ["ltiResourceLink"],
        "accept_presentation_document_targets": ["window"],
        "deep_link_return_url": return_url,
    }
    hint = platform.prepare("t-1", roles=("Instructor",), deep_link=True)
    platform.launches[hint]["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"] = settings

    page = launch(client, platform, hint)

    assert page.status_code == 400
    assert "gave no web address" in page.content.decode()
    assert 'name="token"' not in page.content.decode()  # no picker, in any site's frame


QUERIES_PICKER = (
    24  # the launch's checks and django-lti's records, the LMS's roles recorded, the account, then two for the choices
)


def test_the_picker_takes_a_fixed_number_of_queries_however_many_cohorts(
    client, platform, facilitator, django_assert_num_queries
):
    from .platform import authorization

    CohortFactory(facilitators=[facilitator])
    pick(client, platform, facilitator)  # the first launch links the LMS person to the account
    for total in (1, 4):
        while facilitator.facilitated_cohorts.count() < total:
            CohortFactory(facilitators=[facilitator])
        _, fields = authorization(
            client, platform, platform.prepare("t-1", roles=("Instructor",), email=facilitator.email, deep_link=True)
        )
        with django_assert_num_queries(QUERIES_PICKER):
            page = client.post("/lti/launch/", fields)
        assert page.content.decode().count("<fieldset") == total
