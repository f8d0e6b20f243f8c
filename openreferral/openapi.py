"""This API's own OpenAPI 3.1 document: exactly what it serves.

Written for this directory rather than copied from the profile: the objects
are the profile's objects with only the fields the directory fills, every one
closed with ``additionalProperties: false`` so a test run against the document
catches any field the views add without saying so.
"""

from . import params, records

UUID = {"type": "string", "format": "uuid"}
TEXT = {"type": "string"}
URI = {"type": "string", "format": "uri"}
EMAIL = {"type": "string", "format": "email"}
DATE = {"type": "string", "format": "date"}
NUMBER = {"type": "number"}
AGE = {"type": "integer", "minimum": 0}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def array(item: dict) -> dict:
    return {"type": "array", "items": item}


def record(description: str, required: list[str], properties: dict) -> dict:
    return {
        "type": "object",
        "description": description,
        "required": required,
        "properties": properties,
        "additionalProperties": False,
    }


ORGANIZATION_FIELDS = {
    "id": UUID,
    "name": TEXT,
    "description": TEXT,
    "email": EMAIL,
    "website": URI,
    "uri": URI,
}

SERVICE_FIELDS = {
    "id": UUID,
    "organization_id": UUID,
    "name": TEXT,
    "description": TEXT,
    "url": URI,
    "email": EMAIL,
    "status": {"type": "string", "enum": sorted(set(records.STATUS.values()))},
    "fees": TEXT,
    "minimum_age": AGE,
    "maximum_age": AGE,
    "last_modified": {"type": "string", "format": "date-time"},
}
SERVICE_REQUIRED = ["id", "organization_id", "name", "status", "fees", "last_modified"]
SERVICE_NESTED = [
    "schedules",
    "service_areas",
    "languages",
    "funding",
    "cost_options",
    "contacts",
    "attributes",
]

LOCATION_FIELDS = {
    "id": UUID,
    "location_type": {"type": "string", "enum": ["physical"]},
    "name": TEXT,
    "latitude": NUMBER,
    "longitude": NUMBER,
}

