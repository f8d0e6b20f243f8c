import uuid

import django.db.models.deletion
from django.db import migrations, models

from organisations.migration_operations import fill_uuids

HELP = "The stable id other systems (the Open Referral UK API) know this record by."


class Migration(migrations.Migration):
    dependencies = [("organisations", "0002_search_indexes")]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="uuid",
            field=models.UUIDField(null=True, editable=False),
        ),
        fill_uuids("organisations", "Organisation"),
        migrations.AlterField(
            model_name="organisation",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                help_text=HELP,
                unique=True,
                verbose_name="public id",
            ),
        ),
        migrations.CreateModel(
            name="Location",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "uuid",
                    models.UUIDField(
                        default=uuid.uuid4,
                        editable=False,
                        help_text=HELP,
                        unique=True,
                        verbose_name="public id",
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="e.g. “Ancoats Community Hall”.",
                        max_length=200,
                        verbose_name="name",
                    ),
                ),
                ("address", models.TextField(blank=True, verbose_name="address")),
                ("postcode", models.CharField(blank=True, max_length=10, verbose_name="postcode")),
                (
                    "latitude",
                    models.DecimalField(
                        blank=True,
                        decimal_places=6,
                        max_digits=9,
                        null=True,
                        verbose_name="latitude",
                    ),
                ),
                (
                    "longitude",
                    models.DecimalField(
                        blank=True,
                        decimal_places=6,
                        max_digits=9,
                        null=True,
                        verbose_name="longitude",
                    ),
                ),
                (
                    "accessibility",
                    models.CharField(
                        blank=True,
                        help_text="e.g. “Step-free entrance, accessible toilet, hearing loop”.",
                        max_length=250,
                        verbose_name="accessibility",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="locations",
                        to="organisations.organisation",
                        verbose_name="organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "location",
                "verbose_name_plural": "locations",
                "ordering": ["name"],
            },
        ),
    ]
