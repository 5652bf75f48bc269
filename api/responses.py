"""Answers written straight to JSON. django-ninja would check each document against
its response type on every request (two thirds of a list's time, measured); the
documents are built by our code from our models, and the schema tests
(tests/api/test_schema_fuzz.py) check every answer against the published schema."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse


def json_response(data):
    return HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")),
        content_type="application/json",
    )
