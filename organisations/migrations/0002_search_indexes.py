from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from organisations.migration_operations import search_indexes


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [
        TrigramExtension(),
        *search_indexes("organisations_organisation"),
    ]
