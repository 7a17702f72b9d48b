from django.core.management.base import BaseCommand, CommandError

from certificates.services import award_certificate_if_complete
from cohorts.registration.models import Cohort, Enrollment


class Command(BaseCommand):
    help = "Run the completion engine: award certificates to everyone who has met the threshold."

    def add_arguments(self, parser):
        parser.add_argument("--cohort", type=int, help="Only this cohort's enrollments.")

    def handle(self, *args, cohort=None, **options):
        enrollments = Enrollment.objects.filter(status=Enrollment.Status.REGISTERED)
        if cohort is not None:
            if not Cohort.objects.filter(pk=cohort).exists():
                raise CommandError(f"No cohort with id {cohort}.")
            enrollments = enrollments.filter(cohort_id=cohort)
        held = sum(1 for pk in enrollments.values_list("pk", flat=True) if award_certificate_if_complete(pk))
        self.stdout.write(f"{enrollments.count()} enrollments checked; {held} hold a certificate.")
