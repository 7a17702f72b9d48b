"""A person makes, sees and revokes their own API keys on their profile."""

from wagtail.models import APIToken

from pd_platform.accounts.tokens import MAX_ACTIVE, create_api_token
from tests import factories


def test_a_new_key_is_shown_once_and_works(client, participant):
    client.force_login(participant)
    page = client.post("/accounts/api-keys/", {"name": "district gradebook"})
    assert page.status_code == 200
    key = page.context["new_key"]
    assert key.startswith("wagtail_") and key.encode() in page.content
    again = client.get("/accounts/profile/")
    assert key.encode() not in again.content and b"district gradebook" in again.content
    answer = client.post(
        "/api/toolkit/grade",
        '{"tasks": 4, "not_yet": 0}',
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert answer.json()["letter"] == "A"


def test_a_key_needs_a_name_and_there_is_a_cap(client, participant):
    client.force_login(participant)
    page = client.post("/accounts/api-keys/", {"name": "  "})
    assert page.status_code == 400 and "Say what the key is for." in page.content.decode()
    for n in range(MAX_ACTIVE):
        create_api_token(participant, name=f"key {n}")
    page = client.post("/accounts/api-keys/", {"name": "one more"})
    assert page.status_code == 400 and "revoke one" in page.content.decode()


def test_a_person_revokes_their_own_key_but_not_another_persons(client, participant):
    own, _ = create_api_token(participant, name="mine")
    other_person = factories.participant(email="other@example.org")
    theirs, _ = create_api_token(other_person, name="theirs")
    client.force_login(participant)
    client.post(f"/accounts/api-keys/{theirs.pk}/revoke/")
    assert APIToken.objects.get(pk=theirs.pk).revoked_at is None
    response = client.post(f"/accounts/api-keys/{own.pk}/revoke/", follow=True)
    assert APIToken.objects.get(pk=own.pk).revoked_at is not None
    assert b"no longer opens anything" in response.content
    assert client.get(f"/accounts/api-keys/{own.pk}/revoke/").status_code == 405
