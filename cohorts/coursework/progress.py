"""A participant's progress toward completion: pure arithmetic over submission statuses.

Complete required submissions over required submissions, against the course's threshold
(a field of the course page). Decimal arithmetic, so 17 of 20 at 0.85 is exactly enough.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from django.db.models import TextChoices


class SubmissionStatus(TextChoices):
    MISSING = "missing", "Missing"
    SUBMITTED = "submitted", "Submitted"
    NEEDS_REVISION = "needs_revision", "Needs revision"
    COMPLETE = "complete", "Complete"


@dataclass(frozen=True)
class Progress:
    required: int
    complete: int
    threshold: Decimal

    @property
    def needed(self) -> int:
        return int((self.threshold * self.required).to_integral_value(rounding=ROUND_CEILING))

    @property
    def met(self) -> bool:
        return self.required > 0 and self.complete >= self.needed

    @property
    def percent(self) -> int:
        return round(100 * self.complete / self.required) if self.required else 0

    @property
    def needed_percent(self) -> int:
        return round(100 * self.needed / self.required) if self.required else 0

    @property
    def threshold_percent(self) -> Decimal:
        """The rule as the course states it (85), not the share it comes to here (12 of 13 = 92)."""
        percent = self.threshold * 100
        return percent.to_integral_value() if percent == percent.to_integral_value() else percent.normalize()

    @property
    def still_needed(self) -> int:
        return max(self.needed - self.complete, 0)

    def __str__(self) -> str:
        """The one sentence the home, My courses and the progress page say (the gradebook and the
        reminders count ``still_needed`` too), so no page says "12 needed" where another says "9 more"."""
        if self.met:
            return f"{self.complete} of {self.required} complete: you have met the completion requirement"
        return f"{self.complete} of {self.required} complete; {self.still_needed} more needed for the certificate"


def compute_progress(required_statuses: Iterable[str], threshold: Decimal | float | str) -> Progress:
    """``required_statuses``: the status of each required activity's submission ("missing"
    for an activity with no submission yet)."""
    statuses = list(required_statuses)
    return progress_of_counts(len(statuses), sum(1 for s in statuses if s == SubmissionStatus.COMPLETE), threshold)


def progress_of_counts(required: int, complete: int, threshold: Decimal | float | str) -> Progress:
    """The same from the counts alone: only how many are complete matters, not what the others are."""
    return Progress(required=required, complete=complete, threshold=Decimal(str(threshold)))
