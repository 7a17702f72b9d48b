"""One way in: every URL the site answers is walked with a person's right password, posted under every
name a login form uses. Only the site's login (allauth: e-mail verification, throttles, lockout, a
district's required sign-in, the second factor) may sign anyone in; a view added anywhere else
that takes a password, Wagtail's or a library's, fails here."""

import re

import pytest
from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern, RoutePattern

from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

# The one view that takes a password and signs its owner in.
THE_LOGIN = "account_login"
SAMPLE = {"int": "1", "str": "x", "slug": "x", "path": "x/y", "uuid": "00000000-0000-0000-0000-000000000001"}


def _route(pattern):
    if isinstance(pattern, RoutePattern):
        return re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE.get(m.group(1) or "str", "1"), str(pattern))
    assert isinstance(pattern, RegexPattern)
    regex, out, depth = pattern._regex.lstrip("^").rstrip("$"), [], 0
    i = 0
    while i < len(regex):  # every group, however nested, becomes "1"; escapes become their character
        char = regex[i]
        if char == "\\" and depth == 0:
            out.append(regex[i + 1])
            i += 2
            continue
        if char == "\\":
            i += 2
            continue
        if char == "(":
            depth += 1
            if depth == 1:
                out.append("1")
        elif char == ")":
            depth -= 1
        elif depth == 0:
            out.append(char)
        i += 1
    return "".join(out)


def every_path():
    """(path, view name) of every URL pattern, its parameters filled with sample values."""

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + _route(pattern.pattern))
            else:
                yield "/" + prefix + _route(pattern.pattern), pattern

    for path, pattern in walk(get_resolver().url_patterns, ""):
        # A pattern whose group must end in "/" (Wagtail's page paths) gets one.
        yield (path if _resolves(path) or not _resolves(path + "/") else path + "/"), pattern


def _resolves(path):
    try:
        resolve(path)
    except Exception:  # noqa: BLE001 - Resolver404, or a converter refusing the sample
        return False
    return True


def test_the_walk_reaches_every_pattern():
    """Each pattern's sample path resolves (to it, or to a pattern placed in front of it on purpose,
    such as the redirects that replace the admin's and Wagtail's login forms)."""
    paths = list(every_path())
    assert len(paths) > 500
    assert [path for path, _pattern in paths if not _resolves(path)] == []


@pytest.fixture
def sign_ins():
    seen = []

    def record(sender, request, user, **kwargs):
        seen.append((request.resolver_match.view_name if request.resolver_match else request.path, user.email))

    user_logged_in.connect(record)
    yield seen
    user_logged_in.disconnect(record)


def test_no_view_but_the_sites_login_signs_anyone_in_with_a_password(sign_ins):
    cache.clear()
    person = factories.participant(email="walker@example.org")
    credentials = {
        "login": person.email,
        "username": person.email,
        "email": person.email,
        "password": PASSWORD,
        "password1": PASSWORD,
        "current-password": PASSWORD,
    }
    client = Client(raise_request_exception=False)
    signed_in_by, broken = set(), []
    walked = 0
    for path, _pattern in every_path():
        for method in ("get", "post"):
            answer = getattr(client, method)(path, credentials)
            walked += 1
            if answer.status_code >= 500:
                broken.append(f"{method.upper()} {path}: {answer.status_code}")
            if client.session.get("_auth_user_id"):
                signed_in_by.add(resolve(path).view_name or path)
                client.logout()
    cache.clear()
    assert walked > 1000
    assert broken == []  # whatever is sent, no URL answers with a server error
    assert signed_in_by == {THE_LOGIN}
    assert {view for view, _ in sign_ins} == {THE_LOGIN}


def test_wagtails_front_end_login_sends_people_to_the_sites_login_and_reads_no_password(client):
    cache.clear()
    unverified = factories.participant(email="unconfirmed@example.org", verified=False)
    for _ in range(30):
        client.post("/_util/login/", {"username": unverified.email, "password": "wrong"})
    answer = client.post(
        "/_util/login/?next=/cohorts/my-courses/", {"username": unverified.email, "password": PASSWORD}
    )

    assert answer.status_code == 302
    assert answer["Location"] == "/accounts/login/?next=%2Fcohorts%2Fmy-courses%2F"
    assert "_auth_user_id" not in client.session
    # Somewhere else is not a place it sends people.
    assert client.get("/_util/login/?next=https://evil.example/")["Location"] == "/accounts/login/?next=%2F"
    cache.clear()
