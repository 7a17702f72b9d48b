"""Certificate files built in the background (pd_platform/exports.py).

- A cohort's certificates as one ZIP, for the office: every signed PDF of a large cohort is read and packed.
- A person's signed PDF transcript, for them or the office: rendered (WeasyPrint) and signed (pyHanko), which
  together take longer than a page should once the machine is busy.

The transcript's CSV stays direct (certificates/views.py): one person's record, read in a fixed number of queries,
written as text: a long record (ten programs, 300 lines) took 0.08 s on a busy two-core machine. The PDF of the
same record took 11 s there.
"""

import zipfile

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from pd_platform import exports
from pd_platform.accounts import roles

from . import selectors, transcript

COHORT_ZIP = "certificates-cohort-zip"
TRANSCRIPT_PDF = "transcript-pdf"


def cohort_certificates(cohort_id):
    """The cohort's certificates that hold (neither revoked nor replaced), newest first."""
    return selectors.search_certificates(cohort_id=cohort_id).filter(revoked_at__isnull=True, replaced_at__isnull=True)


def write_cohort_zip(cohort_id, target, progress=lambda done: None):
    """Each holding certificate's signed PDF, named by its holder and its code."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for done, certificate in enumerate(cohort_certificates(cohort_id), start=1):
            if certificate.is_ready:
                with certificate.pdf.open("rb") as fh:
                    archive.writestr(f"{certificate.full_name} - {certificate.code}.pdf", fh.read())
            progress(done)


def transcript_name(person):
    return f"pd-transcript-{slugify(person.full_name or person.email.split('@')[0]) or person.pk}"


def _office(user, parameters):
    return roles.is_admin(user)


def _own_or_office(user, parameters):
    """A person's transcript is theirs, and the office produces anyone's (licence renewal, salary schedule)."""
    return user.pk == parameters["person"] or roles.is_admin(user)


def _person(parameters):
    return get_user_model().objects.get(pk=parameters["person"])


def _write_transcript(parameters, target, progress):
    target.write(transcript.pdf_bytes(transcript.transcript_of(_person(parameters))))
    progress(1)


exports.register(
    COHORT_ZIP,
    "The cohort's certificates (ZIP)",
    lambda parameters: f"certificates-cohort-{parameters['cohort']}.zip",
    "application/zip",
    _office,
    lambda parameters: cohort_certificates(parameters["cohort"]).count(),
    lambda parameters, target, progress: write_cohort_zip(parameters["cohort"], target, progress),
    units=("certificate", "certificates"),
)
exports.register(
    TRANSCRIPT_PDF,
    "PD transcript (signed PDF)",
    lambda parameters: f"{transcript_name(_person(parameters))}.pdf",
    "application/pdf",
    _own_or_office,
    lambda parameters: 1,  # one document: done when it is signed
    _write_transcript,
    units=("document", "documents"),
)
