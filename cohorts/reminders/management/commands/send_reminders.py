from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cohorts.reminders.services import send_reminders
from pd_platform.dates import within_planning_years


class Command(BaseCommand):
    help = (
        "Send the reminders due now, each at most once (the Celery beat runs the same). "
        "With --dry-run, print them instead: kind, recipient and subject, one per line."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Print what would go out; send nothing.")
        parser.add_argument(
            "--at",
            help='Act as if it were this moment (ISO 8601, e.g. "2026-12-01T10:00"; the site\'s time zone if none).',
        )

    def handle(self, *args, dry_run=False, at=None, **options):
        now = timezone.now()
        if at:
            try:
                now = datetime.fromisoformat(at)
            except ValueError as error:
                raise CommandError(f'--at "{at}" is not a date and time such as 2026-12-01T10:00.') from error
            try:
                within_planning_years(now)
            except ValidationError as error:
                raise CommandError(f'--at "{at}": {error.messages[0]}') from None
            if timezone.is_naive(now):
                now = timezone.make_aware(now)
        due, sent, held = send_reminders(now, dry_run=dry_run)
        if dry_run:
            for item in due:
                self.stdout.write(f"{item.kind}\t{item.recipient.email}\t{item.subject}")
        if held:
            self.stderr.write(f"({held} more wait for the recipient's daytime.)")
        self.stdout.write(f"{len(due)} reminders" if dry_run else f"{sent} sent")
