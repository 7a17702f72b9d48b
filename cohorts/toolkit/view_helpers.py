"""View helpers of the builder's and the designer's pages (they hold no state): the small changes
posted from forms on one page, each a form (or none) and a function that calls one service. A change
that succeeds goes back to the page at the changed item; one that fails comes back with what was
typed and what is wrong."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render


def posted_id(request, name):
    try:
        return int(request.POST.get(name, ""))
    except ValueError as problem:
        raise Http404(f"No {name} given.") from problem


def move_action(kind, find):
    """The change that moves a standard ("group"), a target or a task ("task") up or down among
    its siblings; ``find(parent, id)`` finds it in the page's object or answers 404."""
    from .target_sets.services import move

    def change(request, parent, data):
        item = find(parent, posted_id(request, kind))
        moved = move(item, request.POST.get("direction"))
        return ("Moved." if moved else "It is already at the end."), f"{kind}-{item.pk}"

    return change


def add_errors(form, problem):
    if not hasattr(problem, "error_dict"):
        form.add_error(None, problem.messages)
        return
    for field, errors in problem.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def run_change(request, obj, action, actions, *, page, fix_template, context):
    """Run ``actions[action]`` = (form class or None, change(request, obj, data) -> (message, anchor) or
    (message, anchor, the page to go back to when it is not ``page``))."""
    if action not in actions:
        raise Http404("No such change.")
    form_class, change = actions[action]
    form = form_class(request.POST) if form_class else None
    if form is None or form.is_valid():
        try:
            message, anchor, *elsewhere = change(request, obj, form.cleaned_data if form else {})
        except ValidationError as problem:
            if form is None:
                messages.error(request, " ".join(problem.messages))
                return redirect(page)
            add_errors(form, problem)
        else:
            messages.success(request, message)
            return redirect(f"{elsewhere[0] if elsewhere else page}#{anchor}")
    return render(
        request,
        fix_template,
        {**context, "form": form, "action": action, "post": request.POST, "targets": request.POST.getlist("targets")},
        status=400,
    )


def submit_to_assignment(request, thing, kind, submit, *, page):
    """Submit a set or a plan (``submit(enrollment, activity, thing, note=...)``) to the
    assignment chosen in the form ("<enrollment>:<activity key>"), one of the person's open ones."""
    from cohorts.coursework.services import CourseworkError

    from .selectors import open_target_assignments

    choices = {a.value: a for a in open_target_assignments(request.user, kind)}
    chosen = choices.get(request.POST.get("assignment", ""))
    if chosen is None:
        messages.error(request, "Choose one of your assignments that is open for a new revision.")
        return redirect(f"{page}#submit")
    try:
        revision = submit(chosen.enrollment, chosen.activity, thing, note=request.POST.get("note", ""))
    except CourseworkError as problem:
        messages.error(request, str(problem))
        return redirect(f"{page}#submit")
    messages.success(
        request, f"Revision {revision.number} of “{chosen.activity.title}” is submitted with “{thing.course_name}”."
    )
    return redirect("coursework:activity", chosen.enrollment.pk, chosen.activity.key)
