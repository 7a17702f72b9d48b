from django.core.management.base import BaseCommand

from pd_platform.backup import export_archive


class Command(BaseCommand):
    help = "Write a consistent archive (ZIP) of the database contents and uploaded files."

    def add_arguments(self, parser):
        parser.add_argument("output", help="The archive to write, e.g. backup-2026-11-24.zip")

    def handle(self, *args, output, **options):
        counts = export_archive(output)
        self.stdout.write(f"Wrote {output}: {counts['objects']} objects, {counts['files']} files.")
