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


class RegistrationTrust(models.Model):
    """What an LMS registration may vouch for: the e-mail domains whose people it may give a new
    account here (as a district's own sign-in does for its domains). An address at any other
    domain gets no account from a launch; an existing account is linked only by its owner."""

    registration = models.OneToOneField("lti_tool.LtiRegistration", on_delete=models.CASCADE, related_name="trust")
    email_domains = models.TextField(
        "E-mail domains it may vouch for",
        blank=True,
        help_text="One per line, e.g. riverside.k12.ca.us: a launch for someone new at one of these gets an "
        "account. Leave empty and the course opens only accounts whose owners linked them.",
    )

    def __str__(self):
        return f"{self.registration}: {self.email_domains or 'no domains'}"

    def domains(self) -> set[str]:
        return {line.strip().lower().removeprefix("@") for line in self.email_domains.splitlines() if line.strip()}


class LmsIdentity(models.Model):
    """How a person in an LMS (django-lti's ``LtiUser``, one per registration) relates to this
    platform: how the account link was made, and the roles the LMS gave at the last launch.

    ``LtiUser.auth_user`` is set only by ``services``: for an account the LMS made (``made_account``),
    or once the account's owner, signed in here, confirmed the link (``confirmed_at``). The roles
    are the LMS's word for this registration only; they are never added to the account.
    """

    lti_user = models.OneToOneField("lti_tool.LtiUser", on_delete=models.CASCADE, related_name="identity")
    made_account = models.BooleanField(default=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    roles = models.CharField("roles at the last launch", max_length=200, blank=True)
    roles_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "LMS identity"
        verbose_name_plural = "LMS identities"

    def __str__(self):
        return f"{self.lti_user}: {self.roles or 'no roles'}"

    def role_set(self) -> set[str]:
        return {name for name in self.roles.split(",") if name}
