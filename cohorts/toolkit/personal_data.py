"""The toolkit's part of a personal-data export or erasure (see ``pd_platform.personal_data``)."""

from pd_platform import personal_data

from .models import (
    AttachedGradingPlan,
    AttachedTargetSet,
    GradingPlan,
    ItemComment,
    LearningTarget,
    MasteryTask,
    TargetGroup,
    TargetSet,
)

SUBMITTED_BY = "revision__submission__enrollment__user"


def export(user):
    return {
        "learning_target_sets": TargetSet.objects.filter(owner=user),
        "learning_target_groups": TargetGroup.objects.filter(target_set__owner=user),
        "learning_targets": LearningTarget.objects.filter(group__target_set__owner=user),
        "grading_plans": GradingPlan.objects.filter(owner=user),
        "grading_plan_tasks": MasteryTask.objects.filter(plan__owner=user),
        "comments": ItemComment.objects.filter(author=user),
        "target_sets_submitted": AttachedTargetSet.objects.filter(**{SUBMITTED_BY: user}),
        "grading_plans_submitted": AttachedGradingPlan.objects.filter(**{SUBMITTED_BY: user}),
    }


def erase(user, now):
    """The person's own sets and plans go, and the copies attached to their submissions are emptied, as
    the submissions are (coursework); comments they wrote on others' work are emptied."""
    return {
        "submitted target sets emptied": AttachedTargetSet.objects.filter(**{SUBMITTED_BY: user}).update(
            course_name="", groups=[]
        ),
        "submitted grading plans emptied": AttachedGradingPlan.objects.filter(**{SUBMITTED_BY: user}).update(
            course_name="", tasks=[]
        ),
        "learning target sets deleted": TargetSet.objects.filter(owner=user).delete()[0],
        "grading plans deleted": GradingPlan.objects.filter(owner=user).delete()[0],
        "comments emptied": ItemComment.objects.filter(author=user).update(text=""),
    }


personal_data.register("toolkit", export, erase, order=90)
