"""Sign-in through a district's own SAML identity provider (allauth's SAML, one configuration per
organisation), end to end against pysaml2's IdP started here: the platform's AuthnRequest, the
IdP's signed response, the platform's checks."""

import json
import shutil

import pytest
import requests
from allauth.socialaccount.models import SocialAccount

from pd_platform.accounts import roles, sso
from tests import factories

from .saml_idp import DistrictIdP, key_and_certificate
from .test_sso_settings import env_with

pytestmark = pytest.mark.django_db
HOST = "pd.riverside.test"


@pytest.fixture
def idp(tmp_path):
    if shutil.which("xmlsec1") is None:
        pytest.skip(
            "the district's IdP in these tests signs with the xmlsec1 program: apt-get install xmlsec1 (.ci/run does)"
        )
    server = DistrictIdP(tmp_path)
    yield server
    server.close()


@pytest.fixture
def riverside(settings, client, idp):
    """Riverside Unified signs its staff in through its SAML IdP (SSO_SAML_DISTRICTS), and its IdP trusts the platform."""
    entry = {
        "id": "riverside",
        "name": "Riverside Unified",
        "entity_id": idp.entity_id,
        "sso_url": idp.sso_url,
        "x509cert": idp.certificate,
        "domains": ["riverside.k12.ca.us"],
        "required": True,
    }
    configured, _ = sso.providers(env_with(SSO_SAML_DISTRICTS=json.dumps([entry])))
    settings.SOCIALACCOUNT_PROVIDERS = configured
    settings.SSO_DISTRICTS = sso.saml_districts_from(json.dumps([entry]))
    # python3-saml takes only URLs with a dotted host name (not the test client's "testserver").
    settings.ALLOWED_HOSTS = [HOST]
    client.defaults["HTTP_HOST"] = HOST
    metadata = client.get("/accounts/saml/riverside/metadata/")
    assert metadata.status_code == 200
    idp.trust(metadata.content.decode())
    return entry


def sign_in(client, idp, person):
    """The teacher presses "Sign in with Riverside Unified", signs in at the district, and comes back."""
    idp.person = person
    started = client.post("/accounts/saml/riverside/login/", {"process": "login"})
    assert started.status_code == 302 and started["Location"].startswith(idp.sso_url), started
    form = requests.get(started["Location"], timeout=10)
    assert form.status_code == 200, form.text
    from tests.lti.platform import form_in

    action, fields = form_in(form.text)
    assert action == "http://pd.riverside.test/accounts/saml/riverside/acs/"
    posted = client.post("/accounts/saml/riverside/acs/", fields)
    return fields, client.get(posted["Location"])


PERSON = {
    "uid": "rv-00042",
    "mail": "kim.nguyen@riverside.k12.ca.us",
    "givenName": "Kim",
    "sn": "Nguyen",
}


def test_the_login_page_offers_the_districts_button(client, riverside):
    page = client.get("/accounts/login/").content.decode()
    assert "Riverside Unified" in page
    assert "/accounts/saml/riverside/login/" in page


def test_a_teacher_with_an_account_signs_in_through_the_district_and_the_two_are_linked(client, idp, riverside):
    teacher = factories.participant(email=PERSON["mail"])

    _, landed = sign_in(client, idp, PERSON)

    assert landed.status_code == 302
    assert client.get("/dashboard/").context["user"] == teacher
    account = SocialAccount.objects.get(provider="riverside")
    assert (account.user, account.uid) == (teacher, "rv-00042")
    request = idp.requests[-1]
    assert request.assertion_consumer_service_url == "http://pd.riverside.test/accounts/saml/riverside/acs/"


def test_someone_new_confirms_their_name_and_joins_as_a_participant(client, idp, riverside):
    _, signup = sign_in(
        client,
        idp,
        {**PERSON, "uid": "rv-7", "mail": "noor.haddad@riverside.k12.ca.us", "givenName": "Noor", "sn": "Haddad"},
    )

    assert signup.status_code == 302 and signup["Location"] == "/accounts/3rdparty/signup/"
    form = client.get(signup["Location"])
    assert form.context["form"]["email"].value() == "noor.haddad@riverside.k12.ca.us"
    assert form.context["form"]["full_name"].value() == "Noor Haddad"  # printed on certificates: they confirm it
    done = client.post(
        signup["Location"],
        {
            "email": "noor.haddad@riverside.k12.ca.us",
            "full_name": "Noor Haddad",
            "job_title": "teacher",
        },
    )
    assert done.status_code == 302
    account = SocialAccount.objects.get(uid="rv-7")
    assert roles.role_names(account.user) == {roles.PARTICIPANT}
    assert account.user.emailaddress_set.get().verified


def test_signing_in_through_the_district_places_the_teacher_in_it(client, idp, riverside):
    """The district's IdP vouches for its staff: its sign-in sets the district (here by its name, the district
    having no domains entered yet, so her address alone would not)."""
    from cohorts.registration.districts import district_of

    district = factories.district("Riverside Unified")
    teacher = factories.participant(email=PERSON["mail"])
    assert district_of(teacher) is None

    sign_in(client, idp, PERSON)

    membership = teacher.district_membership
    assert (membership.district, membership.source, membership.evidence) == (district, "sign_in", "riverside")
    assert "From your sign-in with Riverside Unified." in client.get("/accounts/profile/").content.decode()


def test_the_district_cannot_sign_in_an_address_outside_its_domains(client, idp, riverside):
    outsider = factories.participant(email="pat@lakeside.org")

    sign_in(client, idp, {**PERSON, "uid": "rv-9", "mail": outsider.email})

    assert "_auth_user_id" not in client.session
    assert not SocialAccount.objects.filter(user=outsider).exists()


def test_a_response_signed_by_another_key_is_refused(client, idp, riverside, tmp_path):
    factories.participant(email=PERSON["mail"])
    idp.key_file, idp.cert_file, _ = key_and_certificate(tmp_path, "impostor")
    idp.trust(client.get("/accounts/saml/riverside/metadata/").content.decode())

    _, page = sign_in(client, idp, PERSON)

    assert "_auth_user_id" not in client.session
    assert page.status_code == 401
    assert "sign-in did not finish" in page.content.decode()
    assert not SocialAccount.objects.exists()


def test_a_response_signed_with_sha1_is_refused(client, idp, riverside):
    from saml2.xmldsig import DIGEST_SHA1, SIG_RSA_SHA1

    factories.participant(email=PERSON["mail"])
    idp.algorithms = (SIG_RSA_SHA1, DIGEST_SHA1)

    sign_in(client, idp, PERSON)

    assert "_auth_user_id" not in client.session


def test_a_response_used_twice_signs_nobody_in_the_second_time(client, idp, riverside):
    factories.participant(email=PERSON["mail"])
    fields, _ = sign_in(client, idp, PERSON)
    client.logout()

    again = client.post("/accounts/saml/riverside/acs/", fields)
    client.get(again["Location"])

    assert "_auth_user_id" not in client.session


def test_a_password_is_refused_for_the_districts_addresses(client, riverside):
    teacher = factories.participant(email=PERSON["mail"])
    page = client.post("/accounts/login/", {"login": teacher.email, "password": factories.PASSWORD})

    assert "_auth_user_id" not in client.session
    assert "Sign in with Riverside Unified" in page.content.decode()
