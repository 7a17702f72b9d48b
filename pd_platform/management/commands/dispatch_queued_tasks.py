from django.core.management.base import BaseCommand

from pd_platform import outbox


class Command(BaseCommand):
    help = "Hand the broker every queued task it missed (Celery beat does this every few seconds)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", dest="include_recent", help="Include tasks queued in the last few seconds."
        )

    def handle(self, *args, include_recent, **options):
        sent, waiting = outbox.dispatch_pending(grace=0 if include_recent else None)
        self.stdout.write(
            f"{sent} dispatched" + (f"; the broker is unreachable, {waiting} still waiting" if waiting else "")
        )
