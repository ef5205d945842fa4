"""ProposalVersion: the words of each version of a proposal that the proposer later changed.

Written by `proposal_amend` from now on. Proposals amended before this migration have no
earlier words to keep (the ledger holds only their digests); the proposal page says so.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0004_person_name_chosen"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProposalVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                           verbose_name="ID")),
                ("version", models.PositiveIntegerField()),
                ("title", models.CharField(max_length=200)),
                ("body", models.TextField(blank=True)),
                ("amount", models.DecimalField(blank=True, decimal_places=2, max_digits=14,
                                               null=True)),
                ("replaced_at", models.DateTimeField()),
                ("proposal", models.ForeignKey(
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="earlier_versions", to="governance.proposal")),
            ],
            options={
                "ordering": ("proposal", "version"),
                "constraints": [models.UniqueConstraint(fields=("proposal", "version"),
                                                        name="one_row_per_version")],
            },
        ),
    ]
