from datetime import date, timedelta
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from pd_platform.accounts import roles
from pd_platform.accounts.models import JobTitle, User

PASSWORD = "a-long-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    school = "Lincoln Middle School"
    job_title = JobTitle.TEACHER_LEADER
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def role(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.groups.add(Group.objects.get(name=extracted))

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, primary=True, verified=True)

    @factory.post_generation
    def district(obj, create, extracted, **kwargs):
        """``district="Riverside Unified"``: the program office places the person in it (made if need be)."""
        if create and extracted:
            place_in_district(obj, extracted)


def district(name="Riverside Unified", domains=(), **fields):
    """A district as the program office enters it, with the e-mail domains it owns."""
    from cohorts.registration.models import District, DistrictDomain

    made, _ = District.objects.get_or_create(name=name, defaults=fields)
    for domain in domains:
        DistrictDomain.objects.get_or_create(domain=domain, defaults={"district": made})
    return made


def place_in_district(user, name_or_district):
    """The program office places a person in a district (the trusted path tests take by default)."""
    from cohorts.registration.districts import settle_district

    found = name_or_district if not isinstance(name_or_district, str) else district(name_or_district)
    return settle_district(user, office=found)


def participant(**kwargs):
    return UserFactory(role=roles.PARTICIPANT, **kwargs)


def facilitator(**kwargs):
    return UserFactory(role=roles.FACILITATOR, **kwargs)


def program_admin(**kwargs):
    return UserFactory(role=roles.ADMIN, **kwargs)


def content_editor(**kwargs):
    return UserFactory(role=roles.EDITOR, **kwargs)


def lbg_course():
    from modules.models import CoursePage

    return CoursePage.objects.get(slug="learning-based-grading")


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cohorts.Cohort"
        skip_postgeneration_save = True

    program = factory.LazyFunction(lbg_course)
    name = factory.Sequence(lambda n: f"Cohort {n + 1:02d}")
    start_date = factory.LazyFunction(lambda: date.today() + timedelta(days=30))
    end_date = factory.LazyAttribute(lambda o: o.start_date + timedelta(weeks=8))
    capacity = 20
    fee = Decimal("450.00")
    time_zone = "America/Los_Angeles"

    @factory.post_generation
    def facilitators(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.facilitators.add(*extracted)


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cohorts.Enrollment"

    cohort = factory.SubFactory(CohortFactory)
    user = factory.LazyFunction(participant)
    status = "registered"
    payment_method = "online"
    paid_at = factory.LazyFunction(timezone.now)


class HoursEntryFactory(factory.django.DjangoModelFactory):
    """Two hours of a workshop on January 14, 2030 in the training-hours ledger, none beyond contracted hours."""

    class Meta:
        model = "hours.HoursEntry"

    enrollment = factory.SubFactory(EnrollmentFactory)
    source = "workshop"
    reference = factory.Sequence(lambda n: f"s-{n}")
    date = date(2030, 1, 14)
    hours = Decimal("2.00")
    hours_beyond_contract = Decimal("0.00")
