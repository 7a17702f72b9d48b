"""A program's outline: its pages in course order and their activities, as published.

The participant's home, the progress page, the module list and the gradebook all read it, and
it is the same for everyone until an editor publishes, unpublishes, moves or deletes a page. It
is kept in the cache under the content's version, which one small query reads on each use (how
many pages are live and the newest live revision): publishing anything changes the version, so
no page shows an outline older than what is published, whichever process rendered it. A move
changes no revision: the move signal bumps a generation kept in the cache, which a shared cache
(production's) sees at once and the embedded default's per-process cache within
OUTLINE_SECONDS.

What awards certificates does not read this: the completion engine reads the database itself.
"""

from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, Max, Q
from wagtail.models import Page

from .models import Activity, CoursePage, ModulePage

OUTLINE_SECONDS = 3600
FORMAT = 1  # part of the key: a release that changes what an outline holds never reads an older one
GENERATION_KEY = "outline:generation"


@dataclass(frozen=True)
class Outline:
    program: Page  # the course or workshop series page, specific
    pages: tuple  # its live pages below it, specific, bodies loaded, in course (tree) order
    activities: tuple  # every activity on those pages, in course order
    outcomes: dict  # module page id -> its target outcomes (CSTP standards), in number order

    @property
    def threshold(self) -> Decimal:
        """The share of required submissions complete that earns the certificate."""
        value = getattr(self.program, "completion_threshold", None)
        return value if value is not None else CoursePage._meta.get_field("completion_threshold").default

    @property
    def required(self) -> tuple:
        return tuple(a for a in self.activities if a.required)

    def activities_on(self, page_id) -> list:
        return [a for a in self.activities if a.page_id == page_id]

    def children(self) -> tuple:
        """The pages directly below the program (modules, workshops, next steps), in order."""
        return tuple(p for p in self.pages if p.depth == self.program.depth + 1)


_request_memo: ContextVar = ContextVar("request_memo", default=None)


def per_request(key, compute):
    """``compute()`` once per request (with ``ContentVersionMiddleware`` on): what several parts of
    one page read alike, such as a person's submissions and sessions on their home, is read once and
    shared. ``key`` names the question and what it is asked of (e.g. the enrollment ids). Outside a
    request (tasks, commands, a function called directly) every call computes afresh."""
    memo = _request_memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def content_version() -> str:
    """Changes whenever a page is published, unpublished, deleted or moved (one query; once per
    request when ``ContentVersionMiddleware`` is on, as several parts of a page ask)."""
    memo = _request_memo.get()
    if memo is not None and "version" in memo:
        return memo["version"]
    found = Page.objects.aggregate(live=Count("pk", filter=Q(live=True)), revision=Max("live_revision_id"))
    version = f"{found['live']}.{found['revision']}.{cache.get(GENERATION_KEY, 0)}"
    if memo is not None:
        memo["version"] = version
    return version


class ContentVersionMiddleware:
    """Reads the content's version at most once per request, and keeps what ``per_request`` is
    given for the rest of the request. Outside a request (tasks,
    commands, a publish in the admin followed by reading) every call reads it afresh."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_memo.set({})
        try:
            return self.get_response(request)
        finally:
            _request_memo.reset(token)


def program_outlines(program_ids) -> dict:
    """program id -> its Outline, for programs that exist (one query when cached; otherwise a
    few more to build those missing: the programs, their pages by type, their activities)."""
    program_ids = sorted(set(program_ids))
    if not program_ids:
        return {}
    version = content_version()
    keys = {pk: f"outline:{FORMAT}:{pk}:{version}" for pk in program_ids}
    found = cache.get_many(list(keys.values()))
    outlines = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [pk for pk in program_ids if pk not in outlines]
    if missing:
        built = _build(missing)
        cache.set_many({keys[pk]: outline for pk, outline in built.items()}, OUTLINE_SECONDS)
        outlines.update(built)
    return outlines


def program_outline(program_id):
    """One program's Outline, or None when there is no such page."""
    return program_outlines([program_id]).get(program_id)


def _build(program_ids) -> dict:
    programs = list(Page.objects.filter(pk__in=program_ids).specific())
    if not programs:
        return {}
    below = Q()
    for program in programs:
        below |= Q(path__startswith=program.path, depth__gt=program.depth)
    pages = list(Page.objects.live().filter(below).order_by("path").specific())
    activities = list(
        Activity.objects.filter(page_id__in=[p.pk for p in pages]).order_by("page__path", "sort_order", "id")
    )
    by_id = {p.pk: p for p in pages}
    for activity in activities:
        activity.page = by_id[activity.page_id]  # each activity knows its page without a query
    outcomes: dict[int, list] = {}
    for row in (
        ModulePage.outcomes.through.objects.filter(modulepage_id__in=list(by_id))
        .select_related("cstpstandard")
        .order_by("cstpstandard__number")
    ):
        outcomes.setdefault(row.modulepage_id, []).append(row.cstpstandard)
    result = {}
    for program in programs:
        own = tuple(p for p in pages if p.path.startswith(program.path))
        ids = {p.pk for p in own}
        result[program.pk] = Outline(
            program,
            own,
            tuple(a for a in activities if a.page_id in ids),
            {pk: tuple(found) for pk, found in outcomes.items() if pk in ids},
        )
    return result


def forget_outlines(**kwargs):
    """A page moved: every outline is built again (the move changed no revision)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)
