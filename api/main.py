"""The API (django-ninja, docs/api.md): its routes, its errors as problem details,
and its OpenAPI 3.1 schema at ``/api/v1/openapi.json``."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from .problems import PROBLEM_TYPE, ProblemError, problem
from .routes import events, reference, releases, root

DESCRIPTION = """\
What the newsroom publishes, read-only, for portals, news agencies and partner sites:
exactly what the website shows, at the same second (a scheduled release appears at its
publication time, never before; a withdrawn one answers 410 with its notice).

* **Languages**: every item carries its texts under `content`, one entry per language;
  `lang=xx` asks for one (with the website's fallback to the original language).
* **Pages**: lists are paged with a cursor (`next`), in a stable order.
* **Mirrors**: `updated_since` gives what was published or changed since an instant,
  with the tombstones of what was withdrawn or expired since then.
* **Caching**: responses carry an `ETag` (answer `If-None-Match` for a 304) and the
  website's `Cache-Control`.
* **Errors**: `application/problem+json` (RFC 9457). **Rate limit**: per client;
  over it, 429 with `Retry-After`.
"""


class NewsroomAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """Errors are documented with the media type they are sent with."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        content[PROBLEM_TYPE] = content.pop("application/json")
        return schema


api = NewsroomAPI(
    title="Newsroom API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url=None,  # the documentation page is ours (api/views.py): no third-party assets
)
api.add_router("/", root.router)
api.add_router("/", releases.router)
api.add_router("/", events.router)
api.add_router("/", reference.router)


@api.exception_handler(ProblemError)
def on_problem(request, error):
    return problem(error.status, error.title, error.detail)


@api.exception_handler(ValidationError)
def on_invalid(request, error):
    details = "; ".join(
        f"{'.'.join(str(part) for part in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', '')}"
        for e in error.errors
    )
    return problem(400, "Invalid request", details)


@api.exception_handler(Http404)
def on_not_found(request, error):
    return problem(404, "Not found", str(error))


@api.exception_handler(HttpError)
def on_http_error(request, error):
    return problem(error.status_code, str(error), "")
