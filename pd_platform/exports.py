"""Files people ask for that may take longer than a page should: built in the background, with progress shown.

Each room registers, in its ``exports`` module (see ``registries``), the exports it offers (``register``): who may
ask for one with which parameters (the same rule as the page the export is started from: a facilitator, their own
cohorts), how many rows a request covers (cheap: a count), and how to write the file, telling
``progress(rows done)`` as it goes. The rule is asked again when the file is built: someone who lost the right
meanwhile (a facilitator taken off the cohort) gets no file. ``pd_platform`` runs them without importing the rooms,
as it does the navigation. A room's export link or button answers with ``export_views.start_and_show``.

``start`` records the job and owes its task through the outbox in one transaction, so a broker that is down, or
a worker that dies mid-file, loses nothing: the task runs when the broker is back (or again, from the start,
after a restart). The same request by the same person while one is under way joins it (a unique constraint on
the jobs under way). The person is told once, on the job's page and by e-mail, when the file is ready; the file
is kept privately for ``EXPORT_KEEP_DAYS`` and served only to them.
"""

import hashlib
import json
import logging
import tempfile
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from . import outbox
from .models import ExportJob

logger = logging.getLogger(__name__)

RUN_EXPORT = "pd_platform.run_export"
DELETE_EXPIRED_EXPORTS = "pd_platform.delete_expired_exports"


@dataclass(frozen=True)
class Exporter:
    kind: str  # a stable name, stored with the job: "hours-pdf"
    label: str  # what the person asked for, in words: "Training hours (PDF)"
    filename: object  # what the download is called: a name, or (parameters) -> name
    content_type: str
    allowed: object  # (user, parameters) -> bool
    count: object  # (parameters) -> rows the file will hold
    write: object  # (parameters, binary file, progress) -> None; progress(rows done)
    units: tuple = ("row", "rows")  # what its rows are, one and many, as its page counts them: "participants"


_registry: dict[str, Exporter] = {}


def register(kind, label, filename, content_type, allowed, count, write, units=("row", "rows")):
    _registry[kind] = Exporter(kind, label, filename, content_type, allowed, count, write, units)


def exporter(kind) -> Exporter:
    return _registry[kind]


def filename_of(job) -> str:
    name = exporter(job.kind).filename
    return str(name(job.parameters) if callable(name) else name)


def parameters_key(parameters):
    return hashlib.sha256(json.dumps(parameters, sort_keys=True, default=str).encode()).hexdigest()


def start(user, kind, parameters):
    """The job building ``kind`` with ``parameters`` for ``user``: the one under way if there is one (joined),
    else a new one, its task owed through the outbox. Returns (job, joined)."""
    found = exporter(kind)
    if not user.is_authenticated or not found.allowed(user, parameters):
        raise PermissionError(f"{user} may not export {kind}.")
    key = parameters_key(parameters)
    # A job under way for longer than any export takes lost its task (a broker emptied by hand): it is not joined.
    ExportJob.objects.filter(
        owner=user,
        kind=kind,
        parameters_key=key,
        state__in=[ExportJob.State.QUEUED, ExportJob.State.RUNNING],
        created__lt=timezone.now() - timedelta(hours=settings.EXPORT_GIVE_UP_HOURS),
    ).update(state=ExportJob.State.FAILED, error="Not finished in time.", finished=timezone.now())
    try:
        with transaction.atomic():
            job = ExportJob.objects.create(owner=user, kind=kind, parameters=parameters, parameters_key=key)
            outbox.enqueue(RUN_EXPORT, job.pk)
        return job, False
    except IntegrityError:  # one under way: join it
        job = ExportJob.objects.get(
            owner=user, kind=kind, parameters_key=key, state__in=[ExportJob.State.QUEUED, ExportJob.State.RUNNING]
        )
        return job, True


def job_for(user, job_id):
    """A job its owner may see, or None: nobody else sees another's export."""
    return ExportJob.objects.filter(pk=job_id, owner=user).first()


def run(job_id, now=None):
    """Build the job's file (the task's work). Idempotent: a job already built or gone is left alone; a job a
    dead worker left running is built again from the start."""
    job = ExportJob.objects.filter(pk=job_id).select_related("owner").first()
    if job is None or job.state not in (ExportJob.State.QUEUED, ExportJob.State.RUNNING):
        return job and job.state
    found = exporter(job.kind)
    if not found.allowed(job.owner, job.parameters):
        ExportJob.objects.filter(pk=job.pk).update(
            state=ExportJob.State.FAILED, error="No longer allowed.", finished=timezone.now()
        )
        return ExportJob.State.FAILED
    total = found.count(job.parameters)
    ExportJob.objects.filter(pk=job.pk).update(
        state=ExportJob.State.RUNNING, rows_total=total, rows_done=0, started=timezone.now()
    )

    def progress(done):
        ExportJob.objects.filter(pk=job.pk).update(rows_done=min(done, total))

    try:
        with tempfile.TemporaryFile() as spool:
            found.write(job.parameters, spool, progress)
            spool.seek(0)
            job.file.save(filename_of(job), File(spool), save=False)
    except Exception as error:
        logger.exception("Export %s failed", job.pk)
        ExportJob.objects.filter(pk=job.pk).update(
            state=ExportJob.State.FAILED, error=str(error)[:500], finished=timezone.now()
        )
        return ExportJob.State.FAILED
    finished = now or timezone.now()
    ExportJob.objects.filter(pk=job.pk).update(
        state=ExportJob.State.READY,
        file=job.file.name,
        rows_done=total,
        finished=finished,
        expires=finished + timedelta(days=settings.EXPORT_KEEP_DAYS),
    )
    notify_once(job.pk)
    return ExportJob.State.READY


def notify_once(job_id):
    """E-mail the owner that their file is ready, at most once (the row is claimed before the mail goes)."""
    claimed = ExportJob.objects.filter(pk=job_id, notified__isnull=True, state=ExportJob.State.READY).update(
        notified=timezone.now()
    )
    if not claimed:
        return False
    job = ExportJob.objects.select_related("owner").get(pk=job_id)
    label = exporter(job.kind).label
    url = settings.SITE_URL.rstrip("/") + reverse("export_job", args=[job.pk])
    send_mail(
        subject=f"[{settings.SITE_NAME}] Your file is ready: {label}",
        message=(
            f"Hello {job.owner.full_name or job.owner.email},\n\n"
            f"The file you asked for, {label}, is ready. Download it here (sign in first):\n{url}\n\n"
            f"It is kept until {timezone.localtime(job.expires):%B %d, %Y}; after that, ask for it again.\n\n"
            f"{settings.SITE_NAME}"
        ),
        from_email=None,
        recipient_list=[job.owner.email],
    )
    return True


def delete_expired(now=None):
    """Delete the files kept past their time; the jobs stay, saying so. Returns how many."""
    now = now or timezone.now()
    expired = list(ExportJob.objects.filter(state=ExportJob.State.READY, expires__lte=now))
    for job in expired:
        if job.file:
            job.file.storage.delete(job.file.name)
    ExportJob.objects.filter(pk__in=[job.pk for job in expired]).update(state=ExportJob.State.EXPIRED, file="")
    return len(expired)
