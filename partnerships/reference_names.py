"""The names of the reference data the directory ships with, for translators.

Categories, audiences and crises are rows curators can add to; these are the
ones created by migration 0003 and the demo data. Listing them here puts them in
the catalogues; ``display_name`` on each model looks them up, and a name a curator
adds later shows as written.
"""

from django.utils.translation import gettext_noop

REFERENCE_NAMES = [
    gettext_noop("Food and essentials"),
    gettext_noop("Food banks and parcels"),
    gettext_noop("Hot meals"),
    gettext_noop("Shopping and deliveries"),
    gettext_noop("Household essentials"),
    gettext_noop("Befriending and loneliness"),
    gettext_noop("Phone befriending"),
    gettext_noop("Social groups"),
    gettext_noop("Medicines and prescriptions"),
    gettext_noop("Prescription collection and delivery"),
    gettext_noop("Help to see a doctor"),
    gettext_noop("Mental health and wellbeing"),
    gettext_noop("Mental health support"),
    gettext_noop("Bereavement support"),
    gettext_noop("Physical activity"),
    gettext_noop("Money and debt advice"),
    gettext_noop("Benefits advice"),
    gettext_noop("Debt advice"),
    gettext_noop("Emergency grants"),
    gettext_noop("Digital inclusion"),
    gettext_noop("Devices and data"),
    gettext_noop("Digital skills"),
    gettext_noop("Housing and homelessness"),
    gettext_noop("Emergency accommodation"),
    gettext_noop("Tenancy support"),
    gettext_noop("Children, young people and families"),
    gettext_noop("Activities for children and young people"),
    gettext_noop("Family support"),
    gettext_noop("Work, learning and language"),
    gettext_noop("Employment support"),
    gettext_noop("English language classes"),
    gettext_noop("Transport"),
    gettext_noop("Community transport"),
    gettext_noop("Volunteering"),
    gettext_noop("Volunteer coordination"),
    gettext_noop("Everyone"),
    gettext_noop("Older people"),
    gettext_noop("Families with children"),
    gettext_noop("Children and young people"),
    gettext_noop("Disabled people"),
    gettext_noop("People with long-term health conditions"),
    gettext_noop("People on low incomes"),
    gettext_noop("Refugees and asylum seekers"),
    gettext_noop("Carers"),
    gettext_noop("People who are shielding"),
    gettext_noop("Covid-19 pandemic"),
    gettext_noop("Cost of living crisis"),
]
