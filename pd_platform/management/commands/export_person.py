from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from pd_platform import personal_data


class Command(BaseCommand):
    help = "Write everything the platform holds about one person (JSON and their files) to a ZIP."

    def add_arguments(self, parser):
        parser.add_argument("email", help="The person's sign-in address")
        parser.add_argument("--output", required=True, help="The ZIP to write, e.g. person.zip")

    def handle(self, *args, email, output, **options):
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account signs in with {email}.")
        data = personal_data.export_zip(user)
        with open(output, "wb") as handle:
            handle.write(data)
        personal_data.record_export(user, by=None)
        self.stdout.write(f"Wrote {output}: {len(data):,} bytes about {user.email}.")
