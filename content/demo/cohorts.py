"""Demo cohorts for ``seed_demo``: one started (the demo participant is in it), one whose
purchase-order window has closed, and one open for registration."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from cohorts.coursework import services as coursework
from cohorts.coursework.models import DiscussionPost, Review, Revision, Submission
from cohorts.registration.deadlines import business_days_before
from cohorts.registration.models import Cohort
from cohorts.registration.selectors import closed_days_between
from cohorts.registration.services import enroll_by_office
from modules.models import CoursePage
from pd_platform.accounts.models import User

from .accounts import DEMO_ACCOUNTS, place_in_riverside


def _start_with_purchase_orders_closed(today):
    """The latest start date whose purchase-order window has closed already: online
    registration stays open as long as possible."""
    closed = closed_days_between(today - timedelta(days=30), today + timedelta(days=30))
    day = today + timedelta(days=1)
    while business_days_before(day + timedelta(days=1), 3, closed) <= today:
        day += timedelta(days=1)
    return day


@transaction.atomic
def seed():
    course = CoursePage.objects.filter(slug="learning-based-grading").first()
    if course is None:
        return ["(no course content: run load_content before seed_demo)"]
    today = timezone.localdate()
    emails = {a["role"]: a["email"] for a in DEMO_ACCOUNTS}
    facilitator = User.objects.get(email=emails["Facilitator"])
    participant = User.objects.get(email=emails["Participant"])

    specs = [
        ("Cohort 03", today - timedelta(days=14), "started"),
        ("Cohort 04", _start_with_purchase_orders_closed(today), "purchase orders closed, online open"),
        ("Cohort 05", today + timedelta(days=35), "open for registration"),
    ]
    lines = []
    for name, start, state in specs:
        cohort, created = Cohort.objects.get_or_create(
            program=course,
            name=name,
            defaults={
                "start_date": start,
                "end_date": start + timedelta(weeks=8),
                "capacity": 25,
                "fee": Decimal("450.00"),
                "time_zone": "America/Los_Angeles",
            },
        )
        if created:
            cohort.facilitators.add(facilitator)
        lines.append(f"cohort       {course.title}, {cohort.name}: starts {cohort.start_date:%a %b %d %Y} ({state})")

    started = Cohort.objects.get(program=course, name="Cohort 03")
    enroll_by_office(participant, started)
    _seed_coursework(started, participant, facilitator)
    # A district teacher in the next cohort whose purchase order has not come yet.
    waiting = User.objects.filter(email=PURCHASE_ORDER_PENDING[0]).first() or User.objects.create_user(
        email=PURCHASE_ORDER_PENDING[0], password=None, full_name=PURCHASE_ORDER_PENDING[1]
    )
    place_in_riverside(waiting)
    enroll_by_office(
        waiting,
        Cohort.objects.get(program=course, name="Cohort 04"),
        payment_method="purchase_order",
        purchase_order_number="RUSD-26-0412",
        paid=False,
    )
    _office_hours_tomorrow(course, facilitator, participant)
    return lines


def _office_hours_tomorrow(course, facilitator, participant):
    """Office hours tomorrow afternoon, and the demo participant has a seat."""
    from cohorts.workshops.models import OfficeHours
    from cohorts.workshops.office_hours import do_take_seat, schedule_office_hours

    topic = "Learning targets: bring your revision"
    session = OfficeHours.objects.filter(program=course, topic=topic).first()
    if session is None:
        tomorrow = timezone.localdate() + timedelta(days=1)
        session = schedule_office_hours(
            facilitator,
            course.pk,
            timezone.make_aware(datetime.combine(tomorrow, time(16, 0))),
            45,
            "https://meet.example.org/lbg-office-hours",
            12,
            topic,
        )
    do_take_seat(participant, session.pk)


PURCHASE_ORDER_PENDING = ("morgan.diaz@example.org", "Morgan Diaz")


PEERS = [
    ("jordan.lee@example.org", "Jordan Lee"),
    ("sam.ortiz@example.org", "Sam Ortiz"),
    ("riley.chen@example.org", "Riley Chen"),
]


def _seed_coursework(cohort, participant, facilitator):
    """Work in every state for the demo participant, and a queue for the facilitator."""
    from modules.models import Activity

    if participant.enrollments.get(cohort=cohort).submissions.exists():
        return
    act = {a.key: a for a in Activity.objects.filter(key__startswith="lbg-")}
    peers = []
    for email, name in PEERS:
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email=email, password=None, full_name=name, job_title="teacher_leader"
        )
        place_in_riverside(user)
        peers.append(enroll_by_office(user, cohort))
    me = participant.enrollments.get(cohort=cohort)

    # Everyone introduces themselves and replies to the next person: the Welcome module completes.
    intro = act["lbg-m00-introductions"]
    everyone = [me, *peers]
    posts = [
        coursework.post_to_discussion(e, intro, f"Hi, I'm {e.user.full_name}. I lead grading work at my site.")
        for e in everyone
    ]
    for i, e in enumerate(everyone):
        coursework.post_to_discussion(
            e, intro, "Welcome! Looking forward to learning with you.", parent=posts[(i + 1) % len(everyone)]
        )

    # Module 01: one discussion complete, one waiting for a facilitator.
    golden = act["lbg-m01-golden-lines"]
    first = coursework.post_to_discussion(
        me, golden, '"Grades should reflect learning, not compliance." That line changed how I see homework.'
    )
    coursework.post_to_discussion(peers[0], golden, 'Mine: "revision is where the learning happens."')
    coursework.post_to_discussion(
        me,
        golden,
        "Yes! Revision is the heart of it.",
        parent=DiscussionPost.objects.filter(author=peers[0].user, activity=golden).first(),
    )
    coursework.post_to_discussion(peers[0], golden, "Agreed.", parent=first)
    coursework.post_to_discussion(
        me,
        act["lbg-m01-big-concepts"],
        "The big concepts of my course: proportional reasoning, linear relationships, and data literacy.",
    )

    # Module 02: learning targets reviewed "needs revision"; the peers' targets wait in the queue.
    targets = coursework.submit_revision(
        me,
        act["lbg-m02-learning-targets"],
        "- I can understand ratios.\n- I can know how to graph a line.\n- I can solve problems.",
    )
    coursework.review_submission(
        targets.submission,
        facilitator,
        Review.Rating.NEEDS_REVISION,
        "A good start. *Understand* and *know* are not measurable: what would a student **do** to show it? "
        '"Solve problems" is too broad: which problems?',
        [
            {"criterion": c, "meets": i != 1, "comment": "Use an observable verb." if i == 1 else ""}
            for i, c in enumerate(act["lbg-m02-learning-targets"].rubric_criteria)
        ],
    )
    for peer in peers:
        coursework.post_to_discussion(peer, intro, "One more hello!")
        coursework.submit_revision(
            peer,
            act["lbg-m02-learning-targets"],
            f"- I can compare two ratios using a table.\n- I can graph a line from its equation.\n(from {peer.user.full_name})",
        )

    # Module 06: a plan marked complete.
    plan = coursework.submit_revision(
        me,
        act["lbg-m06-communicating-your-grading-system"],
        "A one-page letter to families explaining complete / not yet, and a syllabus section.",
    )
    coursework.review_submission(plan.submission, facilitator, Review.Rating.COMPLETE, "Clear for families. Complete.")
    _date_the_story(me, peers, targets.submission, plan.submission)


def _date_the_story(me, peers, targets, plan):
    """The cohort started two weeks ago, so its work happened over those weeks, not in the second
    the demo was seeded: the timestamps move back to when the story has them, counted in
    business days so that the story reads the same on any day of the year. Then the reminders
    have something to say: a revision waiting, people idle for a week, their learning targets
    waiting for the facilitator (the daily digest)."""
    cohort = me.cohort
    today = timezone.localdate()
    closed = closed_days_between(today - timedelta(days=60), today)

    def ago(business_days):
        day = business_days_before(today, business_days, closed)
        return timezone.make_aware(datetime.combine(day, time(10, 0)))

    DiscussionPost.objects.filter(cohort=cohort).update(created_at=ago(7))
    Revision.objects.filter(submission__enrollment=me).update(created_at=ago(7))
    Submission.objects.filter(enrollment=me).exclude(submitted_at=None).update(submitted_at=ago(7))
    Review.objects.filter(revision__submission__enrollment=me).update(created_at=ago(7))
    for submission, submitted, reviewed in [(targets, 7, 6), (plan, 6, 5)]:
        Revision.objects.filter(submission=submission).update(created_at=ago(submitted))
        Review.objects.filter(revision__submission=submission).update(created_at=ago(reviewed))
        Submission.objects.filter(pk=submission.pk).update(submitted_at=ago(submitted))
    peer_work = Submission.objects.filter(enrollment__in=peers)
    Revision.objects.filter(submission__in=peer_work).update(created_at=ago(6))
    peer_work.exclude(submitted_at=None).update(submitted_at=ago(6))
    Review.objects.filter(revision__submission__in=peer_work).update(created_at=ago(6))
