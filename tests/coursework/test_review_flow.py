"""The review flow of a facilitator's day: the queue says which work is a resubmission and what
the last feedback asked; a review leads to the previous and next submission of the queue as the
facilitator filtered it, and sending feedback leads on to the next one."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from cohorts.coursework.diff import compare
from cohorts.coursework.models import Review, Revision, Submission
from cohorts.coursework.readable import readable_text
from modules.models import Activity
from pd_platform.sanitize import render_user_text
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db

TARGETS = "lbg-m02-learning-targets"
PLAN = "lbg-m06-planning-your-implementation"
QUERIES_REVIEW_QUEUE = 5  # as tests/coursework/test_coursework.py: the rows read what the last review asked


def waiting(cohort, key=TARGETS, days=1, revisions=1, feedback="", not_met=(), name=None):
    """A submission waiting for review since ``days`` ago, with ``revisions`` revisions, each
    before the last rated needs revision with ``feedback`` and the rubric criteria ``not_met``."""
    user = factories.participant(full_name=name) if name else None
    enrollment = EnrollmentFactory(cohort=cohort, **({"user": user} if user else {}))
    submission = Submission.objects.create(
        enrollment=enrollment,
        activity=Activity.objects.get(key=key),
        status="submitted",
        submitted_at=timezone.now() - timedelta(days=days),
    )
    reviewer = cohort.facilitators.first()
    for number in range(1, revisions + 1):
        revision = Revision.objects.create(submission=submission, number=number, source="x", body="<p>x</p>")
        if number < revisions:
            Review.objects.create(
                revision=revision,
                reviewer=reviewer,
                rating="needs_revision",
                feedback=render_user_text(feedback or f"Feedback on revision {number}."),
                rubric=[{"criterion": c, "meets": c not in not_met, "comment": ""} for c in ("Clear", *not_met)],
            )
    return submission


def review_links(html):
    return re.findall(r'href="/cohorts/review/(\d+)/(?:\?[^"]*)?"', html)


def test_the_queue_marks_a_resubmission_with_what_the_last_feedback_asked(client, cohort, course_facilitator):
    first = waiting(cohort, days=3, name="Ada Adams")
    again = waiting(
        cohort,
        days=2,
        revisions=3,
        name="Bo Brown",
        feedback="Use a **measurable** verb, not *understand*.\n\n" + "Then look again at target two. " * 20,
        not_met=("Targets use measurable verbs", "One skill per target"),
    )
    client.force_login(course_facilitator)
    html = client.get("/cohorts/review/").content.decode()
    rows = dict(re.findall(r'<td class="queue__who">([^<]+)</td>(.*?)</tr>', html, re.S))
    assert "Revision" not in rows["Ada Adams"]  # a first submission is not marked
    bo = rows["Bo Brown"]
    assert "<strong>Revision 3</strong> — resubmitted" in bo
    # The last feedback as plain text (no Markdown, no markup), cut short; the criteria not met.
    assert "Last feedback asked:</span> “Use a measurable verb, not understand. Then look again" in bo
    assert "**" not in bo and "<em>" not in bo and "…”" in bo
    assert "Not yet met: Targets use measurable verbs; One skill per target</span>" in bo
    assert review_links(html) == [str(first.pk), str(again.pk)]


def test_the_queue_reads_revisions_and_feedback_in_the_same_queries_for_1_and_30_rows(
    client, cohort, course_facilitator, django_assert_num_queries
):
    waiting(cohort, revisions=2, not_met=("Clear evidence",))
    client.force_login(course_facilitator)
    client.get("/dashboard/")  # the session's first request also refreshes the session
    with django_assert_num_queries(QUERIES_REVIEW_QUEUE):
        html = client.get("/cohorts/review/").content.decode()
    assert html.count("— resubmitted") == 1
    for i in range(29):
        waiting(cohort, days=i + 2, revisions=1 + i % 4, key=(TARGETS, PLAN)[i % 2], not_met=("Clear evidence",))
    with django_assert_num_queries(QUERIES_REVIEW_QUEUE):
        html = client.get("/cohorts/review/").content.decode()
    assert len(review_links(html)) == 30
    assert html.count("— resubmitted") == 1 + sum(1 for i in range(29) if i % 4)


def test_the_queue_on_a_phone_keeps_each_rows_review_button_in_its_card(client, cohort, course_facilitator):
    waiting(cohort)
    client.force_login(course_facilitator)
    html = client.get("/cohorts/review/").content.decode()
    # No sideways-scrolling table: the rows become cards under the phone's media query (tests/e2e looks at it).
    assert 'class="queue-wrap"' in html and "scrolls sideways" not in html
    assert '<td class="queue__action">' in html


@pytest.fixture
def queue(cohort, course_facilitator):
    """Three learning-targets submissions of the facilitator's cohort, oldest first, a plan
    between them, and another cohort's submission waiting between them too."""
    oldest = waiting(cohort, days=5, name="Ada Adams")
    plan = waiting(cohort, key=PLAN, days=4, name="Cy Chen")
    middle = waiting(cohort, days=3, name="Bo Brown", revisions=2)
    elsewhere = waiting(CohortFactory(facilitators=[factories.facilitator(email="other@example.org")]), days=2)
    newest = waiting(cohort, days=1, name="Di Diaz")
    return {"oldest": oldest, "plan": plan, "middle": middle, "elsewhere": elsewhere, "newest": newest}


