"""The demo participant's toolkit for their own classroom, for ``seed_demo``: a learning-target
set of two grade 7 math standards (most targets sound, two the checks flag, as a first draft
looks) and a grading plan whose tasks are aligned to those targets. Built through the toolkit's
services; idempotent."""

from django.db import transaction

from cohorts.toolkit.models import GradingPlan, TargetSet
from cohorts.toolkit.plans import services as plan_services
from cohorts.toolkit.target_sets import services
from pd_platform.accounts.models import User

from .accounts import DEMO_ACCOUNTS

COURSE = "Grade 7 math: ratios and proportional relationships"
STANDARDS = [
    (
        "7.RP.A.2",
        "Recognize and represent proportional relationships between quantities.",
        [
            "I can decide whether two quantities are in a proportional relationship",
            "I can find the constant of proportionality in a table, graph or equation",
            "Students will understand unit rates",
        ],
    ),
    (
        "7.RP.A.3",
        "Use proportional relationships to solve multistep ratio and percent problems.",
        [
            "I can solve percent increase and decrease problems",
            "I can set up and solve proportions for word problems",
        ],
    ),
]


PLAN = "Grade 7 math, first semester"
TASKS = [
    ("Proportional or not? Card sort", ["I can decide whether two quantities are in a proportional relationship"]),
    ("Unit rate investigation", ["I can find the constant of proportionality in a table, graph or equation"]),
    (
        "Graphing proportional relationships",
        ["I can find the constant of proportionality in a table, graph or equation"],
    ),
    ("Sales tax and tips task", ["I can solve percent increase and decrease problems"]),
    ("Recipe scaling project", ["I can set up and solve proportions for word problems"]),
]


@transaction.atomic
def seed():
    email = next(a["email"] for a in DEMO_ACCOUNTS if a["role"] == "Participant")
    participant = User.objects.filter(email=email).first()
    if participant is None or TargetSet.objects.filter(owner=participant, course_name=COURSE).exists():
        return []
    target_set = services.create_target_set(participant, course_name=COURSE, grade_band="6-8")
    made = {}
    for code, text, targets in STANDARDS:
        group = services.add_group(target_set, kind="standard", code=code, text=text)
        for target in targets:
            made[target] = services.add_target(group, text=target).pk
    if not GradingPlan.objects.filter(owner=participant, course_name=PLAN).exists():
        plan = plan_services.create_plan(participant, course_name=PLAN, scale="mip")
        for title, targets in TASKS:
            plan_services.add_task(plan, title=title, targets=[made[t] for t in targets])
    return []
