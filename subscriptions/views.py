"""The public pages of the e-mail subscriptions: the form, the confirmation (double
opt-in), the preferences with the subscriber's data (export, deletion) and the
one-click unsubscribe, all without an account and without a cookie.

No cookie, and yet no cross-site request forgery
-------------------------------------------------
The site promises anonymous visitors no cookie, even on the pages that carry the
subscription form. Django's CSRF protection needs one (``csrftoken``), so these views
are ``csrf_exempt`` and their forms carry no token. What stands instead:

* **A cross-site POST is refused** (403, ``is_cross_site``): a browser says where a
  request comes from in ``Sec-Fetch-Site`` (anything but ``same-origin`` or ``none``
  is refused) and, in older browsers, in ``Origin`` (refused unless it is this site).
  A page elsewhere can make a visitor's browser post, but cannot remove or forge
  these headers.
* **What a forged or scripted request could do is small anyway.** The form only sends
  a confirmation e-mail: nothing is stored until the owner of the mailbox opens the
  link and presses the button (double opt-in), and the rate limits (throttle.py) bound
  the e-mails per address and the requests per client. The answer is the same
  whatever the address (subscribed or not, over its limit or not), so the form tells
  nobody anything about anyone. A honeypot field catches the simplest robots.
* **The pages behind a signed link** (confirmation, preferences, export, deletion,
  unsubscribe) need the link's secret, which a forging page does not know; they are
  personal: never stored by a cache, never indexed, never sent as a Referer.
* **The one-click unsubscribe** (RFC 8058) is posted by the recipient's mail
  provider, from its servers, with ``List-Unsubscribe=One-Click`` and no cookie,
  ``Origin`` or ``Sec-Fetch-*`` header: it takes the link alone, by design.
"""

import json
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from newsroom.limits import refused
from releases.filters import read_filters
from subscriptions import confirmation, gdpr, links, tasks, throttle
from subscriptions.confirmation import CHOICES, KINDS, SubscriptionRequest, public_choices
from subscriptions.forms import ChoicesForm, SubscribeForm

log = logging.getLogger(__name__)

#: The source of a consent given on the preferences page.
PREFERENCES_SOURCE = "preferences page"


# ---------------------------------------------------------------------------
# Shared answers.


def private(response):
    """A personal answer: kept by no cache, indexed by no engine, and its address (a
    secret link) never sent to another site as a Referer."""
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # same-origin, not no-referrer: no other site hears of the link, and the page's own
    # forms keep their Origin (no-referrer makes it "null", which a browser without
    # Sec-Fetch-Site would then be refused for).
    response["Referrer-Policy"] = "same-origin"
    return response


def page(request, template, context=None, status=200):
    return private(render(request, template, context or {}, status=status))


def not_found(request):
    """An altered or unknown link: the site's 404 page, kept by nobody."""
    return page(request, "404.html", status=404)


def _own_origins(request):
    site = urlsplit(settings.NEWSROOM_SITE_URL)
    return {
        f"{request.scheme}://{request.get_host()}",
        f"{site.scheme}://{site.netloc}",
        *settings.CSRF_TRUSTED_ORIGINS,
    }


def is_cross_site(request):
    """Sent by a browser from another site's page (see the module's docstring).

    ``Sec-Fetch-Site`` decides when the browser sends it: only ``same-origin`` (a page
    of this site) and ``none`` (the visitor's own doing: a bookmark, a reload) pass.
    It is the browser's own account of where the request comes from, unlike
    ``Origin``, which is ``null`` on a form posted from a page under
    ``Referrer-Policy: no-referrer`` (our personal pages say ``same-origin``, which
    keeps it). Without it (an older browser), ``Origin``, when sent, must be this
    site's."""
    site = request.headers.get("Sec-Fetch-Site", "").strip().lower()
    if site:
        return site not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    return origin is not None and origin.strip() not in _own_origins(request)


def cross_site_refused(request):
    response = refused(
        request,
        _(
            "This form can only be sent from this site's own pages. Open the page "
            "on this site and send it from there."
        ),
        status=403,
    )
    return private(response)


# ---------------------------------------------------------------------------
# Subscribing.


