"""Sharing an artifact: a participant shares a copy of their own submission (a learning-target
set, a gradebook, a plan) into the community, with their consent; never another person's work."""

import pytest

from cohorts.community import services
from cohorts.community.models import Post, Thread
from cohorts.coursework import services as coursework
from cohorts.coursework.models import Submission
from modules.models import Activity
from tests.coursework.test_coursework import complete_welcome, png_upload
from tests.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def targets(member, cohort):
    enrollment = member.enrollments.get(cohort=cohort)
    complete_welcome(enrollment)
    revision = coursework.submit_revision(
        enrollment,
        Activity.objects.get(key="lbg-m02-learning-targets"),
        "- I can compare two ratios.\n- I can explain a unit rate.",
        [png_upload("targets.png")],
    )
    return revision.submission


def test_a_participant_shares_a_copy_of_their_targets_with_consent(client, member, colleague, targets, topic):
    client.force_login(member)
    activity_page = client.get(targets.participant_url()).text
    assert f"/community/share/{targets.pk}/" in activity_page
    form = client.get(f"/community/share/{targets.pk}/").text
    assert "I can compare two ratios." in form

    refused = client.post(f"/community/share/{targets.pk}/", {"topic": topic.pk, "title": "My ratio targets"})
    assert "Tick the box" in refused.text and not Thread.objects.exists()

    response = client.post(
        f"/community/share/{targets.pk}/",
        {"topic": topic.pk, "title": "My ratio targets", "note": "Used in 7th grade.", "consent": "on"},
    )
    thread = Thread.objects.get()
    assert response["Location"] == f"/community/threads/{thread.pk}/"
    post = Post.objects.get()
    assert post.shared_from == targets.revisions.get() and "Used in 7th grade." in post.body
    assert [a.name for a in post.attachments.all()] == ["targets.png"]

    client.force_login(colleague)
    page = client.get(f"/community/threads/{thread.pk}/").text
    assert "I can compare two ratios." in page and "Shared from their work" in page
    attachment = post.attachments.get()
    assert client.get(f"/community/attachments/{attachment.pk}/").status_code == 200


def test_nobody_shares_another_persons_work(client, colleague, targets, topic):
    client.force_login(colleague)
    assert client.get(f"/community/share/{targets.pk}/").status_code == 404
    response = client.post(f"/community/share/{targets.pk}/", {"topic": topic.pk, "title": "Stolen", "consent": "on"})
    assert response.status_code == 404
    with pytest.raises(services.CommunityError, match="your own work"):
        services.do_share_submission(colleague, targets, topic, "Stolen", "", True)
    assert not Thread.objects.exists()


def test_the_shared_copy_stays_as_it_was_when_the_work_is_revised(member, leader, targets, topic):
    thread = services.do_share_submission(member, targets, topic, "Targets", "", True)
    coursework.review_submission(targets, leader, "needs_revision", "Tighten the second one.")
    coursework.submit_revision(targets.enrollment, targets.activity, "- I can compute a unit rate.")
    assert "I can explain a unit rate." in thread.posts.get().body


def test_work_with_nothing_submitted_cannot_be_shared(client, member, cohort):
    enrollment = member.enrollments.get(cohort=cohort)
    empty = Submission.objects.create(enrollment=enrollment, activity=Activity.objects.get(key="lbg-m03-rubrics"))
    client.force_login(member)
    assert client.get(f"/community/share/{empty.pk}/").status_code == 404


def test_it_is_shared_only_in_its_own_programs_community(member, targets, series_cohort):
    from cohorts.community.models import Topic

    EnrollmentFactory(cohort=series_cohort, user=member)
    elsewhere = Topic.objects.filter(program=series_cohort.program).first()
    with pytest.raises(services.CommunityError, match="program it was written for"):
        services.do_share_submission(member, targets, elsewhere, "Targets", "", True)
