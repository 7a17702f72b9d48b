"""The community pages: thin callers of services.py and selectors.py. Everything is fetched
through a selector scoped to the asker; a person outside the program gets 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from wagtail.models import Page

from pd_platform import reminders
from pd_platform.shortcuts import or_404
from pd_platform.storage import private_file_response

from . import selectors, services
from .forms import PostForm, ReportForm, ShareForm, ThreadForm
from .models import Post, Topic
from .reminders import KIND as DIGEST

THREADS_PAGE_SIZE = 30


@login_required
def index(request):
    """The person's communities, one per program, with their topics."""
    return render(
        request,
        "community/index.html",
        {
            "communities": selectors.communities(request.user),
            "moderated": selectors.moderated_programs(request.user),
            "digest_on": DIGEST in reminders.wanted(request.user),
        },
    )


@login_required
@require_POST
def digest(request):
    """Turn the daily community digest on or off."""
    wanted = request.POST.get("digest") == "1"
    reminders.choose(request.user, DIGEST, wanted)
    messages.success(
        request,
        "You will get a daily digest when there is something new." if wanted else "No more community digests.",
    )
    return redirect("community:index")


@login_required
def topic(request, topic_id):
    topic = or_404(selectors.topic_for(request.user, topic_id))
    form = ThreadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.do_start_thread(
                request.user,
                topic,
                form.cleaned_data["title"],
                form.cleaned_data["source"],
                request.FILES.getlist("attachments"),
                form.cleaned_data["form_token"],
            )
        except services.CommunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Your thread is up. You follow it: replies come in your digest if you get one.")
            return redirect("community:thread", thread.pk)
    page = Paginator(selectors.threads_of(topic), THREADS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "community/topic.html", {"topic": topic, "threads": page, "form": form})


@login_required
def thread(request, thread_id):
    thread = or_404(selectors.thread_for(request.user, thread_id))
    form = PostForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        parent_id = form.cleaned_data.get("parent")
        parent = Post.objects.filter(pk=parent_id, thread=thread).first() if parent_id else None
        try:
            post = services.do_post(
                request.user,
                thread,
                form.cleaned_data["source"],
                parent=parent,
                uploads=request.FILES.getlist("attachments"),
                form_token=form.cleaned_data["form_token"],
            )
        except services.CommunityError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Your reply is posted." if parent else "Your post is up.")
            return redirect(f"{reverse('community:thread', args=[thread.pk])}#post-{post.pk}")
    posts = selectors.thread_posts(thread)
    token = form.fields["form_token"].initial
    for post, _ in posts:
        post.reply_token = f"{token}-{post.pk}"
    return render(
        request,
        "community/thread.html",
        {
            "thread": thread,
            "posts": posts,
            "form": form,
            "following": selectors.follows(request.user, thread),
            "reported": selectors.reported_by(request.user, thread),
            "moderator": thread.topic.program_id in selectors.moderated_programs(request.user),
        },
    )


@login_required
@require_POST
def follow(request, thread_id):
    thread = or_404(selectors.thread_for(request.user, thread_id))
    wanted = request.POST.get("follow") == "1"
    services.do_follow(request.user, thread, wanted)
    messages.success(request, "You follow this thread." if wanted else "You no longer follow this thread.")
    return redirect("community:thread", thread.pk)


@login_required
@require_POST
def report(request, post_id):
    post = or_404(selectors.post_for(request.user, post_id))
    form = ReportForm(request.POST)
    try:
        if not form.is_valid():
            raise services.CommunityError("Say what is wrong with the post (300 characters at most).")
        services.do_report(request.user, post, form.cleaned_data["reason"])
    except services.CommunityError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Thank you: the moderators will look at it.")
    return redirect(f"{reverse('community:thread', args=[post.thread_id])}#post-{post.pk}")


MODERATION = {
    "hide": (services.do_hide_post, "The post is hidden (it is kept, and can be restored)."),
    "restore": (services.do_restore_post, "The post is shown again."),
    "dismiss": (services.do_dismiss_reports, "The reports are closed; the post stays."),
}


@login_required
@require_POST
def moderate(request, post_id):
    post = selectors.post_for(request.user, post_id)
    action = MODERATION.get(request.POST.get("action", ""))
    if post is None or action is None:
        raise Http404
    do, done = action
    try:
        do(request.user, post, request.POST.get("reason", ""))
    except services.CommunityError as error:
        if post.thread.topic.program_id not in selectors.moderated_programs(request.user):
            raise PermissionDenied from None
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    back = request.POST.get("next")
    if back == "desk":
        return redirect("community:moderation", post.thread.topic.program_id)
    return redirect(f"{reverse('community:thread', args=[post.thread_id])}#post-{post.pk}")


@login_required
def moderation(request, program_id):
    """The moderators' desk of one program: posts reported and not yet acted on, and the log."""
    if program_id not in selectors.moderated_programs(request.user):
        raise Http404
    program = Page.objects.filter(pk=program_id).first()
    reported, log = selectors.moderation_desk(program_id)
    reasons = selectors.open_reasons(reported)
    for post in reported:
        post.reasons = reasons.get(post.pk, [])
    return render(request, "community/moderation.html", {"program": program, "reported": reported, "log": log})


@login_required
def share(request, submission_id):
    """Share a copy of one's own submission (its latest revision and files) as a new thread."""
    submission, revision = selectors.shareable_submission(request.user, submission_id)
    if submission is None:
        raise Http404
    topics = Topic.objects.filter(program_id=submission.enrollment.cohort.program_id)
    form = ShareForm(request.POST or None, topics=topics, initial={"title": submission.title})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            thread = services.do_share_submission(
                request.user, submission, data["topic"], data["title"], data["note"], data["consent"]
            )
        except services.CommunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "A copy of your work is shared with the community.")
            return redirect("community:thread", thread.pk)
    return render(request, "community/share.html", {"submission": submission, "revision": revision, "form": form})


@login_required
def attachment(request, attachment_id):
    item = or_404(selectors.attachment_for(request.user, attachment_id))
    return private_file_response(item.file, item.content_type, item.name)