SCHEMAS = {
    "ApiInfo": record(
        "What this API is.",
        ["version", "profile", "openapi_url"],
        {"version": TEXT, "profile": URI, "openapi_url": URI},
    ),
    "Error": record(
        "Why a request was refused.",
        ["status", "message"],
        {
            "status": {"type": "integer"},
            "message": TEXT,
            "parameter": {"type": "string", "description": "The query parameter at fault."},
        },
    ),
    "OrganizationBrief": record(
        "A published organisation's own fields.",
        ["id", "name", "description"],
        ORGANIZATION_FIELDS,
    ),
    "OrganizationIdentifier": record(
        "A charity or company number, with its org-id.guide list.",
        ["id", "organization_id", "identifier_scheme", "identifier_type", "identifier"],
        {
            "id": UUID,
            "organization_id": UUID,
            "identifier_scheme": {
                "type": "string",
                "enum": ["GB-CHC", "GB-SC", "GB-NIC", "GB-COH"],
            },
            "identifier_type": TEXT,
            "identifier": TEXT,
        },
    ),
    "Organization": record(
        "A published organisation; on its own page, with its published services in full.",
        ["id", "name", "description", "organization_identifiers"],
        ORGANIZATION_FIELDS
        | {
            "organization_identifiers": array(ref("OrganizationIdentifier")),
            "services": array(ref("Service")),
        },
    ),
    "ServiceBrief": record(
        "A published service's own fields and its organisation.",
        [*SERVICE_REQUIRED, "organization"],
        SERVICE_FIELDS | {"organization": ref("OrganizationBrief")},
    ),
    "Service": record(
        "A published service with everything the directory knows about it.",
        [*SERVICE_REQUIRED, *SERVICE_NESTED],
        SERVICE_FIELDS
        | {
            "organization": ref("Organization"),
            "schedules": array(ref("Schedule")),
            "service_areas": array(ref("ServiceArea")),
            "service_at_locations": array(ref("ServiceAtLocationOfService")),
            "languages": array(ref("Language")),
            "funding": array(ref("Funding")),
            "cost_options": array(ref("CostOption")),
            "contacts": array(ref("Contact")),
            "attributes": array(ref("Attribute")),
        },
    ),
    "Schedule": record(
        "When the service runs (its start and end dates) and how it is attended.",
        ["id", "service_id"],
        {
            "id": UUID,
            "service_id": UUID,
            "valid_from": DATE,
            "valid_to": DATE,
            "attending_type": {
                "type": "string",
                "enum": sorted(set(records.ATTENDING_TYPE.values())),
            },
        },
    ),
    "ServiceArea": record(
        "A council area or neighbourhood the service covers; ``uri`` is its ONS GSS code URI.",
        ["id", "service_id", "name", "service_area", "uri"],
        {"id": UUID, "service_id": UUID, "name": TEXT, "service_area": TEXT, "uri": URI},
    ),
    "Language": record(
        "A language the service is offered in (``name`` is the HSDS 3.0 field).",
        ["id", "service_id", "name"],
        {"id": UUID, "service_id": UUID, "name": TEXT},
    ),
    "Funding": record(
        "An award to the partnership that delivers the service.",
        ["id", "service_id", "source"],
        {"id": UUID, "service_id": UUID, "source": TEXT},
    ),
    "CostOption": record(
        "What the service costs: free, low cost or paid (an amount only when free).",
        ["id", "service_id", "option"],
        {
            "id": UUID,
            "service_id": UUID,
            "option": TEXT,
            "amount": NUMBER,
            "amount_description": TEXT,
        },
    ),
    "Contact": record(
        "Who to phone about the service (``phones`` is the HSDS 3.0 field).",
        ["id", "service_id", "name", "phones"],
        {"id": UUID, "service_id": UUID, "name": TEXT, "phones": array(ref("Phone"))},
    ),
    "Phone": record(
        "A phone number.",
        ["id", "contact_id", "number"],
        {"id": UUID, "contact_id": UUID, "number": TEXT},
    ),
    "Attribute": record(
        "The service's link to a category in the directory's taxonomy.",
        ["id", "link_id", "taxonomy_term_id", "taxonomy_term"],
        {
            "id": UUID,
            "link_id": UUID,
            "taxonomy_term_id": UUID,
            "taxonomy_term": ref("TaxonomyTerm"),
        },
    ),
    "LocationBrief": record(
        "A place where services are delivered.", ["id", "location_type", "name"], LOCATION_FIELDS
    ),
    "Location": record(
        "A place where services are delivered, with its address and accessibility.",
        ["id", "location_type", "name", "addresses", "accessibility"],
        LOCATION_FIELDS
        | {"addresses": array(ref("Address")), "accessibility": array(ref("Accessibility"))},
    ),
    "Address": record(
        "A street address in the UK (``state_province`` is always empty).",
        [
            "id",
            "location_id",
            "address_1",
            "city",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ],
        {
            "id": UUID,
            "location_id": UUID,
            "address_1": TEXT,
            "city": TEXT,
            "state_province": TEXT,
            "postal_code": TEXT,
            "country": {"type": "string", "enum": [records.COUNTRY]},
            "address_type": {"type": "string", "enum": ["physical"]},
        },
    ),
    "Accessibility": record(
        "How accessible a location is.",
        ["id", "location_id", "description"],
        {"id": UUID, "location_id": UUID, "description": TEXT},
    ),
    "ServiceAtLocationOfService": record(
        "One of the places a service is delivered.",
        ["id", "service_id", "location_id", "location"],
        {"id": UUID, "service_id": UUID, "location_id": UUID, "location": ref("Location")},
    ),
    "ServiceAtLocationBrief": record(
        "A service at one of its places, with the service's and the place's own fields.",
        ["id", "service_id", "location_id", "location", "service"],
        {
            "id": UUID,
            "service_id": UUID,
            "location_id": UUID,
            "location": ref("LocationBrief"),
            "service": ref("ServiceBrief"),
        },
    ),
    "ServiceAtLocation": record(
        "A service at one of its places, both in full.",
        ["id", "service_id", "location_id", "location", "service"],
        {
            "id": UUID,
            "service_id": UUID,
            "location_id": UUID,
            "location": ref("Location"),
            "service": ref("Service"),
        },
    ),
    "Taxonomy": record(
        "The directory's one taxonomy: its service categories.",
        ["id", "name", "description", "uri"],
        {
            "id": UUID,
            "name": TEXT,
            "description": TEXT,
            "uri": URI,
            "taxonomy_terms": array(ref("TaxonomyTerm")),
        },
    ),
    "TaxonomyTerm": record(
        "A service category.",
        ["id", "name", "description", "taxonomy", "taxonomy_id", "term_uri", "term"],
        {
            "id": UUID,
            "name": TEXT,
            "description": TEXT,
            "parent_id": UUID,
            "taxonomy": TEXT,
            "taxonomy_id": UUID,
            "term_uri": URI,
            "term": TEXT,
        },
    ),
}


def page(item: str) -> dict:
    return record(
        f"One page of {item} records.",
        [
            "total_items",
            "total_pages",
            "page_number",
            "size",
            "first_page",
            "last_page",
            "empty",
            "contents",
        ],
        {
            "total_items": {"type": "integer", "minimum": 0},
            "total_pages": {"type": "integer", "minimum": 1},
            "page_number": {"type": "integer", "minimum": 1},
            "size": {"type": "integer", "minimum": 0},
            "first_page": {"type": "boolean"},
            "last_page": {"type": "boolean"},
            "empty": {"type": "boolean"},
            "contents": array(ref(item)),
        },
    )


def query(name: str, description: str, schema: dict) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


