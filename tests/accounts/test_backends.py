"""The signed-in user comes with their roles in one query: what they may see follows their
groups from the next page on, and sessions signed in before keep working."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore

from pd_platform.accounts import roles
from tests import factories

pytestmark = pytest.mark.django_db


def nav(client):
    return client.get("/dashboard/").content.decode()


def test_a_role_granted_or_taken_shows_on_the_next_page(client):
    person = factories.participant()
    client.force_login(person)
    assert 'href="/cohorts/review/"' not in nav(client)
    person.groups.add(Group.objects.get(name=roles.FACILITATOR))
    assert 'href="/cohorts/review/"' in nav(client)  # a facilitator's menu, at once
    person.groups.remove(Group.objects.get(name=roles.FACILITATOR))
    assert 'href="/cohorts/review/"' not in nav(client)
    assert client.get("/cohorts/review/").status_code == 403


def test_the_user_and_their_roles_are_one_query(client, django_assert_num_queries):
    from pd_platform.accounts.backends import user_with_roles

    admin = factories.program_admin()
    admin.groups.add(Group.objects.get(name=roles.FACILITATOR))
    with django_assert_num_queries(1):
        loaded = user_with_roles(admin.pk)
        assert roles.role_names(loaded) == {roles.ADMIN, roles.FACILITATOR}
    assert user_with_roles(admin.pk + 1000) is None
    assert user_with_roles("not a number") is None


@pytest.mark.parametrize(
    "backend", ["django.contrib.auth.backends.ModelBackend", "allauth.account.auth_backends.AuthenticationBackend"]
)
def test_a_session_signed_in_before_stays_signed_in(client, settings, backend):
    """Sessions name the backend that signed them in: those of Django's and allauth's own still load."""
    person = factories.participant(full_name="Earlier Session")
    session = SessionStore()
    session.update(
        {SESSION_KEY: str(person.pk), BACKEND_SESSION_KEY: backend, HASH_SESSION_KEY: person.get_session_auth_hash()}
    )
    session.create()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    page = client.get("/dashboard/")
    assert page.status_code == 200 and "Earlier Session" in page.content.decode()
