"""Read queries for workshop cohorts."""

from cohorts.registration.models import Enrollment


def group_status(cohort):
    """(confirmed, registered, minimum): a site cohort runs with a minimum group size."""
    minimum = getattr(cohort.program.specific, "min_group_size", 0)
    registered = cohort.enrollments.filter(status=Enrollment.Status.REGISTERED).count()
    return registered >= minimum, registered, minimum
