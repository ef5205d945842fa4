"""Person.name_chosen: whether a person's name was chosen, or only made from their email.

Existing people: a name that is exactly the first part of the email (before the @) was made
by `person_for_email` when someone signed in or was added to a group by email. Those people
are asked for a name at their next sign-in (they can keep it). Everyone else was named by
whoever made the account (`sharedspace person add`, the demo), so their name counts as
chosen; so does an erased person's, who never signs in again (docs/adr/0021).
"""

from django.db import migrations, models


def mark_chosen_names(apps, schema_editor):
    Person = apps.get_model("governance", "Person")
    Person.objects.update(name_chosen=True)
    from_email = [
        pk
        for pk, email, name, erased_at in Person.objects.values_list(
            "pk", "email", "name", "erased_at"
        ).iterator()
        if erased_at is None and name == email.split("@")[0]
    ]
    for start in range(0, len(from_email), 500):
        Person.objects.filter(pk__in=from_email[start:start + 500]).update(name_chosen=False)


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0003_meetings"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="name_chosen",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(mark_chosen_names, migrations.RunPython.noop, elidable=True),
    ]
