"""Coursework's part of a personal-data export or erasure (see ``pd_platform.personal_data``)."""

from pd_platform import personal_data
from pd_platform.personal_data import REMOVED

from .models import Attachment, DiscussionPost, MaterialMark, Review, Revision, Submission


def export(user):
    return {
        "submissions": Submission.objects.filter(enrollment__user=user),
        "revisions": Revision.objects.filter(submission__enrollment__user=user),
        "attachments": Attachment.objects.filter(revision__submission__enrollment__user=user),
        "feedback_received": Review.objects.filter(revision__submission__enrollment__user=user),
        "discussion_posts": DiscussionPost.objects.filter(author=user),
        "materials_marked_done": MaterialMark.objects.filter(enrollment__user=user),
    }


def erase(user, now):
    """What the person wrote goes (revisions, drafts, posts, files) and so does the feedback on it; the
    submissions' statuses stay, as the evidence of the certificate and hours that are kept. History is
    append-only to every normal action: an erasure is the one lawful exception, so it writes through
    querysets."""
    attachments = Attachment.objects.filter(revision__submission__enrollment__user=user)
    files = [a.file for a in attachments if a.file]
    return {
        "_files": files,
        "attachments deleted": attachments.delete()[0],
        "revisions emptied": Revision.objects.filter(submission__enrollment__user=user).update(source="", body=""),
        "feedback emptied": Review.objects.filter(revision__submission__enrollment__user=user).update(feedback=""),
        "drafts emptied": Submission.objects.filter(enrollment__user=user).exclude(draft="").update(draft=""),
        "discussion posts removed": DiscussionPost.objects.filter(author=user).update(source="", body=REMOVED),
        "materials marks deleted": MaterialMark.objects.filter(enrollment__user=user).delete()[0],
    }


personal_data.register("coursework", export, erase, order=30)
