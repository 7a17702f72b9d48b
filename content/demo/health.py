"""The cohort health scene for ``seed_demo``: in the started demo cohort (Cohort 03), two more
participants the health page flags beside the demo participant's revision waiting: one who never
started, one quiet since the first week. Idempotent."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from cohorts.coursework import services as coursework
from cohorts.coursework.models import DiscussionPost, Revision, Submission
from cohorts.registration.models import Cohort, Enrollment
from cohorts.registration.services import enroll_by_office
from modules.models import Activity

from .accounts import riverside_teacher

QUIET = [
    # (e-mail, name, days since they joined, days since their last step or None for never started)
    ("taylor.brooks@example.org", "Taylor Brooks", 14, None),
    ("casey.nguyen@example.org", "Casey Nguyen", 14, 12),
]


@transaction.atomic
def seed():
    cohort = Cohort.objects.filter(program__slug="learning-based-grading", name="Cohort 03").first()
    if cohort is None:
        return []
    now = timezone.now()
    intro = Activity.objects.get(key="lbg-m00-introductions")
    for email, name, joined, last_step in QUIET:
        user = riverside_teacher(email, name)
        if Enrollment.objects.filter(user=user, cohort=cohort).exists():
            continue
        enrollment = enroll_by_office(user, cohort)
        Enrollment.objects.filter(pk=enrollment.pk).update(created_at=now - timedelta(days=joined))
        if last_step is not None:
            coursework.post_to_discussion(enrollment, intro, f"Hi, I'm {name}. I coach new teachers at my site.")
            then = now - timedelta(days=last_step)
            DiscussionPost.objects.filter(cohort=cohort, author=user).update(created_at=then)
            Revision.objects.filter(submission__enrollment=enrollment).update(created_at=then)
            Submission.objects.filter(enrollment=enrollment).exclude(submitted_at=None).update(submitted_at=then)
    return [f"health       {cohort.program.title}, {cohort.name}: three participants flagged on its health page"]
