from django.core.management.base import BaseCommand, CommandError

from pd_platform.backup import import_archive


class Command(BaseCommand):
    help = "Restore an archive written by export_platform_data into an empty installation."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true", help="Replace whatever the database holds now.")

    def handle(self, *args, archive, yes, **options):
        if not yes:
            raise CommandError("Importing replaces everything in this installation's database: add --yes.")
        try:
            counts = import_archive(archive)
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"Could not import {archive}: {error}") from error
        self.stdout.write(f"Restored {counts['objects']} objects and {counts['files']} files.")
