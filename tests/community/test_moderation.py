"""Report a post; the program's facilitators and admins hide or restore it, with a log. A hidden
post is not lost, and nobody else moderates."""

import pytest

from cohorts.community import services
from cohorts.community.models import ModerationEntry, Post, Report
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def rude(colleague, thread):
    return services.do_post(colleague, thread, "This is all nonsense, and so are you.")


def test_a_member_reports_a_post_and_the_facilitator_hides_it_from_the_desk(client, member, rude, leader, thread):
    client.force_login(member)
    client.post(f"/community/posts/{rude.pk}/report/", {"reason": "Personal attack"})
    assert Report.objects.get().reason == "Personal attack"
    assert "You reported this post." in client.get(f"/community/threads/{thread.pk}/").text

    client.force_login(leader)
    program_id = thread.topic.program_id
    desk = client.get(f"/community/programs/{program_id}/moderation/").text
    assert "Personal attack" in desk and "so are you" in desk
    client.post(
        f"/community/posts/{rude.pk}/moderate/", {"action": "hide", "reason": "Not how we talk here", "next": "desk"}
    )
    rude.refresh_from_db()
    assert rude.hidden_at is not None and rude.hidden_by == leader
    assert Report.objects.get().resolved_at is not None
    desk = client.get(f"/community/programs/{program_id}/moderation/").text
    assert "No reports waiting." in desk and "Not how we talk here" in desk and "Hidden" in desk

    client.force_login(member)
    page = client.get(f"/community/threads/{thread.pk}/").text
    assert "so are you" not in page and "Hidden by a moderator" in page
    assert Post.objects.filter(pk=rude.pk).exists()  # kept


def test_a_hidden_post_is_restored_and_the_log_keeps_both(client, leader, rude, thread):
    services.do_hide_post(leader, rude, "heat of the moment")
    client.force_login(leader)
    page = client.get(f"/community/threads/{thread.pk}/").text
    assert "so are you" in page and "Restore this post" in page  # the moderator still reads it
    client.post(f"/community/posts/{rude.pk}/moderate/", {"action": "restore", "reason": "apologised"})
    rude.refresh_from_db()
    assert rude.hidden_at is None
    assert list(ModerationEntry.objects.order_by("at", "pk").values_list("action", "reason")) == [
        ("hide", "heat of the moment"),
        ("restore", "apologised"),
    ]


def test_dismissing_reports_keeps_the_post(leader, member, rude):
    services.do_report(member, rude, "I disagree")
    services.do_dismiss_reports(leader, rude, "Disagreement is fine")
    rude.refresh_from_db()
    assert rude.hidden_at is None and Report.objects.get().resolved_at is not None


def test_participants_and_other_programs_facilitators_cannot_moderate(client, member, colleague, rude, trainer, thread):
    for person in (member, colleague, trainer):
        client.force_login(person)
        response = client.post(f"/community/posts/{rude.pk}/moderate/", {"action": "hide"})
        assert response.status_code in (403, 404)
        assert client.get(f"/community/programs/{thread.topic.program_id}/moderation/").status_code == 404
    rude.refresh_from_db()
    assert rude.hidden_at is None and not ModerationEntry.objects.exists()


def test_an_admin_moderates_every_program(thread, rude):
    admin = factories.program_admin()
    services.do_hide_post(admin, rude)
    assert Post.objects.get(pk=rude.pk).hidden_at is not None


def test_a_report_needs_a_reason_comes_once_and_not_on_ones_own_post(member, colleague, rude):
    with pytest.raises(services.CommunityError, match="Say what is wrong"):
        services.do_report(member, rude, " ")
    with pytest.raises(services.CommunityError, match="your own post"):
        services.do_report(colleague, rude, "mine")
    services.do_report(member, rude, "rude")
    services.do_report(member, rude, "rude again")
    assert Report.objects.count() == 1


def test_hiding_twice_is_refused_with_the_reason(leader, rude):
    services.do_hide_post(leader, rude)
    with pytest.raises(services.CommunityError, match="already hidden"):
        services.do_hide_post(leader, rude)
    assert ModerationEntry.objects.count() == 1


def test_the_moderation_desk_costs_the_same_however_many_reports(
    client, leader, member, colleague, thread, django_assert_num_queries
):
    client.force_login(leader)
    url = f"/community/programs/{thread.topic.program_id}/moderation/"
    client.get(url)
    for count in (1, 5):
        for i in range(count):
            post = services.do_post(colleague, thread, f"Post {count}-{i}")
            services.do_report(member, post, "off topic")
            services.do_dismiss_reports(leader, services.do_post(colleague, thread, "another"))
        with django_assert_num_queries(DESK_QUERIES):
            assert client.get(url).status_code == 200


DESK_QUERIES = 7


def test_the_home_of_moderators_says_how_many_reports_wait(client, member, rude, leader, thread):
    services.do_report(member, rude, "rude")
    admin = factories.program_admin()
    for person in (leader, admin):
        client.force_login(person)
        home = client.get("/dashboard/").text
        assert "1 report waiting" in home
        assert f"/community/programs/{thread.topic.program_id}/moderation/" in home
    client.force_login(factories.facilitator())
    assert "You moderate no community yet." in client.get("/dashboard/").text
