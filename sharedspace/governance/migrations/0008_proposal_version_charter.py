"""ProposalVersion.charter: a charter proposal's charter as an earlier version proposed it.

Written by `proposal_amend` from now on, since the proposer can now amend the charter too
(ADR 37). Before this, amend could not change a charter, so every version a charter proposal
has kept proposed the charter the proposal holds now: that is filled in here.
"""

from django.db import migrations, models


def fill_unchanged_charters(apps, schema_editor):
    ProposalVersion = apps.get_model("governance", "ProposalVersion")
    for version in ProposalVersion.objects.filter(
        proposal__kind="charter", charter__isnull=True
    ).select_related("proposal"):
        version.charter = version.proposal.charter
        version.save(update_fields=["charter"])


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0007_publications"),
    ]

    operations = [
        migrations.AddField(
            model_name="proposalversion",
            name="charter",
            field=models.JSONField(blank=True, null=True),
        ),
        migrations.RunPython(fill_unchanged_charters, migrations.RunPython.noop),
    ]
