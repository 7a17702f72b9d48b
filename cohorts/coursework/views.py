"""Views of the revise-and-resubmit cycle: thin callers of services.py and selectors.py."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.models import Page

from cohorts.registration.selectors import enrollment_of, facilitated_cohort, live_enrollment, may_facilitate
from modules.models import Activity, ActivityKind
from pd_platform import gradebook as gradebook_pages
from pd_platform import revision_panels
from pd_platform.export_views import start_and_show
from pd_platform.page_cache import personal_page
from pd_platform.params import int_or_none
from pd_platform.sanitize import plain_text
from pd_platform.shortcuts import or_404
from pd_platform.storage import private_file_response

from . import discussions, exports, materials, passages, selectors, services
from .diff import compare
from .forms import DiscussionPostForm, ReviewForm, SubmissionForm
from .home import next_step_todo
from .models import Attachment, DiscussionPost, Submission
from .readable import readable_text

LEARNING_TARGET_CHECKLIST = [
    "Uses a measurable verb (identify, explain, compare, solve...), not 'understand' or 'know'.",
    'Is written for students, as an "I can" statement.',
    "Names one skill per target.",
    "Is neither too broad (a whole unit) nor too narrow (a single fact): the goldilocks zone.",
]


def _own_enrollment(request, enrollment_id):
    return or_404(enrollment_of(request.user, enrollment_id))


def _activity(enrollment, key):
    activity = Activity.objects.select_related("page").filter(key=key).first()
    if activity is None or not services.activity_in_program(activity, enrollment.cohort.program_id):
        raise Http404
    return activity


@login_required
def activity_view(request, enrollment_id, key):
    enrollment = _own_enrollment(request, enrollment_id)
    activity = _activity(enrollment, key)
    submission = Submission.objects.filter(enrollment=enrollment, activity=activity).first()
    closed_reason = services.why_not_open(enrollment, activity)
    context = {
        "enrollment": enrollment,
        "activity": activity,
        "submission": submission,
        "closed_reason": closed_reason,
        "history": passages.attach(revision_panels.attach_panels(activity, _history(submission), request.user)),
        "notes": revision_panels.notes_for(activity),
        "Status": Submission.Status,
    }
    context["act_on"] = services.feedback_to_act_on(submission, context["history"])
    context["status_word"] = selectors.activity_status_word(enrollment, activity, submission)
    if activity.is_discussion:
        return _discussion(request, enrollment, activity, context)

    latest = submission.revisions.order_by("-number").first() if submission else None
    # A revision starts from the draft, or else from the last submitted text: revise, don't retype.
    initial = (submission.draft if submission else "") or (latest.source if latest else "")
    form = SubmissionForm(request.POST or None, request.FILES or None, initial={"source": initial})
    if request.method == "POST" and form.is_valid():
        try:
            revision = services.submit_revision(
                enrollment, activity, form.cleaned_data["source"], request.FILES.getlist("attachments")
            )
        except services.CourseworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Revision {revision.number} of “{activity.title}” is submitted for feedback.")
            return redirect(request.path)
    context["form"] = form
    context["can_submit"] = not closed_reason and (
        submission is None or submission.status in (Submission.Status.MISSING, Submission.Status.NEEDS_REVISION)
    )
    return render(request, "coursework/activity.html", context)


def _history(submission):
    """Revisions newest first, each with its reviews and attachments."""
    if submission is None:
        return []
    revisions = list(submission.revisions.prefetch_related("reviews__reviewer", "attachments").order_by("-number"))
    return revisions


def _discussion(request, enrollment, activity, context):
    form = DiscussionPostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        parent = None
        if form.cleaned_data.get("parent"):
            parent = DiscussionPost.objects.filter(
                pk=form.cleaned_data["parent"], cohort=enrollment.cohort, activity=activity
            ).first()
        try:
            services.post_to_discussion(
                enrollment,
                activity,
                form.cleaned_data["source"],
                parent=parent,
                form_token=form.cleaned_data["form_token"],
            )
        except services.CourseworkError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Your reply is posted." if parent else "Your post is up.")
            return redirect(request.path)
    context["form"] = form
    # A facilitator's rating and comments on the participation, shown here where the person takes part.
    context["discussion_feedback"] = [
        revision
        for revision in context["history"]
        if any(review.reviewer_id for review in revision.reviews.all())
        or (revision.passages is not None and revision.passages.notes)
    ]
    context["threads"] = discussions.threads(enrollment.cohort, activity, request.user)
    context["rule_met"] = services.participation_rule_met(enrollment, activity)
    return render(request, "coursework/discussion.html", context)


@require_POST
def save_draft(request, enrollment_id, key):
    """Autosave, answered in JSON whatever happens, so the page can tell the person."""
    activity_page = reverse("coursework:activity", args=[enrollment_id, key])
    if not request.user.is_authenticated:
        return JsonResponse(
            {
                "error": "You are signed out, so the draft is not saved on the server. It is kept in this browser: "
                "sign in again and it will be saved.",
                "login_url": f"{reverse('account_login')}?{urlencode({'next': activity_page})}",
            },
            status=401,
        )
    enrollment = _own_enrollment(request, enrollment_id)
    activity = _activity(enrollment, key)
    try:
        submission = services.save_draft(enrollment, activity, request.POST.get("source", ""))
    except services.CourseworkError as error:
        return JsonResponse({"error": str(error)}, status=400)
    return JsonResponse({"saved_at": timezone.localtime(submission.draft_saved_at).strftime("%-I:%M:%S %p")})


@login_required
@require_POST
def edit_post(request, post_id):
    post = get_object_or_404(DiscussionPost.objects.select_related("cohort"), pk=post_id, author=request.user)
    try:
        services.edit_post(post, request.user, request.POST.get("source", ""))
    except services.CourseworkError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Your post is updated.")
    if post.posted_as != DiscussionPost.PostedAs.PARTICIPANT:
        return redirect("coursework:moderate", post.cohort_id, post.activity.key)
    enrollment = live_enrollment(request.user, post.cohort)
    return (
        redirect("coursework:activity", enrollment.pk, post.activity.key)
        if enrollment
        else redirect("cohorts:my_courses")
    )


@login_required
@require_POST
def hide_post(request, post_id):
    post = get_object_or_404(DiscussionPost.objects.select_related("cohort", "activity"), pk=post_id)
    try:
        services.hide_post(post, request.user)
    except services.CourseworkError:
        raise PermissionDenied from None
    messages.success(request, "The post is hidden from the discussion (it is kept).")
    return redirect(reverse("coursework:moderate", args=[post.cohort_id, post.activity.key]))


@login_required
def moderate(request, cohort_id, key):
    """The facilitator's page of a cohort's discussion: every thread (hidden posts too), a reply
    under each, a new post, and the control to hide a post."""
    cohort = facilitated_cohort(request.user, cohort_id)
    activity = Activity.objects.select_related("page").filter(key=key, kind=ActivityKind.DISCUSSION).first()
    if cohort is None or activity is None or not services.activity_in_program(activity, cohort.program_id):
        raise Http404
    form = DiscussionPostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        parent = None
        if form.cleaned_data.get("parent"):
            parent = (
                DiscussionPost.objects.select_related("author")
                .filter(pk=form.cleaned_data["parent"], cohort=cohort, activity=activity)
                .first()
            )
            if parent is None:
                raise Http404  # a reply to a post of another discussion
        try:
            post = services.post_as_facilitator(
                request.user,
                cohort,
                activity,
                form.cleaned_data["source"],
                parent=parent,
                form_token=form.cleaned_data["form_token"],
            )
        except services.CourseworkError as error:
            messages.error(request, str(error))
        else:
            if parent:
                messages.success(
                    request,
                    f"Your reply to {parent.author.full_name} is posted, marked “{post.get_posted_as_display()}”.",
                )
            else:
                messages.success(request, f"Your post is up, marked “{post.get_posted_as_display()}”.")
            return redirect(f"{request.path}#post-{post.pk}")
    threads = discussions.threads(cohort, activity, request.user)
    return render(
        request,
        "coursework/moderate.html",
        {
            "cohort": cohort,
            "activity": activity,
            "threads": threads,
            "waiting": sum(1 for post, _ in threads if post.waiting),
            "posted_as_label": services.posted_as(request.user, cohort).label,
            "form": form,
        },
    )


@login_required
@require_POST
def mark_material(request, enrollment_id, page_id):
    """Mark one material done (or undo it). From a form: back to the material; from the
    page's script (a video watched to the end, a handout opened): JSON."""
    enrollment = _own_enrollment(request, enrollment_id)
    page = get_object_or_404(Page.objects.live(), pk=page_id).specific
    block_id = request.POST.get("block", "")
    how = request.POST.get("how", materials.MaterialMark.How.MARKED)
    if how not in materials.MaterialMark.How.values:
        how = materials.MaterialMark.How.MARKED
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        if request.POST.get("done", "1") == "0":
            materials.do_unmark_material(enrollment, page, block_id)
            done = False
        else:
            materials.do_mark_material(enrollment, page, block_id, how=how)
            done = True
    except materials.MaterialError as error:
        if wants_json:
            return JsonResponse({"error": str(error)}, status=400)
        messages.error(request, str(error))
        return redirect(page.url)
    if wants_json:
        return JsonResponse({"done": done, "block": block_id})
    return redirect(f"{page.url}#m-{block_id}")


