"""Read queries about certified trainers' requests for a site cohort."""

from .models import SiteCohortRequest


def waiting(limit=5):
    """Requests the program office has yet to decide, the soonest first workshop first: (the first ``limit``,
    how many in all). Two queries."""
    pending = (
        SiteCohortRequest.objects.filter(status=SiteCohortRequest.Status.PENDING)
        .select_related("trainer")
        .order_by("first_date", "created_at")
    )
    return list(pending[:limit]), pending.count()
