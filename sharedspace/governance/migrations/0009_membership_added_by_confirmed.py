"""Membership.added_by and Membership.confirmed_at (ADR 38).

A coordinator can put a person in a group; the person is then asked whether they want to be
in it. Memberships made before this change cannot be asked about after the fact: they are
taken as settled (``confirmed_at`` = ``joined_at``), so no one is asked about a group they
have been in, and acted for, all along.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def settle_existing(apps, schema_editor):
    Membership = apps.get_model("governance", "Membership")
    Membership.objects.filter(confirmed_at__isnull=True).update(
        confirmed_at=models.F("joined_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0008_proposal_version_charter"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="membership",
            name="added_by",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                related_name="+", to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="membership",
            name="confirmed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(settle_existing, migrations.RunPython.noop),
    ]
