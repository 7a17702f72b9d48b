"""Whose kept pages (pd_platform.page_cache) a change to coursework can show: the cohort's and the participant's."""

from pd_platform import page_cache

from .models import (
    Attachment,
    DiscussionPost,
    FollowUp,
    MaterialMark,
    Review,
    Revision,
    Submission,
)

PATHS = {
    Submission: "enrollment",
    MaterialMark: "enrollment",
    Revision: "submission__enrollment",
    Attachment: "revision__submission__enrollment",
    Review: "revision__submission__enrollment",
}


# Registered here, where they are defined; pd_platform.registries imports this module once.
for model, path in PATHS.items():
    page_cache.register(model, lambda row, path=path: page_cache.via(row, path))
for model in (FollowUp, DiscussionPost):
    page_cache.register(model, lambda row: page_cache.scope(cohorts=[row.cohort_id]))
