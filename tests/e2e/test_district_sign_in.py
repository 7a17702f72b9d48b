"""Sign-in with a district's accounts, end to end: a real OpenID Connect provider (node's oidc-provider,
from the npm registry) started here, the platform as its client, Chromium clicking through both. A
verified address links to the account that has it; a new teacher completes their profile, and the district's
sign-in places them in the district; a district that requires its sign-in refuses passwords for its domain; a
forged callback signs nobody in."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.conftest import npm_package
from tests.servers import Site, free_port, port_open, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.own_database]
OIDC_DIR = Path(__file__).resolve().parent / ".node-oidc"
PROVIDER_SCRIPT = Path(__file__).resolve().parent / "oidc_provider.mjs"
DISTRICT = "Riverside Unified"


@pytest.fixture(scope="module")
def oidc_provider_installed():
    npm_package(OIDC_DIR, "oidc-provider@9", needs=("npm", "node"))
    shutil.copy(PROVIDER_SCRIPT, OIDC_DIR / "provider.mjs")  # beside its node_modules
    return OIDC_DIR / "provider.mjs"


@pytest.fixture(scope="module")
def district_site(tmp_path_factory, oidc_provider_installed):
    idp_port = free_port()
    site = Site(
        tmp_path_factory.mktemp("sso"),
        SSO_DISTRICTS=json.dumps(
            [
                {
                    "id": "riverside",
                    "name": DISTRICT,
                    "server_url": f"http://127.0.0.1:{idp_port}",
                    "client_id": "pd-platform",
                    "secret": "a-client-secret-for-tests",
                    "domains": ["riverside.k12.ca.us"],
                    "required": True,
                }
            ]
        ),
    )
    provider = subprocess.Popen(
        ["node", str(oidc_provider_installed)],
        cwd=OIDC_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            "PORT": str(idp_port),
            "CLIENT_ID": "pd-platform",
            "CLIENT_SECRET": "a-client-secret-for-tests",
            "REDIRECT_URI": f"{site.url}/accounts/oidc/riverside/login/callback/",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert wait_until(lambda: port_open(idp_port), 30), "the OpenID Connect provider did not start"
        site.install(demo=False)
        site.python(
            "from pd_platform.accounts.models import User; from allauth.account.models import EmailAddress; "
            "from cohorts.registration.models import District; District.objects.create(name='Riverside Unified'); "
            "u = User.objects.create_user(email='kim@riverside.k12.ca.us', password='a-password-kim-had', "
            "full_name='Kim Lee'); "
            "EmailAddress.objects.create(user=u, email=u.email, verified=True, primary=True); print('ok')"
        )
        site.start_gunicorn(log=site.var_dir / "gunicorn.log")
        yield site
    finally:
        site.stop()
        provider.terminate()
        provider.wait(timeout=10)


def through_the_district(page, site, login):
    page.goto(site.url + "/accounts/login/")
    page.get_by_role("link", name=f"Sign in with {DISTRICT}").click()
    if page.url.startswith(site.url):  # allauth's "continue to the provider" step
        page.get_by_role("button", name="Continue").click()
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("anything: the district checks it")
    page.locator("button[type=submit]").click()
    page.locator("button[type=submit]").click()  # the district asks to share the address and name once


def test_a_teacher_whose_address_is_known_lands_in_their_own_account(page, district_site):
    through_the_district(page, district_site, "kim@riverside.k12.ca.us")
    page.wait_for_url(f"{district_site.url}/dashboard/")
    assert "Kim Lee" in page.content()
    linked = district_site.python(
        "from allauth.socialaccount.models import SocialAccount; "
        "print(SocialAccount.objects.filter(user__email='kim@riverside.k12.ca.us', provider='riverside').count())"
    )
    assert linked == "1"


def test_a_new_teacher_completes_their_profile_once(page, district_site):
    through_the_district(page, district_site, "dana@riverside.k12.ca.us")
    assert page.url.startswith(f"{district_site.url}/accounts/3rdparty/signup/")
    page.get_by_label("Full name").fill("Dana Whitfield")
    page.get_by_label("Role").select_option(index=1)
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url(f"{district_site.url}/dashboard/")
    verified = district_site.python(
        "from allauth.account.models import EmailAddress; "
        "print(EmailAddress.objects.get(email='dana@riverside.k12.ca.us').verified)"
    )
    assert verified == "True"
    placed = district_site.python(
        "from cohorts.registration.models import DistrictMembership as M; "
        "m = M.objects.get(user__email='dana@riverside.k12.ca.us'); print(m.district.name, m.source)"
    )
    assert placed == f"{DISTRICT} sign_in"  # the district's sign-in, not anything typed


def test_a_password_is_refused_where_the_district_signs_its_people_in(page, district_site):
    page.goto(district_site.url + "/accounts/login/")
    page.get_by_label("Email").fill("kim@riverside.k12.ca.us")
    page.get_by_label("Password").fill("a-password-kim-had")
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()
    assert page.url.startswith(f"{district_site.url}/accounts/login/")
    assert f"{DISTRICT} signs its staff in with its own accounts" in page.content()


def test_a_forged_callback_signs_nobody_in(page, district_site):
    page.goto(f"{district_site.url}/accounts/oidc/riverside/login/callback/?code=forged&state=forged")
    assert "Log out" not in page.content()
    page.goto(f"{district_site.url}/dashboard/")
    assert page.url.startswith(f"{district_site.url}/accounts/login/")
