"""A press release as an e-mail, in its recipient's language: plain text and HTML.

The interface (the embargo line, "read it online", why you receive it) is in the
recipient's language; the release in that language when it exists, else in its
original (the fallback rule), marked with its own ``lang``. Its number, dateline,
title, lead, body, quotes and links, and the links to its page and its press kit.
Nothing is loaded from elsewhere: no image is embedded, no tracking pixel, no
third-party content; pictures in the text become links to our own media (with the
journalist's embargo token before go-live).

Every message carries a one-click unsubscribe (RFC 8058: ``List-Unsubscribe`` and
``List-Unsubscribe-Post``) for its recipient, subscriber or journalist, and a signed
``X-Newsroom-Delivery`` header by which a bounce report finds its message
(bounces.py).

A publication mailing renders the release once per language and kind of recipient
(``ReleaseEmail``), then puts each recipient's own links in: 10,000 messages do not
render 10,000 templates."""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.timezone import localtime

from identity.models import SiteIdentity
from newsroom.languages import localized, slug_in_language
from newsroom.site_url import absolute_url
from newsroom.structured_data import plain_text
from releases.placement import place_quotes
from releases.views import with_embargo_token
from subscriptions import links

IMAGE = re.compile(r"<img\b[^>]*>")
ATTRIBUTE = re.compile(r'\b(src|alt)="([^"]*)"')
RELATIVE_LINK = re.compile(r'(href|src)="/')
# Pictures (their <figure> frames) are links in an e-mail: nothing is fetched.
FRAME = re.compile(r"</?(figure|picture|source)\b[^>]*>")
DELIVERY_HEADER = "X-Newsroom-Delivery"
_DELIVERY_SALT = "distribution.delivery"
# Stand-ins for each recipient's own links in a message rendered once for many.
_UNSUBSCRIBE, _MANAGE = "NEWSROOM-UNSUBSCRIBE-URL", "NEWSROOM-PREFERENCES-URL"


def _image_as_link(match):
    attributes = dict(ATTRIBUTE.findall(match.group(0)))
    label = attributes.get("alt") or translation.gettext("picture")
    return f'<a href="{attributes.get("src", "")}">[{label}]</a>'


def email_body(html, token=None):
    """The release's rich text for an e-mail: images as links, every address absolute."""
    if token:
        html = with_embargo_token(html, token)
    html = FRAME.sub("", IMAGE.sub(_image_as_link, html))
    return RELATIVE_LINK.sub(lambda m: f'{m.group(1)}="{absolute_url("/")}', html)


def delivery_token(delivery_id):
    return signing.Signer(salt=_DELIVERY_SALT).sign(str(delivery_id))


def read_delivery_token(value):
    try:
        value = signing.Signer(salt=_DELIVERY_SALT).unsign((value or "").strip())
    except signing.BadSignature:
        return None
    return int(value) if value.isdigit() else None


def reference(item, field, language):
    """A name of reference data (an organization's, a role's title) for a reader of
    ``language``, and the language it is really in: the reader's, else the first of
    the fallback languages that has it (as modeltranslation falls back)."""
    for code in dict.fromkeys([language, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES]):
        if value := localized(item, field, code):
            return value, code
    return str(item), language


def release_urls(release, language, token=None):
    """The release's page and press kit for a reader of ``language``: public after
    go-live, through the journalist's embargo link before."""
    with translation.override(language):
        kit = reverse("releases:press_kit", kwargs={"slug": slug_in_language(release)})
        if token:
            page = reverse("releases:embargo", kwargs={"token": token})
            kit += "?" + urlencode({"embargo": token})
        else:
            page = release.get_absolute_url()
    has_files = bool(release.images.all() or release.documents.all())
    return absolute_url(page), absolute_url(kit) if has_files else None


