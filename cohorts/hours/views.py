import tempfile
from itertools import islice

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render

from cohorts.registration.models import Cohort
from pd_platform import exports
from pd_platform.accounts import roles

from . import exports as hours_exports
from . import reports
from .forms import ReportFilterForm

FORMATS = {"csv", "xlsx", "pdf"}
# The most rows built inside the request (within about two seconds); a longer report is built in the background.
INLINE_ROWS = {"xlsx": 2000, "pdf": 100}
JOB_KINDS = {"xlsx": hours_exports.XLSX, "pdf": hours_exports.PDF}


def bars(items, value_key, label_key, width=600, bar=22):
    """Horizontal bars as SVG geometry (no inline styles, no script)."""
    peak = max((float(i[value_key]) for i in items), default=0) or 1
    return [
        {
            "y": n * (bar + 8),
            "w": round(width * float(i[value_key]) / peak),
            "label": i[label_key],
            "value": i[value_key],
        }
        for n, i in enumerate(items)
    ], len(items) * (bar + 8)


@login_required
def hours_report(request):
    if not roles.is_admin(request.user):
        raise PermissionDenied
    form = ReportFilterForm(request.GET)
    report_filter = form.report_filter()
    fmt = request.POST.get("format") if request.method == "POST" else request.GET.get("format")
    if fmt in INLINE_ROWS and report_filter.participants() > INLINE_ROWS[fmt]:
        if request.method != "POST":
            messages.info(request, "This report is long: choose its format below and it is built in the background.")
            query = request.GET.copy()
            query.pop("format", None)
            return redirect(f"{request.path}?{query.urlencode()}")
        job, _joined = exports.start(request.user, JOB_KINDS[fmt], report_filter.parameters())
        return redirect("export_job", job.pk)
    if fmt == "csv":
        response = StreamingHttpResponse(reports.csv_chunks(report_filter), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="training-hours.csv"'
        return response
    if fmt == "xlsx":
        target = tempfile.TemporaryFile()
        reports.write_xlsx(report_filter, target)
        target.seek(0)
        return FileResponse(
            target,
            as_attachment=True,
            filename="training-hours.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    if fmt == "pdf":
        response = HttpResponse(reports.pdf_bytes(report_filter), content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="training-hours.pdf"'
        return response

    weekly = [{"label": f"{w['week']:%b %d}", "hours": w["hours"]} for w in reports.hours_per_week(report_filter)]
    week_bars, week_height = bars(weekly, "hours", "label")
    return render(
        request,
        "hours/report.html",
        {
            "filter": report_filter,
            "heading": reports.heading(report_filter),
            "form": form,
            "params": request.GET,
            "totals": reports.totals(report_filter),
            "preview": list(islice(reports.rows(report_filter), 100)),
            "header": reports.HEADER,
            "week_bars": week_bars,
            "week_height": week_height,
            "all_cohorts": Cohort.objects.select_related("program"),
            "query": request.GET.urlencode(),
            "inline_rows": INLINE_ROWS,
        },
    )
