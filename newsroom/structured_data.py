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

from newsroom.languages import language_codes, localized

_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data):
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


#: schema.org's property for each kind of organization relation, on the subject's
#: side and on the related organization's (None: schema.org has none; hosting and
#: partnership have no property at all, and are left out).
RELATION_PROPERTIES = {
    "funded_by": ("funder", None),
    "co_funded_by": ("funder", None),
    "member_of": ("memberOf", "member"),
}


def organization_data(organization, absolute, parent=None, children=(), relations=()):
    """An organization; for its own page, with its ``parent``, ``children`` and
    ``relations`` (each public, read by the caller; only relations in force today)."""
    data = {
        "@type": "GovernmentOrganization",
        "name": organization.name,
        "url": absolute(organization.get_absolute_url()),
    }
    if organization.website:
        data["sameAs"] = organization.website
    if parent is not None:
        data["parentOrganization"] = organization_data(parent, absolute)
    if children:
        data["subOrganization"] = [organization_data(child, absolute) for child in children]
    for relation in relations:
        forward, inverse = RELATION_PROPERTIES.get(relation.kind, (None, None))
        if relation.organization_id == organization.pk:
            name, other = forward, relation.related
        elif relation.related_id == organization.pk:
            name, other = inverse, relation.organization
        else:  # a relation going through this organization is not its own
            continue
        if name and relation.is_current():
            entries = data.setdefault(name, [])
            entry = organization_data(other, absolute)
            if entry not in entries:  # funded and co-funded by the same one: named once
                entries.append(entry)
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
    sessions = [
        session_data(session, shown.lang, event, absolute) for session in event.sessions.all()
    ]
    if sessions:
        data["subEvent"] = sessions
    return data


def text_in(item, field, *languages):
    """``field`` of a part (a session, a speaker) in the first of ``languages`` that
    has it, else in any language."""
    for code in (*languages, *language_codes()):
        if value := localized(item, field, code):
            return value
    return ""


def participant_data(participant, language, absolute):
    """A session's speaker or moderator: an official with the role held that day, or
    someone from outside with their function and organization."""
    if participant.appointment_id:
        return person_data(participant.appointment, absolute)
    data = {"@type": "Person", "name": participant.name}
    if function := text_in(participant, "function", language):
        data["jobTitle"] = function
    if organization := text_in(participant, "organization_name", language):
        data["affiliation"] = {"@type": "Organization", "name": organization}
    return data


def session_data(session, language, event, absolute):
    """A session of an event's programme as a schema.org ``subEvent``; its speakers
    and moderator are its ``performer``s (schema.org has no moderator)."""
    data = {
        "@type": "Event",
        "name": text_in(session, "title", language, event.original_language),
        "startDate": localtime(session.starts_at).isoformat(),
        "endDate": localtime(session.ends_at).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
    }
    if description := text_in(session, "description", language, event.original_language):
        data["description"] = description
    if room := text_in(session, "location", language, event.original_language):
        data["location"] = {"@type": "Place", "name": room}
    performers = [participant_data(p, language, absolute) for p in session.participants.all()]
    if performers:
        data["performer"] = performers
    return data
