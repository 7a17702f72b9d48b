"""Follow-up assignments: the participant's page of one, and the facilitator's list and form.
Thin callers of follow_ups.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from cohorts.registration.selectors import facilitated_cohort
from pd_platform.params import int_or_none
from pd_platform.shortcuts import or_404

from . import follow_ups, passages, selectors, services
from .forms import FollowUpForm, SubmissionForm
from .models import Submission
from .services import CourseworkError


@login_required
def follow_up(request, enrollment_id, follow_up_id):
    """The participant's own follow-up assignment: the prompt, the submit form, the history."""
    submission = or_404(follow_ups.follow_up_of(request.user, enrollment_id, follow_up_id))
    latest = submission.revisions.order_by("-number").first()
    form = SubmissionForm(
        request.POST or None, request.FILES or None, initial={"source": latest.source if latest else ""}
    )
    form.fields["source"].help_text = "Lists (- item), **bold** and *italics* work."  # no autosave here
    if request.method == "POST" and form.is_valid():
        try:
            revision = follow_ups.do_submit_follow_up(
                submission, form.cleaned_data["source"], request.FILES.getlist("attachments")
            )
        except CourseworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Revision {revision.number} of “{submission.title}” is submitted for feedback.")
            return redirect(request.path)
    history = passages.attach(
        list(submission.revisions.prefetch_related("reviews__reviewer", "attachments").order_by("-number"))
    )
    return render(
        request,
        "coursework/follow_up.html",
        {
            "submission": submission,
            "enrollment": submission.enrollment,
            "follow_up": submission.follow_up,
            "form": form,
            "can_submit": submission.status in (Submission.Status.MISSING, Submission.Status.NEEDS_REVISION),
            "history": history,
            "act_on": services.feedback_to_act_on(submission, history),
            "status_word": selectors.activity_status_word(submission.enrollment, None, submission),
            "Status": Submission.Status,
        },
    )


@login_required
def cohort_follow_ups(request, cohort_id):
    """The follow-ups given in a cohort, with how far each has come."""
    cohort = or_404(facilitated_cohort(request.user, cohort_id))
    return render(
        request,
        "coursework/follow_ups.html",
        {"cohort": cohort, "follow_ups": follow_ups.cohort_follow_ups(cohort)},
    )


@login_required
def new_follow_up(request, cohort_id):
    """Give a follow-up: ``?to=<enrollment>`` ticks who it is for, ``?based_on=<submission>`` ties
    it to the work it builds on (from a review or a check-in's answer)."""
    cohort = or_404(facilitated_cohort(request.user, cohort_id))
    enrollments = follow_ups.assignable_enrollments(cohort)
    based_on_id = int_or_none(request.POST.get("based_on") or request.GET.get("based_on"))
    based_on = follow_ups.submission_in_cohort(cohort, based_on_id)
    initial = {"recipients": [pk for pk in map(int_or_none, request.GET.getlist("to")) if pk], "based_on": based_on_id}
    if based_on is not None:
        initial["title"] = f"Follow-up: {based_on.title}"[:150]
    form = FollowUpForm(request.POST or None, enrollments=enrollments, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            follow_ups.do_assign_follow_up(
                request.user,
                cohort,
                [e.pk for e in data["recipients"]],
                data["title"],
                data["prompt"],
                due_on=data["due_on"],
                counts_toward_completion=data["counts_toward_completion"],
                based_on=based_on,
            )
        except CourseworkError as error:
            form.add_error(None, str(error))
        else:
            count = len(data["recipients"])
            messages.success(request, f"“{data['title']}” is given to {count} participant{'s' if count != 1 else ''}.")
            return redirect("coursework:follow_ups", cohort.pk)
    return render(request, "coursework/new_follow_up.html", {"cohort": cohort, "form": form, "based_on": based_on})
