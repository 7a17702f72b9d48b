"""What the district workspace reads, always through the district: a coordinator sees the people whose
district the platform knows is theirs (``DistrictMembership``), now. Someone who moved to another district
leaves the old one's views with the move."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, DecimalField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Lower

from certificates.models import Certificate
from cohorts.hours.models import HoursEntry
from cohorts.registration.models import District, Enrollment
from cohorts.registration.selectors import with_refund_dates
from pd_platform.accounts import roles
from pd_platform.accounts.models import User

from .models import RequiredTrack, ShareLink


def districts_of(user: User | AnonymousUser) -> QuerySet[District]:
    """The districts a person may open: those they coordinate; every district for the program office."""
    every: QuerySet[District] = District.objects.all()  # typed here: modelcluster's models come untyped
    if not user.is_authenticated:
        return every.none()
    if roles.is_admin(user):
        return every
    return every.filter(coordinators__user=user)


def district_for(user: User | AnonymousUser, district_id: int) -> District | None:
    """The district, if ``user`` may see its workspace, with its brand (``district.brand``, its logo) read in the
    same query; None otherwise (the view answers 404)."""
    return districts_of(user).select_related("brand__logo").filter(pk=district_id).first()


def in_district(district: District) -> Q:
    """People whose district is ``district`` (the filter for every row the workspace shows)."""
    return Q(district_membership__district=district)


def _hours(field: str) -> Coalesce:
    totals = (
        HoursEntry.objects.filter(enrollment=OuterRef("pk"))
        .values("enrollment")
        .annotate(total=Sum(field))
        .values("total")
    )
    return Coalesce(Subquery(totals), Value(0), output_field=DecimalField(max_digits=8, decimal_places=2))


def people(district: District, user_id: int | None = None) -> QuerySet[User]:
    """The district's people, with how many live registrations, PD hours and valid certificates they have
    (one query)."""
    live = ~Q(enrollments__status=Enrollment.Status.CANCELLED)
    hours = (
        HoursEntry.objects.filter(enrollment__user=OuterRef("pk"))
        .exclude(enrollment__status=Enrollment.Status.CANCELLED)
        .values("enrollment__user")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    queryset = get_user_model().objects.filter(in_district(district))
    if user_id is not None:
        queryset = queryset.filter(pk=user_id)
    return queryset.annotate(
        registrations=Count("enrollments", filter=live, distinct=True),
        pd_hours=Coalesce(Subquery(hours), Value(0), output_field=DecimalField(max_digits=8, decimal_places=2)),
        certificates=Count(
            "enrollments__certificates",
            filter=Q(
                enrollments__certificates__revoked_at__isnull=True, enrollments__certificates__replaced_at__isnull=True
            ),
            distinct=True,
        ),
    ).order_by("full_name", "email")


def person(district: District, user_id: int) -> User | None:
    """One of the district's people, or None (someone of another district, or nobody)."""
    return people(district, user_id).first()


def enrollments(district: District, user_id: int | None = None, *, live_only: bool = False) -> QuerySet[Enrollment]:
    """The registrations of the district's people, with their approval, hours and payment (one query)."""
    queryset = Enrollment.objects.filter(user__district_membership__district=district)
    if user_id is not None:
        queryset = queryset.filter(user_id=user_id)
    if live_only:
        queryset = queryset.exclude(status=Enrollment.Status.CANCELLED)
    return (
        with_refund_dates(queryset)
        .annotate(pd_hours=_hours("hours"), hours_beyond=_hours("hours_beyond_contract"))
        .select_related("user", "cohort", "cohort__program", "approval")
        .order_by("user__full_name", "user__email", "-cohort__start_date", "pk")
    )


def certificates(district: District, user_id: int | None = None) -> QuerySet[Certificate]:
    queryset = Certificate.objects.filter(enrollment__user__district_membership__district=district)
    if user_id is not None:
        queryset = queryset.filter(enrollment__user_id=user_id)
    return queryset.select_related("enrollment__user", "enrollment__cohort").order_by(
        "enrollment__user__full_name", "-issued_at"
    )


def required_tracks(district: District) -> QuerySet[RequiredTrack]:
    return (
        RequiredTrack.objects.filter(district=district)
        .select_related("program", "district")
        .annotate(named=Count("addresses"))
    )


def required_track(district: District, track_id: int) -> RequiredTrack | None:
    return required_tracks(district).filter(pk=track_id).first()


def share_links(district: District) -> QuerySet[ShareLink]:
    return ShareLink.objects.filter(district=district).select_related("created_by").annotate(opened=Count("uses"))


def share_link(district: District, link_id: int) -> ShareLink | None:
    return ShareLink.objects.filter(district=district, pk=link_id).first()


@dataclass(frozen=True)
class TrackPerson:
    email: str
    name: str
    school: str
    cohort: str  # the cohort of the program they registered in; "" if none


def track_people(track: RequiredTrack) -> list[TrackPerson]:
    """Everyone the track names (by address, or the district's people at its school), each with the cohort of
    the track's program they registered in, those who have not first (two queries after the track)."""
    district = track.district
    User = get_user_model()
    addresses = list(track.addresses.values_list("email", flat=True))
    named = Q(pk__in=[])
    if addresses:
        named |= Q(email_lower__in=addresses)
    if track.school:
        named |= in_district(district) & Q(school__iexact=track.school)
    users = {
        u.email_lower: u for u in User.objects.annotate(email_lower=Lower("email")).filter(named).order_by("email")
    }
    registered = dict(
        Enrollment.objects.filter(user__in=[u.pk for u in users.values()], cohort__program_id=track.program_id)
        .exclude(status=Enrollment.Status.CANCELLED)
        .order_by("cohort__start_date")
        .values_list("user_id", "cohort__name")
    )
    rows = [
        TrackPerson(
            email,
            users[email].full_name if email in users else "",
            users[email].school if email in users else "",
            registered.get(users[email].pk, "") if email in users else "",
        )
        for email in sorted(set(addresses) | set(users))
    ]
    return sorted(rows, key=lambda r: (bool(r.cohort), r.email))