@personal_page
@login_required
def progress(request, enrollment_id):
    enrollment = _own_enrollment(request, enrollment_id)
    standing = selectors.progress_for(enrollment)
    pages, materials_by_page, materials_done, materials_total = materials.materials_summary(enrollment)
    return render(
        request,
        "coursework/progress.html",
        {
            "Status": Submission.Status,
            "enrollment": enrollment,
            "progress": standing.progress,
            "groups": standing.groups,
            "next_step": standing.next,
            "next_todo": next_step_todo(enrollment, standing.next),
            "revise": standing.revise,
            "material_pages": pages,
            "materials_by_page": materials_by_page,
            "materials_done": materials_done,
            "materials_total": materials_total,
            "follow_ups": standing.follow_ups,
        },
    )


@login_required
def attachment(request, attachment_id):
    item = get_object_or_404(
        Attachment.objects.select_related("revision__submission__enrollment__cohort"), pk=attachment_id
    )
    enrollment = item.revision.submission.enrollment
    if enrollment.user_id != request.user.pk and not may_facilitate(request.user, enrollment.cohort):
        raise Http404
    return private_file_response(item.file, item.content_type, item.name)


# Facilitators


@personal_page
@login_required
def review_queue(request):
    params = request.GET
    filters = _queue_filters(params)
    queue = selectors.review_queue(
        request.user, **filters, after=params.get("after"), start=int_or_none(params.get("from")) or 1
    )
    if not queue.cohorts:
        raise PermissionDenied
    return render(
        request,
        "coursework/review_queue.html",
        {
            "Status": Submission.Status,
            "queue": queue,
            "page_size": selectors.QUEUE_PAGE_SIZE,
            "count_cap": selectors.QUEUE_COUNT_CAP,
            "options": _queue_filter_options(queue, params),
            "gradebooks": [(reverse("coursework:gradebook", args=[c.pk]), str(c)) for c in queue.cohorts],
            "selected": params,
            "queue_query": _queue_query(filters),
            "now": timezone.now(),
        },
    )


