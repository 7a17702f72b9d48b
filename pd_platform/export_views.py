"""A background export's page (its progress, then its file) and its download: for its owner only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from pd_platform.shortcuts import or_404

from . import exports
from .storage import private_file_response

# How often the page reloads itself while the file is built (a meta refresh: no script needed).
REFRESH_SECONDS = 2


def start_and_show(request, kind, parameters):
    """What an export's link or button answers: the job building it is started (or the one under way joined)
    and its page shown. The caller has checked, as for the page the link is on, that the person may have it."""
    job, joined = exports.start(request.user, kind, parameters)
    if joined:
        messages.info(request, "You had already asked for this file: it is still being built.")
    return redirect("export_job", job.pk)


def _own_job(request, job_id):
    return or_404(exports.job_for(request.user, job_id), "No such export of yours.")


@login_required
def export_job(request, job_id):
    job = _own_job(request, job_id)
    found = exports.exporter(job.kind)
    return render(
        request,
        "exports/job.html",
        {
            "job": job,
            "label": found.label,
            "units": found.units[0] if job.rows_total == 1 else found.units[1],
            "refresh": REFRESH_SECONDS if job.under_way else None,
            "expired": job.state == job.State.EXPIRED or (job.expires and job.expires <= timezone.now()),
        },
    )


@login_required
def export_file(request, job_id):
    job = _own_job(request, job_id)
    if job.state != job.State.READY or not job.file or job.expires <= timezone.now():
        raise Http404("This file is not ready, or was deleted after its time.")
    found = exports.exporter(job.kind)
    return private_file_response(job.file, found.content_type, exports.filename_of(job))
