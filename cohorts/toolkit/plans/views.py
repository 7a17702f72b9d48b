"""The gradebook designer. Thin: scoping in `selectors`, changes in `services`, the rule in
`grading`, the sample class in `preview`, the files in `workbook` and the policy template."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from pd_platform.pdfs import tagged_pdf

from .. import selectors, submissions
from ..forms import PlanForm, RuleForm, TaskForm
from ..view_helpers import (
    move_action,
    posted_id,
    run_change,
    submit_to_assignment,
)
from . import grading, preview, workbook
from . import services as plan_services

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _bands_text(bands):
    return "\n".join(f"{b.letter} {b.most}" if b.most is not None else b.letter for b in bands)


def _rule_initial(plan, rule):
    return {
        "bands_text": _bands_text(rule.bands),
        "wide_text": _bands_text(rule.wide_bands) if rule.wide_bands else "",
        "wide_from": rule.wide_from,
    }


def _lookup(request, rule):
    """The letter for the counts in the query string, or why they cannot give one; what was
    typed comes back in the form."""
    if "tasks" not in request.GET:
        return None
    typed = {"tasks": request.GET.get("tasks", "")[:6], "not_yet": request.GET.get("not_yet", "")[:6]}
    try:
        tasks, not_yet = int(typed["tasks"]), int(typed["not_yet"])
    except ValueError:
        return {**typed, "error": "Give whole numbers for both counts."}
    try:
        return {**typed, "letter": grading.letter_for(tasks, not_yet, rule)}
    except grading.InvalidRule as problem:
        return {**typed, "error": str(problem)}


@login_required
def plan_new(request):
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = plan_services.create_plan(request.user, **form.cleaned_data)
        except ValidationError as problem:
            form.add_error(None, problem)
        else:
            messages.success(request, f"“{plan.course_name}” is ready: add its mastery tasks.")
            return redirect("toolkit:plan", plan.pk)
    return render(request, "toolkit/plan_new.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def plan_page(request, pk):
    plan = selectors.plan_for(request.user, pk)
    rule = plan_services.plan_rule(plan)
    tasks = list(plan.tasks.all())
    for task in tasks:
        task.aligned_ids = {target.pk for target in task.targets.all()}
    count = max(len(tasks), 1)
    lookup = _lookup(request, rule)
    return render(
        request,
        "toolkit/plan.html",
        {
            "plan": plan,
            "tasks": tasks,
            "rule": rule,
            "rule_now": grading.describe(rule, count),
            "rule_wide": grading.describe(rule, rule.wide_from) if rule.wide_bands and rule.wide_from else "",
            "custom_rule": bool(plan.bands),
            "lookup": lookup,
            "lookup_tasks": (lookup or {}).get("tasks") or len(tasks) or 10,
            "lookup_not_yet": (lookup or {}).get("not_yet") or 0,
            "plan_form": PlanForm(
                initial={"course_name": plan.course_name, "scale": plan.scale, "mastery_level": plan.mastery_level}
            ),
            "rule_form": RuleForm(initial=_rule_initial(plan, rule)),
            "task_form": TaskForm(),
            "target_sets": selectors.targets_to_align(request.user),
            "assignments": selectors.open_target_assignments(request.user, "plan"),
        },
    )


def _details(request, plan, data):
    plan_services.update_plan(plan, **data)
    return "The plan's details are saved.", "top"


def _rule(request, plan, data):
    plan_services.set_plan_rule(plan, **data)
    return "Your grading rule is saved.", "rule"


def _reset_rule(request, plan, data):
    plan_services.reset_plan_rule(plan)
    return "Back to the course's rule.", "rule"


def _add_task(request, plan, data):
    task = plan_services.add_task(plan, title=data["title"], targets=request.POST.getlist("targets"))
    return f"Added “{task.title}”.", f"task-{task.pk}"


def _edit_task(request, plan, data):
    task = selectors.task_in(plan, posted_id(request, "task"))
    plan_services.update_task(task, title=data["title"], targets=request.POST.getlist("targets"))
    return "The task is saved.", f"task-{task.pk}"


def _delete_task(request, plan, data):
    task = selectors.task_in(plan, posted_id(request, "task"))
    plan_services.delete_task(task)
    return f"Removed “{task.title}”.", "tasks"


ACTIONS = {
    "details": (PlanForm, _details),
    "rule": (RuleForm, _rule),
    "reset-rule": (None, _reset_rule),
    "add-task": (TaskForm, _add_task),
    "edit-task": (TaskForm, _edit_task),
    "move-task": (None, move_action("task", selectors.task_in)),
    "delete-task": (None, _delete_task),
}


@login_required
@require_POST
def plan_change(request, pk, action):
    plan = selectors.plan_for(request.user, pk)
    return run_change(
        request,
        plan,
        action,
        ACTIONS,
        page=reverse("toolkit:plan", args=[plan.pk]),
        fix_template="toolkit/plan_fix.html",
        context={"plan": plan},
    )


@login_required
@require_POST
def plan_delete(request, pk):
    plan = selectors.plan_for(request.user, pk)
    plan_services.delete_plan(plan)
    messages.success(request, f"Deleted the grading plan “{plan.course_name}”.")
    return redirect("toolkit:index")


@login_required
def plan_preview(request, pk):
    plan = selectors.plan_for(request.user, pk)
    rule = plan_services.plan_rule(plan)
    tasks = len(plan.tasks.all()) or 12
    sample = preview.sample_class(tasks, rule)
    return render(
        request,
        "toolkit/plan_preview.html",
        {
            "plan": plan,
            "sample": sample,
            "task_count": tasks,
            "example": not plan.tasks.all(),
            "summary_rows": [
                (week.number, week.tasks, [week.counts.get(letter, 0) for letter in sample.letters])
                for week in sample.weeks
            ],
            "student_rows": [
                (name, [week.letters[index] or "—" for week in sample.weeks])
                for index, name in enumerate(sample.students)
            ],
        },
    )


def _spec(plan):
    tasks = tuple(task.title for task in plan.tasks.all())
    return workbook.GradebookSpec(
        tasks=tasks,
        columns=max(len(tasks) + 10, 20),
        students=35,
        scale=plan.scale,
        level=plan.level,
        rule=plan_services.plan_rule(plan),
    )


@login_required
def plan_gradebook(request, pk):
    plan = selectors.plan_for(request.user, pk)
    response = HttpResponse(workbook.build(_spec(plan)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{slugify(plan.course_name) or "plan"}-gradebook.xlsx"'
    return response


@login_required
def plan_policy(request, pk):
    plan = selectors.plan_for(request.user, pk)
    rule = plan_services.plan_rule(plan)
    tasks = list(plan.tasks.all())
    label, marks, _ = grading.SCALES[plan.scale]
    pdf = tagged_pdf(
        "toolkit/pdf/policy.html",
        {
            "title": f"How grades work in {plan.course_name}",
            "plan": plan,
            "tasks": tasks,
            "scale_label": label,
            "rule_now": grading.describe(rule, max(len(tasks), 1)),
            "rule_wide": grading.describe(rule, rule.wide_from) if rule.wide_bands and rule.wide_from else "",
            "wide_from": rule.wide_from if rule.wide_bands else None,
            "examples": grading.examples(rule, max(len(tasks), 1)),
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{slugify(plan.course_name) or "plan"}-grading-policy.pdf"'
    return response


@login_required
@require_POST
def plan_submit(request, pk):
    """Submit one's own plan as the "Communicating your grading system" assignment."""
    plan = selectors.plan_for(request.user, pk)
    page = reverse("toolkit:plan", args=[pk])
    return submit_to_assignment(request, plan, "plan", submissions.submit_grading_plan, page=page)
