"""Benchmark: the training-hour report for 10,000 participants with 12 sessions each.

    python tests/bench/bench_reports.py                 # SQLite file in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python tests/bench/bench_reports.py   # a fresh database there, dropped after

Prints the time to stream the CSV and to write the XLSX, and the peak Python memory while
doing it (budget: under 5 s, memory flat: it must not grow with the number of rows).
"""

import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.bench.databases import use_fresh_database  # noqa: E402

WORK = Path(tempfile.mkdtemp(prefix="pd-bench-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORK}/bench.sqlite3")
use_fresh_database("pd_bench_reports")
os.environ["PD_VAR_DIR"] = str(WORK)
os.environ["DJANGO_SETTINGS_MODULE"] = "pd_platform.settings"

PARTICIPANTS = int(os.environ.get("BENCH_PARTICIPANTS", "10000"))
SESSIONS = 12


def build():
    import django

    django.setup()
    from datetime import date, timedelta
    from decimal import Decimal

    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_content", verbosity=0, stdout=open(os.devnull, "w"))
    from cohorts.hours.models import HoursEntry
    from cohorts.registration.models import Cohort, District, DistrictMembership, Enrollment
    from modules.models import WorkshopSeriesPage
    from pd_platform.accounts.models import User

    series = WorkshopSeriesPage.objects.get()
    cohorts = Cohort.objects.bulk_create(
        [
            Cohort(
                program=series,
                name=f"Bench site {i:02d}",
                start_date=date(2030, 1, 7),
                end_date=date(2030, 5, 1),
                capacity=1000,
                time_zone="America/Los_Angeles",
            )
            for i in range(20)
        ]
    )
    users = User.objects.bulk_create(
        [
            User(
                email=f"teacher{i}@bench.example.org",
                full_name=f"Teacher {i:05d}",
                school=f"School {i % 200}",
            )
            for i in range(PARTICIPANTS)
        ],
        batch_size=2000,
    )
    districts = District.objects.bulk_create([District(name=f"District {i}") for i in range(25)])
    DistrictMembership.objects.bulk_create(
        [
            DistrictMembership(user=u, district=districts[i % 25], source="office", set_at=timezone.now())
            for i, u in enumerate(users)
        ],
        batch_size=2000,
    )
    enrollments = Enrollment.objects.bulk_create(
        [
            Enrollment(
                cohort=cohorts[i % len(cohorts)],
                user=u,
                status="registered",
                payment_method="purchase_order",
                purchase_order_number="PO-1",
            )
            for i, u in enumerate(users)
        ],
        batch_size=2000,
    )
    entries = (
        HoursEntry(
            enrollment=e,
            source="workshop",
            reference=f"session-{s}",
            date=date(2030, 1, 7) + timedelta(weeks=s),
            hours=Decimal("2.00"),
            hours_beyond_contract=Decimal("1.25"),
        )
        for e in enrollments
        for s in range(SESSIONS)
    )
    batch = []
    for entry in entries:
        batch.append(entry)
        if len(batch) == 5000:
            HoursEntry.objects.bulk_create(batch)
            batch = []
    HoursEntry.objects.bulk_create(batch)
    return HoursEntry.objects.count()


def measure(label, work):
    # Timed on its own: tracing every allocation would slow the work several-fold.
    started = time.perf_counter()
    result = work()
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    work()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label}: {elapsed:.2f} s, peak Python memory {peak / 1_048_576:.1f} MiB ({result})")
    return elapsed, peak


def main():
    entries = build()
    print(
        f"{PARTICIPANTS} participants, {entries} ledger entries ({SESSIONS} sessions each), "
        f"{os.environ['DATABASE_URL'].split(':')[0]}"
    )
    from cohorts.hours import reports

    # Lines above the rows: the report's heading lines and the column headings.
    above = len(reports.heading(reports.ReportFilter()).lines()) + 1

    def stream_csv():
        size = rows = 0
        for chunk in reports.csv_chunks(reports.ReportFilter()):
            size += len(chunk)
            rows += chunk.count("\n")
        return f"{rows - above} rows, {size / 1_048_576:.1f} MiB of CSV"

    def write_xlsx():
        with open(WORK / "report.xlsx", "wb") as fh:
            reports.write_xlsx(reports.ReportFilter(), fh)
        return f"{(WORK / 'report.xlsx').stat().st_size / 1_048_576:.1f} MiB XLSX"

    from cohorts.registration.models import Cohort

    one_cohort = reports.ReportFilter(cohort_id=Cohort.objects.order_by("pk").first().pk)

    def stream_one_cohort():
        return f"{sum(chunk.count(chr(10)) for chunk in reports.csv_chunks(one_cohort)) - above} rows"

    _, small_peak = measure("CSV report, one cohort", stream_one_cohort)
    csv_time, csv_peak = measure("CSV report (streamed)", stream_csv)
    print(f"memory: {csv_peak / max(small_peak, 1):.1f}x the peak of a report with 1/20 of the rows")
    xlsx_time, xlsx_peak = measure("XLSX report (write-only)", write_xlsx)
    return 0 if csv_time < 5 else 1


if __name__ == "__main__":
    sys.exit(main())
