"""Districts move to registration (their table, ``cohorts_district``, stays where it is): a district approves
registrations as well as setting the training rate. They own e-mail domains, and a person's district is what
the platform knows of them (``DistrictMembership``), never what they typed in their profile. Approval rules
are to name a district rather than a typed name (0017, 0018); existing people are linked in 0019.
"""

import django.db.models.deletion
import django.db.models.functions.text
import modelcluster.fields
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models

import cohorts.registration.models
from cohorts.registration.permissions import ROLE_PERMISSIONS
from pd_platform.accounts.roles import granting
from pd_platform.moving import move_content_types


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0015_checkout_expired_notice"),
        ("hours", "0003_alter_hoursentry_source"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The hours app's District becomes registration's: the same table, only Django's picture changes.
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="District",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "name",
                            models.CharField(
                                help_text="As the program office and the reports name it.", max_length=150, unique=True
                            ),
                        ),
                        ("contract_start", models.TimeField(default="08:00")),
                        ("contract_end", models.TimeField(default="15:30")),
                        (
                            "training_rate",
                            models.DecimalField(
                                decimal_places=2,
                                default=Decimal("50.00"),
                                help_text="Pay per hour beyond contracted hours, in US dollars.",
                                max_digits=7,
                            ),
                        ),
                    ],
                    options={"ordering": ["name"]},
                ),
            ],
        ),
        migrations.RunPython(*move_content_types("hours", "cohorts", ["district"])),
        migrations.CreateModel(
            name="DistrictDomain",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "domain",
                    models.CharField(
                        help_text="What follows the @ of the district's staff addresses, such as riverside.k12.ca.us "
                        "(that domain only, not its subdomains).",
                        max_length=100,
                        unique=True,
                        validators=[cohorts.registration.models.validate_email_domain],
                    ),
                ),
                (
                    "district",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="domains", to="cohorts.district"
                    ),
                ),
            ],
            options={
                "ordering": ["domain"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("domain", django.db.models.functions.text.Lower("domain"))),
                        name="district_domain_lower_case",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="DistrictMembership",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("office", "Set by the program office"),
                            ("sign_in", "The district's sign-in"),
                            ("address", "A confirmed address at the district's domain"),
                        ],
                        max_length=10,
                    ),
                ),
                (
                    "evidence",
                    models.CharField(
                        blank=True,
                        help_text="The confirmed address's domain, or the sign-in it came from.",
                        max_length=150,
                    ),
                ),
                ("set_at", models.DateTimeField()),
                (
                    "district",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="memberships", to="cohorts.district"
                    ),
                ),
                (
                    "set_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="district_membership",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("source__in", ["office", "sign_in", "address"])),
                        name="district_source_known",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("source", "office"), models.Q(("evidence", ""), _negated=True), _connector="OR"
                        ),
                        name="derived_district_says_from_what",
                    ),
                ],
            },
        ),
        # Approval rules: the district by reference rather than by a typed name; who approves, said outright.
        migrations.AddField(
            model_name="approvalrule",
            name="approved_by",
            field=models.CharField(
                choices=[
                    ("coordinator", "Its PD coordinator approves every registration"),
                    ("supervisor", "Each person names their supervisor, at the district's domains"),
                ],
                default="supervisor",
                max_length=12,
            ),
        ),
        migrations.RenameField(model_name="approvalrule", old_name="district", new_name="district_name"),
        migrations.AddField(
            model_name="approvalrule",
            name="district",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="approval_rule",
                to="cohorts.district",
            ),
        ),
        migrations.RunPython(granting(ROLE_PERMISSIONS), migrations.RunPython.noop),
    ]
