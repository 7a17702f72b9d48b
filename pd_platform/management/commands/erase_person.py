from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from pd_platform import personal_data


class Command(BaseCommand):
    help = (
        "Erase a person on request: what must be kept (issued certificates, hours, payments) is kept under a "
        "pseudonymised, closed account; the rest is deleted, files included; the audit log records it."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The person's sign-in address")
        parser.add_argument("--reason", required=True, help="On whose request and why, for the audit log")
        parser.add_argument("--by", default="", help="The admin who carries it out (their sign-in address)")

    def handle(self, *args, email, reason, by, **options):
        User = get_user_model()
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account signs in with {email}.")
        admin = User.objects.filter(email__iexact=by.strip()).first() if by else None
        if by and admin is None:
            raise CommandError(f"No account signs in with {by}.")
        try:
            event = personal_data.erase(user, admin, reason)
        except ValueError as error:
            raise CommandError(str(error)) from None
        for what, count in event.summary.items():
            self.stdout.write(f"  {what}: {count}")
        self.stdout.write(f"Erased person {event.subject_id}; the audit log keeps entry {event.pk}.")
