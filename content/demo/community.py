"""The community of practice and the support after the modules, for ``seed_demo``: the
graduate shares her learning targets, peers talk about retakes, a post waits for the
moderators, the demo participant gets the daily digest, and the facilitator gave the graduate
a follow-up assignment. Built through the services; idempotent."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from cohorts.community import services as community
from cohorts.community.models import Report, Thread, Topic
from cohorts.coursework.follow_ups import do_assign_follow_up
from cohorts.coursework.models import FollowUp, Submission
from cohorts.registration.models import Cohort
from cohorts.reminders.services import do_choose_kind
from pd_platform.accounts.models import User

from .accounts import DEMO_ACCOUNTS
from .certificates import GRADUATE
from .cohorts import PEERS

SHARED_TITLE = "My ratio and linear-relationship targets, revised"


@transaction.atomic
def seed():
    cohort = Cohort.objects.filter(name="Cohort 03", program__slug="learning-based-grading").first()
    graduate = User.objects.filter(email=GRADUATE["email"]).first()
    if cohort is None or graduate is None:
        return []
    emails = {a["role"]: a["email"] for a in DEMO_ACCOUNTS}
    participant = User.objects.get(email=emails["Participant"])
    facilitator = User.objects.get(email=emails["Facilitator"])
    topics = {t.title: t for t in Topic.objects.filter(program=cohort.program)}
    if not topics:
        return []
    if not Thread.objects.filter(topic__program=cohort.program, title=SHARED_TITLE).exists():
        _seed_threads(cohort, topics, graduate, participant, facilitator)
    return [
        f"community    {Thread.objects.filter(topic__program=cohort.program).count()} threads, "
        f"{Report.objects.filter(resolved_at__isnull=True).count()} report waiting: /community/",
    ]


def _seed_threads(cohort, topics, graduate, participant, facilitator):
    jordan, sam, _ = (User.objects.get(email=email) for email, _ in PEERS)
    do_choose_kind(participant, "community_digest", True)
    targets = Submission.objects.get(enrollment__user=graduate, activity__key="lbg-m02-learning-targets")
    community.do_share_submission(
        graduate,
        targets,
        topics["Learning targets in my classroom"],
        SHARED_TITLE,
        "These worked with my 7th graders after two rounds of feedback. Steal freely.",
        consent=True,
    )
    retakes = community.do_start_thread(
        jordan,
        topics["Gradebooks and grading periods"],
        "Retakes without losing a whole class period?",
        "My students want to retake, which is the point. How do you fit retakes in without losing teaching time?",
    )
    community.do_post(
        graduate,
        retakes,
        "Fridays, the last 20 minutes: anyone with a *not yet* retakes one target. It took a month to settle.",
        parent=retakes.posts.first(),
    )
    community.do_follow(participant, retakes)
    off_topic = community.do_post(sam, retakes, "Selling my old grading stamps, message me.")
    community.do_report(jordan, off_topic, "An advertisement, not about retakes.")

    enrollment = graduate.enrollments.get(cohort=cohort)
    if not FollowUp.objects.filter(cohort=cohort).exists():
        do_assign_follow_up(
            facilitator,
            cohort,
            [enrollment.pk],
            "Bring your gradebook after the first grading period",
            "Upload your mastery gradebook after the first grading period, with two students' rows you want "
            "to talk about. We will look at it together in office hours.",
            due_on=timezone.localdate() + timedelta(days=30),
        )
