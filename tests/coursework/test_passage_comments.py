"""Comments on passages through the pages: a facilitator comments on words of a revision, the
participant answers under it, the comment follows its passage into the next revision, and the
program's comment bank counts each use. Only the participant and the cohort's facilitators see
or answer them."""

import pytest

from cohorts.coursework import passages
from cohorts.coursework import services as coursework
from cohorts.coursework.models import (
    AppendOnlyError,
    BankedComment,
    PassageComment,
    PassagePlacement,
    PassageReply,
    Submission,
)
from tests import factories
from tests.coursework.test_coursework import activity, activity_url, complete_welcome
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db

KEY = "lbg-m02-learning-targets"
FIRST = "- I can understand ratios.\n- I can graph a line from its equation.\n- I can solve problems."


@pytest.fixture
def submitted(enrollment):
    complete_welcome(enrollment)
    return coursework.submit_revision(enrollment, activity(KEY), FIRST).submission


def review_url(submission):
    return f"/cohorts/review/{submission.pk}/"


def comment(client, submission, passage, text, **extra):
    return client.post(f"/cohorts/review/{submission.pk}/passages/", {"passage": passage, "comment": text, **extra})


def test_a_comment_on_a_passage_follows_it_into_the_next_revision_with_the_answer(
    client, submitted, course_facilitator, enrollment
):
    client.force_login(course_facilitator)
    start = FIRST.index("I can solve problems")
    response = comment(
        client,
        submitted,
        "I can solve problems",
        "Which problems? Name the *kind*.",
        start=start,
        end=start + 20,
    )
    assert response.status_code == 302
    note = PassageComment.objects.get()
    assert (note.start, note.end, note.quote) == (start, start + 20, "I can solve problems")
    assert note.body.strip() == "<p>Which problems? Name the <em>kind</em>.</p>"
    # Without a selection (no script): the copied words, across a line break, are found.
    comment(client, submitted, "understand fractions", "Not there.")
    assert PassageComment.objects.count() == 1  # the words are not in the text: refused
    comment(client, submitted, "I can understand   ratios.", "Understand is not measurable.")
    assert PassageComment.objects.count() == 2
    page = client.get(review_url(submitted)).content.decode()
    assert '<mark class="passage-mark">I can solve problems</mark>' in page
    assert "Which problems? Name the <em>kind</em>." in page
    client.post(
        review_url(submitted),
        {
            "rating": "needs_revision",
            "feedback": "See the comments on passages.",
            **{f"criterion_{i}": "meets" for i in range(5)},
        },
    )
    assert Submission.objects.get(pk=submitted.pk).status == "needs_revision"

    # The participant sees the comment on the passage and answers it.
    client.force_login(enrollment.user)
    page = client.get(activity_url(enrollment, KEY)).content.decode()
    assert '<mark class="passage-mark">I can solve problems</mark>' in page and "Which problems?" in page
    client.post(f"/cohorts/passage-comments/{note.pk}/replies/", {"reply": "Ratio word problems."})
    assert PassageReply.objects.get().author == enrollment.user
    # They rewrite the first target; the commented words of the third stay as they are.
    second = (
        "- I can compare two ratios using a table.\n- I can graph a line from its equation.\n- I can solve problems."
    )
    client.post(activity_url(enrollment, KEY), {"source": second})
    placements = {p.comment.quote: p for p in PassagePlacement.objects.select_related("comment")}
    kept = placements["I can solve problems"]
    assert (kept.status, second[kept.start : kept.end]) == ("kept", "I can solve problems")
    assert placements["I can understand ratios."].status == "rewritten"

    # The next review starts from what was asked and what changed there.
    client.force_login(course_facilitator)
    page = client.get(review_url(submitted)).content.decode()
    assert "Earlier comments and what changed" in page
    assert page.index("Earlier comments and what changed") < page.index("Revision 2 <span")
    assert "<strong>Kept:</strong> the same words are still there." in page
    assert "<strong>Rewritten:</strong> now <q>I can compare two ratios using a table.</q>" in page
    assert "Ratio word problems." in page


def test_comments_are_history_and_only_on_the_latest_revision(submitted, course_facilitator):
    revision = submitted.revisions.get()
    note = passages.comment_on_passage(revision, course_facilitator, "graph a line", "Good.")
    with pytest.raises(AppendOnlyError):
        note.save()
    with pytest.raises(AppendOnlyError):
        note.delete()
    with pytest.raises(passages.PassageError, match="not in revision 1"):
        passages.comment_on_passage(revision, course_facilitator, "graph a circle", "?")
    coursework.review_submission(submitted, course_facilitator, "needs_revision", "Revise.")
    coursework.submit_revision(submitted.enrollment, activity(KEY), FIRST + "\n- I can explain a slope.")
    with pytest.raises(passages.PassageError, match="newer revision"):
        passages.comment_on_passage(revision, course_facilitator, "graph a line", "Again.")


