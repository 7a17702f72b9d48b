"""The learning-target builder. Thin: scoping in `selectors`, changes in `services`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from .. import selectors, submissions
from ..forms import GroupForm, TargetForm, TargetSetForm
from ..models import AttachedGradingPlan, AttachedTargetSet, TargetGroup
from ..view_helpers import (
    move_action,
    posted_id,
    run_change,
    submit_to_assignment,
)
from . import services


@login_required
def index(request):
    return render(
        request,
        "toolkit/index.html",
        {"target_sets": selectors.target_sets_for(request.user), "plans": selectors.plans_for(request.user)},
    )


@login_required
def target_set_new(request):
    form = TargetSetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        target_set = services.create_target_set(request.user, **form.cleaned_data)
        messages.success(request, f"“{target_set.course_name}” is ready: add a standard, then its targets.")
        return redirect("toolkit:target_set", target_set.pk)
    return render(request, "toolkit/target_set_new.html", {"form": form}, status=400 if form.errors else 200)


def _page(request, target_set, rules, **extra):
    groups = selectors.checked_groups(target_set, rules)
    page = reverse("toolkit:target_set", args=[target_set.pk])
    return render(
        request,
        "toolkit/target_set.html",
        {
            "target_set": target_set,
            # the page's links to its standards and targets are relative (1,600 of them at the maximum), except
            # where the page answers another address (the question before submitting)
            "base": "" if request.path == page else page,
            "groups": groups,
            **selectors.checked_counts(groups),
            "details_form": TargetSetForm(
                initial={"course_name": target_set.course_name, "grade_band": target_set.grade_band}
            ),
            "group_form": GroupForm(),
            "assignments": selectors.open_target_assignments(request.user),
            "sent": selectors.sent_copies(target_set),
            **extra,
        },
    )


@login_required
def target_set_page(request, pk):
    return _page(request, selectors.target_set_for(request.user, pk), selectors.target_rules())


@login_required
def standard_page(request, pk, group_id):
    """One standard (or understanding) on its own page: a new target added with the checks live, its targets
    each with what the checks found and a rewrite, and the standard itself edited, moved or removed."""
    place = selectors.group_place(request.user, pk, group_id, selectors.target_rules())
    return render(
        request,
        "toolkit/standard.html",
        {"place": place, "target_set": place.target_set, "group": place.group, "kinds": TargetGroup.Kind.choices},
    )


@login_required
def target_page(request, pk, target_id):
    """One target on its own page: what its checks found and one rewrite, its text to edit with the checks
    live, moved up or down among its standard's targets, or removed."""
    place = selectors.target_place(request.user, pk, target_id, selectors.target_rules())
    return render(request, "toolkit/target.html", {"place": place, "target_set": place.target_set})


def _standard_page(target_set, group):
    return reverse("toolkit:standard", args=[target_set.pk, group.pk])


# action -> (form class, what it changes: (request, target set, cleaned data) -> (message, anchor[, page])).
# A standard's changes and its targets' go back to the standard's page, where its targets are worked on.
def _details(request, target_set, data):
    services.update_target_set(target_set, **data)
    return "The course details are saved.", "top"


def _add_group(request, target_set, data):
    group = services.add_group(target_set, **data)
    return f"Added “{group.text}”: now add its learning targets.", "add", _standard_page(target_set, group)


def _edit_group(request, target_set, data):
    group = selectors.group_in(target_set, posted_id(request, "group"))
    services.update_group(group, **data)
    return "The standard is saved.", "top", _standard_page(target_set, group)


def _add_target(request, target_set, data):
    group = selectors.group_in(target_set, posted_id(request, "group"))
    target = services.add_target(group, **data)
    return f"Added “{target.text}”.", f"target-{target.pk}", _standard_page(target_set, group)


def _edit_target(request, target_set, data):
    target = selectors.target_in(target_set, posted_id(request, "target"))
    services.update_target(target, **data)
    return "The target is saved.", f"target-{target.pk}", _standard_page(target_set, target.group)


def _move_target(request, target_set, data):
    target = selectors.target_in(target_set, posted_id(request, "target"))
    message, anchor = move_action("target", selectors.target_in)(request, target_set, data)
    return message, anchor, _standard_page(target_set, target.group)


def _delete_group(request, target_set, data):
    group = selectors.group_in(target_set, posted_id(request, "group"))
    services.delete_group(group)
    return f"Removed “{group.text}” and its targets.", "groups"


def _delete_target(request, target_set, data):
    target = selectors.target_in(target_set, posted_id(request, "target"))
    services.delete_target(target)
    return f"Removed “{target.text}”.", "targets", _standard_page(target_set, target.group)


ACTIONS = {
    "details": (TargetSetForm, _details),
    "add-group": (GroupForm, _add_group),
    "edit-group": (GroupForm, _edit_group),
    "add-target": (TargetForm, _add_target),
    "edit-target": (TargetForm, _edit_target),
    "move-group": (None, move_action("group", selectors.group_in)),
    "move-target": (None, _move_target),
    "delete-group": (None, _delete_group),
    "delete-target": (None, _delete_target),
}


@login_required
@require_POST
def target_set_change(request, pk, action):
    target_set = selectors.target_set_for(request.user, pk)
    return run_change(
        request,
        target_set,
        action,
        ACTIONS,
        page=reverse("toolkit:target_set", args=[target_set.pk]),
        fix_template="toolkit/target_fix.html",
        context={"target_set": target_set},
    )


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
    """Submit one's own set as a learning-targets assignment. A set with targets that fail a check is
    sent only once the person says so: the page comes back asking, once, with what they chose kept."""
    target_set = selectors.target_set_for(request.user, pk)
    page = reverse("toolkit:target_set", args=[pk])
    rules = selectors.target_rules()
    failing = selectors.targets_not_passing(target_set, rules)
    if failing and request.POST.get("confirm") != "submit-anyway":
        asked = {
            "failing": failing,
            "assignment": request.POST.get("assignment", ""),
            "note": request.POST.get("note", ""),
        }
        return _page(request, target_set, rules, confirm_submit=asked)
    return submit_to_assignment(request, target_set, "targets", submissions.submit_target_set, page=page)


COPIES = {"sets": (AttachedTargetSet, "attached"), "plans": (AttachedGradingPlan, "plan-copy")}


@login_required
@require_POST
def comment_on_item(request, kind, copy_id):
    """A facilitator's feedback on one target of an attached set, or one task of an attached plan."""
    if kind not in COPIES:
        raise Http404("No such kind of copy.")
    model, anchor = COPIES[kind]
    copy, submission = selectors.reviewable_copy(request.user, model, copy_id)
    back = reverse("coursework:review", args=[submission.pk])
    item = request.POST.get("item", "")
    try:
        submissions.comment_on_item(copy, item, request.user, request.POST.get("text", ""))
    except ValidationError as problem:
        messages.error(request, " ".join(problem.messages))
        return redirect(back)
    messages.success(request, "Your feedback is saved; the participant sees it with their work.")
    return redirect(f"{back}#{anchor}-{copy.pk}-{item}")