PARAMETERS = {
    "page": query("page", "The page to return, from 1.", {"type": "integer", "minimum": 1}),
    "per_page": query(
        "per_page",
        f"Records a page (default {params.DEFAULT_PER_PAGE}).",
        {"type": "integer", "minimum": 1, "maximum": params.MAX_PER_PAGE},
    ),
    "search": query("search", "Words to look for in names and descriptions.", TEXT),
    "taxonomy_term_id": query(
        "taxonomy_term_id", "Only services in this category or one below it.", UUID
    ),
    "taxonomy_id": query("taxonomy_id", "Only services with a term from this taxonomy.", UUID),
    "organization_id": query("organization_id", "Only this organisation's services.", UUID),
    "modified_after": query(
        "modified_after",
        "Only records changed at or after this time.",
        {"type": "string", "format": "date-time"},
    ),
    "minimum_age": query(
        "minimum_age",
        "Only services whose minimum age is at least this.",
        {"type": "number", "minimum": 0},
    ),
    "maximum_age": query(
        "maximum_age",
        "Only services whose maximum age is at most this.",
        {"type": "number", "minimum": 0},
    ),
    "postcode": query(
        "postcode",
        "A UK postcode, or its first half: nearest locations first. "
        "A postcode the directory does not know gives a 404.",
        {
            "type": "string",
            "pattern": f"^{params.POSTCODE_PATTERN.pattern}$",
        },
    ),
    "proximity": query(
        "proximity",
        "With postcode: only locations within this many metres of it.",
        {"type": "integer", "minimum": 1, "maximum": params.MAX_PROXIMITY_METRES},
    ),
}

SERVICE_FILTERS = [
    "search",
    "taxonomy_term_id",
    "taxonomy_id",
    "organization_id",
    "modified_after",
    "minimum_age",
    "maximum_age",
]

CORS_HEADER = {
    "Access-Control-Allow-Origin": {
        "description": "Any web page may read the response.",
        "required": True,
        "schema": {"type": "string", "enum": ["*"]},
    }
}


def response(description: str, schema: dict) -> dict:
    return {
        "description": description,
        "headers": CORS_HEADER,
        "content": {"application/json": {"schema": schema}},
    }


BAD_REQUEST = response("A query parameter is not valid.", ref("Error"))
NOT_FOUND = response("No such record, or no such page.", ref("Error"))


def listing(summary: str, item: str, filters: list[str]) -> dict:
    return {
        "get": {
            "summary": summary,
            "operationId": f"list{item}",
            "parameters": [{"$ref": f"#/components/parameters/{name}"} for name in filters]
            + [
                {"$ref": "#/components/parameters/page"},
                {"$ref": "#/components/parameters/per_page"},
            ],
            "responses": {
                "200": response(f"A page of {item} records.", ref(f"{item}Page")),
                "400": BAD_REQUEST,
                "404": NOT_FOUND,
            },
        }
    }


def detail(summary: str, item: str) -> dict:
    return {
        "parameters": [
            {"name": "id", "in": "path", "required": True, "schema": UUID},
        ],
        "get": {
            "summary": summary,
            "operationId": f"get{item}",
            "responses": {
                "200": response(f"The {item} record.", ref(item)),
                "404": NOT_FOUND,
            },
        },
    }


PATHS = {
    "/": {
        "get": {
            "summary": "What this API is and which profile it follows.",
            "operationId": "getApiInfo",
            "responses": {"200": response("About this API.", ref("ApiInfo"))},
        }
    },
    "/services": listing("Published services.", "ServiceBrief", SERVICE_FILTERS),
    "/services/{id}": detail("A published service, fully nested.", "Service"),
    "/service_at_locations": listing(
        "Published services at each of their locations.",
        "ServiceAtLocationBrief",
        [*SERVICE_FILTERS, "postcode", "proximity"],
    ),
    "/service_at_locations/{id}": detail(
        "A published service at one of its locations, fully nested.", "ServiceAtLocation"
    ),
    "/organizations": listing(
        "Published organisations.", "OrganizationBrief", ["search", "modified_after"]
    ),
    "/organizations/{id}": detail(
        "A published organisation with its published services in full.", "Organization"
    ),
    "/taxonomies": listing("The directory's taxonomy.", "Taxonomy", []),
    "/taxonomies/{id}": detail("The directory's taxonomy with all its terms.", "Taxonomy"),
    "/taxonomy_terms": listing("Service categories.", "TaxonomyTerm", []),
    "/taxonomy_terms/{id}": detail("A service category.", "TaxonomyTerm"),
}

PAGED = ["ServiceBrief", "ServiceAtLocationBrief", "OrganizationBrief", "Taxonomy", "TaxonomyTerm"]


def document(base_url: str) -> dict:
    """The OpenAPI document, with ``base_url`` (this API's root) as its server."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Community partnership directory: Open Referral UK API",
            "version": records.HSDS_VERSION,
            "description": (
                "Published organisations, services, locations and service categories "
                "of the community partnership directory, following the Open Referral UK "
                f"profile of HSDS {records.HSDS_VERSION} ({records.PROFILE_URL}). "
                "Read only, no key needed, any origin may call it."
            ),
        },
        "servers": [{"url": base_url}],
        "paths": PATHS,
        "components": {
            "schemas": SCHEMAS | {f"{item}Page": page(item) for item in PAGED},
            "parameters": PARAMETERS,
        },
    }
