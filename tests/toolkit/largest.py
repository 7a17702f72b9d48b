"""A learning-target set at the builder's maximum (`MAX_GROUPS` standards of `MAX_TARGETS_PER_GROUP` targets),
written as a teacher writes: mostly targets that pass, one in eight that does not yet. Shared by the page-size
test and the bench."""

from cohorts.toolkit.models import LearningTarget, TargetGroup
from cohorts.toolkit.target_sets import services

SKILLS = (
    "I can explain how unbalanced forces change the motion of an object",
    "I can compare the kinetic energy of two moving objects",
    "I can design a test of how mass changes acceleration",
    "I can use a graph to describe an object's speed over time",
    "I can identify the forces acting on an object at rest",
    "I can predict the motion of an object from a force diagram",
    "I can calculate net force from forces in one direction",
)
NOT_YET = "Students will understand forces and motion"  # fails: not written for the student, not measurable


def build_largest_set(owner, groups=services.MAX_GROUPS, per_group=services.MAX_TARGETS_PER_GROUP):
    target_set = services.create_target_set(owner, course_name="8th grade physical science", grade_band="6-8")
    made = TargetGroup.objects.bulk_create(
        TargetGroup(
            target_set=target_set,
            kind="standard",
            code=f"MS-PS2-{g + 1}",
            text=f"Forces and motion, part {g + 1}",
            position=g,
        )
        for g in range(groups)
    )
    LearningTarget.objects.bulk_create(
        LearningTarget(
            group=group, position=t, text=NOT_YET if (g * per_group + t) % 8 == 7 else SKILLS[t % len(SKILLS)]
        )
        for g, group in enumerate(made)
        for t in range(per_group)
    )
    return target_set
