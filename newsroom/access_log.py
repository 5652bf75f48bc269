"""Gunicorn's access log, without the secrets some addresses carry.

Embargo links, the subscribers' confirmation, preferences and unsubscribe links and
the editors' calendar feeds are signed tokens in the address (Django's ``Signer``:
``value:signature``, the signature 43 characters of base64). Whoever reads a log
that keeps them could open the embargoed release, or read the address a
confirmation link carries (signed, not encrypted). Each such path segment or query
value is written ``[secret]`` in the request line, the path, the query and the
Referer (a page under such an address sends it when it loads our own style sheet)."""

import re

from gunicorn.glogging import Logger

#: A signed token: anything, then a colon (or its %3A) and a signature of 40 or more
#: base64 characters, as one path segment or one query value.
SECRET = re.compile(r'(?<=[/=])[^/?&=\s"]*(?::|%3[Aa])[A-Za-z0-9_-]{40,}')
REDACTED = "[secret]"
#: The atoms of the access log that may hold an address.
ADDRESS_ATOMS = ("r", "U", "q", "f", "{referer}i")


def redact(text):
    return SECRET.sub(REDACTED, text) if text else text


class AccessLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for name in ADDRESS_ATOMS:
            if isinstance(atoms.get(name), str):
                atoms[name] = redact(atoms[name])
        return atoms
