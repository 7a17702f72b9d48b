from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from pd_platform.shortcuts import or_404

from .models import AttachedTargetSet, LearningTarget, TargetCheckSettings, TargetGroup, TargetSet
from .target_sets import goldilocks


def target_rules():
    """The learning-target checks' words, as the admins set them."""
    return TargetCheckSettings.load().rules()


def target_sets_for(user):
    """A person's own target sets, newest first, each with how many standards and targets."""
    return list(
        TargetSet.objects.filter(owner=user).annotate(
            group_count=Count("groups", distinct=True), target_count=Count("groups__targets")
        )
    )


def target_set_for(user, pk):
    """One of the person's own sets with its standards and targets; anyone else's is not found."""
    return get_object_or_404(
        TargetSet.objects.prefetch_related(
            Prefetch(
                "groups",
                queryset=TargetGroup.objects.prefetch_related(
                    Prefetch("targets", queryset=LearningTarget.objects.order_by("position"))
                ).order_by("position"),
            )
        ),
        owner=user,
        pk=pk,
    )


def group_in(target_set, group_id):
    found = or_404(
        next((g for g in target_set.groups.all() if g.pk == group_id), None), "No such standard in this set."
    )
    return found


def target_in(target_set, target_id):
    for group in target_set.groups.all():
        for target in group.targets.all():
            if target.pk == target_id:
                target.group = group
                return target
    raise Http404("No such target in this set.")


@dataclass(frozen=True)
class CheckedTarget:
    target: LearningTarget
    checks: list
    ok: bool
    suggestion: str = ""  # one rewrite passing every check, in the set's subject and grade band
    explained: bool = True  # the set's page says what each failed check found, and the rewrite

    @property
    def failed_labels(self):
        return [check.label for check in self.checks if not check.ok]


# The set's page explains this many failing targets in full (what each check found, one rewrite); any
# further one shows which checks it fails, and its own page explains it. A set at the builder's maximum
# (40 standards of 40 targets) stays one light page however many of its targets need work.
EXPLAINED_ON_THE_SET_PAGE = 20


def checked_groups(target_set, rules, explained=EXPLAINED_ON_THE_SET_PAGE):
    """[(group, [CheckedTarget])] in order, every target checked; the first ``explained`` failing ones
    (in the page's order) with their rewrite."""
    context = goldilocks.context_for(target_set.course_name, target_set.grade_band)
    result = []
    for group in target_set.groups.all():
        rows = []
        for target in group.targets.all():
            checks = goldilocks.check_target(target.text, rules)
            if goldilocks.target_is_ok(checks):
                rows.append(CheckedTarget(target, checks, True))
            elif explained > 0:
                explained -= 1
                rows.append(CheckedTarget(target, checks, False, goldilocks.suggest(target.text, rules, context)))
            else:
                rows.append(CheckedTarget(target, checks, False, explained=False))
        result.append((group, rows))
    return result


def checked_counts(groups):
    """How many targets the checked groups hold, how many fail a check, and how many of those are explained."""
    rows = [row for _group, group_rows in groups for row in group_rows]
    return {
        "total": len(rows),
        "failing": sum(not row.ok for row in rows),
        "explained": sum(not row.ok and row.explained for row in rows),
    }


@dataclass(frozen=True)
class GroupPlace:
    """One standard on its own page: its targets checked, each failing one with its rewrite, and where the
    standard stands among the set's."""

    group: TargetGroup
    target_set: TargetSet
    rows: list  # [CheckedTarget]
    first: bool
    last: bool


def group_place(user, set_id, group_id, rules):
    """A standard of one of the person's own sets with its targets, checked; anyone else's is not found.
    Three queries."""
    group = get_object_or_404(
        TargetGroup.objects.select_related("target_set"), pk=group_id, target_set_id=set_id, target_set__owner=user
    )
    order = list(TargetGroup.objects.filter(target_set_id=set_id).order_by("position").values_list("pk", flat=True))
    context = goldilocks.context_for(group.target_set.course_name, group.target_set.grade_band)
    rows = []
    for target in LearningTarget.objects.filter(group=group).order_by("position"):
        checks = goldilocks.check_target(target.text, rules)
        ok = goldilocks.target_is_ok(checks)
        rows.append(CheckedTarget(target, checks, ok, "" if ok else goldilocks.suggest(target.text, rules, context)))
    return GroupPlace(group, group.target_set, rows, order[0] == group.pk, order[-1] == group.pk)


@dataclass(frozen=True)
class TargetPlace:
    """One target on its own page: its checks and rewrite, and where it stands among its standard's targets."""

    row: CheckedTarget
    group: TargetGroup
    target_set: TargetSet
    number: int  # 1 for the standard's first target
    count: int  # how many targets the standard has

    @property
    def first(self):
        return self.number == 1

    @property
    def last(self):
        return self.number == self.count


def target_place(user, set_id, target_id, rules):
    """A target of one of the person's own sets, checked; anyone else's is not found. Two queries."""
    target = get_object_or_404(
        LearningTarget.objects.select_related("group__target_set"),
        pk=target_id,
        group__target_set_id=set_id,
        group__target_set__owner=user,
    )
    group = target.group
    order = list(LearningTarget.objects.filter(group=group).order_by("position").values_list("pk", flat=True))
    checks = goldilocks.check_target(target.text, rules)
    ok = goldilocks.target_is_ok(checks)
    context = goldilocks.context_for(group.target_set.course_name, group.target_set.grade_band)
    row = CheckedTarget(target, checks, ok, "" if ok else goldilocks.suggest(target.text, rules, context))
    return TargetPlace(row, group, group.target_set, order.index(target.pk) + 1, len(order))


