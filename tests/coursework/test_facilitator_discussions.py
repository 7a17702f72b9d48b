"""Facilitators take part in their cohorts' discussions: they post and reply on the page their
home links to, their words are marked as the facilitator's for everyone, the count of posts
waiting for a reply falls when they answer, and the author of a post is told of a reply once."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from cohorts.coursework import discussions
from cohorts.coursework import services as coursework
from cohorts.coursework.models import DiscussionPost
from cohorts.reminders.models import ReminderOptOut
from cohorts.reminders.services import send_reminders
from modules.models import Activity, ModulePage
from pd_platform import reminders
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db

KEY = "lbg-m00-introductions"


@pytest.fixture
def introductions():
    return Activity.objects.get(key=KEY)


@pytest.fixture
def ana(cohort):
    return EnrollmentFactory(cohort=cohort, user=factories.participant(full_name="Ana Reyes"))


def page_url(cohort, key=KEY):
    return f"/cohorts/{cohort.pk}/discussions/{key}/"


def words(response):
    return " ".join(response.content.decode().split())


def home(client, person):
    client.force_login(person)
    return words(client.get("/dashboard/"))


def test_a_facilitator_answers_from_home_and_the_participant_sees_it_marked_as_the_facilitators(
    client, cohort, course_facilitator, ana, introductions
):
    question = coursework.post_to_discussion(ana, introductions, "Which line should I pick?")

    html = home(client, course_facilitator)
    assert f'href="{page_url(cohort)}">Introductions</a> (1 post)' in html

    page = words(client.get(page_url(cohort)))
    assert "Which line should I pick?" in page and "Waiting for a reply" in page
    assert "Hide this post" in page  # moderation is kept
    assert 'Hide this post<span class="visually-hidden"> by Ana Reyes, ' in page  # a screen reader hears whose
    assert "Your posts and replies are marked “Facilitator”" in page

    response = client.post(
        page_url(cohort), {"source": "Pick the one you reread.", "parent": question.pk, "form_token": "a" * 32}
    )
    assert response.status_code == 302
    reply = DiscussionPost.objects.get(author=course_facilitator)
    assert response["Location"] == f"{page_url(cohort)}#post-{reply.pk}"
    assert reply.parent == question and reply.posted_as == "facilitator"

    page = words(client.get(page_url(cohort)))
    assert "Waiting for a reply" not in page and "Every post has a reply." in page
    assert 'Fran Okafor <span class="tag tag--facilitator">Facilitator</span>' in page
    assert "(1 post)" not in home(client, course_facilitator)  # the count fell
    assert "Discussions without a reply:</span> none" in home(client, course_facilitator)

    client.force_login(ana.user)
    theirs = words(client.get(f"/cohorts/enrollments/{ana.pk}/activities/{KEY}/"))
    assert 'Fran Okafor <span class="tag tag--facilitator">Facilitator</span>' in theirs
    assert "Pick the one you reread." in theirs
    assert 'Ana Reyes <span class="muted">' in theirs  # a participant carries no label


def test_a_facilitator_starts_a_thread_and_a_double_click_posts_once(client, cohort, course_facilitator, introductions):
    client.force_login(course_facilitator)
    token = "b" * 32
    for _ in range(2):
        client.post(page_url(cohort), {"source": "Share one line that stopped you.", "form_token": token})
    [post] = DiscussionPost.objects.filter(cohort=cohort, activity=introductions)
    assert post.parent is None and post.posted_as == "facilitator"
    # A facilitator's own thread is not a post waiting for their reply.
    assert not discussions.unanswered_posts([cohort.pk]).exists()
    page = words(client.get(page_url(cohort)))
    assert "Share one line that stopped you." in page and "Waiting for a reply" not in page
    # Their own post can be corrected for a while, from this page and back to it.
    response = client.post(f"/cohorts/posts/{post.pk}/edit/", {"source": "Share one line that moved you."})
    assert response["Location"] == page_url(cohort)
    assert DiscussionPost.objects.get(pk=post.pk).source == "Share one line that moved you."


def test_an_admin_posts_as_the_program_office(client, cohort, ana, program_admin, introductions):
    question = coursework.post_to_discussion(ana, introductions, "Anyone there?")
    client.force_login(program_admin)
    assert "marked “Program office”" in words(client.get(page_url(cohort)))
    client.post(page_url(cohort), {"source": "The office is here.", "parent": question.pk})
    assert DiscussionPost.objects.get(author=program_admin).posted_as == "office"
    client.force_login(ana.user)
    theirs = words(client.get(f"/cohorts/enrollments/{ana.pk}/activities/{KEY}/"))
    assert '<span class="tag tag--facilitator">Program office</span>' in theirs


def test_what_waits_for_a_reply_is_the_same_on_the_home_and_the_page(
    client, cohort, course_facilitator, ana, introductions
):
    ben = EnrollmentFactory(cohort=cohort)
    alone = coursework.post_to_discussion(ana, introductions, "Only I answered myself.")
    coursework.post_to_discussion(ana, introductions, "And a second thought.", parent=alone)
    answered = coursework.post_to_discussion(ana, introductions, "Ben answered this.")
    coursework.post_to_discussion(ben, introductions, "I did.", parent=answered)
    hidden_reply = coursework.post_to_discussion(ben, introductions, "Hidden answer only.")
    rude = coursework.post_to_discussion(ana, introductions, "rude", parent=hidden_reply)
    coursework.hide_post(rude, course_facilitator)
    hidden = coursework.post_to_discussion(ben, introductions, "Hidden question.")
    coursework.hide_post(hidden, course_facilitator)
    coursework.post_as_facilitator(course_facilitator, cohort, introductions, "The facilitator's own thread.")

    in_sql = set(discussions.unanswered_posts([cohort.pk]).values_list("pk", flat=True))
    on_page = {post.pk for post, _ in discussions.threads(cohort, introductions, course_facilitator) if post.waiting}
    assert in_sql == on_page == {alone.pk, hidden_reply.pk}
    assert f'href="{page_url(cohort)}">Introductions</a> (2 posts)' in home(client, course_facilitator)


def test_two_discussions_of_the_same_name_on_the_home_say_which_module_each_is_in(
    client, cohort, course_facilitator, ana
):
    first, third = (Activity.objects.get(key=k) for k in ("lbg-m01-golden-lines", "lbg-m03-golden-lines"))
    for activity in (first, third):  # as posted once the Welcome module is done
        DiscussionPost.objects.create(
            cohort=cohort, activity=activity, author=ana.user, source="Mine.", body="<p>Mine.</p>"
        )
    html = home(client, course_facilitator)
    assert f'href="{page_url(cohort, first.key)}">Golden Lines in {first.page.title}</a> (1 post)' in html
    assert f'href="{page_url(cohort, third.key)}">Golden Lines in {third.page.title}</a> (1 post)' in html


def test_a_facilitator_of_another_cohort_a_participant_and_a_stranger_are_refused(
    client, cohort, ana, introductions, course_facilitator
):
    question = coursework.post_to_discussion(ana, introductions, "Mine only.")
    other_facilitator = factories.facilitator()
    other = CohortFactory(start_date=date.today(), facilitators=[other_facilitator])
    theirs = coursework.post_to_discussion(EnrollmentFactory(cohort=other), introductions, "Elsewhere.")

    client.force_login(other_facilitator)
    assert client.get(page_url(cohort)).status_code == 404
    assert client.post(page_url(cohort), {"source": "Hi", "parent": question.pk}).status_code == 404
    # Their own cohort's page does not reach into this one's threads either.
    assert client.post(page_url(other), {"source": "Hi", "parent": question.pk}).status_code == 404
    with pytest.raises(coursework.CourseworkError):
        coursework.post_as_facilitator(other_facilitator, cohort, introductions, "Hi", parent=question)

    client.force_login(ana.user)
    assert client.get(page_url(cohort)).status_code == 404
    assert client.post(page_url(cohort), {"source": "As a facilitator?"}).status_code == 404
    with pytest.raises(coursework.CourseworkError):
        coursework.post_as_facilitator(ana.user, cohort, introductions, "As a facilitator?")

    client.logout()
    response = client.post(page_url(cohort), {"source": "Anonymous"})
    assert response.status_code == 302 and "/login/" in response["Location"]

    # Not a discussion, or not one of the cohort's course: no page.
    client.force_login(course_facilitator)
    assert client.get(page_url(cohort, "lbg-m02-learning-targets")).status_code == 404
    assert client.get(page_url(cohort, "no-such-activity")).status_code == 404
    with pytest.raises(coursework.CourseworkError):
        coursework.post_as_facilitator(course_facilitator, cohort, introductions, "Hi", parent=theirs)

    assert set(DiscussionPost.objects.values_list("source", flat=True)) == {"Mine only.", "Elsewhere."}


QUERIES_DISCUSSION_PAGE = (
    8  # session, user and roles, the cohort, the activity, its program, the posts, the label, drafts
)


@pytest.mark.parametrize("threads", [1, 6])
def test_the_discussion_page_costs_the_same_however_many_posts(
    client, cohort, course_facilitator, introductions, threads, django_assert_num_queries
):
    for n in range(threads):
        enrollment = EnrollmentFactory(cohort=cohort)
        post = coursework.post_to_discussion(enrollment, introductions, f"Thread {n}")
        coursework.post_as_facilitator(course_facilitator, cohort, introductions, f"Answer {n}", parent=post)
        coursework.post_to_discussion(enrollment, introductions, f"Thanks {n}", parent=post)
    client.force_login(course_facilitator)
    client.get(page_url(cohort))
    with django_assert_num_queries(QUERIES_DISCUSSION_PAGE):
        response = client.get(page_url(cohort))
    assert response.status_code == 200 and response.content.decode().count("tag--facilitator") == threads


def daytime_after_now(time_zone="America/Los_Angeles"):
    """Noon in the cohort's time zone, after now (reminders go out in the recipient's day)."""
    zone = ZoneInfo(time_zone)
    moment = datetime.combine(timezone.now().astimezone(zone).date(), time(12), tzinfo=zone)
    return moment if moment > timezone.now() else moment + timedelta(days=1)


def replies_told():
    return [m for m in mail.outbox if "replied to your post" in m.subject]


def tell_of_replies():
    return send_reminders(daytime_after_now(), kinds=[reminders.kind("discussion_reply")])


def test_the_author_is_told_of_each_reply_once_and_never_of_their_own(cohort, course_facilitator, ana, introductions):
    question = coursework.post_to_discussion(ana, introductions, "Which line?")
    coursework.post_to_discussion(ana, introductions, "Never mind, I chose.", parent=question)  # her own
    reply = coursework.post_as_facilitator(course_facilitator, cohort, introductions, "A good choice.", parent=question)
    coursework.post_as_facilitator(course_facilitator, cohort, introductions, "A new thread, no reply to anyone.")
    mail.outbox.clear()

    tell_of_replies()
    tell_of_replies()  # the beat runs again

    [message] = replies_told()
    assert message.to == [ana.user.email]
    assert message.subject.endswith("Fran Okafor replied to your post in Introductions")
    assert "Fran Okafor (Facilitator) replied" in message.body and "A good choice." in message.body
    assert f"/cohorts/enrollments/{ana.pk}/activities/{KEY}/#post-{reply.pk}" in message.body
    assert "/reminders/unsubscribe/" in message.body and message.extra_headers["List-Unsubscribe-Post"]

    # A second reply is a second e-mail, once.
    coursework.post_to_discussion(EnrollmentFactory(cohort=cohort), introductions, "Me too.", parent=question)
    tell_of_replies()
    tell_of_replies()
    assert len(replies_told()) == 2


def test_no_word_of_a_hidden_reply_nor_to_someone_who_unsubscribed(cohort, course_facilitator, ana, introductions):
    question = coursework.post_to_discussion(ana, introductions, "Which line?")
    rude = coursework.post_to_discussion(EnrollmentFactory(cohort=cohort), introductions, "rude", parent=question)
    coursework.hide_post(rude, course_facilitator)
    mail.outbox.clear()
    tell_of_replies()
    assert replies_told() == []

    ReminderOptOut.objects.create(user=ana.user, kind="discussion_reply")
    coursework.post_as_facilitator(course_facilitator, cohort, introductions, "Kind answer.", parent=question)
    tell_of_replies()
    assert replies_told() == []


def test_a_facilitator_reaches_each_cohorts_discussion_from_the_module_page(
    client, settings, cohort, course_facilitator, introductions
):
    settings.PAGE_CACHE = True
    later = CohortFactory(name="Cohort 99", start_date=date.today() + timedelta(days=60))
    later.facilitators.add(course_facilitator)
    other_facilitator = factories.facilitator()
    CohortFactory(name="Cohort 98", start_date=date.today(), facilitators=[other_facilitator])
    module = ModulePage.objects.get(number=0)

    client.force_login(course_facilitator)
    page = words(client.get(module.url))
    for each in (cohort, later):
        assert (
            f'<a class="button button--secondary" href="{page_url(each)}" '
            f'aria-label="Discussion in {each.name}: Introductions">Discussion in {each.name}</a>' in page
        )
    assert "Discussion in Cohort 98" not in page

    # The page kept for one facilitator is never another's.
    client.force_login(other_facilitator)
    page = words(client.get(module.url))
    assert "Discussion in Cohort 98" in page and f"Discussion in {cohort.name}" not in page
    assert "Discussion in Cohort 99" not in page

    client.force_login(EnrollmentFactory(cohort=cohort).user)
    assert "Discussion in" not in words(client.get(module.url))


def test_the_module_page_costs_a_facilitator_the_same_with_more_cohorts(client, course_facilitator, cohort):
    module = ModulePage.objects.get(number=0)
    client.force_login(course_facilitator)
    client.get(module.url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert "Discussion in" in client.get(module.url).content.decode()
    for _ in range(2):
        CohortFactory(start_date=date.today(), facilitators=[course_facilitator])
    client.get(module.url)
    with CaptureQueriesContext(connection) as three:
        assert client.get(module.url).content.decode().count("Discussion in") >= 3
    assert len(three) == len(one)
