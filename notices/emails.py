"""A workflow notice as an e-mail, in its recipient's language: plain text and HTML,
with the link to the item in the admin and to the preferences that turn them off."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from identity.models import SiteIdentity
from newsroom.site_url import absolute_url


def sentence(change, item, actor, live=False):
    values = {"title": str(item), "user": actor}
    if live:
        values["when"] = localtime(item.publish_at).strftime("%d/%m/%Y %H:%M:%S")
        return _("“%(title)s” is live since %(when)s (Brussels): the public sees it.") % values
    if change.action == "submit":
        return _("“%(title)s” was submitted for review by %(user)s.") % values
    if change.action == "return_to_draft":
        return _("“%(title)s” was returned to you by %(user)s.") % values
    if change.action == "schedule":
        values["when"] = localtime(item.publish_at).strftime("%d/%m/%Y %H:%M:%S")
        return (
            _("“%(title)s” was approved by %(user)s; it goes live on %(when)s (Brussels).") % values
        )
    return _("“%(title)s” was approved and published by %(user)s.") % values


def notice_message(change, item, person, language, live=False):
    with translation.override(language):
        user = change.user
        actor = (user.get_full_name() or user.get_username()) if user else "—"
        opts = item._meta
        context = {
            "language": language,
            "newsroom": SiteIdentity.current().name,
            "sentence": sentence(change, item, actor, live),
            "kind": opts.verbose_name,
            "item_url": absolute_url(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
            ),
            "preferences_url": absolute_url(reverse("notices:preferences")),
        }
        subject = f"[{context['newsroom']}] {context['sentence']}"
        text = render_to_string("notices/email/state_change.txt", context)
        html = render_to_string("notices/email/state_change.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        to=[person.email],
        headers={"Auto-Submitted": "auto-generated", "Content-Language": language},
    )
    message.attach_alternative(html, "text/html")
    return message