def nav(html):
    previous = re.search(r'<a class="button button--quiet" href="([^"]+)" rel="prev"', html)
    following = re.search(r'<a class="button button--quiet" href="([^"]+)" rel="next"', html)
    return (
        previous[1].replace("&amp;", "&") if previous else None,
        following[1].replace("&amp;", "&") if following else None,
    )


def test_previous_and_next_follow_the_queue_with_its_filters(client, queue, course_facilitator):
    client.force_login(course_facilitator)
    middle = queue["middle"].pk
    # Unfiltered, as the queue shows them: the plan is between, the other cohort's work never is.
    html = client.get(f"/cohorts/review/{middle}/").content.decode()
    assert nav(html) == (f"/cohorts/review/{queue['plan'].pk}/", f"/cohorts/review/{queue['newest'].pk}/")
    assert "3 of 4 waiting" in html
    assert 'aria-keyshortcuts="] j"' in html and "<kbd>]</kbd> or <kbd>j</kbd> for the next" in html
    # Filtered by activity, the filter carried on in every link (back to the queue too).
    html = client.get(f"/cohorts/review/{middle}/?activity={TARGETS}").content.decode()
    assert nav(html) == (
        f"/cohorts/review/{queue['oldest'].pk}/?activity={TARGETS}",
        f"/cohorts/review/{queue['newest'].pk}/?activity={TARGETS}",
    )
    assert "2 of 3 waiting" in html and f'href="/cohorts/review/?activity={TARGETS}">Review queue</a>' in html
    # The ends of the queue.
    first = client.get(f"/cohorts/review/{queue['oldest'].pk}/?activity={TARGETS}").content.decode()
    assert nav(first)[0] is None and "No previous submission" in first and "1 of 3 waiting" in first
    # The queue links each review with the filters chosen there.
    listed = client.get(f"/cohorts/review/?activity={TARGETS}").content.decode()
    assert f'href="/cohorts/review/{middle}/?activity={TARGETS}"' in listed


def test_previous_and_next_never_reveal_another_cohorts_submission(client, queue, course_facilitator):
    client.force_login(course_facilitator)
    elsewhere = queue["elsewhere"]
    for url in (
        f"/cohorts/review/{queue['middle'].pk}/",
        f"/cohorts/review/{queue['newest'].pk}/",
        f"/cohorts/review/{queue['newest'].pk}/?cohort={elsewhere.enrollment.cohort_id}",
        f"/cohorts/review/{queue['middle'].pk}/?status=submitted&cohort={elsewhere.enrollment.cohort_id}",
    ):
        html = client.get(url).content.decode()
        assert f"/cohorts/review/{elsewhere.pk}/" not in html
    # Asking for the other cohort's queue through the filter shows none of it.
    html = client.get(f"/cohorts/review/{queue['newest'].pk}/?cohort={elsewhere.enrollment.cohort_id}").content.decode()
    assert nav(html) == (None, None)
    # Its own facilitator sees it, and no neighbour from the first cohort.
    client.force_login(elsewhere.enrollment.cohort.facilitators.get())
    html = client.get(f"/cohorts/review/{elsewhere.pk}/").content.decode()
    assert nav(html) == (None, None) and "1 of 1 waiting" in html


def test_the_review_pages_refuse_others(client, queue, participant):
    client.force_login(queue["middle"].enrollment.user)
    assert client.get(f"/cohorts/review/{queue['middle'].pk}/").status_code == 404
    client.force_login(queue["elsewhere"].enrollment.cohort.facilitators.get())
    assert client.get(f"/cohorts/review/{queue['middle'].pk}/?activity={TARGETS}").status_code == 404
    client.logout()
    assert client.get(f"/cohorts/review/{queue['middle'].pk}/").status_code == 302  # to sign in


def test_sending_feedback_leads_to_the_next_waiting_then_back_to_the_queue(client, queue, course_facilitator):
    client.force_login(course_facilitator)
    query = f"?activity={TARGETS}"
    feedback = {"rating": "complete", "feedback": "Clear and measurable."}
    for i in range(5):
        feedback[f"criterion_{i}"] = "meets"
    answer = client.post(f"/cohorts/review/{queue['middle'].pk}/{query}", feedback, follow=True)
    assert answer.redirect_chain[-1][0] == f"/cohorts/review/{queue['newest'].pk}/{query}"
    page = answer.content.decode()
    assert "Feedback sent to Bo Brown." in page and "2 of 2 waiting" in page
    # The last in the queue: on to the oldest still waiting, which was skipped.
    answer = client.post(f"/cohorts/review/{queue['newest'].pk}/{query}", feedback, follow=True)
    assert answer.redirect_chain[-1][0] == f"/cohorts/review/{queue['oldest'].pk}/{query}"
    # None left: back on the queue, with its filters, saying so.
    answer = client.post(f"/cohorts/review/{queue['oldest'].pk}/{query}", feedback, follow=True)
    assert answer.redirect_chain[-1][0] == f"/cohorts/review/{query}"
    page = answer.content.decode()
    assert "Feedback sent to Ada Adams." in page and "Nothing else is waiting in this queue." in page
    assert Submission.objects.filter(activity__key=TARGETS, status="complete").count() == 3