def _preselected(request):
    """The choices named in the address (``?organization=slug``, ``official``,
    ``topic``, as in the release list): the small forms' "more choices" link. An
    unknown or unpublished one is a 404, as in the list."""
    params = {
        name: request.GET[name]
        for name in ("organization", "official", "topic")
        if request.GET.get(name)
    }
    active = read_filters(params) if params else {}
    initial = {"language": get_language()}
    for parameter, name in (("organization", "organizations"), ("official", "people")):
        if parameter in active:
            initial[name] = [active[parameter].pk]
    if "topic" in active:
        initial["topics"] = [active["topic"].pk]
    return initial


def check_inbox(request):
    """The one answer to an accepted request, whatever the address: byte for byte the
    same for a new address, a subscribed one, one over its limit, or a robot's."""
    return page(request, "subscriptions/check_inbox.html", {"days": links.CONFIRMATION_DAYS})


def too_many_requests(request, seconds):
    response = page(
        request,
        "subscriptions/too_many_requests.html",
        {"minutes": max(1, -(-seconds // 60))},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    """The subscription form (GET), and every form's request (POST): checked, limited,
    then a confirmation e-mail queued; nothing else is stored."""
    choices = public_choices()
    if request.method != "POST":
        form = SubscribeForm(initial=_preselected(request), choices=choices)
        context = {"form": form, "page_title": _("Press releases by e-mail")}
        return render(request, "subscriptions/subscribe.html", context)
    if is_cross_site(request):
        return cross_site_refused(request)
    now = timezone.now()
    throttle.purge(now)
    client = throttle.client(request)
    if seconds := throttle.wait(throttle.CLIENT, client, now):
        return too_many_requests(request, seconds)
    throttle.record(throttle.CLIENT, client, now)
    form = SubscribeForm(request.POST, choices=choices)
    if form.is_trap_filled():
        return check_inbox(request)
    if not form.is_valid():
        # 400 with the form and its errors; private: it shows the address typed.
        return page(request, "subscriptions/subscribe.html", {"form": form}, status=400)
    asked = form.request(now)
    if not throttle.wait(throttle.ADDRESS, asked.email, now):
        try:
            tasks.send_confirmation(asked.data())
        except Exception:  # the queue out of reach: say so, rather than promise an e-mail
            log.exception("a subscription's confirmation e-mail could not be queued")
            response = page(request, "subscriptions/unavailable.html", status=503)
            response["Retry-After"] = "300"
            return response
        throttle.record(throttle.ADDRESS, asked.email, now)
    return check_inbox(request)


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET shows what is about to be confirmed, with a button: mail scanners follow
    links, and must not subscribe anyone. POST stores it (confirmation.confirm)."""
    data = links.read_confirmation_token(token)
    if data is None:
        if links.confirmation_expired(token):
            return page(
                request,
                "subscriptions/confirm_expired.html",
                {"days": links.CONFIRMATION_DAYS},
                status=410,
            )
        return not_found(request)
    asked = SubscriptionRequest.from_data(data)
    if asked.is_empty():  # what was asked for is no longer published
        return page(request, "subscriptions/confirm_expired.html", {"withdrawn": True}, 410)
    if request.method == "POST":
        if is_cross_site(request):
            return cross_site_refused(request)
        subscriber = confirmation.confirm(asked, timezone.now())
        url = reverse("subscriptions:manage", kwargs={"token": links.manage_token(subscriber)})
        response = HttpResponseRedirect(url + "?confirmed=1")
        response.status_code = 303
        return private(response)
    context = {
        "asked": asked,
        "choices": asked.summary(),
        "language_name": get_language_info(asked.language)["name_local"],
    }
    return page(request, "subscriptions/confirm.html", context)


# ---------------------------------------------------------------------------
# The subscriber's own pages.


def _subscriber_or_answer(request, token):
    """The subscriber of a preferences link, or the answer to give instead: a link of
    ours whose subscription was deleted is "gone" (410), any other is not found."""
    subscriber = links.read_manage_token(token)
    if subscriber is not None:
        return subscriber, None
    if links.is_manage_token(token):
        return None, page(request, "subscriptions/gone.html", status=410)
    return None, not_found(request)


def manage_choices(subscriber):
    """What the preferences offer: the public choices, and those already chosen even
    if they are no longer public (they may be kept or dropped, never added: only the
    subscriber sees them, and they were public when chosen)."""
    public = public_choices()
    return {
        name: public[name] | model.objects.filter(pk__in=getattr(subscriber, name).values("pk"))
        for name, model, _label in KINDS
    }


def _current(subscriber):
    return {
        "language": subscriber.language,
        "all_releases": subscriber.all_releases,
        **{
            name: sorted(getattr(subscriber, name).values_list("pk", flat=True)) for name in CHOICES
        },
    }


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    """The preferences: language and choices; links to the data and its deletion."""
    subscriber, answer = _subscriber_or_answer(request, token)
    if answer:
        return answer
    before = _current(subscriber)
    form = ChoicesForm(
        request.POST if request.method == "POST" else None,
        initial=before,
        choices=manage_choices(subscriber),
    )
    if request.method == "POST":
        if is_cross_site(request):
            return cross_site_refused(request)
        if form.is_valid():
            save_preferences(subscriber, form.cleaned_data, before)
            response = HttpResponseRedirect(request.path + "?saved=1")
            response.status_code = 303
            return private(response)
    context = {
        "subscriber": subscriber,
        "form": form,
        "saved": request.GET.get("saved") == "1",
        "confirmed": request.GET.get("confirmed") == "1",
        "token": token,
    }
    status = 400 if form.is_bound else 200  # a form sent back: it has errors
    return page(request, "subscriptions/manage.html", context, status=status)


@transaction.atomic
def save_preferences(subscriber, cleaned, before):
    after = {
        "language": cleaned["language"],
        "all_releases": cleaned["all_releases"],
        **{name: sorted(item.pk for item in cleaned[name]) for name in CHOICES},
    }
    if after == before:
        return  # nothing changed: no new consent
    subscriber.language = after["language"]
    subscriber.all_releases = after["all_releases"]
    subscriber.save(update_fields=["language", "all_releases"])
    for name in CHOICES:
        getattr(subscriber, name).set(cleaned[name])
    confirmation.record_change(subscriber, timezone.now(), PREFERENCES_SOURCE)


@require_http_methods(["GET", "HEAD"])
def export(request, token):
    """Everything kept about the subscriber (gdpr.export), as a JSON file."""
    subscriber, answer = _subscriber_or_answer(request, token)
    if answer:
        return answer
    body = json.dumps(gdpr.export(subscriber), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return private(response)


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request, token):
    """GET asks to confirm; POST deletes everything kept (gdpr.forget)."""
    subscriber, answer = _subscriber_or_answer(request, token)
    if answer:
        return answer
    if request.method == "POST":
        if is_cross_site(request):
            return cross_site_refused(request)
        gdpr.forget(subscriber)
        return page(request, "subscriptions/deleted.html")
    return page(request, "subscriptions/delete.html", {"subscriber": subscriber, "token": token})


# ---------------------------------------------------------------------------
# Unsubscribing (RFC 8058).


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET: a page with one button. POST (the button, or the mail provider's one-click
    ``List-Unsubscribe=One-Click``): a subscriber is forgotten entirely (gdpr.forget);
    a journalist of the press lists is marked as unsubscribed (the press office keeps
    its list, and sends them nothing more). Twice is like once."""
    recipient = links.read_unsubscribe_token(token)
    if recipient is None and not links.is_unsubscribe_token(token):
        return not_found(request)
    journalist = recipient is not None and recipient._meta.model_name == "journalist"
    if request.method == "POST":
        if journalist and recipient.unsubscribed_at is None:
            recipient.unsubscribed_at = timezone.now()
            recipient.save(update_fields=["unsubscribed_at"])
        elif recipient is not None and not journalist:
            gdpr.forget(recipient)
        return page(request, "subscriptions/unsubscribed.html")
    if recipient is None or (journalist and recipient.unsubscribed_at):
        return page(request, "subscriptions/unsubscribed.html", {"already": True})
    return page(
        request,
        "subscriptions/unsubscribe.html",
        {
            "recipient": recipient,
            "journalist": journalist,
            "manage_token": None if journalist else links.manage_token(recipient),
        },
    )