def targets_not_passing(target_set, rules):
    """How many of the set's targets fail at least one check (read through the set's prefetched rows)."""
    return sum(
        not goldilocks.target_is_ok(goldilocks.check_target(target.text, rules))
        for group in target_set.groups.all()
        for target in group.targets.all()
    )


@dataclass(frozen=True)
class TargetAssignment:
    """A learning-targets assignment a set could be submitted to."""

    enrollment: object
    activity: object
    status: str  # missing, needs_revision (the ones that take a new revision)

    @property
    def value(self):
        return f"{self.enrollment.pk}:{self.activity.key}"

    @property
    def label(self):
        state = "revise and resubmit" if self.status == "needs_revision" else "not submitted yet"
        return f"{self.enrollment.cohort.name} · {self.activity.page.title}: {self.activity.title} ({state})"


# Which assignments take which of the toolkit's things (a part of the activity's key).
ASSIGNMENT_KEYS = {"targets": "learning-targets", "plan": "grading-system"}


def open_target_assignments(user, kind="targets"):
    """The person's assignments that take a target set (or a grading plan) as a new revision
    now: in a course they may use, not waiting for feedback, not complete. Three queries
    whatever the number of courses."""
    from cohorts.coursework.models import Submission
    from cohorts.registration.models import Enrollment
    from cohorts.registration.selectors import may_use_course_q
    from modules.models import Activity

    enrollments = list(
        Enrollment.objects.filter(may_use_course_q(), user=user).select_related("cohort", "cohort__program")
    )
    if not enrollments:
        return []
    where = Q()
    for path in {e.cohort.program.path for e in enrollments}:
        where |= Q(page__path__startswith=path)
    activities = list(
        Activity.objects.filter(where, key__contains=ASSIGNMENT_KEYS[kind], page__live=True)
        .select_related("page")
        .order_by("page__path", "sort_order")
    )
    statuses = {
        (s.enrollment_id, s.activity_id): s.status
        for s in Submission.objects.filter(enrollment__in=enrollments, activity__in=activities).only(
            "enrollment_id", "activity_id", "status"
        )
    }
    found = []
    for enrollment in enrollments:
        for activity in activities:
            if not activity.page.path.startswith(enrollment.cohort.program.path):
                continue
            status = statuses.get((enrollment.pk, activity.pk), Submission.Status.MISSING)
            if status in (Submission.Status.MISSING, Submission.Status.NEEDS_REVISION):
                found.append(TargetAssignment(enrollment, activity, status))
    return found


@dataclass(frozen=True)
class SentCopy:
    """Where a set went: the latest revision of one assignment that carries a copy of it."""

    activity_title: str
    cohort_name: str
    number: int  # the revision's number
    sent_at: object
    status: str  # the submission's status now
    url: str

    @property
    def state(self):
        return {
            "submitted": "waiting for your facilitator's feedback",
            "needs_revision": "your facilitator asks for a revision: change the set here, then submit it again",
            "complete": "rated complete",
        }.get(self.status, self.status)


def sent_copies(target_set):
    """The assignments this set was submitted to, the latest revision of each first-seen. One query."""
    from django.urls import reverse

    copies = (
        AttachedTargetSet.objects.filter(target_set=target_set)
        .select_related("revision__submission__activity", "revision__submission__enrollment__cohort")
        .order_by("-revision__created_at")
    )
    found = {}
    for copy in copies:
        submission = copy.revision.submission
        if submission.pk in found:
            continue
        found[submission.pk] = SentCopy(
            submission.activity.title,
            submission.enrollment.cohort.name,
            copy.revision.number,
            copy.revision.created_at,
            submission.status,
            reverse("coursework:activity", args=[submission.enrollment_id, submission.activity.key]),
        )
    return list(found.values())


def attached_copies(model, revision_ids):
    """{revision id: copy} of one kind (AttachedTargetSet or AttachedGradingPlan) with their
    comments and the comments' authors (two queries)."""
    if not revision_ids:
        return {}
    return {
        copy.revision_id: copy
        for copy in model.objects.filter(revision_id__in=revision_ids).prefetch_related("comments__author")
    }


def reviewable_copy(user, model, copy_id):
    """An attached copy the person may comment on (they review its submission), or 404."""
    from cohorts.coursework.selectors import reviewable_submission

    copy = get_object_or_404(model.objects.select_related("revision"), pk=copy_id)
    submission = or_404(reviewable_submission(user, copy.revision.submission_id), "Not a submission you review.")
    return copy, submission


def plans_for(user):
    from .models import GradingPlan

    return list(GradingPlan.objects.filter(owner=user).annotate(task_count=Count("tasks")))


def plan_for(user, pk):
    """One of the person's own grading plans with its tasks and their targets; others: not found."""
    from .models import GradingPlan, MasteryTask

    return get_object_or_404(
        GradingPlan.objects.prefetch_related(
            Prefetch("tasks", queryset=MasteryTask.objects.order_by("position").prefetch_related("targets"))
        ),
        owner=user,
        pk=pk,
    )


def task_in(plan, task_id):
    found = or_404(next((task for task in plan.tasks.all() if task.pk == task_id), None), "No such task in this plan.")
    found.plan = plan
    return found


def targets_to_align(user):
    """The person's learning targets, by set and standard, for aligning tasks (three queries)."""
    return list(
        TargetSet.objects.filter(owner=user).prefetch_related(
            Prefetch(
                "groups",
                queryset=TargetGroup.objects.order_by("position").prefetch_related(
                    Prefetch("targets", queryset=LearningTarget.objects.order_by("position"))
                ),
            )
        )
    )