def _queue_filters(params):
    """The queue's filters from a query string: the queue's own, and a review's reached from it."""
    status = params.get("status", Submission.Status.SUBMITTED)
    return {
        "cohort_id": int_or_none(params.get("cohort")),
        "module_id": int_or_none(params.get("module")),
        "activity_key": plain_text(params.get("activity")) or None,
        "status": status if status in Submission.Status.values else Submission.Status.SUBMITTED,
    }


def _queue_query(filters):
    """The filters as a query string, carried from the queue to each review and on to the next."""
    pairs = [
        ("cohort", filters["cohort_id"]),
        ("module", filters["module_id"]),
        ("activity", filters["activity_key"]),
        ("status", filters["status"] if filters["status"] != Submission.Status.SUBMITTED else None),
    ]
    return urlencode([(name, value) for name, value in pairs if value])


def _with_query(url, query):
    return f"{url}?{query}" if query else url


def _queue_filter_options(queue, params):
    """(value, label, selected) of each filter's options, worked out once here rather than
    option by option in the template (a facilitator of fifty cohorts has fifty options)."""
    cohort, module, activity = params.get("cohort", ""), params.get("module", ""), params.get("activity", "")
    status = params.get("status") or Submission.Status.SUBMITTED
    modules = {}
    for a in queue.activities:
        modules.setdefault(a.page_id, a.page.title)
    return {
        "cohort": [(c.pk, str(c), str(c.pk) == cohort) for c in queue.cohorts],
        "module": [(pk, title, str(pk) == module) for pk, title in modules.items()],
        "activity": [(a.key, f"{a.page.title}: {a.title}", a.key == activity) for a in queue.activities],
        "status": [(value, label, value == status) for value, label in Submission.Status.choices],
    }


