"""Changes to the district workspace, one transaction each: who coordinates a district, required tracks,
shared report links and their use."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.contrib.auth.models import Group
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cohorts.registration.models import District
from modules.models import CoursePage, WorkshopSeriesPage
from pd_platform.accounts import roles
from pd_platform.accounts.addresses import domain_of
from pd_platform.accounts.models import User

from .models import REPORTS, DistrictCoordinator, RequiredTrack, RequiredTrackAddress, ShareLink, ShareLinkUse

SHARE_SALT = "districts.share-link"
LONGEST_SHARE = timedelta(days=90)


@transaction.atomic
def grant_coordinator(
    user: User, district: District, *, by: User | None = None, now: datetime | None = None
) -> DistrictCoordinator:
    """The program office makes ``user`` a PD coordinator of ``district`` (again: nothing changes)."""
    coordinator, _ = DistrictCoordinator.objects.get_or_create(
        user=user, district=district, defaults={"granted_by": by, "granted_at": now or timezone.now()}
    )
    user.groups.add(Group.objects.get(name=roles.COORDINATOR))
    return coordinator


@transaction.atomic
def revoke_coordinator(user: User, district: District) -> None:
    """They no longer coordinate ``district``; the role goes with their last district."""
    DistrictCoordinator.objects.filter(user=user, district=district).delete()
    if not DistrictCoordinator.objects.filter(user=user).exists():
        user.groups.remove(Group.objects.get(name=roles.COORDINATOR))


@transaction.atomic
def create_required_track(
    district: District,
    program: CoursePage | WorkshopSeriesPage,
    title: str,
    *,
    addresses: Iterable[str] = (),
    school: str = "",
    by: User | None = None,
    now: datetime | None = None,
) -> RequiredTrack:
    """A program the district requires of the staff named by ``addresses`` (each at one of its domains) or
    of everyone at ``school``."""
    domains = set(district.domain_names())
    emails = sorted({a.strip().lower() for a in addresses if a.strip()})
    outside = [e for e in emails if domain_of(e) not in domains]
    if outside:
        raise ValidationError(
            f"Not at {district}'s e-mail domains ({', '.join(sorted(domains)) or 'none set'}): {', '.join(outside)}"
        )
    if not emails and not school.strip():
        raise ValidationError("Name the staff: their addresses, or a school.")
    track = RequiredTrack.objects.create(
        district=district,
        program=program,
        title=title,
        school=school.strip(),
        created_by=by,
        created_at=now or timezone.now(),
    )
    RequiredTrackAddress.objects.bulk_create(RequiredTrackAddress(track=track, email=e) for e in emails)
    return track


@transaction.atomic
def create_share_link(
    district: District, report: str, *, by: User, days: int = 14, label: str = "", now: datetime | None = None
) -> ShareLink:
    if report not in dict(REPORTS):
        raise ValidationError(f"No such report: {report}.")
    now = now or timezone.now()
    lasts = timedelta(days=days)
    if not timedelta(0) < lasts <= LONGEST_SHARE:
        raise ValidationError(f"A link lasts from 1 to {LONGEST_SHARE.days} days.")
    return ShareLink.objects.create(
        district=district, report=report, label=label, created_by=by, created_at=now, expires_at=now + lasts
    )


def share_token(link: ShareLink) -> str:
    """What the link's address carries: its key, signed, so a changed or made-up one is refused."""
    return signing.dumps(link.key, salt=SHARE_SALT, compress=False)


@transaction.atomic
def revoke_share_link(link: ShareLink, *, by: User, now: datetime | None = None) -> None:
    if link.revoked_at is None:
        link.revoked_at = now or timezone.now()
        link.revoked_by = by
        link.save(update_fields=["revoked_at", "revoked_by"])


@transaction.atomic
def open_share_link(
    token: str, *, ip_address: str | None = None, user_agent: str = "", now: datetime | None = None
) -> ShareLink | None:
    """The link a token stands for, if its signature holds and it is neither expired nor revoked; the
    opening is logged. None otherwise (nothing logged: a refused token names no link for sure)."""
    try:
        key = signing.loads(token, salt=SHARE_SALT)
    except signing.BadSignature:
        return None
    now = now or timezone.now()
    link = (
        ShareLink.objects.select_related("district")
        .filter(key=key, revoked_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if link is not None:
        ShareLinkUse.objects.create(link=link, used_at=now, ip_address=ip_address, user_agent=user_agent[:200])
    return link
