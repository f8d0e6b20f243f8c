"""The Open Referral UK profile, read from its own folder, as response validators.

The profile (JSON schemas, OpenAPI document, examples) is CC BY-SA data kept
beside the project, never copied into it: ../shared/oruk from the project
root, or wherever ORUK_PROFILE_DIR points.
"""

import copy
import json
import os
from functools import cache
from pathlib import Path

from django.conf import settings
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

# The profile's OpenAPI document names its schemas by these URLs.
PUBLISHED_AT = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
FORMATS = {"uuid", "email", "uri", "date-time"}

# Endpoints the UK profile's OpenAPI document does not describe as we serve them:
# /organizations comes from full HSDS 3.0, and the profile gives /service_at_locations/{id}
# the service schema while its own example of that response is a service_at_location.
OVERRIDES = {
    "/organizations": {"page_of": "compiled/organization_list.json"},
    "/organizations/{id}": {"$ref": "compiled/organization.json"},
    "/service_at_locations/{id}": {"$ref": "compiled/service_at_location.json"},
}


def location() -> Path:
    configured = os.environ.get("ORUK_PROFILE_DIR")
    return Path(configured) if configured else settings.BASE_DIR.parent / "shared" / "oruk"


class Profile:
    def __init__(self, root: Path):
        self.root = root
        schemas = root / "schema"
        resources = []
        for path in schemas.rglob("*.json"):
            name = path.relative_to(schemas).as_posix()
            resource = Resource.from_contents(
                json.loads(path.read_text()), default_specification=DRAFT202012
            )
            resources += [(name, resource), (PUBLISHED_AT + name, resource)]
        self.registry = Registry().with_resources(resources)
        self.openapi = json.loads((schemas / "openapi.json").read_text())
        missing = FORMATS - set(Draft202012Validator.FORMAT_CHECKER.checkers)
        assert not missing, f"jsonschema cannot check these formats: {missing}"

    def example(self, name: str):
        return json.loads((self.root / "examples" / name).read_text())

    def response_schema(self, path: str) -> dict:
        """The schema of a 200 response at ``path`` (as the OpenAPI document writes it)."""
        page = self.openapi["components"]["schemas"]["Page"]
        override = OVERRIDES.get(path)
        if override and "page_of" in override:
            return {
                "allOf": [page],
                "properties": {
                    "contents": {
                        "type": "array",
                        "items": {"$ref": PUBLISHED_AT + override["page_of"]},
                    }
                },
            }
        if override:
            return {"$ref": PUBLISHED_AT + override["$ref"]}
        schema = copy.deepcopy(
            self.openapi["paths"][path]["get"]["responses"]["200"]["content"]["application/json"][
                "schema"
            ]
        )
        if schema.get("allOf") == [{"$ref": "#/components/schemas/Page"}]:
            schema["allOf"] = [page]
        return schema

    def errors(self, path: str, body) -> list[str]:
        validator = Draft202012Validator(
            self.response_schema(path),
            registry=self.registry,
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )
        return [
            f"{error.json_path}: {error.message}"
            for error in sorted(validator.iter_errors(body), key=lambda e: e.json_path)
        ]

    def paths(self) -> set[str]:
        return set(self.openapi["paths"]) | set(OVERRIDES)


@cache
def load(root: Path) -> Profile:
    return Profile(root)
