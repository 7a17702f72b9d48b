"""The heart of the course: submit, get feedback, revise, resubmit, until complete."""

import io
import re
import zipfile
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from cohorts.coursework import services as coursework
from cohorts.coursework.models import AppendOnlyError, DiscussionPost, Review, Revision, Submission
from modules.models import Activity
from tests import export_jobs, factories
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


def activity(key):
    return Activity.objects.get(key=key)


def activity_url(enrollment, key):
    return f"/cohorts/enrollments/{enrollment.pk}/activities/{key}/"


def complete_welcome(enrollment):
    other = EnrollmentFactory(cohort=enrollment.cohort)
    welcome = activity("lbg-m00-introductions")
    theirs = coursework.post_to_discussion(other, welcome, "Hello from the other side.")
    coursework.post_to_discussion(enrollment, welcome, "Hi, I teach 7th grade science.")
    coursework.post_to_discussion(enrollment, welcome, "Welcome!", parent=theirs)
    assert Submission.objects.get(enrollment=enrollment, activity=welcome).status == "complete"


def test_a_reply_in_ones_own_thread_is_not_a_reply_to_a_colleague(enrollment):
    """The Welcome discussion completes "after your post and one reply to a colleague": answering under one's
    own post leaves it waiting for that reply."""
    welcome = activity("lbg-m00-introductions")
    mine = coursework.post_to_discussion(enrollment, welcome, "Hi, I teach 7th grade science.")
    coursework.post_to_discussion(enrollment, welcome, "Also: I coach the robotics club.", parent=mine)
    assert Submission.objects.get(enrollment=enrollment, activity=welcome).status == "submitted"
    theirs = coursework.post_to_discussion(EnrollmentFactory(cohort=enrollment.cohort), welcome, "Hello, all.")
    coursework.post_to_discussion(enrollment, welcome, "Welcome!", parent=theirs)
    assert Submission.objects.get(enrollment=enrollment, activity=welcome).status == "complete"


