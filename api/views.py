"""The API's documentation page, on the website in the reader's language: drawn
from the OpenAPI schema itself (so it cannot drift from it), with no third-party
script or style (the site's Content-Security-Policy stays as it is)."""

import functools
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from .main import api

METHODS = ("get", "head")
CODE_SPAN = re.compile(r"`([^`]+)`")


def operations(schema):
    """The schema's operations in a form a template reads: path, summary,
    description, parameters (name, where, type, required, description), statuses."""
    found = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            if method not in METHODS:
                continue
            found.append(
                {
                    "id": operation.get("operationId", path),
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": with_code(operation.get("description", "")),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "where": parameter["in"],
                            "type": _type_of(parameter.get("schema", {})),
                            "required": parameter.get("required", False),
                            "description": with_code(
                                parameter.get("description", "")
                                or parameter.get("schema", {}).get("description", "")
                            ),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "statuses": sorted(operation.get("responses", {})),
                }
            )
    return found


def with_code(text):
    """The schema's Markdown code spans (`lang`) as ``<code>``, the rest escaped."""
    return mark_safe(CODE_SPAN.sub(r"<code>\1</code>", escape(text)))


def _type_of(schema):
    if "anyOf" in schema:
        return " | ".join(
            _type_of(option) for option in schema["anyOf"] if option != {"type": "null"}
        )
    if "enum" in schema:
        return " | ".join(str(value) for value in schema["enum"])
    kind = schema.get("type", "")
    if schema.get("format"):
        kind = f"{kind} ({schema['format']})"
    return kind


@functools.cache
def documented_operations():
    """Read once per process: the schema changes only with the code."""
    schema = api.get_openapi_schema()
    return operations(schema), schema["info"]["version"]


class ApiDocsView(TemplateView):
    template_name = "api/docs.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found, version = documented_operations()
        context.update(
            page_title=_("Public API"),
            page_description=_(
                "The newsroom's releases and events as JSON, for portals and partner sites."
            ),
            operations=found,
            version=version,
        )
        return context
