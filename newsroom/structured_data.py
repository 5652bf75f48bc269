"""schema.org JSON-LD for search engines: NewsArticle for releases, Event for events.

Values come from editors, so the JSON is escaped for an HTML ``<script>``
element: ``<``, ``>`` and ``&`` are written as ``\\u`` escapes, which JSON
parsers read back unchanged but which cannot close the element.
"""

import json
from html import unescape

from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data):
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def organization_data(organization, absolute):
    data = {
        "@type": "GovernmentOrganization",
        "name": organization.name,
        "url": absolute(organization.get_absolute_url()),
    }
    if organization.website:
        data["sameAs"] = organization.website
    return data


def person_data(appointment, absolute):
    return {
        "@type": "Person",
        "name": appointment.person.full_name,
        "jobTitle": appointment.role.title,
        "url": absolute(appointment.person.get_absolute_url()),
    }


def plain_text(html):
    """Text of rich-text HTML: tags removed and entities (``&nbsp;``) decoded."""
    return unescape(strip_tags(html)).strip()


def release_data(release, shown, absolute, url, publisher):
    """``shown`` is the release in the language the page shows it in; ``url`` the
    page's canonical URL (the original's, on a fallback page); ``publisher`` the
    newsroom's publishing organization (``SiteIdentity.structured_data``), if named."""
    author = organization_data(release.issuing_organization, absolute)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": shown.title[:110],
        "description": shown.lead,
        "articleBody": plain_text(shown.body),
        "inLanguage": shown.lang,
        "datePublished": localtime(release.publish_at).isoformat(),
        "dateModified": localtime(release.last_corrected_at or release.publish_at).isoformat(),
        "url": url,
        "mainEntityOfPage": url,
        "author": author,
        "publisher": publisher or author,
        "mentions": [person_data(quote.appointment, absolute) for quote in release.quotes.all()],
    }
    if getattr(shown, "dateline", ""):
        data["dateline"] = shown.dateline
    return data


def event_data(event, shown, absolute, url):
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": shown.title,
        "description": plain_text(shown.description),
        "inLanguage": shown.lang,
        "startDate": localtime(event.starts_at).isoformat(),
        "endDate": localtime(event.ends_at).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "url": url,
        "organizer": [organization_data(o, absolute) for o in event.organizers.all()],
        "performer": [person_data(a, absolute) for a in event.speakers.all()],
    }
    if shown.venue_name or shown.venue_address:
        data["location"] = {
            "@type": "Place",
            "name": shown.venue_name,
            "address": shown.venue_address.replace("\n", ", "),
        }
    return data
