"""The learning-target builder. Thin: scoping in `selectors`, changes in `services`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from cohorts.coursework.services import CourseworkError

from . import selectors, services
from .forms import GroupForm, TargetForm, TargetSetForm
from .models import TargetGroup


@login_required
def index(request):
    return render(request, "toolkit/index.html", {"target_sets": selectors.target_sets_for(request.user)})


@login_required
def target_set_new(request):
    form = TargetSetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        target_set = services.create_target_set(request.user, **form.cleaned_data)
        messages.success(request, f"“{target_set.course_name}” is ready: add a standard, then its targets.")
        return redirect("toolkit:target_set", target_set.pk)
    return render(request, "toolkit/target_set_new.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def target_set_page(request, pk):
    target_set = selectors.target_set_for(request.user, pk)
    return render(
        request,
        "toolkit/target_set.html",
        {
            "target_set": target_set,
            "groups": selectors.checked_groups(target_set, selectors.target_rules()),
            "details_form": TargetSetForm(
                initial={"course_name": target_set.course_name, "grade_band": target_set.grade_band}
            ),
            "group_form": GroupForm(),
            "kinds": TargetGroup.Kind.choices,
            "assignments": selectors.open_target_assignments(request.user),
        },
    )


def _integer(request, name):
    try:
        return int(request.POST.get(name, ""))
    except ValueError as problem:
        raise Http404(f"No {name} given.") from problem


# action -> (form class, what it changes: (request, target set, cleaned data) -> (message, anchor))
def _details(request, target_set, data):
    services.update_target_set(target_set, **data)
    return "The course details are saved.", "top"


def _add_group(request, target_set, data):
    group = services.add_group(target_set, **data)
    return f"Added “{group.text}”.", f"group-{group.pk}"


def _edit_group(request, target_set, data):
    group = selectors.group_in(target_set, _integer(request, "group"))
    services.update_group(group, **data)
    return "The standard is saved.", f"group-{group.pk}"


def _add_target(request, target_set, data):
    group = selectors.group_in(target_set, _integer(request, "group"))
    target = services.add_target(group, **data)
    return f"Added “{target.text}”.", f"target-{target.pk}"


def _edit_target(request, target_set, data):
    target = selectors.target_in(target_set, _integer(request, "target"))
    services.update_target(target, **data)
    return "The target is saved.", f"target-{target.pk}"


def _move(kind, find):
    """Move a standard ("group") or a target up or down among its siblings."""

    def change(request, target_set, data):
        item = find(target_set, _integer(request, kind))
        moved = services.move(item, request.POST.get("direction"))
        return ("Moved." if moved else "It is already at the end."), f"{kind}-{item.pk}"

    return change


def _delete_group(request, target_set, data):
    group = selectors.group_in(target_set, _integer(request, "group"))
    services.delete_group(group)
    return f"Removed “{group.text}” and its targets.", "groups"


def _delete_target(request, target_set, data):
    target = selectors.target_in(target_set, _integer(request, "target"))
    services.delete_target(target)
    return f"Removed “{target.text}”.", f"group-{target.group.pk}"


ACTIONS = {
    "details": (TargetSetForm, _details),
    "add-group": (GroupForm, _add_group),
    "edit-group": (GroupForm, _edit_group),
    "add-target": (TargetForm, _add_target),
    "edit-target": (TargetForm, _edit_target),
    "move-group": (None, _move("group", selectors.group_in)),
    "move-target": (None, _move("target", selectors.target_in)),
    "delete-group": (None, _delete_group),
    "delete-target": (None, _delete_target),
}


@login_required
@require_POST
def target_set_change(request, pk, action):
    if action not in ACTIONS:
        raise Http404("No such change.")
    target_set = selectors.target_set_for(request.user, pk)
    form_class, change = ACTIONS[action]
    form = form_class(request.POST) if form_class else None
    if form is None or form.is_valid():
        try:
            message, anchor = change(request, target_set, form.cleaned_data if form else {})
        except ValidationError as problem:
            if form is None:
                messages.error(request, " ".join(problem.messages))
                return redirect("toolkit:target_set", target_set.pk)
            _add_errors(form, problem)
        else:
            messages.success(request, message)
            return redirect(reverse("toolkit:target_set", args=[target_set.pk]) + f"#{anchor}")
    # What was typed comes back with what is wrong, nothing lost.
    return render(
        request,
        "toolkit/target_fix.html",
        {"target_set": target_set, "form": form, "action": action, "post": request.POST},
        status=400,
    )


def _add_errors(form, problem):
    if not hasattr(problem, "error_dict"):
        form.add_error(None, problem.messages)
        return
    for field, errors in problem.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
@require_POST
def target_set_delete(request, pk):
    target_set = selectors.target_set_for(request.user, pk)
    services.delete_target_set(target_set)
    messages.success(request, f"Deleted the target set “{target_set.course_name}”.")
    return redirect("toolkit:index")


@login_required
@require_POST
def submit_target_set(request, pk):
    """Submit one's own set as a learning-targets assignment ("<enrollment>:<activity key>")."""
    target_set = selectors.target_set_for(request.user, pk)
    choices = {a.value: a for a in selectors.open_target_assignments(request.user)}
    chosen = choices.get(request.POST.get("assignment", ""))
    if chosen is None:
        messages.error(request, "Choose one of your learning-targets assignments that is open for a new revision.")
        return redirect(reverse("toolkit:target_set", args=[pk]) + "#submit")
    try:
        revision = services.submit_target_set(
            chosen.enrollment, chosen.activity, target_set, note=request.POST.get("note", "")
        )
    except CourseworkError as problem:
        messages.error(request, str(problem))
        return redirect(reverse("toolkit:target_set", args=[pk]) + "#submit")
    messages.success(
        request,
        f"Revision {revision.number} of “{chosen.activity.title}” is submitted with “{target_set.course_name}”.",
    )
    return redirect("coursework:activity", chosen.enrollment.pk, chosen.activity.key)


@login_required
@require_POST
def comment_on_target(request, attached_id):
    attached, submission = selectors.reviewable_attached(request.user, attached_id)
    back = reverse("coursework:review", args=[submission.pk])
    try:
        services.comment_on_target(attached, request.POST.get("target", ""), request.user, request.POST.get("text", ""))
    except ValidationError as problem:
        messages.error(request, " ".join(problem.messages))
        return redirect(back)
    messages.success(request, "Your feedback on the target is saved; the participant sees it with their work.")
    return redirect(f"{back}#attached-{attached.pk}-{request.POST.get('target', '')}")
