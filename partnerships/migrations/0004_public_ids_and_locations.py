import uuid

from django.db import migrations, models

from organisations.migration_operations import fill_uuids

HELP = "The stable id other systems (the Open Referral UK API) know this record by."


def unique_uuid():
    return models.UUIDField(
        default=uuid.uuid4, editable=False, help_text=HELP, unique=True, verbose_name="public id"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0003_reference_data"),
        ("organisations", "0003_public_ids_and_locations"),
    ]

    operations = [
        migrations.AddField("category", "uuid", models.UUIDField(null=True, editable=False)),
        fill_uuids("partnerships", "Category"),
        migrations.AlterField("category", "uuid", unique_uuid()),
        migrations.AddField("service", "uuid", models.UUIDField(null=True, editable=False)),
        fill_uuids("partnerships", "Service"),
        migrations.AlterField("service", "uuid", unique_uuid()),
        migrations.AddField(
            model_name="service",
            name="locations",
            field=models.ManyToManyField(
                blank=True,
                help_text="Leave empty for services delivered by phone, online or at people's homes.",
                related_name="services",
                to="organisations.location",
                verbose_name="where it is delivered",
            ),
        ),
        migrations.AddField(
            model_name="service",
            name="minimum_age",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Leave empty if there is no lower limit.",
                null=True,
                verbose_name="minimum age",
            ),
        ),
        migrations.AddField(
            model_name="service",
            name="maximum_age",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Leave empty if there is no upper limit.",
                null=True,
                verbose_name="maximum age",
            ),
        ),
        migrations.AddConstraint(
            model_name="service",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("minimum_age__isnull", True),
                    ("maximum_age__isnull", True),
                    ("maximum_age__gte", models.F("minimum_age")),
                    _connector="OR",
                ),
                name="service_ages_in_order",
                violation_error_message="The maximum age cannot be below the minimum age.",
            ),
        ),
    ]
