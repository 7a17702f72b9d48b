"""A target set submitted as the Learning Targets assignment: the facilitator sees the checks
beside each target and gives feedback per target; the revision shows what changed target by target."""

import pytest

from cohorts.coursework import services as coursework
from cohorts.coursework.models import Submission
from cohorts.toolkit import submissions
from cohorts.toolkit.models import AttachedTargetSet, ItemComment, LearningTarget
from cohorts.toolkit.target_sets import services
from tests import factories


def submit(client, target_set, enrollment, note="", confirm="submit-anyway"):
    return client.post(
        f"/toolkit/targets/{target_set.pk}/submit/",
        {"assignment": f"{enrollment.pk}:lbg-m02-learning-targets", "note": note, "confirm": confirm},
    )


def test_a_participant_submits_a_set_and_it_becomes_a_revision_with_a_copy(client, participant, enrollment, target_set):
    client.force_login(participant)
    builder = client.get(f"/toolkit/targets/{target_set.pk}/").content.decode()
    assert (
        "Learning Targets (not submitted yet)" in builder
        and f'value="{enrollment.pk}:lbg-m02-learning-targets"' in builder
    )
    asked = submit(client, target_set, enrollment, note="My first draft.", confirm="")
    question = asked.content.decode()
    assert asked.status_code == 200 and "1 target doesn’t pass the checks yet — submit anyway?" in question
    assert not AttachedTargetSet.objects.exists()
    assert 'name="note" value="My first draft."' in question and 'value="submit-anyway"' in question
    weak = LearningTarget.objects.get(text__startswith="Students")  # answered at the submit address, its links hold
    assert f'<a href="/toolkit/targets/{target_set.pk}/target/{weak.pk}/">Students will understand' in question
    assert ">My first draft.</textarea>" in question  # fixing first keeps what was typed in the form below
    answer = submit(client, target_set, enrollment, note="My first draft.")
    assert answer.url == f"/cohorts/enrollments/{enrollment.pk}/activities/lbg-m02-learning-targets/"
    submission = Submission.objects.get(enrollment=enrollment, activity__key="lbg-m02-learning-targets")
    assert submission.status == "submitted"
    revision = submission.revisions.get()
    assert "- I can add fractions with unlike denominators" in revision.source and "My first draft." in revision.source
    copy = AttachedTargetSet.objects.get(revision=revision)
    assert [t["text"] for t in copy.targets()] == [
        "I can add fractions with unlike denominators",
        "Students will understand fractions",
    ]
    # The participant's page shows the attached set with its checks.
    page = client.get(answer.url).content.decode()
    assert "Target set: Grade 5 math" in page and "“understand” happens inside a head" in page
    # Back in the builder, the set says where it went and that changes now stay here until sent again.
    builder = client.get(f"/toolkit/targets/{target_set.pk}/").content.decode()
    assert "Revision 1 of <a href" in builder and "waiting for your facilitator&#x27;s feedback." in builder
    assert "What you change here stays here until you submit it again." in builder


def test_the_copy_stays_as_submitted_when_the_set_changes(participant, enrollment, learning_targets, target_set):
    revision = submissions.submit_target_set(enrollment, learning_targets, target_set)
    target = LearningTarget.objects.get(text__startswith="Students")
    services.update_target(target, text="I can compare fractions")
    services.delete_target_set(target_set)
    copy = AttachedTargetSet.objects.get(revision=revision)
    assert copy.target_set is None and "Students will understand fractions" in [t["text"] for t in copy.targets()]


def test_submitting_is_refused_while_waiting_for_feedback_or_for_someone_elses_set(
    participant, enrollment, learning_targets, target_set
):
    submissions.submit_target_set(enrollment, learning_targets, target_set)
    with pytest.raises(coursework.CourseworkError, match="waiting for feedback"):
        submissions.submit_target_set(enrollment, learning_targets, target_set)
    stranger = factories.participant(email="stranger@example.org")
    their_set = services.create_target_set(stranger, course_name="Theirs", grade_band="6-8")
    with pytest.raises(coursework.CourseworkError, match="your own"):
        submissions.submit_target_set(enrollment, learning_targets, their_set)
    empty = services.create_target_set(participant, course_name="Empty", grade_band="6-8")
    with pytest.raises(coursework.CourseworkError, match="at least one"):
        submissions.submit_target_set(enrollment, learning_targets, empty)


