from django.core.management.base import BaseCommand, CommandError

from content.loader import ContentError, load_content


class Command(BaseCommand):
    help = "Build the course pages and activities from the files in content/data (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help="Overwrite pages that exist with what the files say (ids are kept).",
        )

    def handle(self, *args, update=False, **options):
        try:
            report = load_content(update=update)
        except ContentError as exc:
            raise CommandError(str(exc)) from exc
        lines = list(report.lines())
        # Each page by name only when asked (-v 2): a newcomer's `make run` needs the total.
        for line in lines if options.get("verbosity", 1) > 1 else lines[-1:]:
            self.stdout.write(line)
