"""``/api/v1/``: where everything is, for a developer who starts there."""

from django.urls import reverse
from django.utils import translation
from ninja import Router, Schema

from newsroom.site_url import absolute_url

from ..responses import json_response

router = Router(tags=["Index"])


class Index(Schema):
    openapi: str
    documentation: str
    releases: str
    events: str
    organizations: str
    officials: str
    topics: str


@router.get("/", response={200: Index}, url_name="index", summary="Where everything is")
def index(request):
    """The addresses of the lists, the OpenAPI schema and the documentation page."""
    with translation.override("en"):
        documentation = absolute_url(reverse("api-docs"))
    return json_response(
        {
            "openapi": absolute_url(reverse("api:openapi-json")),
            "documentation": documentation,
            **{
                name: absolute_url(reverse(f"api:{name}"))
                for name in ("releases", "events", "organizations", "officials", "topics")
            },
        }
    )
