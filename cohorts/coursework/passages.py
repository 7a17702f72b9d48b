"""Comments on passages of a revision, their replies, where each passage went in later
revisions, and the program's comment bank: the writes (one transaction each) and the reads
the review and activity pages show (a fixed number of queries).

Offsets count in a revision's canonical text (``anchoring.canonical_text`` of its source), the
text the pages show with the passages marked.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F

from cohorts.registration.selectors import may_facilitate, reviewable_cohorts
from pd_platform.accounts import roles
from pd_platform.sanitize import plain_text, render_user_text

from . import anchoring
from .models import BankedComment, PassageComment, PassagePlacement, PassageReply, Revision

PASSAGE_MAX_CHARACTERS = 2_000
COMMENT_MAX_CHARACTERS = 5_000
BANK_USES_PER_SEND = 50


class PassageError(Exception):
    """The action was refused; the message tells the person why."""


def _text(revision):
    return anchoring.canonical_text(revision.source)


def _written(source, what):
    source = plain_text(source).strip()
    if not source:
        raise PassageError(f"Write {what} first.")
    if len(source) > COMMENT_MAX_CHARACTERS:
        raise PassageError(
            f"{what.capitalize()} is {len(source):,} characters long; the limit is {COMMENT_MAX_CHARACTERS:,}."
        )
    return source


def comment_on_passage(revision, author, passage, source, hint=None, bank_uses=()):
    """A facilitator's comment on a passage of the submission's latest revision.

    ``passage`` is the words (as selected or copied); ``hint`` the (start, end) a browser found for
    them. The words must be in the revision's text."""
    submission = revision.submission
    if not may_facilitate(author, submission.enrollment.cohort):
        raise PassageError("Only the cohort's facilitators and admins comment on its submissions.")
    passage = plain_text(passage)
    if len(passage) > PASSAGE_MAX_CHARACTERS:
        raise PassageError(
            f"The passage is {len(passage):,} characters long; comment on at most {PASSAGE_MAX_CHARACTERS:,}."
        )
    if not passage.strip():
        raise PassageError("Select the passage in the text, or copy its words into “Passage”.")
    source = _written(source, "your comment")
    text = _text(revision)
    span = anchoring.locate(text, passage, hint)
    if span is None:
        raise PassageError(
            f"Those words are not in revision {revision.number}: copy them from the text exactly as they are."
        )
    with transaction.atomic():
        latest = Revision.objects.select_for_update().filter(submission=submission).order_by("-number").first()
        if latest.pk != revision.pk:
            raise PassageError("A newer revision came in: comment on that one.")
        comment = PassageComment.objects.create(
            revision=revision,
            start=span[0],
            end=span[1],
            quote=text[span[0] : span[1]],
            author=author,
            source=source,
            body=render_user_text(source),
        )
        count_bank_uses(submission.enrollment.cohort.program_id, bank_uses)
    return comment


def reply_to_comment(comment, author, source):
    """An answer under a passage comment: by the participant whose work it is, or a facilitator."""
    enrollment = comment.revision.submission.enrollment
    if enrollment.user_id != author.pk and not may_facilitate(author, enrollment.cohort):
        raise PassageError("Only the participant and the cohort's facilitators answer this comment.")
    source = _written(source, "your answer")
    return PassageReply.objects.create(comment=comment, author=author, source=source, body=render_user_text(source))


def place_comments_in(revision):
    """Where each comment still following the previous revision's passages is in ``revision``.

    Called in the transaction that adds ``revision``. Comments made on the previous revision and
    those kept or rewritten into it follow on; a removed passage's comment stops there."""
    previous = (
        Revision.objects.filter(submission_id=revision.submission_id, number=revision.number - 1)
        .only("pk", "source")
        .first()
    )
    if previous is None:
        return []
    following = [
        (c.pk, anchoring.Anchor(c.start, c.end, c.quote))
        for c in PassageComment.objects.filter(revision=previous).only("pk", "start", "end", "quote")
    ]
    following += [
        (p.comment_id, anchoring.Anchor(p.start, p.end, p.text))
        for p in PassagePlacement.objects.filter(revision=previous).exclude(status=PassagePlacement.Status.REMOVED)
    ]
    if not following:
        return []
    placements = anchoring.follow(_text(previous), _text(revision), [anchor for _, anchor in following])
    return PassagePlacement.objects.bulk_create(
        PassagePlacement(
            comment_id=comment_id,
            revision=revision,
            status=placement.status,
            start=placement.start,
            end=placement.end,
            text=placement.text,
        )
        for (comment_id, _), placement in zip(following, placements, strict=True)
    )


# The comment bank


def _may_use_bank(user, program_id):
    if roles.is_admin(user):
        return True
    return reviewable_cohorts(user).filter(program_id=program_id).exists()


