"""Districts that approve PD before a registration counts; each registration's request for approval."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

from cohorts.registration.permissions import ROLE_PERMISSIONS
from pd_platform.accounts.roles import granting


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0012_private_site_cohorts"),
    ]

    operations = [
        migrations.AlterField(
            model_name="enrollment",
            name="status",
            field=models.CharField(
                choices=[
                    ("registered", "Registered"),
                    ("awaiting", "Waiting for approval"),
                    ("waitlisted", "Waitlisted"),
                    ("cancelled", "Cancelled"),
                ],
                max_length=12,
            ),
        ),
        migrations.AlterField(
            model_name="notification",
            name="kind",
            field=models.CharField(
                choices=[
                    ("registration_confirmation", "Registration confirmation"),
                    ("invoice", "Invoice"),
                    ("receipt", "Receipt"),
                    ("access_open", "Welcome and course access"),
                    ("waitlist_promotion", "Waitlist promotion"),
                    ("approval_request", "Request for approval (to the approver)"),
                    ("approval_outcome", "Approval decision"),
                ],
                max_length=30,
            ),
        ),
        migrations.CreateModel(
            name="ApprovalRule",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "district",
                    models.CharField(
                        help_text="As participants write it in their profile, such as Riverside Unified.",
                        max_length=150,
                        unique=True,
                    ),
                ),
                ("coordinator_name", models.CharField(blank=True, max_length=150)),
                (
                    "coordinator_email",
                    models.EmailField(
                        blank=True,
                        help_text="The district's PD coordinator approves every registration. Leave empty to have each person name their supervisor when they register.",
                        max_length=254,
                    ),
                ),
                (
                    "business_days",
                    models.PositiveSmallIntegerField(
                        default=5,
                        help_text="Business days the approver has; an unanswered request then lapses and its seat is released.",
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(30),
                        ],
                    ),
                ),
            ],
            options={
                "ordering": ["district"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("business_days__gte", 1), ("business_days__lte", 30)),
                        name="approval_days_within_a_month",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Approval",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("approver_email", models.EmailField(max_length=254)),
                ("approver_name", models.CharField(blank=True, max_length=150)),
                ("requested_at", models.DateTimeField()),
                ("due_at", models.DateTimeField()),
                (
                    "decision",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting"),
                            ("approved", "Approved"),
                            ("declined", "Declined"),
                            ("lapsed", "Lapsed (no answer in time)"),
                            ("withdrawn", "Withdrawn (the registration was cancelled)"),
                        ],
                        default="pending",
                        max_length=10,
                    ),
                ),
                ("reason", models.TextField(blank=True, max_length=1000)),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
                (
                    "enrollment",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE, related_name="approval", to="cohorts.enrollment"
                    ),
                ),
            ],
            options={
                "ordering": ["due_at", "id"],
                "indexes": [models.Index(fields=["decision", "due_at"], name="cohorts_app_decisio_8fc1d3_idx")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("decided_at__isnull", True), ("decision", "pending")),
                            models.Q(models.Q(("decision", "pending"), _negated=True), ("decided_at__isnull", False)),
                            _connector="OR",
                        ),
                        name="approval_decided_once_with_its_time",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("decision", "declined"), _negated=True),
                            models.Q(("reason", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="a_decline_gives_a_reason",
                    ),
                ],
            },
        ),
        migrations.RunPython(granting(ROLE_PERMISSIONS), migrations.RunPython.noop),
    ]
