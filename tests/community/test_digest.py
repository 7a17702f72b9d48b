"""The community digest: only for those who asked, once a day, only with something new in it,
and one click stops it."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from cohorts.community import services
from cohorts.reminders.models import ReminderOptIn
from cohorts.reminders.services import due_now, reminder_email, send_reminders, unsubscribe_url
from pd_platform import reminders

pytestmark = pytest.mark.django_db

KIND = "community_digest"


def next_noon():
    """The next noon in the program office's time zone: daytime, and within a day of now."""
    now = datetime.now(ZoneInfo("America/Los_Angeles"))
    noon = now.replace(hour=12, minute=0, second=0, microsecond=0)
    return noon if noon > now else noon + timedelta(days=1)


def due(moment):
    found = due_now(moment, kinds=[reminders.kind(KIND)])
    return found.ready + found.held


def test_nothing_goes_to_someone_who_did_not_ask(member, colleague, thread):
    services.do_post(colleague, thread, "A reply while nobody asked for a digest.")
    assert due(timezone.now() + timedelta(minutes=1)) == []


def test_asked_for_on_the_community_page_the_digest_lists_followed_threads_and_new_ones(
    client, member, colleague, thread, topic, mailoutbox
):
    client.force_login(member)
    client.post("/community/digest/", {"digest": "1"})
    assert ReminderOptIn.objects.filter(user=member, kind=KIND).exists()
    assert "Stop the daily digest" in client.get("/community/").text

    services.do_post(colleague, thread, "Reply in a thread the member follows.")
    services.do_start_thread(colleague, topic, "A brand new thread", "Fresh.")
    moment = timezone.now() + timedelta(minutes=1)
    [item] = due(moment)
    assert item.recipient == member and item.subject == "Community: 2 new posts"
    body = reminder_email(item).body
    assert "Retakes after the unit test?" in body and "A brand new thread" in body and "Ben Tso" in body

    noon = next_noon()
    _, sent, _ = send_reminders(noon, kinds=[reminders.kind(KIND)])
    _, again, _ = send_reminders(noon + timedelta(hours=2), kinds=[reminders.kind(KIND)])
    assert (sent, again) == (1, 0)  # once a day
    assert mailoutbox[-1].to == [member.email] and mailoutbox[-1].extra_headers["List-Unsubscribe-Post"]


def test_own_posts_other_programs_and_hidden_posts_are_not_in_it(member, colleague, thread, leader, series_participant):
    from cohorts.community.models import Topic
    from cohorts.reminders.services import do_choose_kind

    do_choose_kind(member, KIND, True)
    services.do_post(member, thread, "My own reply.")
    hidden = services.do_post(colleague, thread, "Something rude.")
    services.do_hide_post(leader, hidden)
    series_topic = Topic.objects.exclude(program=thread.topic.program).first()
    services.do_start_thread(series_participant, series_topic, "Series only", "Not for the course's members.")
    assert due(timezone.now() + timedelta(minutes=1)) == []


def test_the_unsubscribe_link_stops_it_and_the_community_page_can_start_it_again(client, member, colleague, thread):
    from cohorts.reminders.services import do_choose_kind

    do_choose_kind(member, KIND, True)
    services.do_post(colleague, thread, "News.")
    moment = timezone.now() + timedelta(minutes=1)
    [item] = due(moment)
    token_url = unsubscribe_url(member, KIND)
    client.post("/" + token_url.split("/", 3)[3])  # one click, not signed in
    assert due(moment) == []
    client.force_login(member)
    assert "E-mail me a daily digest" in client.get("/community/").text
    client.post("/community/digest/", {"digest": "1"})
    assert len(due(moment)) == 1


def test_the_preferences_page_shows_the_digest_off_until_asked_for(client, member):
    client.force_login(member)
    page = client.get("/reminders/").text
    start = page.index('value="community_digest"')
    assert "checked" not in page[start - 120 : start + 60]
    client.post("/reminders/", {"kinds": ["community_digest", "pacing"]})
    assert ReminderOptIn.objects.filter(user=member, kind=KIND).exists()
    client.post("/reminders/", {"kinds": ["pacing"]})
    assert not ReminderOptIn.objects.filter(user=member, kind=KIND).exists()
