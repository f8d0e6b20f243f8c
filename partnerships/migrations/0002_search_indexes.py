from django.db import migrations

from organisations.migration_operations import search_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0001_initial"),
        ("organisations", "0002_search_indexes"),
    ]

    operations = [
        *search_indexes("partnerships_partnership"),
        *search_indexes("partnerships_service"),
    ]
