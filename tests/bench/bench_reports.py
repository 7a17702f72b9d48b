"""Benchmark: the training-hour report for 10,000 participants with 12 sessions each.

    python tests/bench/bench_reports.py                 # SQLite file in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python tests/bench/bench_reports.py   # a fresh database there, dropped after

Prints, at 2,000 participants and then at 10,000 (BENCH_SIZES), the time to stream the CSV, write the XLSX
and write the PDF, and the peak memory each takes beyond what the process held before (resident set, so the
renderer's and pikepdf's memory outside Python counts too): the cost should grow linearly with the rows, the
memory not at all. Budgets: CSV under 5 s, PDF of 10,000 participants under 60 s and 300 MB.
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

SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", os.environ.get("BENCH_PARTICIPANTS", "2000,10000")).split(",")]
SESSIONS = 12


def build(start, stop):
    """Participants ``start`` to ``stop`` (the content and the cohorts the first time)."""
    import django

    django.setup()
    from datetime import date, timedelta
    from decimal import Decimal

    from django.core.management import call_command
    from django.utils import timezone

    from cohorts.hours.models import HoursEntry
    from cohorts.registration.models import Cohort, District, DistrictMembership, Enrollment
    from modules.models import WorkshopSeriesPage
    from pd_platform.accounts.models import User

    if not start:
        call_command("migrate", "--noinput", verbosity=0)
        call_command("load_content", verbosity=0, stdout=open(os.devnull, "w"))
        series = WorkshopSeriesPage.objects.get()
        Cohort.objects.bulk_create(
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
        District.objects.bulk_create([District(name=f"District {i}") for i in range(25)])
    cohorts = list(Cohort.objects.filter(name__startswith="Bench site").order_by("pk"))
    districts = list(District.objects.filter(name__startswith="District ").order_by("pk"))
    users = User.objects.bulk_create(
        [
            User(
                email=f"teacher{i}@bench.example.org",
                full_name=f"Teacher {i:05d}",
                school=f"School {i % 200}",
            )
            for i in range(start, stop)
        ],
        batch_size=2000,
    )
    DistrictMembership.objects.bulk_create(
        [
            DistrictMembership(user=u, district=districts[i % 25], source="office", set_at=timezone.now())
            for i, u in enumerate(users, start)
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
            for i, u in enumerate(users, start)
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


def measure(label, work, python_memory=False):
    """Time ``work`` and the peak memory it takes beyond what the process held before (resident set: what the
    renderer and pikepdf hold outside Python counts). With ``python_memory``, also the peak of Python's own
    allocations, in a second run (tracing every allocation slows the work several-fold)."""
    reset_peak_memory()
    before = resident("VmRSS")
    started, cpu_started = time.perf_counter(), time.process_time()
    result = work()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    extra = max(resident("VmHWM") - before, 0)
    python_peak = None
    if python_memory:
        tracemalloc.start()
        work()
        _, python_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    traced = f", peak Python memory {python_peak / 1_048_576:.1f} MiB" if python_peak is not None else ""
    print(
        f"{label}: {elapsed:.2f} s ({cpu:.2f} s of CPU), peak memory +{extra / 1_048_576:.0f} MiB{traced} ({result})",
        flush=True,
    )
    return elapsed, extra, python_peak


def resident(field):
    """VmRSS (now) or VmHWM (the peak since the last reset) of this process, in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) * 1024
    return 0


def reset_peak_memory():
    """Start VmHWM afresh from the current resident set (Linux: writing 5 to clear_refs)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def main():
    import django

    django.setup()
    from cohorts.hours import reports
    from cohorts.registration.models import Cohort

    built = 0
    figures = {}
    for size in SIZES:
        entries = build(built, size)
        built = size
        print(
            f"\n{size} participants, {entries} ledger entries ({SESSIONS} sessions each), "
            f"{os.environ['DATABASE_URL'].split(':')[0]}",
            flush=True,
        )
        figures[size] = measure_reports(reports, Cohort)
    if len(SIZES) > 1:
        small, large = SIZES[0], SIZES[-1]
        for what in ("csv", "xlsx", "pdf"):
            (t1, m1), (t2, m2) = figures[small][what], figures[large][what]
            print(
                f"{what.upper()}: {large / small:.1f}x the participants took {t2 / max(t1, 1e-9):.1f}x the time "
                f"and {m2 / max(m1, 1):.1f}x the extra memory"
            )
    pdf_time, pdf_extra = figures[SIZES[-1]]["pdf"]
    within = pdf_time < 60 * SIZES[-1] / 10_000 and pdf_extra < 300 * 1_048_576
    print(f"PDF budget (10,000 participants: 60 s and 300 MB, prorated to time): {'met' if within else 'MISSED'}")
    csv_time, _ = figures[SIZES[-1]]["csv"]
    return 0 if csv_time < 5 else 1


def measure_reports(reports, Cohort):
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

    def write_pdf():
        with open(WORK / "report.pdf", "wb") as fh:
            pages = reports.write_pdf(reports.ReportFilter(), fh)
        return f"{pages} pages, {(WORK / 'report.pdf').stat().st_size / 1_048_576:.1f} MiB PDF"

    one_cohort = reports.ReportFilter(cohort_id=Cohort.objects.order_by("pk").first().pk)

    def stream_one_cohort():
        return f"{sum(chunk.count(chr(10)) for chunk in reports.csv_chunks(one_cohort)) - above} rows"

    _, _, small_peak = measure("CSV report, one cohort", stream_one_cohort, python_memory=True)
    csv_time, csv_extra, csv_peak = measure("CSV report (streamed)", stream_csv, python_memory=True)
    print(f"memory: {csv_peak / max(small_peak, 1):.1f}x the Python peak of a report with 1/20 of the rows")
    xlsx_time, xlsx_extra, _ = measure("XLSX report (write-only)", write_xlsx)
    pdf_time, pdf_extra, _ = measure("PDF report (tagged, written a page at a time)", write_pdf)
    return {"csv": (csv_time, csv_extra), "xlsx": (xlsx_time, xlsx_extra), "pdf": (pdf_time, pdf_extra)}


if __name__ == "__main__":
    sys.exit(main())
