from django.core.management.base import BaseCommand, CommandError

from cohorts.hours import reports
from pd_platform.dates import planning_date


class Command(BaseCommand):
    help = "Training hours by participant: hours, hours beyond contract and pay at the training rate."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["csv", "xlsx", "pdf"], default="csv")
        parser.add_argument("--cohort", type=int)
        parser.add_argument("--district", default="")
        parser.add_argument("--from", dest="start", type=planning_date)
        parser.add_argument("--to", dest="end", type=planning_date)
        parser.add_argument("--output", help="File to write (default: standard output; XLSX and PDF need a file).")

    def handle(self, *args, format, cohort, district, start, end, output, **options):
        report_filter = reports.ReportFilter(cohort_id=cohort, district=district, start=start, end=end)
        if format in ("xlsx", "pdf"):
            if not output:
                raise CommandError(f"{format.upper()} needs --output FILE.")
            with open(output, "wb") as fh:
                (reports.write_xlsx if format == "xlsx" else reports.write_pdf)(report_filter, fh)
            return
        if not output:
            for chunk in reports.csv_chunks(report_filter):
                self.stdout.write(chunk, ending="")
            return
        with open(output, "w", newline="", encoding="utf-8") as fh:
            for chunk in reports.csv_chunks(report_filter):
                fh.write(chunk)
