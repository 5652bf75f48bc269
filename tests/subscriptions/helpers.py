"""Helpers for the subscription tests: posting the form, reading the confirmation link
of a message, making a confirmed subscriber."""

import re
from urllib.parse import urlsplit

from django.utils import timezone

from tests.public import reverse_in
from tests.smtp import parts

SITE = "https://newsroom.example.be"


def subscribe_url(language="fr"):
    return reverse_in("subscriptions:subscribe", language)


def subscribe(client, page_language="fr", client_ip="192.0.2.10", **data):
    """POST the subscription form of a page in ``page_language`` as a browser on this
    site does (same origin); the e-mails' language is the page's unless given. Keys in
    ``HTTP_*`` are headers, the others form fields."""
    headers = {name: data.pop(name) for name in list(data) if name.startswith("HTTP_")}
    data.setdefault("language", page_language)
    return client.post(
        subscribe_url(page_language),
        data,
        REMOTE_ADDR=client_ip,
        **{"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "same-origin", **headers},
    )


def same_origin_post(client, path, data=None):
    return client.post(
        path, data or {}, HTTP_ORIGIN="http://testserver", HTTP_SEC_FETCH_SITE="same-origin"
    )


def links_in(message, view_name):
    """The paths of the message's links (in its plain text, and the same in its HTML)
    to ``view_name`` (e.g. "subscriptions:confirm")."""
    from django.urls import Resolver404, resolve
    from django.utils import translation

    text, html = parts(message)
    found = []
    for url in re.findall(rf"{re.escape(SITE)}/\S+", text):
        path = urlsplit(url).path
        try:
            with translation.override(path.split("/")[1]):  # the address's language
                name = resolve(path).view_name
        except Resolver404:
            continue
        if name == view_name:
            assert f'href="{url}"' in html
            found.append(urlsplit(url).path)
    return found


def confirmation_path(message):
    """The path of the confirmation link of a message."""
    [path] = links_in(message, "subscriptions:confirm")
    return path


def make_subscriber(email="ann@example.be", language="fr", **choices):
    from subscriptions.models import Subscriber

    now = timezone.now()
    subscriber = Subscriber.objects.create(
        email=email,
        language=language,
        all_releases=choices.pop("all_releases", False),
        requested_at=now,
        confirmed_at=now,
        source="/fr/",
    )
    for name, items in choices.items():
        getattr(subscriber, name).set(items)
    return subscriber


def is_private(response):
    """The headers of a personal page: kept by nobody, indexed by nobody, no Referer."""
    cache_control = response.get("Cache-Control", "")
    return (
        "private" in cache_control
        and "no-store" in cache_control
        and "noindex" in response.get("X-Robots-Tag", "")
        and response.get("Referrer-Policy") == "same-origin"
    )
