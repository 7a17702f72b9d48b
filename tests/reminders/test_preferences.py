"""Each person chooses which reminders they get; receipts and certificates are not on the list."""

import pytest

from cohorts.reminders.models import ReminderOptOut
from pd_platform import reminders
from pd_platform.accounts import roles
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/reminders/"


def test_signing_in_is_required(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_participant_sees_the_participant_kinds_all_on(client, participant):
    client.force_login(participant)

    response = client.get(URL)

    assert response.status_code == 200
    html = response.text
    assert '<label for="kind-pacing">Keep going</label>' in html
    assert 'value="revision" id="kind-revision" aria-describedby="kind-revision-help" checked' in html
    assert "kind-digest" not in html  # a facilitator's reminder


def test_turning_a_kind_off_and_on_again(client, participant):
    client.force_login(participant)
    kinds = [kind.key for kind in reminders.kinds_for({roles.PARTICIPANT}) if kind.key != "pacing"]

    client.post(URL, {"kinds": kinds})
    assert set(ReminderOptOut.objects.filter(user=participant).values_list("kind", flat=True)) == {"pacing"}
    assert 'id="kind-pacing" aria-describedby="kind-pacing-help">' in client.get(URL).text  # unchecked

    client.post(URL, {"kinds": [*kinds, "pacing"]})
    assert not ReminderOptOut.objects.filter(user=participant).exists()


def test_one_persons_choices_do_not_touch_anothers(client, participant):
    other = ReminderOptOut.objects.create(user=factories.participant(), kind="revision")
    client.force_login(participant)

    client.post(URL, {"kinds": []})

    assert ReminderOptOut.objects.filter(pk=other.pk).exists()
    opt_out_kinds = [kind for kind in reminders.kinds_for({roles.PARTICIPANT}) if not kind.opt_in]
    assert ReminderOptOut.objects.filter(user=participant).count() == len(opt_out_kinds)


def test_a_facilitator_chooses_the_digest(client, facilitator):
    client.force_login(facilitator)
    client.post(URL, {"kinds": []})
    assert list(ReminderOptOut.objects.filter(user=facilitator).values_list("kind", flat=True)) == ["digest"]
