"""The service category taxonomy, who services are for, and the Covid-19 crisis."""

from datetime import date

from django.db import migrations
from django.utils.text import slugify

CATEGORIES = [
    (
        "Food and essentials",
        "Food",
        [
            "Food banks and parcels",
            "Hot meals",
            "Shopping and deliveries",
            "Household essentials",
        ],
    ),
    ("Befriending and loneliness", "Befriending", ["Phone befriending", "Social groups"]),
    (
        "Medicines and prescriptions",
        "Health",
        [
            "Prescription collection and delivery",
            "Help to see a doctor",
        ],
    ),
    (
        "Mental health and wellbeing",
        "Mental Health",
        [
            "Mental health support",
            "Bereavement support",
            "Physical activity",
        ],
    ),
    ("Money and debt advice", "Money", ["Benefits advice", "Debt advice", "Emergency grants"]),
    ("Digital inclusion", "Digital", ["Devices and data", "Digital skills"]),
    ("Housing and homelessness", "Housing", ["Emergency accommodation", "Tenancy support"]),
    (
        "Children, young people and families",
        "Children and Families",
        [
            "Activities for children and young people",
            "Family support",
        ],
    ),
    (
        "Work, learning and language",
        "Education",
        ["Employment support", "English language classes"],
    ),
    ("Transport", "Transport", ["Community transport"]),
    ("Volunteering", "Volunteering", ["Volunteer coordination"]),
]

AUDIENCES = [
    "Everyone",
    "Older people",
    "Families with children",
    "Children and young people",
    "Disabled people",
    "People with long-term health conditions",
    "People on low incomes",
    "Refugees and asylum seekers",
    "Carers",
    "People who are shielding",
]


def create(apps, schema_editor):
    Category = apps.get_model("partnerships", "Category")
    Audience = apps.get_model("partnerships", "Audience")
    Crisis = apps.get_model("partnerships", "Crisis")
    for position, (name, term, children) in enumerate(CATEGORIES):
        parent, _ = Category.objects.update_or_create(
            slug=slugify(name), defaults={"name": name, "oruk_term": term, "position": position}
        )
        for child_position, child in enumerate(children):
            Category.objects.update_or_create(
                slug=slugify(child),
                defaults={"name": child, "parent": parent, "position": child_position},
            )
    for position, name in enumerate(AUDIENCES):
        Audience.objects.update_or_create(
            slug=slugify(name), defaults={"name": name, "position": position}
        )
    Crisis.objects.update_or_create(
        slug="covid-19",
        defaults={
            "name": "Covid-19 pandemic",
            "description": "The community response to the Covid-19 pandemic in the UK, "
            "from the first lockdown in March 2020.",
            "started": date(2020, 3, 23),
        },
    )


def remove(apps, schema_editor):
    apps.get_model("partnerships", "Category").objects.filter(parent__isnull=False).delete()
    apps.get_model("partnerships", "Category").objects.all().delete()
    apps.get_model("partnerships", "Audience").objects.all().delete()
    apps.get_model("partnerships", "Crisis").objects.filter(slug="covid-19").delete()


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0002_search_indexes")]

    operations = [migrations.RunPython(create, remove)]
