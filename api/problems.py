"""Errors as RFC 9457 problem details (``application/problem+json``), one shape for
every error of the API, whoever raises it: a route, a validation, the rate limit."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse

PROBLEM_TYPE = "application/problem+json"


def problem(status, title, detail="", **extra):
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return HttpResponse(
        json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False),
        status=status,
        content_type=PROBLEM_TYPE,
    )


class ProblemError(Exception):
    """Raised by a route to answer with a problem (a wrong cursor, an unknown filter)."""

    def __init__(self, status, title, detail=""):
        super().__init__(detail or title)
        self.status, self.title, self.detail = status, title, detail