def test_a_plain_revision_and_a_target_set_revision_compare_as_they_read(client, cohort, course_facilitator):
    submission = waiting(cohort)
    typed = "I can understand fractions.\n\nI can add fractions."
    from_toolkit = (
        "**Learning targets: Grade 5 math** (Grades 3-5)\n\n### 5.NF.A.1: Add and subtract fractions\n"
        "- I can compare fractions.\n- I can add fractions."
    )
    Revision.objects.create(submission=submission, number=2, source=typed, body=render_user_text(typed))
    Revision.objects.create(submission=submission, number=3, source=from_toolkit, body=render_user_text(from_toolkit))
    client.force_login(course_facilitator)
    html = client.get(f"/cohorts/review/{submission.pk}/").content.decode()
    diff = re.search(r'<div class="diff">(.*?)</div>', html, re.S)[1]
    assert "**" not in diff and "###" not in diff and "- I can" not in diff  # no Markdown marks
    assert '<del aria-label="removed">understand</del><ins aria-label="added">compare</ins> fractions.' in diff
    assert '<ins aria-label="added">Learning targets: Grade 5 math (Grades 3-5)' in diff


def test_a_changed_phrase_reads_as_one_removed_and_one_added_run():
    diff = compare("I can understand how to add fractions today.", "I can explain why we add fractions today.")
    assert diff.ops == [
        ("same", "I can "),
        ("removed", "understand how to"),
        ("added", "explain why we"),
        ("same", " add fractions today."),
    ]
    # One short common word between two edits joins them; a longer one keeps them apart.
    assert compare("a big red dog", "a small red cat").ops == [
        ("same", "a "),
        ("removed", "big red dog"),
        ("added", "small red cat"),
    ]
    assert compare("a big yellow dog", "a small yellow cat").ops[1:3] == [("removed", "big"), ("added", "small")]
    # The counts are of the words really changed, not of the joined runs.
    assert (compare("a big red dog", "a small red cat").words_added, compare("a b", "a c").words_removed) == (2, 1)


def test_readable_text_keeps_the_shape_without_the_markup():
    html = render_user_text("**Bold** start\n\n### Heading\n- one *item*\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    assert readable_text(html) == "Bold start\n\nHeading\n\none item\ntwo\n\na\tb\n1\t2"
    assert readable_text("<p>Tom &amp; Jerry</p>") == "Tom & Jerry"


def test_a_review_reached_with_mangled_filters_still_opens(client, queue, course_facilitator):
    client.force_login(course_facilitator)
    url = f"/cohorts/review/{queue['middle'].pk}/"
    for params in (
        {"activity": "\x00<script>", "cohort": "abc", "module": "9" * 30, "status": "nope"},
        {"cohort": "-1", "status": ""},
    ):
        html = client.get(url, params).content.decode()
        assert "Bo Brown" in html and f"/cohorts/review/{queue['elsewhere'].pk}/" not in html


def test_feedback_refused_for_an_unrated_criterion_says_so_at_the_top(client, queue, course_facilitator):
    client.force_login(course_facilitator)
    feedback = {"rating": "needs_revision", "feedback": "Name one skill per target."}
    feedback.update({f"criterion_{i}": "not_yet" for i in range(3)})  # two of five left unrated
    page = client.post(f"/cohorts/review/{queue['middle'].pk}/", feedback).content.decode()
    top = page.index('class="status-line"')
    assert page.index("Your feedback is not sent yet: 2 answers in your review need attention.") > top
    assert page.index("Your feedback is not sent yet") < page.index('id="rate-heading"')
    assert page.count("Choose Meets or Not yet for this criterion.") == 2
    assert Submission.objects.get(pk=queue["middle"].pk).status == "submitted"


def test_the_review_form_posts_to_the_address_without_the_fragment_the_page_was_scrolled_to(
    client, queue, course_facilitator
):
    """A form without an action posts to the page's address with its #fragment (a passage comment just
    added, the comment bank), and the browser keeps that fragment on the redirect to the next submission."""
    client.force_login(course_facilitator)
    url = f"/cohorts/review/{queue['middle'].pk}/?activity={TARGETS}"
    html = client.get(url).content.decode()
    assert f'<form method="post" action="{url.replace("&", "&amp;")}" class="form form--wide"' in html
