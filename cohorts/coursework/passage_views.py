"""Comments on passages, answers under them, and the comment bank: thin callers of passages.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from pd_platform.params import int_or_none
from pd_platform.shortcuts import or_404

from . import passages, selectors


def _review_url(submission_id, anchor):
    return f"{reverse('coursework:review', args=[submission_id])}#{anchor}"


@login_required
@require_POST
def comment_on_passage(request, submission_id):
    submission = or_404(selectors.reviewable_submission(request.user, submission_id))
    revision = or_404(submission.revisions.order_by("-number").first())
    revision.submission = submission
    start, end = int_or_none(request.POST.get("start")), int_or_none(request.POST.get("end"))
    try:
        comment = passages.comment_on_passage(
            revision,
            request.user,
            request.POST.get("passage", ""),
            request.POST.get("comment", ""),
            hint=(start, end) if start is not None and end is not None else None,
            bank_uses=request.POST.getlist("bank_used"),
        )
    except passages.PassageError as error:
        messages.error(request, str(error))
        return redirect(_review_url(submission.pk, "passages-heading"))
    messages.success(request, f"Your comment on “{_short(comment.quote)}” is kept with revision {revision.number}.")
    return redirect(_review_url(submission.pk, f"pc-{comment.pk}"))


def _short(text, limit=60):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@login_required
@require_POST
def reply(request, comment_id):
    comment = or_404(passages.comment_for(request.user, comment_id))
    submission = comment.revision.submission
    own_work = submission.enrollment.user_id == request.user.pk
    try:
        answer = passages.reply_to_comment(comment, request.user, request.POST.get("reply", ""))
    except passages.PassageError as error:
        messages.error(request, str(error))
        anchor = f"pc-{comment.pk}"
    else:
        messages.success(request, "Your answer is posted under the comment.")
        anchor = f"reply-{answer.pk}"
    if own_work:
        return redirect(f"{submission.participant_url()}#{anchor}")
    return redirect(_review_url(submission.pk, anchor))


@login_required
@require_POST
def save_to_bank(request, submission_id):
    submission = or_404(selectors.reviewable_submission(request.user, submission_id))
    criteria = submission.activity.rubric_criteria if submission.activity_id else []
    try:
        entry, created = passages.save_to_bank(
            submission.enrollment.cohort.program_id,
            request.POST.get("criterion", ""),
            request.POST.get("text", ""),
            request.user,
            criteria=criteria,
        )
    except passages.PassageError as error:
        messages.error(request, str(error))
    else:
        where = entry.criterion or "General"
        messages.success(
            request,
            f"Kept in the comment bank under {where}." if created else f"The bank already has it under {where}.",
        )
    return redirect(_review_url(submission.pk, "bank-heading"))
