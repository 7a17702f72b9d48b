"""The community's part of a personal-data export or erasure (see ``pd_platform.personal_data``)."""

from pd_platform import personal_data
from pd_platform.personal_data import REMOVED

from .models import Follow, Post, PostAttachment, Report, Thread


def export(user):
    return {
        "threads_started": Thread.objects.filter(author=user),
        "posts": Post.objects.filter(author=user),
        "attachments": PostAttachment.objects.filter(post__author=user),
        "follows": Follow.objects.filter(user=user),
        "reports_made": Report.objects.filter(reporter=user),
    }


def erase(user, now):
    """The person's posts are emptied, not deleted (others' replies hang on them); their files, follows
    and reports go; a thread they started keeps its title, which names a topic, not them."""
    attachments = PostAttachment.objects.filter(post__author=user)
    files = [a.file for a in attachments if a.file]
    return {
        "_files": files,
        "attachments deleted": attachments.delete()[0],
        "posts removed": Post.objects.filter(author=user).update(source="", body=REMOVED, shared_what=""),
        "follows deleted": Follow.objects.filter(user=user).delete()[0],
        "reports deleted": Report.objects.filter(reporter=user).delete()[0],
    }


personal_data.register("community", export, erase, order=70)