def render(release, language, *, page_url, press_kit_url, embargo_until=None, token=None, **extra):
    """``(subject, text, html)`` of the release for a reader of ``language``."""
    content_language = release.content_language(language)
    shown = release.in_language(content_language)
    with translation.override(language):
        # The body with its quotes in their place (releases/placement.py): runs of
        # the body as HTML and as text, and quotes.
        body = []
        for part in place_quotes(shown.body, release.quotes.all()):
            if part.quote is None:
                body.append({"html": email_body(part.html, token), "text": plain_text(part.html)})
                continue
            quote = part.quote
            has_text = localized(quote, "text", content_language)
            lang = content_language if has_text else release.original_language
            role, role_lang = reference(quote.appointment.role, "title", language)
            body.append(
                {
                    "quote": {
                        "text": localized(quote, "text", lang),
                        "lang": lang,
                        "by": f"{quote.appointment.person}, {role}",
                        "by_lang": role_lang,
                    }
                }
            )
        issuer, issuer_lang = reference(release.issuing_organization, "name", language)
        release_links = []
        for link in release.links.all():
            lang = language if localized(link, "label", language) else release.original_language
            label = localized(link, "label", lang) or link.url
            release_links.append({"label": label, "lang": lang, "url": link.url})
        pictures = []
        for image in release.images.all():
            if not image.renditions:
                continue
            lang = content_language if localized(image, "alt", content_language) else None
            lang = lang or release.original_language
            url = default_storage.url(image.renditions[-1]["jpeg"])
            if token:
                url += "?" + urlencode({"embargo": token})
            pictures.append(
                {
                    "url": absolute_url(url) if url.startswith("/") else url,
                    "label": localized(image, "alt", lang) or translation.gettext("picture"),
                    "lang": lang,
                    "credit": image.credit_line,
                }
            )
        context = {
            "language": language,
            "content_language": content_language,
            "pictures": pictures,
            "issuer": issuer,
            "issuer_lang": issuer_lang,
            "newsroom": SiteIdentity.current().name,
            "release": release,
            "shown": shown,
            "body": body,
            "links": release_links,
            "page_url": page_url,
            "press_kit_url": press_kit_url,
            "embargo_until": localtime(embargo_until) if embargo_until else None,
            **extra,
        }
        subject = render_to_string("distribution/email/release_subject.txt", context)
        text = render_to_string("distribution/email/release.txt", context)
        html = render_to_string("distribution/email/release.html", context)
    return " ".join(subject.split()), text, html


def message(to, language, subject, text, html, *, unsubscribe_url, delivery_id=None):
    """The e-mail itself, with the headers a mailing list carries."""
    headers = {
        "Content-Language": language,
        "Auto-Submitted": "auto-generated",
        "List-Id": f"<releases.{_host()}>",
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    if delivery_id is not None:
        headers[DELIVERY_HEADER] = delivery_token(delivery_id)
    email = EmailMultiAlternatives(subject=subject, body=text, to=[to], headers=headers)
    email.attach_alternative(html, "text/html")
    return email


def _host():
    return urlsplit(settings.NEWSROOM_SITE_URL).hostname or "localhost"


class ReleaseEmail:
    """The messages of one sending: the release rendered once per language and kind
    of recipient, each recipient's links put in afterwards."""

    def __init__(self, release):
        self.release = release
        self._rendered = {}

    def embargoed(self, delivery, link):
        """Under embargo: the journalist's own link everywhere (page, pictures, press
        kit), so nothing is shared between messages."""
        page, kit = release_urls(self.release, delivery.language, token=link.token)
        subject, text, html = render(
            self.release,
            delivery.language,
            page_url=page,
            press_kit_url=kit,
            embargo_until=self.release.publish_at,
            token=link.token,
            recipient_kind="journalist",
            unsubscribe_url=_UNSUBSCRIBE,
        )
        return self._personal(delivery, delivery.journalist, subject, text, html)

    def published(self, delivery):
        recipient = delivery.journalist or delivery.subscriber
        kind = "journalist" if delivery.journalist_id else "subscriber"
        key = (delivery.language, kind)
        if key not in self._rendered:
            page, kit = release_urls(self.release, delivery.language)
            self._rendered[key] = render(
                self.release,
                delivery.language,
                page_url=page,
                press_kit_url=kit,
                recipient_kind=kind,
                unsubscribe_url=_UNSUBSCRIBE,
                manage_url=_MANAGE,
            )
        return self._personal(delivery, recipient, *self._rendered[key])

    def _personal(self, delivery, recipient, subject, text, html):
        unsubscribe = links.unsubscribe_url(recipient, delivery.language)
        own = {_UNSUBSCRIBE: unsubscribe}
        if delivery.subscriber_id:
            own[_MANAGE] = links.manage_url(delivery.subscriber, delivery.language)
        for placeholder, url in own.items():
            text, html = text.replace(placeholder, url), html.replace(placeholder, url)
        return message(
            delivery.email,
            delivery.language,
            subject,
            text,
            html,
            unsubscribe_url=unsubscribe,
            delivery_id=delivery.pk,
        )
