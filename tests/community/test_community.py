"""The community of practice: one per program, across cohorts and districts; threads, replies,
following, attachments checked, sanitized text, and nobody outside the program reads it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cohorts.community import services
from cohorts.community.models import Follow, Post, PostAttachment, Thread, Topic
from modules.models import WorkshopSeriesPage
from tests import factories
from tests.coursework.test_coursework import png_upload

pytestmark = pytest.mark.django_db


def test_every_program_has_its_starting_topics_from_the_content_files(cohort):
    assert Topic.objects.filter(program=cohort.program).count() == 4
    assert Topic.objects.filter(program=WorkshopSeriesPage.objects.get()).count() == 4


def test_a_participant_starts_a_thread_and_one_from_another_district_replies(client, member, colleague, topic, leader):
    client.force_login(member)
    response = client.post(
        f"/community/topics/{topic.pk}/",
        {"title": "Retakes after the unit test?", "source": "How do you schedule **retakes**?"},
    )
    thread = Thread.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/community/threads/{thread.pk}/"
    assert Follow.objects.filter(user=member, thread=thread).exists()  # the author follows it

    client.force_login(colleague)
    topic_page = client.get(f"/community/topics/{topic.pk}/").text
    assert "Retakes after the unit test?" in topic_page
    opening = Post.objects.get()
    client.post(f"/community/threads/{thread.pk}/", {"source": "Fridays, in advisory.", "parent": opening.pk})
    page = client.get(f"/community/threads/{thread.pk}/").text
    assert "<strong>retakes</strong>" in page and "Fridays, in advisory." in page and "Ben Tso" in page

    client.force_login(leader)  # the program's facilitators take part too
    assert "Fridays, in advisory." in client.get(f"/community/threads/{thread.pk}/").text


def test_an_alumnus_of_an_earlier_cohort_belongs_to_the_community(client, alumnus, thread):
    client.force_login(alumnus)
    assert client.get(f"/community/threads/{thread.pk}/").status_code == 200
    services.do_post(alumnus, thread, "Two years in: keep the retakes short.")
    assert thread.posts.count() == 2


def test_a_participant_of_another_program_cannot_read_or_write_this_community(
    client, series_participant, thread, topic
):
    client.force_login(series_participant)
    assert client.get(f"/community/threads/{thread.pk}/").status_code == 404
    assert client.get(f"/community/topics/{topic.pk}/").status_code == 404
    assert client.post(f"/community/threads/{thread.pk}/", {"source": "hi"}).status_code == 404
    index = client.get("/community/").text
    assert "Learning-Based Grading" not in index and "Mastery Learning" in index
    with pytest.raises(services.CommunityError, match="program's participants"):
        services.do_post(series_participant, thread, "let me in")
    assert thread.posts.count() == 1


def test_someone_without_a_registration_has_no_community(client, thread, topic):
    outsider = factories.participant()
    client.force_login(outsider)
    assert "once you register" in client.get("/community/").text
    assert client.get(f"/community/topics/{topic.pk}/").status_code == 404
    assert client.get(f"/community/threads/{thread.pk}/").status_code == 404


def test_a_facilitator_of_another_program_is_refused(client, thread, trainer):
    client.force_login(trainer)  # leads a workshop-series cohort only
    assert client.get(f"/community/threads/{thread.pk}/").status_code == 404


def test_posts_are_sanitized(client, member, topic):
    client.force_login(member)
    client.post(
        f"/community/topics/{topic.pk}/",
        {
            "title": "<b>x</b>",
            "source": '<script>alert(1)</script><img src=x onerror="alert(2)"> [a](javascript:alert(3))',
        },
    )
    post = Post.objects.get()
    assert "<script" not in post.body and "onerror" not in post.body and "javascript:" not in post.body
    page = client.get(f"/community/threads/{post.thread_id}/").text
    assert "<script>alert(1)" not in page and "&lt;b&gt;x&lt;/b&gt;" in page


def test_attachments_are_checked_as_submissions_are(client, member, colleague, topic, series_participant):
    client.force_login(member)
    fake = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    response = client.post(
        f"/community/topics/{topic.pk}/", {"title": "My plan", "source": "Here.", "attachments": [fake]}
    )
    assert "not a file type we accept" in response.text and not Thread.objects.exists()

    client.post(
        f"/community/topics/{topic.pk}/", {"title": "My plan", "source": "Here.", "attachments": [png_upload()]}
    )
    attachment = PostAttachment.objects.get()
    client.force_login(colleague)
    download = client.get(f"/community/attachments/{attachment.pk}/")
    assert download.status_code == 200 and download["X-Content-Type-Options"] == "nosniff"
    client.force_login(series_participant)
    assert client.get(f"/community/attachments/{attachment.pk}/").status_code == 404


def test_the_same_form_sent_twice_posts_once(client, member, topic):
    client.force_login(member)
    data = {"title": "Once", "source": "Only once.", "form_token": "a" * 32}
    client.post(f"/community/topics/{topic.pk}/", data)
    client.post(f"/community/topics/{topic.pk}/", data)
    assert Thread.objects.count() == 1 and Post.objects.count() == 1


def test_following_and_unfollowing_a_thread(client, colleague, thread):
    client.force_login(colleague)
    assert "Follow this thread" in client.get(f"/community/threads/{thread.pk}/").text
    client.post(f"/community/threads/{thread.pk}/follow/", {"follow": "1"})
    client.post(f"/community/threads/{thread.pk}/follow/", {"follow": "1"})
    assert Follow.objects.filter(user=colleague, thread=thread).count() == 1
    assert "You follow this thread." in client.get(f"/community/threads/{thread.pk}/").text
    client.post(f"/community/threads/{thread.pk}/follow/", {"follow": "0"})
    assert not Follow.objects.filter(user=colleague, thread=thread).exists()


def test_an_empty_post_or_title_is_refused_with_the_reason(member, topic, thread):
    with pytest.raises(services.CommunityError, match="Give the thread a title"):
        services.do_start_thread(member, topic, "  ", "text")
    with pytest.raises(services.CommunityError, match="empty"):
        services.do_post(member, thread, "   ")
    assert Thread.objects.count() == 1


def test_the_next_steps_pages_lead_to_the_community(client):
    from modules.models import NextStepsPage

    for page in NextStepsPage.objects.all():
        assert 'href="/community/"' in client.get(page.url).text


# Query counts: a fixed number, however many threads and posts there are.


def test_the_topic_page_costs_the_same_however_many_threads(client, member, topic, django_assert_num_queries):
    client.force_login(member)
    url = f"/community/topics/{topic.pk}/"
    client.get(url)
    for count in (1, 6):
        for i in range(count):
            thread = services.do_start_thread(member, topic, f"Thread {count}-{i}", "text")
            services.do_post(member, thread, "more")
        with django_assert_num_queries(TOPIC_PAGE_QUERIES):
            assert client.get(url).status_code == 200


TOPIC_PAGE_QUERIES = (
    8  # session, the user with their roles, the member's programs (2), the topic, count, threads, navigation,
    # the reader's drafts of the page's fields
)


def test_the_thread_page_costs_the_same_however_many_posts(
    client, member, colleague, thread, django_assert_num_queries
):
    client.force_login(member)
    url = f"/community/threads/{thread.pk}/"
    client.get(url)
    for count in (1, 6):
        for i in range(count):
            reply = services.do_post(colleague, thread, f"Reply {count}-{i}")
            services.do_report(member, reply, "off topic")
        with django_assert_num_queries(THREAD_PAGE_QUERIES):
            assert client.get(url).status_code == 200


THREAD_PAGE_QUERIES = (
    11  # the thread, its posts with attachments and reports, follow and reports of the reader, their drafts
)


def test_the_community_index_costs_the_same_however_many_threads(client, member, topic, django_assert_num_queries):
    client.force_login(member)
    client.get("/community/")
    for count in (1, 6):
        for i in range(count):
            services.do_start_thread(member, topic, f"Thread {count}-{i}", "text")
        with django_assert_num_queries(INDEX_QUERIES):
            assert client.get("/community/").status_code == 200


INDEX_QUERIES = 9  # the programs, their topics with counts, who moderates, the digest choice
