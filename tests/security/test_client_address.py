"""Behind the reverse proxy the README recommends, every request reaches gunicorn from the
proxy's address. Each counter (sign-in throttles, certificate lookups) must still tell one
client from another, by the address our proxies report, and never by one a client wrote."""

import pytest
from django.core.cache import cache

from pd_platform.client_address import client_address
from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # the nginx in front of gunicorn: REMOTE_ADDR of every request
MALLORY, TEACHER = "203.0.113.66", "198.51.100.7"


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


def through_proxy(client_ip, sent_by_client=""):
    """What gunicorn sees of a request that went through one proxy: the proxy appends the address it was reached from."""
    forwarded = f"{sent_by_client}, {client_ip}" if sent_by_client else client_ip
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


def failed_logins(client, times, **meta):
    for n in range(times):
        client.post("/accounts/login/", {"login": f"nobody{n}@example.org", "password": "guess"}, **meta)


def logs_in(client, person, **meta):
    response = client.post("/accounts/login/", {"login": person.email, "password": PASSWORD}, **meta)
    return "_auth_user_id" in client.session and response.status_code == 302


def test_one_clients_failed_logins_do_not_lock_out_everyone_behind_the_proxy(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    teacher = factories.participant()
    failed_logins(client, 12, **through_proxy(MALLORY))
    assert not logs_in(client, teacher, **through_proxy(MALLORY)), "the guessing client is throttled"
    assert logs_in(client, teacher, **through_proxy(TEACHER)), "everyone else still signs in"


def test_a_client_cannot_escape_its_throttle_by_writing_x_forwarded_for(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    teacher = factories.participant()
    for n in range(12):
        meta = through_proxy(MALLORY, sent_by_client=f"192.0.2.{n}")  # a new made-up address each time
        client.post("/accounts/login/", {"login": f"nobody{n}@example.org", "password": "guess"}, **meta)
    assert not logs_in(client, teacher, **through_proxy(MALLORY, sent_by_client="192.0.2.200"))


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(client, settings):
    settings.TRUSTED_PROXY_COUNT = None
    teacher = factories.participant()
    for n in range(12):
        client.post(
            "/accounts/login/",
            {"login": f"nobody{n}@example.org", "password": "guess"},
            REMOTE_ADDR=MALLORY,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    assert not logs_in(client, teacher, REMOTE_ADDR=MALLORY, HTTP_X_FORWARDED_FOR="192.0.2.99")


def test_certificate_guesses_are_counted_per_client_behind_the_proxy(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.CERTIFICATE_VERIFY_GUESSES = 20
    for n in range(25):
        client.get(f"/certificates/verify/NOPE{n:04d}/", **through_proxy(MALLORY))
    assert client.get("/certificates/verify/NOPE9999/", **through_proxy(MALLORY)).status_code == 429
    answer = client.get("/certificates/verify/NOPE9999/", **through_proxy(TEACHER))
    assert answer.status_code == 404 and "Too many" not in answer.content.decode()
    assert client.get("/api/certificates/NOPE9999", **through_proxy(TEACHER)).status_code == 404


def test_a_header_set_by_the_proxy_names_the_client(rf, settings):
    settings.TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    assert client_address(rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_REAL_IP=TEACHER)) == TEACHER
    # A request that bypassed the proxy carries no such header: its own address counts.
    assert client_address(rf.get("/", REMOTE_ADDR=MALLORY)) == MALLORY
    assert client_address(rf.get("/", REMOTE_ADDR=MALLORY, HTTP_X_REAL_IP="not an address")) == MALLORY


@pytest.mark.parametrize(
    "count, forwarded, expected",
    [
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "192.0.2.1, 198.51.100.7", "198.51.100.7"),
        (2, "192.0.2.1, 198.51.100.7, 10.0.0.9", "198.51.100.7"),
        (2, "198.51.100.7", PROXY),  # fewer hops than our proxies: not from them
        (1, "[2001:db8::7]:443", "2001:db8::7"),
        (1, "198.51.100.7:51234", "198.51.100.7"),
        (1, "garbage", PROXY),
        (0, "198.51.100.7", PROXY),
    ],
)
def test_the_client_is_the_entry_our_last_proxy_appended(rf, settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_address(rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)) == expected
