"""One-click unsubscribe (RFC 8058): no sign-in, only for the kind the link names, verified first."""

import pytest
from django.test import Client

from cohorts.reminders.models import ReminderOptOut
from cohorts.reminders.services import unsubscribe_url

pytestmark = pytest.mark.django_db


def path_of(url):
    return "/" + url.split("/", 3)[3]


def test_the_mail_clients_one_click_post_unsubscribes_without_signing_in(participant):
    client = Client(enforce_csrf_checks=True)  # a mail client has no CSRF token

    response = client.post(
        path_of(unsubscribe_url(participant, "pacing")),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert "You are unsubscribed" in response.text
    assert set(ReminderOptOut.objects.filter(user=participant).values_list("kind", flat=True)) == {"pacing"}


def test_opening_the_link_only_asks(client, participant):
    """Mail scanners follow links: a GET changes nothing."""
    response = client.get(path_of(unsubscribe_url(participant, "revision")))

    assert response.status_code == 200
    assert "Stop “A revision is waiting” reminders?" in response.text
    assert not ReminderOptOut.objects.exists()


def test_clicking_twice_is_harmless(client, participant):
    path = path_of(unsubscribe_url(participant, "revision"))
    client.post(path)
    client.post(path)
    assert ReminderOptOut.objects.filter(user=participant, kind="revision").count() == 1


@pytest.mark.parametrize(
    "tamper",
    [
        lambda path: path.replace("/unsubscribe/", "/unsubscribe/x"),
        lambda path: path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:],
    ],
    ids=["not-made-here", "signature-changed"],
)
def test_a_forged_link_changes_nothing(client, participant, tamper):
    response = client.post(tamper(path_of(unsubscribe_url(participant, "pacing"))))

    assert response.status_code == 404
    assert not ReminderOptOut.objects.exists()


def test_a_link_cannot_be_rewritten_for_another_person(client, participant, facilitator):
    mine = path_of(unsubscribe_url(participant, "pacing"))
    theirs = path_of(unsubscribe_url(facilitator, "pacing"))
    # Swap the payload (who) while keeping the signature: refused.
    forged = theirs.split(":")[0] + ":" + ":".join(mine.split(":")[1:])
    assert client.post(forged).status_code == 404
    assert not ReminderOptOut.objects.exists()