def png_upload(name="targets.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def docx_upload(name="targets.docx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def test_the_whole_revise_and_resubmit_cycle(
    client, enrollment, course_facilitator, mailoutbox, django_capture_on_commit_callbacks
):
    complete_welcome(enrollment)
    key = "lbg-m02-learning-targets"
    client.force_login(enrollment.user)

    # The module page links to the activity with its status.
    html = client.get("/learning-based-grading/module-02/").content.decode()
    assert activity_url(enrollment, key) in html

    first = "- I can understand fractions.\n- I can add fractions."
    response = client.post(activity_url(enrollment, key), {"source": first, "attachments": [png_upload()]})
    assert response.status_code == 302
    submission = Submission.objects.get(enrollment=enrollment, activity__key=key)
    assert submission.status == "submitted"
    assert submission.revisions.get().attachments.get().name == "targets.png"

    # The facilitator finds it in the queue, reviews with rubric and checklist.
    client.force_login(course_facilitator)
    queue = client.get("/cohorts/review/").content.decode()
    assert f"/cohorts/review/{submission.pk}/" in queue
    review_page = client.get(f"/cohorts/review/{submission.pk}/").content.decode()
    assert "Single-point rubric" in review_page and "measurable verb" in review_page
    form = {"rating": "needs_revision", "feedback": "Good start. **Understand** is not measurable.", "checklist": ["0"]}
    for i in range(5):
        form[f"criterion_{i}"] = "meets" if i != 1 else "not_yet"
    form["criterion_1_comment"] = "Pick a verb you can observe."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/cohorts/review/{submission.pk}/", form)
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == "needs_revision"
    review = Review.objects.get(revision__submission=submission)
    assert review.reviewer == course_facilitator and review.rubric[1] == {
        "criterion": "Each target uses a measurable, observable verb.",
        "meets": False,
        "comment": "Pick a verb you can observe.",
    }
    assert "<strong>Understand</strong>" in review.feedback
    assert "Uses a measurable verb" in review.feedback  # the ticked checklist item
    notice = mailoutbox[-1]
    assert notice.to == [enrollment.user.email] and "needs revision" in notice.subject

    # The participant reads the dated feedback and revises.
    client.force_login(enrollment.user)
    page = client.get(activity_url(enrollment, key)).content.decode()
    assert "Pick a verb you can observe." in page and "Revise and resubmit" in page
    second = "- I can compare fractions.\n- I can add fractions."
    client.post(activity_url(enrollment, key), {"source": second})
    submission.refresh_from_db()
    assert submission.status == "submitted" and submission.revisions.count() == 2

    # The reviewer sees exactly what changed.
    client.force_login(course_facilitator)
    review_page = client.get(f"/cohorts/review/{submission.pk}/").content.decode()
    assert '<del aria-label="removed">understand</del>' in review_page
    assert '<ins aria-label="added">compare</ins>' in review_page
    client.post(
        f"/cohorts/review/{submission.pk}/", {**form, "rating": "complete", "feedback": "Clear and assessable."}
    )
    submission.refresh_from_db()
    assert submission.status == "complete"
    assert Review.objects.filter(revision__submission=submission).count() == 2
    assert [r.source for r in submission.revisions.order_by("number")] == [first, second]


def test_modules_open_for_submissions_only_after_the_welcome_module(client, enrollment):
    client.force_login(enrollment.user)
    html = client.get(activity_url(enrollment, "lbg-m02-learning-targets")).content.decode()
    assert "Complete the Welcome module first" in html
    with pytest.raises(coursework.CourseworkError, match="Welcome module first"):
        coursework.submit_revision(enrollment, activity("lbg-m02-learning-targets"), "targets")
    complete_welcome(enrollment)
    coursework.submit_revision(enrollment, activity("lbg-m02-learning-targets"), "targets")


def test_a_draft_survives_a_reload(client, enrollment):
    complete_welcome(enrollment)
    client.force_login(enrollment.user)
    url = activity_url(enrollment, "lbg-m06-planning-your-implementation")
    response = client.post(url + "draft/", {"source": "Half-written plan: inventory first"})
    assert response.status_code == 200 and "saved_at" in response.json()
    html = client.get(url).content.decode()
    assert "Half-written plan: inventory first</textarea>" in html
    assert "Draft saved" in html


def test_revisions_and_reviews_are_append_only(enrollment, course_facilitator):
    complete_welcome(enrollment)
    revision = coursework.submit_revision(enrollment, activity("lbg-m02-learning-targets"), "v1")
    revision.source = "rewritten history"
    with pytest.raises(AppendOnlyError):
        revision.save()
    with pytest.raises(AppendOnlyError):
        revision.delete()
    review = coursework.review_submission(revision.submission, course_facilitator, "needs_revision", "More.")
    with pytest.raises(AppendOnlyError):
        review.delete()
    assert Revision.objects.get(pk=revision.pk).source == "v1"
    # A submission with history cannot be deleted out from under it either.
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        revision.submission.delete()


def test_hostile_html_is_sanitized(enrollment):
    complete_welcome(enrollment)
    hostile = (
        '<script>alert(1)</script><img src=x onerror="alert(2)">'
        '<a href="javascript:alert(3)">click</a> <b onclick="x()">bold</b> [ok](https://example.org)'
    )
    revision = coursework.submit_revision(enrollment, activity("lbg-m02-learning-targets"), hostile)
    body = revision.body.lower()
    for bad in ("<script", "onerror", "javascript:", "onclick", "<img"):
        assert bad not in body
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">ok</a>' in revision.body
    assert revision.source == hostile  # what they typed is kept as typed
    post = coursework.post_to_discussion(enrollment, activity("lbg-m01-golden-lines"), hostile)
    assert "<script" not in post.body and "onerror" not in post.body


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("virus.pdf", b"MZ\x90\x00" + b"\x00" * 100), "not a file type we accept"),
        (SimpleUploadedFile("notes.txt", b"just text"), "not a file type we accept"),
        (SimpleUploadedFile("empty.pdf", b""), "is empty"),
    ],
)
def test_bad_uploads_are_refused_with_a_clear_message(client, enrollment, upload, message):
    complete_welcome(enrollment)
    client.force_login(enrollment.user)
    response = client.post(
        activity_url(enrollment, "lbg-m02-learning-targets"), {"source": "targets", "attachments": [upload]}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Revision.objects.filter(
        submission__enrollment=enrollment, submission__activity__key="lbg-m02-learning-targets"
    ).exists()


def test_oversized_uploads_are_refused(client, enrollment, settings):
    settings.SUBMISSION_MAX_UPLOAD_BYTES = 1024
    complete_welcome(enrollment)
    client.force_login(enrollment.user)
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * 4096)
    response = client.post(activity_url(enrollment, "lbg-m02-learning-targets"), {"source": "x", "attachments": [big]})
    assert "files can be at most" in response.content.decode()


