"""Sign-in rate limits hold across processes: failed logins spread over two servers (as over
gunicorn's workers, or several machines) are counted together in the Redis cache."""

import re
import subprocess
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest

from tests.servers import Site, port_open

pytestmark = [
    pytest.mark.own_database,  # its two servers share a SQLite file of their own
    pytest.mark.skipif(not port_open(6379), reason="needs Redis on 127.0.0.1:6379 for the shared cache"),
]

EMAIL, PASSWORD = "teacher@example.org", "a-long-test-password"
CACHE_DB = 10  # a Redis database no other test uses


class Browser:
    """One person's cookies, sent to whichever server answers. Both answer for one site name,
    as servers behind one proxy do (allauth counts failures per site and address)."""

    HEADERS = {"Host": "localhost"}

    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def log_in(self, site, password):
        page = (
            self.opener.open(urllib.request.Request(site.url + "/accounts/login/", headers=self.HEADERS), timeout=30)
            .read()
            .decode()
        )
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({"login": EMAIL, "password": password, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(site.url + "/accounts/login/", data=data, headers=self.HEADERS)
        response = self.opener.open(request, timeout=30)
        return response.geturl(), response.read().decode()


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """One database and collected static files, shared by the servers of every test here."""
    var_dir = tmp_path_factory.mktemp("rate-limits")
    site = Site(var_dir)
    site.prepare()
    site.python(
        "from allauth.account.models import EmailAddress; from pd_platform.accounts.models import User; "
        f"u = User.objects.create_user(email='{EMAIL}', password='{PASSWORD}', full_name='Jo Teacher'); "
        "EmailAddress.objects.create(user=u, email=u.email, primary=True, verified=True); print('ok')"
    )
    return var_dir


@pytest.mark.parametrize(
    "cache_url, refused",
    [
        (f"redis://127.0.0.1:6379/{CACHE_DB}", True),
        # The control: a cache in each process counts three failures in one and two in the other,
        # so the right password still gets in. This is why the production profile needs CACHE_URL.
        ("locmemcache://", False),
    ],
)
def test_failed_logins_on_two_servers_count_together(installed, cache_url, refused):
    subprocess.run(["redis-cli", "-n", str(CACHE_DB), "flushdb"], capture_output=True)
    servers = [Site(installed, CACHE_URL=cache_url), Site(installed, CACHE_URL=cache_url)]
    try:
        for server in servers:
            server.start_gunicorn(workers=1)
        browser = Browser()
        for attempt in range(5):
            url, page = browser.log_in(servers[attempt % 2], "wrong-password")
            assert "/accounts/login/" in url
        url, page = browser.log_in(servers[1], PASSWORD)
        if refused:
            assert "Too many failed login attempts" in page
            assert "/accounts/login/" in url
        else:
            assert "/dashboard/" in url
    finally:
        for server in servers:
            server.stop()
        subprocess.run(["redis-cli", "-n", str(CACHE_DB), "flushdb"], capture_output=True)
