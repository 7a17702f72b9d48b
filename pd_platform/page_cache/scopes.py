"""Whose kept pages a change can show (a ``Scope``), and the helpers the apps' resolvers use to
say it: ``scope``, ``via`` an enrollment, a ``person``'s row, ``people_linked`` to a group."""

from dataclasses import dataclass

from .generations import ALL, cohort_key, user_key


@dataclass(frozen=True)
class Scope:
    """Whose pages a write can change. ``everyone`` when it cannot be narrowed."""

    users: frozenset = frozenset()
    cohorts: frozenset = frozenset()
    everyone: bool = False

    def keys(self) -> list:
        if self.everyone:
            return [ALL]
        return [user_key(pk) for pk in sorted(self.users)] + [cohort_key(pk) for pk in sorted(self.cohorts)]


EVERYONE = Scope(everyone=True)
NOBODY = Scope()

_cohorts_of = {}  # name -> (user) -> set of cohort ids, or None when the person sees every cohort


def scope(users=(), cohorts=()) -> Scope:
    return Scope(frozenset(u for u in users if u), frozenset(c for c in cohorts if c))


def register_cohorts_of(provider):
    """``provider(user)``: the cohorts whose changes a person's pages show (theirs and those they
    facilitate), or None when that is every cohort (their pages are then not kept)."""
    _cohorts_of[f"{provider.__module__}.{provider.__qualname__}"] = provider


def cohorts_of(user):
    """Every cohort a person is in or facilitates, or None when they see every cohort."""
    cohorts = set()
    for provider in _cohorts_of.values():
        found = provider(user)
        if found is None:
            return None
        cohorts |= set(found)
    return cohorts


def via(instance, path: str) -> Scope:
    """The cohort and person of the enrollment ``path`` leads to (``"enrollment"``,
    ``"revision__submission__enrollment"``): from the objects in hand, else one query."""
    current = instance
    hops = path.split("__")
    for i, hop in enumerate(hops):
        fk = current._meta.get_field(hop)
        if not fk.is_cached(current):
            rest = "__".join(hops[i + 1 :])
            prefix = f"{rest}__" if rest else ""
            found = (
                fk.related_model.objects.filter(pk=getattr(current, fk.attname))
                .values_list(f"{prefix}cohort_id", f"{prefix}user_id")
                .first()
            )
            return scope([found[1]], [found[0]]) if found else EVERYONE
        current = getattr(current, hop)
        if current is None:
            return EVERYONE
    return scope([current.user_id], [current.cohort_id])


def person(user) -> Scope:
    """A person's row: their own pages and those of every cohort they are in (their name shows
    in its gradebook)."""
    if user.pk is None:
        return NOBODY
    cohorts = cohorts_of(user)
    return EVERYONE if cohorts is None else scope([user.pk], cohorts)


def people_linked(instance, pk_set, reverse) -> Scope:
    """A person's groups (their roles): ``instance`` is the person, or the group with the people in ``pk_set``."""
    return scope(pk_set) if reverse else scope([instance.pk])
