"""An approval rule's district is required, by reference; a coordinator who approves has an address."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cohorts", "0017_approval_rules_name_their_district")]

    operations = [
        migrations.RemoveField(model_name="approvalrule", name="district_name"),
        migrations.AlterField(
            model_name="approvalrule",
            name="district",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE, related_name="approval_rule", to="cohorts.district"
            ),
        ),
        migrations.AlterModelOptions(name="approvalrule", options={"ordering": ["district__name"]}),
        migrations.AlterField(
            model_name="approvalrule",
            name="coordinator_email",
            field=models.EmailField(
                blank=True,
                help_text="The district's PD coordinator: approves every registration, or, where supervisors "
                "approve, may be named as one (at any domain).",
                max_length=254,
            ),
        ),
        migrations.AddConstraint(
            model_name="approvalrule",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("approved_by", "coordinator"), _negated=True),
                    models.Q(("coordinator_email", ""), _negated=True),
                    _connector="OR",
                ),
                name="coordinator_approves_with_an_address",
            ),
        ),
    ]
