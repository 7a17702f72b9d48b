from django.db import models


class Placement(models.Model):
    """What an LMS link opens: one page (a module, a workshop, or the whole program) of one cohort.

    Made by the first launch of a link this tool created by deep linking (its custom claim names
    the cohort and page); the AGS line item the LMS made for it is where progress goes back.
    """

    resource_link = models.OneToOneField("lti_tool.LtiResourceLink", on_delete=models.CASCADE, related_name="placement")
    cohort = models.ForeignKey("cohorts.Cohort", on_delete=models.CASCADE, related_name="lti_placements")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    lineitem_url = models.URLField("AGS line item", max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["cohort", "page"])]

    def __str__(self):
        return f"{self.resource_link} -> {self.cohort} / page {self.page_id}"


class ScoreSent(models.Model):
    """The last progress sent to an LMS gradebook for one person and one link: what an admin
    reads when a teacher asks why Canvas shows what it shows; a send only when it changed."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="scores")
    lti_user = models.ForeignKey("lti_tool.LtiUser", on_delete=models.CASCADE, related_name="+")
    score_given = models.DecimalField(max_digits=7, decimal_places=2)
    score_maximum = models.DecimalField(max_digits=7, decimal_places=2)
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["placement", "lti_user"], name="lti_one_score_per_person_link")]
