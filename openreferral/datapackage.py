"""The tables of the profile's CSV datapackage, for export and for import."""

# (resource, file, columns). Columns follow the UK profile's tables, plus a
# language ``name`` (the HSDS 3.0 field; the UK table has none, leaving a
# language with nothing to say).
TABLES = [
    (
        "organization",
        "organizations.csv",
        ["id", "name", "description", "email", "website", "logo", "uri", "parent_organization_id"],
    ),
    (
        "organization_identifier",
        "organization_identifiers.csv",
        ["id", "organization_id", "identifier_scheme", "identifier_type", "identifier"],
    ),
    (
        "service",
        "services.csv",
        [
            "id",
            "organization_id",
            "name",
            "description",
            "url",
            "email",
            "status",
            "fees",
            "accreditations",
            "minimum_age",
            "maximum_age",
            "assured_date",
            "assurer_email",
            "alert",
            "last_modified",
        ],
    ),
    (
        "location",
        "locations.csv",
        [
            "id",
            "location_type",
            "name",
            "description",
            "latitude",
            "longitude",
            "external_identifier",
            "external_identifier_type",
        ],
    ),
    ("service_at_location", "service_at_location.csv", ["id", "service_id", "location_id"]),
    (
        "address",
        "address.csv",
        [
            "id",
            "location_id",
            "attention",
            "address_1",
            "city",
            "region",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ],
    ),
    (
        "accessibility",
        "accessibility.csv",
        ["id", "location_id", "description", "details", "url", "accessibility"],
    ),
    ("contact", "contacts.csv", ["id", "service_id", "name", "title"]),
    ("phone", "phones.csv", ["id", "contact_id", "number", "description"]),
    ("language", "languages.csv", ["id", "service_id", "phone_id", "name"]),
    (
        "schedule",
        "schedule.csv",
        [
            "id",
            "service_id",
            "service_at_location_id",
            "valid_from",
            "valid_to",
            "dtstart",
            "freq",
            "interval",
            "byday",
            "bymonthday",
            "description",
            "opens_at",
            "closes_at",
            "schedule_link",
            "attending_type",
            "notes",
        ],
    ),
    ("funding", "funding.csv", ["id", "service_id", "source"]),
    (
        "service_area",
        "service_areas.csv",
        ["id", "service_id", "name", "extent", "extent_type", "uri", "service_area"],
    ),
    (
        "cost_option",
        "cost_options.csv",
        ["id", "service_id", "valid_from", "valid_to", "option", "amount", "amount_description"],
    ),
    ("taxonomy", "taxonomies.csv", ["id", "name", "description", "uri", "version"]),
    (
        "taxonomy_term",
        "taxonomy_terms.csv",
        ["id", "name", "description", "parent_id", "taxonomy", "taxonomy_id", "term_uri", "term"],
    ),
    ("attribute", "attribute.csv", ["id", "link_id", "taxonomy_term_id", "link_type"]),
]

COLUMNS = {resource: columns for resource, _, columns in TABLES}
FILES = {resource: path for resource, path, _ in TABLES}

# Other names the same tables go by in published folders.
OTHER_FILES = {
    "organization": ["organization.csv"],
    "service": ["service.csv"],
    "location": ["location.csv"],
    "service_at_location": ["service_at_locations.csv"],
    "address": ["addresses.csv"],
    "contact": ["contact.csv"],
    "phone": ["phone.csv"],
    "language": ["language.csv"],
    "schedule": ["schedules.csv"],
    "service_area": ["service_area.csv"],
    "cost_option": ["cost_option.csv"],
    "taxonomy": ["taxonomy.csv"],
    "taxonomy_term": ["taxonomy_term.csv"],
    "attribute": ["attributes.csv"],
}

# Which table's column points at which table, for the datapackage's foreign keys.
FOREIGN_KEYS = {
    "organization_identifier": {"organization_id": "organization"},
    "service": {"organization_id": "organization"},
    "service_at_location": {"service_id": "service", "location_id": "location"},
    "address": {"location_id": "location"},
    "accessibility": {"location_id": "location"},
    "contact": {"service_id": "service"},
    "phone": {"contact_id": "contact"},
    "language": {"service_id": "service"},
    "schedule": {"service_id": "service"},
    "funding": {"service_id": "service"},
    "service_area": {"service_id": "service"},
    "cost_option": {"service_id": "service"},
    "taxonomy_term": {"taxonomy_id": "taxonomy", "parent_id": "taxonomy_term"},
    "attribute": {"taxonomy_term_id": "taxonomy_term"},
}
NUMBERS = {"latitude", "longitude", "minimum_age", "maximum_age", "amount", "interval"}


def descriptor(title: str) -> dict:
    """A Frictionless tabular datapackage descriptor for the exported tables."""
    resources = []
    for resource, path, columns in TABLES:
        schema = {
            "fields": [
                {"name": column, "type": "number" if column in NUMBERS else "string"}
                for column in columns
            ],
            "primaryKey": "id",
        }
        keys = FOREIGN_KEYS.get(resource, {})
        if keys:
            schema["foreignKeys"] = [
                {"fields": column, "reference": {"resource": target, "fields": "id"}}
                for column, target in keys.items()
            ]
        resources.append(
            {
                "name": resource,
                "path": path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    return {
        "name": "open-referral-uk",
        "title": title,
        "profile": "tabular-data-package",
        "version": "3.0",
        "resources": resources,
    }