@login_required
def review(request, submission_id):
    submission = or_404(selectors.reviewable_submission(request.user, submission_id))
    filters = _queue_filters(request.GET)
    query = _queue_query(filters)
    revisions = list(submission.revisions.prefetch_related("reviews__reviewer", "attachments").order_by("-number"))
    current = revisions[0] if revisions else None
    previous = revisions[1] if len(revisions) > 1 else None
    activity = submission.activity  # None for a follow-up assignment: no rubric of its own
    revision_panels.attach_panels(activity, revisions, request.user, reviewing=True)
    passages.attach(revisions)
    form = ReviewForm(
        request.POST or None,
        criteria=activity.rubric_criteria if activity else [],
        checklist=LEARNING_TARGET_CHECKLIST if activity and activity.is_learning_targets else [],
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.review_submission(
                submission,
                request.user,
                form.cleaned_data["rating"],
                form.feedback_source(),
                form.rubric_results(),
                bank_uses=request.POST.getlist("bank_used"),
            )
        except services.CourseworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Feedback sent to {submission.enrollment.user.full_name}.")
            following = selectors.next_in_queue(request.user, submission, **filters)
            if following:
                return redirect(_with_query(reverse("coursework:review", args=[following]), query))
            messages.info(request, "Nothing else is waiting in this queue.")
            return redirect(_with_query(reverse("coursework:review_queue"), query))
    place = selectors.queue_place(request.user, submission, **filters)
    # Structured work (a target set, a plan) is compared item by item in its panel; other work
    # word by word on the text as it reads, without Markdown's marks.
    structured = next(
        (p for p in (current.panels if current else []) if previous and p.compares_with == previous.number), None
    )
    return render(
        request,
        "coursework/review.html",
        {
            "submission": submission,
            "current": current,
            "previous": previous,
            "revisions": revisions,
            "diff": compare(readable_text(previous.body), readable_text(current.body))
            if previous and current and not structured
            else None,
            "structured_changes": structured,
            "form": form,
            "bank": passages.bank_for(
                submission.enrollment.cohort.program_id, activity.rubric_criteria if activity else []
            ),
            "place": place,
            "queue_url": _with_query(reverse("coursework:review_queue"), query),
            "previous_url": _with_query(reverse("coursework:review", args=[place.previous_id]), query)
            if place.previous_id
            else None,
            "next_url": _with_query(reverse("coursework:review", args=[place.next_id]), query)
            if place.next_id
            else None,
            "waiting_status": filters["status"] == Submission.Status.SUBMITTED,
        },
    )


@personal_page
@login_required
def gradebook(request, cohort_id):
    cohort = or_404(facilitated_cohort(request.user, cohort_id))
    if request.GET.get("format") == "csv":  # the old link: the CSV is built in the background (exports.py)
        return start_and_show(request, exports.GRADEBOOK_CSV, {"cohort": cohort.pk})
    activities, rows, column_counts = selectors.gradebook(cohort)
    pages = gradebook_pages.column_pages(cohort, activities)
    column_pages = [pages.get(a.pk, "") for a in activities]
    groups = selectors.gradebook_groups(activities)
    return render(
        request,
        "coursework/gradebook.html",
        {
            "cohort": cohort,
            "activities": activities,
            "groups": groups,
            "by_workshop": any(getattr(g.page, "is_workshop", None) is not None for g in groups),
            "rows": rows,
            "column_pages": column_pages,
            "headers": list(zip(activities, column_pages, strict=True)),
            "columns": list(zip(activities, column_counts, strict=True)),
        },
    )