def save_to_bank(program_id, criterion, text, by, criteria=()):
    """Keep a comment for the program's facilitators, under a rubric criterion or general."""
    if not by.is_authenticated or not _may_use_bank(by, program_id):
        raise PassageError("Only the program's facilitators keep comments in its bank.")
    text = plain_text(text).strip()
    if not text:
        raise PassageError("Write the comment to keep.")
    if len(text) > 1000:
        raise PassageError(f"The comment is {len(text):,} characters long; the bank keeps up to 1,000.")
    criterion = plain_text(criterion).strip()
    if criterion and criterion not in criteria:
        raise PassageError("Choose one of the rubric's criteria, or General.")
    entry, created = BankedComment.objects.get_or_create(
        program_id=program_id, criterion=criterion, text=text, defaults={"created_by": by}
    )
    return entry, created


def count_bank_uses(program_id, ids):
    """Each banked comment inserted into feedback that was sent counts once per send."""
    wanted = {int(i) for i in list(ids)[:BANK_USES_PER_SEND] if str(i).isdigit()}
    if wanted:
        BankedComment.objects.filter(program_id=program_id, pk__in=wanted).update(uses=F("uses") + 1)


@dataclass
class BankGroup:
    label: str
    criterion: str
    entries: list = field(default_factory=list)


class Bank(list):
    """The groups of a program's bank; ``size`` counts the comments in all of them."""

    size = 0


def bank_for(program_id, criteria):
    """The program's banked comments: General first, then each criterion, most used first (one query)."""
    groups = {"": BankGroup("General", "")}
    for criterion in criteria:
        groups.setdefault(criterion, BankGroup(criterion, criterion))
    for entry in BankedComment.objects.filter(program_id=program_id).order_by("-uses", "id"):
        group = groups.get(entry.criterion)
        if group is None:  # a criterion the rubric no longer has
            group = groups.setdefault(entry.criterion, BankGroup(entry.criterion, entry.criterion))
        group.entries.append(entry)
    bank = Bank(groups.values())
    for group in bank:
        for entry in group.entries:
            bank.size += 1
            entry.number = bank.size
    return bank


# Reads for the pages


@dataclass
class Note:
    """A comment as shown beside one revision's text."""

    number: int
    comment: PassageComment
    start: int
    end: int
    status: str  # "" for a comment made on this revision, else the placement's status
    text_now: str
    replies: list


@dataclass
class AnnotatedText:
    revision: Revision
    pieces: list  # (text, numbers covering it, numbers ending after it)
    notes: list

    @property
    def carried(self):
        """Comments made on earlier revisions, with what became of their passage here."""
        return [note for note in self.notes if note.status]


def annotate(revisions):
    """{revision id: AnnotatedText} for revisions of one submission (three queries)."""
    revisions = list(revisions)
    ids = [r.pk for r in revisions]
    if not ids:
        return {}
    own = list(PassageComment.objects.filter(revision_id__in=ids).select_related("author"))
    placed = list(
        PassagePlacement.objects.filter(revision_id__in=ids).select_related("comment__author", "comment__revision")
    )
    comment_ids = {c.pk for c in own} | {p.comment_id for p in placed}
    replies = {}
    for reply in PassageReply.objects.filter(comment_id__in=comment_ids).select_related("author"):
        replies.setdefault(reply.comment_id, []).append(reply)
    rows = {r.pk: [] for r in revisions}
    for comment in own:
        rows[comment.revision_id].append((comment.start, comment.end, "", comment.quote, comment))
    for placement in placed:
        rows[placement.revision_id].append(
            (placement.start, placement.end, placement.status, placement.text, placement.comment)
        )
    result = {}
    for revision in revisions:
        notes = []
        ordered = sorted(rows[revision.pk], key=lambda row: (row[0], row[4].created_at, row[4].pk))
        for number, (start, end, status, text_now, comment) in enumerate(ordered, start=1):
            notes.append(Note(number, comment, start, end, status, text_now, replies.get(comment.pk, [])))
        text = _text(revision)
        spans = [(n.start, n.end, n.number) for n in notes if n.end > n.start]
        result[revision.pk] = AnnotatedText(revision, anchoring.segments(text, spans), notes)
    return result


def attach(revisions):
    """Set ``revision.passages`` (an AnnotatedText) on each revision."""
    found = annotate(revisions)
    for revision in revisions:
        revision.passages = found.get(revision.pk)
    return revisions


def comment_for(user, comment_id):
    """A passage comment the user may answer (their own work's, or a cohort they facilitate), or None."""
    comment = (
        PassageComment.objects.filter(pk=comment_id)
        .select_related("revision__submission__enrollment__cohort", "revision__submission__activity")
        .first()
    )
    if comment is None or not user.is_authenticated:
        return None
    enrollment = comment.revision.submission.enrollment
    if enrollment.user_id == user.pk or may_facilitate(user, enrollment.cohort):
        return comment
    return None