def test_an_assignment_that_is_not_open_is_not_offered_and_not_taken(client, participant, enrollment, target_set):
    client.force_login(participant)
    submit(client, target_set, enrollment)
    page = client.get(f"/toolkit/targets/{target_set.pk}/").content.decode()
    assert "takes a new revision now" in page  # waiting for feedback: nothing offered
    answer = submit(client, target_set, enrollment)
    assert (
        answer.status_code == 302
        and Submission.objects.get(activity__key="lbg-m02-learning-targets").revisions.count() == 1
    )
    assert "open for a new revision" in client.get(answer.url).content.decode()


def test_the_facilitator_reviews_target_by_target_and_sees_what_changed(
    client, participant, enrollment, learning_targets, target_set, course_facilitator
):
    first = submissions.submit_target_set(enrollment, learning_targets, target_set)
    submission = first.submission
    client.force_login(course_facilitator)
    review = client.get(f"/cohorts/review/{submission.pk}/").content.decode()
    assert (
        "“understand” happens inside a head" in review and "Feedback on “Students will understand fractions”" in review
    )
    copy = AttachedTargetSet.objects.get(revision=first)
    weak = next(t for t in copy.targets() if t["text"].startswith("Students"))
    answer = client.post(
        f"/toolkit/copies/sets/{copy.pk}/comment/", {"item": weak["key"], "text": "Which fractions skill?"}
    )
    assert answer.url.endswith(f"#attached-{copy.pk}-{weak['key']}")
    coursework.review_submission(submission, course_facilitator, "needs_revision", "Look at target 2.")

    # The participant sees the comment beside the target, revises the set and resubmits.
    client.force_login(participant)
    page = client.get(f"/cohorts/enrollments/{enrollment.pk}/activities/lbg-m02-learning-targets/").content.decode()
    assert "Which fractions skill?" in page and "Fran Okafor" in page
    services.update_target(LearningTarget.objects.get(text__startswith="Students"), text="I can compare fractions")
    services.add_target(target_set.groups.get(), text="I can subtract mixed numbers")
    services.delete_target(LearningTarget.objects.get(text__startswith="I can add"))
    submit(client, target_set, enrollment)

    client.force_login(course_facilitator)
    review = client.get(f"/cohorts/review/{submission.pk}/").content.decode()
    assert "What changed since revision 1, target by target" in review
    # A rewritten target shows the words changed inside it, as one removed and one added run.
    assert (
        '<strong>Rewritten:</strong> <span class="changed-words"><del aria-label="removed">Students will understand'
        '</del><ins aria-label="added">I can compare</ins> fractions</span>' in review
    )
    # The page's comparison of the two revisions points there rather than comparing the Markdown.
    newest = AttachedTargetSet.objects.order_by("-pk").first()
    assert "Compared item by item" in review and f'href="#changes-{newest.pk}"' in review
    assert f'id="changes-{newest.pk}"' in review
    assert "<strong>Added:</strong> <ins>I can subtract mixed numbers</ins>" in review
    assert "<strong>Removed:</strong> <del>I can add fractions with unlike denominators</del>" in review


def test_only_the_cohorts_facilitators_comment(client, participant, enrollment, learning_targets, target_set):
    revision = submissions.submit_target_set(enrollment, learning_targets, target_set)
    copy = AttachedTargetSet.objects.get(revision=revision)
    key = copy.targets()[0]["key"]
    for outsider in (participant, factories.facilitator(email="other-facilitator@example.org")):
        client.force_login(outsider)
        assert client.post(f"/toolkit/copies/sets/{copy.pk}/comment/", {"item": key, "text": "x"}).status_code == 404
    assert not ItemComment.objects.exists()


def test_a_comment_needs_text_and_a_target_of_the_set(
    client, enrollment, learning_targets, target_set, course_facilitator
):
    revision = submissions.submit_target_set(enrollment, learning_targets, target_set)
    copy = AttachedTargetSet.objects.get(revision=revision)
    client.force_login(course_facilitator)
    answer = client.post(f"/toolkit/copies/sets/{copy.pk}/comment/", {"item": "t999999", "text": "Hmm"}, follow=True)
    assert "That item is not in this copy." in answer.content.decode()
    answer = client.post(
        f"/toolkit/copies/sets/{copy.pk}/comment/", {"item": copy.targets()[0]["key"], "text": " "}, follow=True
    )
    assert "Write the feedback first." in answer.content.decode()
    assert not ItemComment.objects.exists()


def test_a_set_whose_targets_all_pass_is_submitted_without_asking(client, participant, enrollment, target_set):
    services.update_target(LearningTarget.objects.get(text__startswith="Students"), text="I can compare fractions")
    client.force_login(participant)
    answer = submit(client, target_set, enrollment, confirm="")
    assert answer.status_code == 302
    assert Submission.objects.get(enrollment=enrollment, activity__key="lbg-m02-learning-targets").status == "submitted"
