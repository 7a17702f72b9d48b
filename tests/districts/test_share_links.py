"""A read-only link to one report, for someone without an account: signed, until a time, withdrawable, and
each opening logged."""

import re
from datetime import timedelta

import pytest
from django.core import signing
from django.utils import timezone

from cohorts.districts import services
from cohorts.districts.models import ShareLink, ShareLinkUse

pytestmark = pytest.mark.django_db


def make_link(client, riverside, report="registrations"):
    response = client.post(f"/districts/{riverside.pk}/share/", {"report": report, "label": "School board", "days": 7})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    return re.search(r"http://testserver(/districts/shared/[^/]+/)", page).group(1)


def test_a_signed_out_reader_opens_the_shared_report_and_each_opening_is_logged(
    client, coordinator, riverside, staying, mover
):
    client.force_login(coordinator)
    address = make_link(client, riverside)
    client.logout()
    response = client.get(address, HTTP_USER_AGENT="Board laptop")
    page = response.content.decode()
    assert response.status_code == 200 and response["X-Robots-Tag"] == "noindex"
    assert "Sam Stays" in page and "Mo Mover" not in page
    assert "/districts/" + str(riverside.pk) + "/people/" not in page  # read-only: no links into the workspace
    client.get(address)
    uses = list(ShareLinkUse.objects.all())
    assert len(uses) == 2 and {u.user_agent for u in uses} == {"Board laptop", ""}


def test_an_expired_link_does_not_open(client, coordinator, riverside, staying):
    link = services.create_share_link(riverside, "people", by=coordinator, days=1)
    token = services.share_token(link)
    assert client.get(f"/districts/shared/{token}/").status_code == 200
    now = timezone.now()
    ShareLink.objects.filter(pk=link.pk).update(
        created_at=now - timedelta(days=2), expires_at=now - timedelta(seconds=1)
    )
    assert client.get(f"/districts/shared/{token}/").status_code == 404
    assert ShareLinkUse.objects.count() == 1


def test_a_withdrawn_link_does_not_open(client, coordinator, riverside, staying):
    link = services.create_share_link(riverside, "people", by=coordinator)
    client.force_login(coordinator)
    client.post(f"/districts/{riverside.pk}/share/{link.pk}/revoke/")
    client.logout()
    response = client.get(f"/districts/shared/{services.share_token(link)}/")
    assert response.status_code == 404 and b"Sam Stays" not in response.content


def test_a_changed_or_made_up_token_does_not_open(client, coordinator, riverside, hillcrest, staying):
    link = services.create_share_link(riverside, "people", by=coordinator)
    token = services.share_token(link)
    assert client.get(f"/districts/shared/{token[:-1] + ('A' if token[-1] != 'A' else 'B')}/").status_code == 404
    assert client.get(f"/districts/shared/{link.key}/").status_code == 404  # the bare key, unsigned
    forged = signing.dumps(link.key, salt="another-purpose")
    assert client.get(f"/districts/shared/{forged}/").status_code == 404
    assert ShareLinkUse.objects.count() == 0


def test_another_districts_coordinator_cannot_withdraw_or_list_the_link(
    client, coordinator, hillcrest_coordinator, riverside, hillcrest
):
    link = services.create_share_link(riverside, "people", by=coordinator)
    client.force_login(hillcrest_coordinator)
    assert client.post(f"/districts/{riverside.pk}/share/{link.pk}/revoke/").status_code == 404
    assert client.post(f"/districts/{hillcrest.pk}/share/{link.pk}/revoke/").status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None


def test_a_link_lasts_ninety_days_at_most(coordinator, riverside):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.create_share_link(riverside, "people", by=coordinator, days=91)
