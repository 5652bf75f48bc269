"""The access log writes no secret of an address: the signed tokens of embargo,
subscription and calendar links are "[secret]" in the request line, the path, the
query and the Referer; everything else stays as it was."""

import datetime
from types import SimpleNamespace

import pytest
from django.core import signing
from gunicorn.config import Config

from newsroom.access_log import AccessLogger, redact


def access_line(path, query="", referer="-"):
    config = Config()
    config.set("accesslog", "-")
    config.set(
        "access_log_format",
        '%({x-forwarded-for}i)s "%(r)s" %(s)s "%(f)s" U=%(U)s q=%(q)s',
    )
    logger = AccessLogger(config)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path + (f"?{query}" if query else ""),
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.0.0.2",
        "HTTP_REFERER": referer,
    }
    request = SimpleNamespace(headers=[("REFERER", referer), ("X-FORWARDED-FOR", "203.0.113.7")])
    response = SimpleNamespace(status="200 OK", sent=1234, headers=[])
    atoms = logger.atoms(response, request, environ, datetime.timedelta(milliseconds=41))
    return config.access_log_format % logger.atoms_wrapper_class(atoms)


def tokens():
    return {
        "embargo": signing.Signer(salt="newsroom.embargo-link").sign_object(
            {"l": 12, "s": "x" * 43}
        ),
        "manage": signing.Signer(salt="subscriptions.manage").sign("7.AbCdEf0123456789_-xyzw"),
        "confirm": signing.dumps({"email": "ann@example.be"}, salt="subscriptions.confirm"),
        "calendar": signing.Signer(salt="desk.calendar").sign("3.Zz09"),
    }


@pytest.mark.parametrize("name", ["embargo", "manage", "confirm", "calendar"])
def test_a_token_in_the_address_is_written_secret(name, settings):
    token = tokens()[name]
    path = f"/fr/abonnements/preferences/{token}/"
    line = access_line(path, query="page=2", referer=f"https://newsroom.example.be{path}")
    assert token not in line and token.split(":")[0] not in line
    assert '"GET /fr/abonnements/preferences/[secret]/?page=2 HTTP/1.1" 200' in line
    assert '"https://newsroom.example.be/fr/abonnements/preferences/[secret]/"' in line
    assert "U=/fr/abonnements/preferences/[secret]/" in line
    assert line.startswith("203.0.113.7 ")


def test_a_token_in_the_query_is_written_secret_encoded_or_not():
    token = tokens()["embargo"]
    for value in (token, token.replace(":", "%3A")):
        line = access_line("/media/images/abc/800.jpg", query=f"embargo={value}&w=2")
        assert "embargo=[secret]&w=2" in line and value not in line


def test_ordinary_addresses_are_left_alone():
    for text in (
        "/fr/communiques/spf-securite-sociale-soutient-socieux/",
        "/fr/recherche/?q=s%C3%A9curit%C3%A9+sociale:pensions&year=2017",
        "/sitemap-releases.xml",
        "http://127.0.0.1:8000/nl/persberichten/?organization=belincosoc",
    ):
        assert redact(text) == text