def test_office_files_are_accepted_and_names_made_safe(enrollment):
    complete_welcome(enrollment)
    revision = coursework.submit_revision(
        enrollment,
        activity("lbg-m02-learning-targets"),
        "see files",
        [docx_upload("../../etc/my targets.docx"), png_upload("photo.jpg")],
    )
    names = sorted(a.name for a in revision.attachments.all())
    assert names == ["my_targets.docx", "photo.png"]  # the type from the content decides the extension


def test_another_participant_cannot_see_or_download_someone_elses_work(client, enrollment):
    complete_welcome(enrollment)
    revision = coursework.submit_revision(enrollment, activity("lbg-m02-learning-targets"), "mine", [png_upload()])
    attachment = revision.attachments.get()
    other = EnrollmentFactory(cohort=enrollment.cohort)
    client.force_login(other.user)
    assert client.get(activity_url(enrollment, "lbg-m02-learning-targets")).status_code == 404
    assert client.get(f"/cohorts/attachments/{attachment.pk}/").status_code == 404
    assert client.get(f"/cohorts/enrollments/{enrollment.pk}/progress/").status_code == 404
    client.force_login(enrollment.user)
    response = client.get(f"/cohorts/attachments/{attachment.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "attachment" in response["Content-Disposition"]
    client.logout()
    assert client.get(f"/cohorts/attachments/{attachment.pk}/").status_code == 302


def test_a_facilitator_of_another_cohort_is_refused(client, enrollment):
    complete_welcome(enrollment)
    revision = coursework.submit_revision(enrollment, activity("lbg-m02-learning-targets"), "mine", [png_upload()])
    stranger = factories.facilitator()
    CohortFactory(facilitators=[stranger])
    client.force_login(stranger)
    assert f"/cohorts/review/{revision.submission.pk}/" not in client.get("/cohorts/review/").content.decode()
    assert client.get(f"/cohorts/review/{revision.submission.pk}/").status_code == 404
    assert (
        client.post(f"/cohorts/review/{revision.submission.pk}/", {"rating": "complete", "feedback": "x"}).status_code
        == 404
    )
    assert client.get(f"/cohorts/attachments/{revision.attachments.get().pk}/").status_code == 404
    assert client.get(f"/cohorts/{enrollment.cohort_id}/gradebook/").status_code == 404
    with pytest.raises(coursework.CourseworkError):
        coursework.review_submission(revision.submission, stranger, "complete", "x")
    assert Submission.objects.get(pk=revision.submission.pk).status == "submitted"


def test_participants_have_no_review_queue(client, participant):
    client.force_login(participant)
    assert client.get("/cohorts/review/").status_code == 403


QUERIES_REVIEW_QUEUE = 5  # one page or less: no count beyond the rows themselves


def test_review_queue_oldest_first_with_filters_and_fixed_queries(
    client, cohort, course_facilitator, django_assert_num_queries
):
    now = timezone.now()
    targets = activity("lbg-m02-learning-targets")
    plan = activity("lbg-m06-planning-your-implementation")

    def wait(days, act, in_cohort=cohort):
        e = EnrollmentFactory(cohort=in_cohort)
        s = Submission.objects.create(
            enrollment=e, activity=act, status="submitted", submitted_at=now - timedelta(days=days)
        )
        Revision.objects.create(submission=s, number=1, source="x", body="x")

    for days, act in [(3, targets), (9, plan), (2, targets), (5, plan)]:
        wait(days, act)
    client.force_login(course_facilitator)
    client.get("/dashboard/")  # the session's first request also refreshes the session
    with django_assert_num_queries(QUERIES_REVIEW_QUEUE):
        html = client.get("/cohorts/review/").content.decode()
    waits = re.findall(r"<td>waiting (\d+) days</td>", html)
    assert waits == ["9", "5", "3", "2"]
    filtered = client.get(f"/cohorts/review/?activity={targets.key}").content.decode()
    assert re.findall(r"<td>waiting (\d+) days?</td>", filtered) == ["3", "2"]
    # The filters keep what was chosen; the status is "Submitted" unless another is chosen.
    assert f'<option value="{targets.key}" selected>' in filtered
    assert '<option value="submitted" selected>Submitted</option>' in filtered
    assert f'<option value="{cohort.pk}">{cohort.program.title}: {cohort.name}</option>' in filtered
    again = client.get(f"/cohorts/review/?cohort={cohort.pk}&status=complete").content.decode()
    assert f'<option value="{cohort.pk}" selected>' in again and '<option value="complete" selected>' in again
    CohortFactory(name="<i>Spring</i>", facilitators=[course_facilitator])
    assert "&lt;i&gt;Spring&lt;/i&gt;</option>" in client.get("/cohorts/review/").content.decode()  # names escaped
    # More waiting, in a second cohort too: the same queries.
    second = CohortFactory(start_date=date.today(), facilitators=[course_facilitator], name="Cohort 93")
    for days in (4, 6, 8):
        wait(days, targets)
        wait(days, plan, second)
    with django_assert_num_queries(QUERIES_REVIEW_QUEUE):
        html = client.get("/cohorts/review/").content.decode()
    assert len(re.findall(r"<td>waiting (\d+) days</td>", html)) == 10


QUERIES_GRADEBOOK = 7  # the outline from the cache, the rows, their submissions and counted follow-ups


def gradebook_rows(html):
    """name -> (progress, [(status, link or None)]) of each participant's row."""
    rows = {}
    for name, progress, cells in re.findall(
        r'<tr><th scope="row">([^<]+)</th><td class="gradebook__progress">(.*?)</td>(.*?)</tr>', html, re.S
    ):
        found = re.findall(r'<td class="cell cell--(\w+)">(?:<a href="([^"]+)">)?', cells)
        rows[name] = (progress, [(status, link or None) for status, link in found])
    return rows


def test_gradebook_cells_counts_and_csv(client, cohort, course_facilitator, django_assert_num_queries):
    a = EnrollmentFactory(cohort=cohort, user=factories.participant(full_name="Ada Adams"))
    b = EnrollmentFactory(cohort=cohort, user=factories.participant(full_name="Bo Brown"))
    EnrollmentFactory(cohort=cohort, user=factories.participant(full_name="<b>Eve</b> Evans"))
    ada_intro = Submission.objects.create(enrollment=a, activity=activity("lbg-m00-introductions"), status="complete")
    bo_targets = Submission.objects.create(
        enrollment=b, activity=activity("lbg-m02-learning-targets"), status="needs_revision"
    )
    client.force_login(course_facilitator)
    client.get(f"/cohorts/{cohort.pk}/gradebook/")  # a running site: the program's outline is in the cache
    for more in (0, 27):  # three people, then thirty with submissions: the same queries
        for _ in range(more):
            e = EnrollmentFactory(cohort=cohort)
            Submission.objects.create(enrollment=e, activity=activity("lbg-m00-introductions"), status="complete")
        with django_assert_num_queries(QUERIES_GRADEBOOK):
            html = client.get(f"/cohorts/{cohort.pk}/gradebook/").content.decode()
    assert "Ada Adams" in html
    assert "&lt;b&gt;Eve&lt;/b&gt; Evans" in html and "<b>Eve</b>" not in html  # names are text, not markup
    rows = gradebook_rows(html)
    assert len(rows) == 30
    ada_progress, ada_cells = rows["Ada Adams"]
    bo_progress, bo_cells = rows["Bo Brown"]
    assert len(ada_cells) == len(bo_cells) == 13  # one cell per required activity
    # Each cell opens the submission's review; a missing one is plain text.
    assert ada_cells[0] == ("complete", f"/cohorts/review/{ada_intro.pk}/")
    assert [c for c in ada_cells[1:] if c != ("missing", None)] == []
    assert ("needs_revision", f"/cohorts/review/{bo_targets.pk}/") in bo_cells
    assert client.get(f"/cohorts/review/{bo_targets.pk}/").status_code == 200
    assert '<span aria-hidden="true">R</span><span class="visually-hidden">Needs revision</span>' in html
    # Each participant's progress beside their name, and the rule it is measured against.
    assert ada_progress == "1 of 13, 11 more needed"
    assert "against the 85% the certificate needs" in html
    # Module headers over their activities: the two "Golden Lines" read under their own module.
    groups = re.findall(r'<th scope="colgroup" colspan="(\d+)"[^>]*>([^<]+)</th>', html)
    assert sum(int(span) for span, _ in groups) == 13
    assert groups[:3] == [
        ("1", "Welcome"),
        ("2", "Module 1: Mastery Grading, an Introduction"),
        ("2", "Module 2: Writing Clear, Assessable Learning Targets"),
    ]
    assert len(groups) == 7
    assert re.findall(r'<colgroup span="(\d+)" class="gradebook__group"', html) == [span for span, _ in groups]
    # The page says what the download holds, in the words of its columns.
    assert "Download the gradebook (CSV)</a>" in html and "needs_revision or complete" in html
    csv_bytes = export_jobs.content(client, client.get(f"/cohorts/{cohort.pk}/gradebook/?format=csv"))
    assert csv_bytes.startswith("\ufeff".encode())  # Excel on Windows reads it as UTF-8
    header, *lines = csv_bytes.decode("utf-8-sig").strip().splitlines()
    columns = header.split(",")
    assert columns[:3] == ["email", "full_name", "lbg-m00-introductions"]
    assert "lbg-m06-planning-your-implementation" in columns
    ada = next(line for line in lines if "Ada Adams" in line).split(",")
    assert ada[2] == "complete" and ada[-3:] == ["1", "13", "12"]
    bo = next(line for line in lines if "Bo Brown" in line).split(",")
    assert bo[columns.index("lbg-m02-learning-targets")] == "needs_revision"
    empty = CohortFactory(facilitators=[course_facilitator])
    assert "No registered participants yet." in client.get(f"/cohorts/{empty.pk}/gradebook/").content.decode()


# the outline (pages, activities, threshold) from the cache; the submissions with their latest review's date and
# feedback, the marks
QUERIES_PROGRESS = 6


def test_progress_page_shows_statuses_feedback_and_the_threshold(
    client, enrollment, course_facilitator, django_assert_num_queries
):
    complete_welcome(enrollment)
    client.force_login(enrollment.user)
    client.get("/dashboard/")  # the session's first request also refreshes the session
    url = f"/cohorts/enrollments/{enrollment.pk}/progress/"
    client.get(url)  # Wagtail keeps the site's root paths (for page links) in the cache after a first use
    with django_assert_num_queries(QUERIES_PROGRESS):
        client.get(url)
    revision = coursework.submit_revision(enrollment, activity("lbg-m02-learning-targets"), "v1")
    coursework.review_submission(revision.submission, course_facilitator, "needs_revision", "Try measurable verbs.")
    # More submissions, revisions and reviews: the same queries.
    with django_assert_num_queries(QUERIES_PROGRESS):
        html = client.get(url).content.decode()
    assert "1 of 13 complete; 11 more needed for the certificate" in html  # the home's words
    # The rule as the course states it, and what is left: not "92%" (12 of 13).
    assert "needs 85% of the required activities complete: 12 of 13 in this course. You need 11 more." in html
    assert '<progress id="progress-bar" class="progressbar" max="13" value="1">' in html
    assert "Try measurable verbs." in html
    assert "Revise Learning Targets" in html  # what to do next


def test_facilitator_marks_discussion_participation_and_can_hide_a_post(client, cohort, course_facilitator):
    enrollment = EnrollmentFactory(cohort=cohort)
    complete_welcome(enrollment)
    big = activity("lbg-m01-big-concepts")
    post = coursework.post_to_discussion(enrollment, big, "My big concept is ratio.")
    submission = Submission.objects.get(enrollment=enrollment, activity=big)
    assert submission.status == "submitted"
    coursework.review_submission(submission, course_facilitator, "complete", "Thoughtful post.")
    assert Submission.objects.get(pk=submission.pk).status == "complete"

    client.force_login(course_facilitator)
    client.post(f"/cohorts/posts/{post.pk}/hide/")
    post.refresh_from_db()
    assert post.hidden_by == course_facilitator and post.hidden_at is not None
    assert DiscussionPost.objects.filter(pk=post.pk).exists()  # kept
    other = EnrollmentFactory(cohort=cohort)
    client.force_login(other.user)
    html = client.get(activity_url(other, big.key)).content.decode()
    assert "My big concept is ratio." not in html and "Hidden by Fran Okafor" in html


def test_participants_cannot_hide_posts(client, enrollment):
    post = coursework.post_to_discussion(enrollment, activity("lbg-m00-introductions"), "Hello")
    client.force_login(EnrollmentFactory(cohort=enrollment.cohort).user)
    assert client.post(f"/cohorts/posts/{post.pk}/hide/").status_code == 403
    assert DiscussionPost.objects.get(pk=post.pk).hidden_at is None


def test_own_post_can_be_edited_for_a_short_window_only(client, enrollment, settings):
    post = coursework.post_to_discussion(enrollment, activity("lbg-m00-introductions"), "Helo")
    client.force_login(enrollment.user)
    client.post(f"/cohorts/posts/{post.pk}/edit/", {"source": "Hello"})
    post.refresh_from_db()
    assert post.source == "Hello" and post.edited_at
    DiscussionPost.objects.filter(pk=post.pk).update(
        created_at=timezone.now() - timedelta(minutes=settings.DISCUSSION_EDIT_MINUTES + 1)
    )
    response = client.post(f"/cohorts/posts/{post.pk}/edit/", {"source": "Changed later"}, follow=True)
    assert "can be edited for" in response.content.decode()
    assert DiscussionPost.objects.get(pk=post.pk).source == "Hello"
    client.force_login(EnrollmentFactory(cohort=enrollment.cohort).user)
    assert client.post(f"/cohorts/posts/{post.pk}/edit/", {"source": "Not mine"}).status_code == 404


def test_review_queue_pages_through_a_long_queue_keeping_its_filters(
    client, cohort, course_facilitator, django_assert_num_queries, monkeypatch
):
    from cohorts.coursework import selectors

    size = selectors.QUEUE_PAGE_SIZE
    now = timezone.now()
    targets = activity("lbg-m02-learning-targets")
    waiting = size + 7
    same_time = now - timedelta(days=30)  # the page break falls among submissions of one instant
    Submission.objects.bulk_create(
        [
            Submission(
                enrollment=EnrollmentFactory(cohort=cohort),
                activity=targets,
                status="submitted",
                submitted_at=same_time if size - 3 <= i <= size + 3 else now - timedelta(hours=waiting - i),
            )
            for i in range(waiting)
        ]
    )
    client.force_login(course_facilitator)
    client.get("/dashboard/")  # the session's first request also refreshes the session
    with django_assert_num_queries(QUERIES_REVIEW_QUEUE + 1):  # and the count, up to its cap
        first = client.get(f"/cohorts/review/?activity={targets.key}").content.decode()
    assert f"{waiting} submissions, oldest waiting first; showing 1–{size}" in first
    assert first.count('aria-label="Review Learning Targets by') == size
    next_link = re.search(r'<a href="([^"]+)" rel="next">', first)[1].replace("&amp;", "&")
    assert f"activity={targets.key}" in next_link and "after=" in next_link
    with django_assert_num_queries(QUERIES_REVIEW_QUEUE + 1):  # a later page: the same queries
        second = client.get("/cohorts/review/" + next_link).content.decode()
    assert f"showing {size + 1}–{waiting}" in second
    assert second.count('aria-label="Review Learning Targets by') == 7
    assert 'rel="next"' not in second and 'rel="first"' in second
    # Every submission once across the two pages, none skipped or repeated at the break.
    shown = re.findall(r'href="/cohorts/review/(\d+)/(?:\?[^"]*)?"', first + second)
    assert len(shown) == len(set(shown)) == waiting
    # A later page reached without its position still links back to the oldest.
    without_position = client.get("/cohorts/review/" + next_link.split("&from=")[0]).content.decode()
    assert 'rel="first"' in without_position and 'rel="next"' not in without_position
    # A mangled cursor shows the first page, not an error; so does one outside the planning years.
    assert "showing 1–" in client.get("/cohorts/review/?after=yesterday_x&from=9").content.decode()
    for far in ("9999-12-31T23:30:00", "9999-12-31T23:30:00-08:00"):
        assert "showing 1–" in client.get(f"/cohorts/review/?after={far}_5&from=9").content.decode()
    # Past the cap the queue says so rather than counting every row.
    monkeypatch.setattr(selectors, "QUEUE_COUNT_CAP", size + 2)
    assert f"More than {size + 2} submissions, oldest waiting first" in client.get("/cohorts/review/").content.decode()


def test_work_that_needs_revision_shows_the_feedback_to_act_on_before_the_form(client, enrollment, course_facilitator):
    complete_welcome(enrollment)
    targets = activity("lbg-m02-learning-targets")
    first = coursework.submit_revision(enrollment, targets, "I understand fractions.")
    coursework.review_submission(first.submission, course_facilitator, "complete", "Early note.")
    client.force_login(enrollment.user)
    html = client.get(activity_url(enrollment, "lbg-m02-learning-targets")).content.decode()
    assert "Feedback to act on" not in html  # complete: nothing to act on

    Submission.objects.filter(pk=first.submission_id).update(status="missing")
    second = coursework.submit_revision(enrollment, targets, "I can compare fractions.")
    coursework.review_submission(second.submission, course_facilitator, "needs_revision", "Name one skill per target.")
    html = client.get(activity_url(enrollment, "lbg-m02-learning-targets")).content.decode()
    act_on, form, earlier = (
        html.index("Feedback to act on"),
        html.index("Revise and resubmit"),
        html.index("Earlier revisions and feedback"),
    )
    assert act_on < html.index("Name one skill per target.") < form < earlier < html.index("Early note.")
    assert html.count("Name one skill per target.") == 1  # shown once, not again below


def test_a_facilitators_feedback_on_a_discussion_shows_on_the_discussion_page(client, enrollment, course_facilitator):
    complete_welcome(enrollment)  # completed by the participation rule: no one's feedback to show
    client.force_login(enrollment.user)
    url = activity_url(enrollment, "lbg-m00-introductions")
    assert "Feedback on your participation" not in client.get(url).content.decode()
    submission = Submission.objects.get(enrollment=enrollment, activity=activity("lbg-m00-introductions"))
    coursework.review_submission(submission, course_facilitator, "complete", "Your reply drew two people in.")
    html = client.get(url).content.decode()
    assert "Feedback on your participation" in html
    assert html.index("Feedback on your participation") < html.index("Your reply drew two people in.")
    assert course_facilitator.full_name in html
