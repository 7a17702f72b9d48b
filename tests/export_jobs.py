"""An export link's answer followed as a person would: to its job's page, the job built as a worker builds it, then
the file downloaded from the page."""

from pd_platform import exports
from pd_platform.models import ExportJob


def job_of(response) -> ExportJob:
    """The job an export link or button started (or joined): its answer leads to the job's page."""
    assert response.status_code == 302, response.status_code
    location = response["Location"]
    assert location.startswith("/exports/") and location.endswith("/"), location
    return ExportJob.objects.get(pk=int(location.strip("/").split("/")[-1]))


def download(client, response):
    """Build the job the response started and download its file (its owner is the client's person)."""
    job = job_of(response)
    assert exports.run(job.pk) == ExportJob.State.READY, ExportJob.objects.get(pk=job.pk).error
    answer = client.get(f"/exports/{job.pk}/file/")
    assert answer.status_code == 200, answer.status_code
    return answer


def content(client, response) -> bytes:
    return b"".join(download(client, response).streaming_content)
