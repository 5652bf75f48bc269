"""A press release as an e-mail, in its recipient's language: plain text and HTML.

The interface (the embargo line, "read it online") is in the recipient's language; the
release in that language when it exists, else in its original (the fallback rule),
marked with its own ``lang``. Its number, dateline, title, lead, body, quotes and links,
and the links to its page. Nothing is loaded from elsewhere: no image is embedded, no
tracking pixel, no third-party content; pictures in the text become links to our own
media (with the journalist's embargo token before go-live)."""

import re
from html import escape

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.timezone import localtime

from identity.models import SiteIdentity
from newsroom.languages import localized
from newsroom.site_url import absolute_url
from newsroom.structured_data import plain_text
from releases.views import with_embargo_token

IMAGE = re.compile(r"<img\b[^>]*>")
ATTRIBUTE = re.compile(r'\b(src|alt)="([^"]*)"')
RELATIVE_LINK = re.compile(r'(href|src)="/')
# Pictures (their <figure> frames) are links in an e-mail: nothing is fetched.
FRAME = re.compile(r"</?(figure|picture|source)\b[^>]*>")


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


def release_message(release, to, language, page_url, embargo_until=None, token=None, headers=None):
    """``page_url``: where the recipient reads it (their embargo link before go-live)."""
    content_language = release.content_language(language)
    shown = release.in_language(content_language)
    with translation.override(language):
        quotes = []
        for quote in release.quotes.all():
            has_text = localized(quote, "text", content_language)
            lang = content_language if has_text else release.original_language
            quotes.append(
                {
                    "text": localized(quote, "text", lang),
                    "lang": lang,
                    "by": f"{quote.appointment.person}, {quote.appointment.role.title}",
                }
            )
        links = []
        for link in release.links.all():
            lang = language if localized(link, "label", language) else release.original_language
            label = localized(link, "label", lang) or link.url
            links.append({"label": label, "lang": lang, "url": link.url})
        context = {
            "language": language,
            "content_language": content_language,
            "newsroom": SiteIdentity.current().name,
            "release": release,
            "shown": shown,
            "body_html": email_body(shown.body, token),
            "body_text": plain_text(shown.body),
            "quotes": quotes,
            "links": links,
            "page_url": page_url,
            "embargo_until": localtime(embargo_until) if embargo_until else None,
        }
        subject = render_to_string("distribution/email/release_subject.txt", context)
        text = render_to_string("distribution/email/release.txt", context)
        html = render_to_string("distribution/email/release.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        to=[to],
        headers={"Content-Language": language, **(headers or {})},
    )
    message.attach_alternative(html, "text/html")
    return message


__all__ = ["email_body", "escape", "release_message"]
