"""District sign-in is set from the environment (pd_platform.accounts.sso): bad settings say what is wrong,
and the sign-in forms may go on only to the providers configured."""

import json

import environ
import pytest

from pd_platform.accounts import sso

RIVERSIDE = {
    "id": "riverside",
    "name": "Riverside Unified",
    "server_url": "https://login.riverside.k12.ca.us/",
    "client_id": "pd",
    "secret": "s",
    "domains": ["@Riverside.k12.ca.us"],
    "required": True,
}


def env_with(**values):
    return lambda name, default=None: values.get(name, default)


def test_nothing_is_on_without_its_variables():
    assert sso.providers(env_with()) == ({}, [])


def test_each_provider_and_the_origins_its_form_may_reach():
    configured, origins = sso.providers(
        env_with(
            SSO_GOOGLE_CLIENT_ID="g",
            SSO_GOOGLE_SECRET="gs",
            SSO_MICROSOFT_CLIENT_ID="m",
            SSO_DISTRICTS=json.dumps([RIVERSIDE]),
        )
    )
    assert set(configured) == {"google", "microsoft", "openid_connect"}
    assert configured["microsoft"]["APPS"][0]["settings"] == {"tenant": "organizations"}
    app = configured["openid_connect"]["APPS"][0]
    assert app["provider_id"] == "riverside" and app["settings"]["server_url"] == "https://login.riverside.k12.ca.us"
    assert origins == [sso.GOOGLE_ORIGIN, sso.MICROSOFT_ORIGIN, "https://login.riverside.k12.ca.us"]


@pytest.mark.parametrize(
    ("text", "message"),
    [("[{", "SSO_DISTRICTS is not JSON"), (json.dumps([{"id": "x", "name": "X"}]), "lacks server_url, client_id")],
)
def test_a_malformed_district_says_what_is_wrong(text, message):
    with pytest.raises(ValueError, match=message):
        sso.districts_from(text)


def test_only_a_district_that_requires_it_takes_over_its_domain():
    districts = sso.districts_from(
        json.dumps([RIVERSIDE, {**RIVERSIDE, "id": "lake", "domains": ["lake.org"], "required": False}])
    )
    assert sso.required_district("Kim@RIVERSIDE.k12.ca.us", districts).id == "riverside"
    assert sso.required_district("pat@lake.org", districts) is None
    assert sso.required_district("pat@example.org", districts) is None


def test_the_settings_module_reads_them(monkeypatch):
    monkeypatch.setenv("SSO_DISTRICTS", json.dumps([RIVERSIDE]))
    configured, origins = sso.providers(environ.Env())
    assert "openid_connect" in configured and origins == ["https://login.riverside.k12.ca.us"]


LAKESIDE_SAML = {
    "id": "lakeside",
    "name": "Lakeside Schools",
    "entity_id": "https://sts.lakeside.org/adfs/services/trust",
    "sso_url": "https://sts.lakeside.org/adfs/ls/",
    "x509cert": "MIIC...",
    "domains": ["lakeside.org"],
    "required": True,
}


def test_each_saml_district_is_its_own_organisation_trusted_for_its_own_domains():
    configured, origins = sso.providers(
        env_with(
            SSO_SAML_DISTRICTS=json.dumps(
                [
                    LAKESIDE_SAML,
                    {
                        **LAKESIDE_SAML,
                        "id": "hill",
                        "metadata_url": "https://idp.hill.k12.ca.us/metadata",
                        "sso_url": "",
                    },
                ]
            )
        )
    )
    lakeside, hill = configured["saml"]["APPS"]
    assert (lakeside["client_id"], lakeside["provider_id"]) == ("lakeside", "lakeside")
    assert lakeside["settings"]["idp"]["sso_url"] == "https://sts.lakeside.org/adfs/ls/"
    assert lakeside["settings"]["verified_email"] == ["lakeside.org"]
    assert lakeside["settings"]["advanced"]["want_assertion_signed"] is True
    assert hill["settings"]["idp"] == {
        "entity_id": LAKESIDE_SAML["entity_id"],
        "metadata_url": "https://idp.hill.k12.ca.us/metadata",
    }
    assert origins == ["https://idp.hill.k12.ca.us", "https://sts.lakeside.org"]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"id": "x", "name": "X", "entity_id": "e"}, "lacks sso_url, x509cert"),
        ({**LAKESIDE_SAML, "domains": []}, "lacks domains"),
    ],
)
def test_a_malformed_saml_district_says_what_is_wrong(entry, message):
    with pytest.raises(ValueError, match=message):
        sso.saml_districts_from(json.dumps([entry]))


def test_one_id_for_two_districts_is_refused():
    with pytest.raises(ValueError, match="both use the id riverside"):
        sso.providers(
            env_with(
                SSO_DISTRICTS=json.dumps([RIVERSIDE]),
                SSO_SAML_DISTRICTS=json.dumps([{**LAKESIDE_SAML, "id": "riverside"}]),
            )
        )
