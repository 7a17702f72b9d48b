import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from pd_platform.accounts import roles
from pd_platform.accounts.models import JobTitle, User

PASSWORD = "a-long-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    district = "Riverside Unified"
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


def participant(**kwargs):
    return UserFactory(role=roles.PARTICIPANT, **kwargs)


def facilitator(**kwargs):
    return UserFactory(role=roles.FACILITATOR, **kwargs)


def program_admin(**kwargs):
    return UserFactory(role=roles.ADMIN, **kwargs)
