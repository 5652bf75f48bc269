"""The confirmation e-mail of a subscription request (double opt-in), in the language
asked for: plain text and HTML, no image and nothing fetched from elsewhere."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from subscriptions import links


def confirmation_message(asked, subscriber=None):
    """The message asking the owner of ``asked.email`` to confirm ``asked``; when the
    address is already subscribed (``subscriber``), it also gives their preferences
    link (whoever lost it gets it back by asking again; only the mailbox sees it)."""
    from identity.models import SiteIdentity

    language = asked.language
    with translation.override(language):
        newsroom = SiteIdentity.current().name
        context = {
            "language": language,
            "language_name": get_language_info(language)["name_local"],
            "newsroom": newsroom,
            "asked": asked,
            "choices": asked.summary(),
            "confirm_url": links.confirmation_url(asked.data()),
            "days": links.CONFIRMATION_DAYS,
            "manage_url": links.manage_url(subscriber, language) if subscriber else None,
        }
        subject = _("[%(newsroom)s] Confirm your subscription to the press releases") % {
            "newsroom": newsroom
        }
        text = render_to_string("subscriptions/email/confirm.txt", context)
        html = render_to_string("subscriptions/email/confirm.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        to=[asked.email],
        headers={"Auto-Submitted": "auto-generated", "Content-Language": language},
    )
    message.attach_alternative(html, "text/html")
    return message