def test_a_removed_passage_says_so_and_stops_following(submitted, course_facilitator):
    revision = submitted.revisions.get()
    passages.comment_on_passage(revision, course_facilitator, "I can solve problems.", "Too broad.")
    coursework.review_submission(submitted, course_facilitator, "needs_revision", "Revise.")
    two = coursework.submit_revision(submitted.enrollment, activity(KEY), "- I can graph a line from its equation.")
    assert PassagePlacement.objects.get(revision=two).status == "removed"
    coursework.review_submission(submitted, course_facilitator, "needs_revision", "Once more.")
    three = coursework.submit_revision(submitted.enrollment, activity(KEY), "- I can graph a line from a table.")
    assert not PassagePlacement.objects.filter(revision=three).exists()


def test_strangers_cannot_comment_answer_or_use_the_bank(client, submitted, course_facilitator, enrollment):
    note = passages.comment_on_passage(submitted.revisions.get(), course_facilitator, "graph a line", "Good.")
    other_facilitator = factories.facilitator()
    CohortFactory(facilitators=[other_facilitator])
    classmate = EnrollmentFactory(cohort=enrollment.cohort).user
    for person in (other_facilitator, classmate):
        client.force_login(person)
        assert comment(client, submitted, "graph a line", "Mine.").status_code == 404
        assert client.post(f"/cohorts/passage-comments/{note.pk}/replies/", {"reply": "Hi"}).status_code == 404
        assert client.post(f"/cohorts/review/{submitted.pk}/bank/", {"text": "Nice."}).status_code == 404
    client.logout()
    assert comment(client, submitted, "graph a line", "Anon.").status_code == 302  # to sign in
    assert client.post(f"/cohorts/passage-comments/{note.pk}/replies/", {"reply": "Hi"})["Location"].startswith(
        "/accounts/"
    )
    assert PassageComment.objects.count() == 1 and not PassageReply.objects.exists()
    assert not BankedComment.objects.exists()
    with pytest.raises(passages.PassageError):
        passages.reply_to_comment(note, classmate, "Hi")
    # The participant's page of another person's work is not found for a classmate.
    client.force_login(classmate)
    assert client.get(activity_url(enrollment, KEY)).status_code == 404
    # The cohort's facilitator answers too.
    client.force_login(course_facilitator)
    response = client.post(f"/cohorts/passage-comments/{note.pk}/replies/", {"reply": "Still good."})
    assert response["Location"].startswith(review_url(submitted))


def test_the_comment_bank_keeps_comments_per_program_and_counts_each_use_sent(client, submitted, course_facilitator):
    client.force_login(course_facilitator)
    criterion = activity(KEY).rubric_criteria[1]
    bank_url = f"/cohorts/review/{submitted.pk}/bank/"
    client.post(bank_url, {"criterion": criterion, "text": "Use a verb you can observe."})
    client.post(bank_url, {"criterion": "", "text": "Clear and assessable."})
    client.post(bank_url, {"criterion": "", "text": "Clear and assessable."})  # kept once
    client.post(bank_url, {"criterion": "Not a criterion", "text": "Nope."})
    assert BankedComment.objects.count() == 2
    verb, clear = BankedComment.objects.get(criterion=criterion), BankedComment.objects.get(criterion="")
    assert verb.program_id == submitted.enrollment.cohort.program_id

    page = client.get(review_url(submitted)).content.decode()
    assert 'data-text="Use a verb you can observe."' in page and "used 0 times" in page
    form = {"rating": "needs_revision", "feedback": "Clear and assessable.", "bank_used": [str(clear.pk), "x"]}
    form.update({f"criterion_{i}": "meets" for i in range(5)})
    client.post(review_url(submitted), form)
    clear.refresh_from_db()
    verb.refresh_from_db()
    assert (clear.uses, verb.uses) == (1, 0)
    groups = passages.bank_for(verb.program_id, activity(KEY).rubric_criteria)
    assert groups[0].label == "General" and groups[0].entries == [clear]
    # Another program's facilitators do not see it.
    assert passages.bank_for(verb.program_id + 10_000, []).size == 0


def test_the_review_and_activity_pages_ask_the_same_number_of_queries_for_one_or_many_comments(
    client, submitted, course_facilitator, enrollment
):
    revision = submitted.revisions.get()
    client.force_login(course_facilitator)

    def counted(url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    passages.comment_on_passage(revision, course_facilitator, "graph a line", "Good.")
    counted(review_url(submitted))  # caches of the site and its settings warmed
    one = counted(review_url(submitted))
    for words in ("understand ratios", "solve problems", "I can"):
        note = passages.comment_on_passage(revision, course_facilitator, words, "More.")
        passages.reply_to_comment(note, enrollment.user, "OK.")
    assert counted(review_url(submitted)) == one
    client.force_login(enrollment.user)
    url = activity_url(enrollment, KEY)
    counted(url)
    few = counted(url)
    passages.comment_on_passage(revision, course_facilitator, "from its equation", "Yes.")
    assert counted(url) == few
