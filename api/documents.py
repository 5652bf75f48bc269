"""What the API says of each item: plain dicts, checked against api/schemas.py.

**One rule for languages.** Every item has its language-independent fields at the top
and its texts under ``content``, one entry per language, keyed by the language the
texts are in:

* without ``lang``: one entry per language the item exists in (a release or an event:
  its title and required texts are written in that language; reference data: every
  language of the site);
* with ``lang=xx``: one entry, in ``xx`` if the item exists in it, else in its original
  language (the website's fallback rule, newsroom/languages.py): the entry's key says
  which.

Inside an entry, the texts of the item itself are in its language, never mixed; the
texts of its parts (quotes, links, captions, correction notes) and the names of the
organizations, officials' roles and topics it refers to are in that language where
written, else in the first of ``MODELTRANSLATION_FALLBACK_LANGUAGES`` that has them,
exactly as the page in that language shows them.

The items come from the callers, who read them through ``live()`` (api/routes/):
nothing here decides what is public, except that a part pointing at other content
(a release's events, an event's releases) keeps only the live ones.
"""

import functools

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode

from newsroom.languages import language_codes, localized, slug_in_language
from newsroom.site_url import absolute_url
from releases.placement import paragraph_count, placed_after
from translations.updated import updated_in


@functools.lru_cache(maxsize=8192)
def _api_url(name, key, pk):
    return absolute_url(reverse(f"api:{name}", kwargs={key: pk}))


def api_url(name, **kwargs):
    """The API address of an item (kept: a list names the same organizations, officials
    and topics in every entry, and the addresses never change)."""
    ((key, pk),) = kwargs.items()
    return _api_url(name, key, pk)


def page_url(item, language):
    """The item's public page for a reader of ``language`` (its address there)."""
    with translation.override(language):
        return absolute_url(item.get_absolute_url())


def content_languages(item, lang):
    """The keys of ``content``: see the module's docstring."""
    if hasattr(item, "content_language"):
        if lang:
            return [item.content_language(lang)]
        return item.available_languages
    return [lang] if lang else language_codes()


def contents(item, lang, build):
    """``{language: build(item, language)}``, each built with that language active
    (modeltranslation reads every translated field in it, with its fallbacks)."""
    entries = {}
    for language in content_languages(item, lang):
        with translation.override(language):
            entries[language] = build(item, language)
    return entries


def _file_url(name):
    url = default_storage.url(name)
    return url if url.startswith(("http://", "https://")) else absolute_url(url)


# ---------------------------------------------------------------------------
# Reference data


def organization_ref(organization):
    return {
        "id": organization.pk,
        "name": organization.name,
        "acronym": organization.acronym,
        "api_url": api_url("organization", organization_id=organization.pk),
    }


def topic_ref(topic):
    return {
        "id": topic.pk,
        "name": topic.name,
        "api_url": api_url("topic", topic_id=topic.pk),
    }


def speaker(appointment):
    """An official as quoted or heard: the person, and the role held that day."""
    person, role = appointment.person, appointment.role
    return {
        "official_id": person.pk,
        "name": person.full_name,
        "role": role.title,
        "organization_id": role.organization_id,
        "api_url": api_url("official", official_id=person.pk),
    }


def session_participant(participant):
    """A session's speaker or moderator: an official as ``speaker()`` gives them, or
    someone from outside the government, with their function and organization."""
    if participant.appointment_id:
        return {
            **speaker(participant.appointment),
            "part": participant.part,
            "organization_name": participant.appointment.role.organization.name,
        }
    return {
        "official_id": None,
        "name": participant.name,
        "role": participant.function,
        "organization_id": None,
        "api_url": None,
        "part": participant.part,
        "organization_name": participant.organization_name,
    }


def session_document(session):
    """A session of an event's programme (read with the entry's language active)."""
    return {
        "id": session.pk,
        "kind": session.kind,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "title": session.title,
        "description": session.description,
        "location": session.location,
        "speakers": [session_participant(p) for p in session.speakers],
        "moderators": [session_participant(p) for p in session.moderators],
    }


def organization_document(organization, lang):
    """``organization`` with ``public_relations`` (the public ones naming it) and
    ``public_parent_id`` (its parent, when public), read by the caller."""

    def build(item, language):
        return {
            "language": language,
            "name": item.name,
            "acronym": item.acronym,
            "description": item.description,
            "url": page_url(item, language),
        }

    return {
        "id": organization.pk,
        "slug": organization.slug,
        "kind": organization.kind,
        "parent_id": organization.public_parent_id,
        "website": organization.website,
        "api_url": api_url("organization", organization_id=organization.pk),
        "relations": [
            {
                "kind": relation.kind,
                "organization_id": relation.organization_id,
                "related_id": relation.related_id,
                "through_id": relation.through_id,
                "started_on": relation.started_on,
                "ended_on": relation.ended_on,
            }
            for relation in organization.public_relations
        ],
        "content": contents(organization, lang, build),
    }


def official_document(person, lang):
    """``person`` with ``shown_appointments`` (the ones the public sees, read by
    the caller), each with its role and organization."""

    def build(item, language):
        return {
            "language": language,
            "biography": item.bio,
            "url": page_url(item, language),
            "appointments": [
                {
                    "role": appointment.role.title,
                    "organization": organization_ref(appointment.role.organization),
                    "started_on": appointment.started_on,
                    "ended_on": appointment.ended_on,
                }
                for appointment in item.shown_appointments
            ],
        }

    return {
        "id": person.pk,
        "slug": person.slug,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "api_url": api_url("official", official_id=person.pk),
        "content": contents(person, lang, build),
    }


def topic_document(topic, lang):
    def build(item, language):
        url = absolute_url(reverse("releases:list")) + "?" + urlencode({"topic": item.slug})
        return {"language": language, "name": item.name, "slug": item.slug, "releases_url": url}

    return {
        "id": topic.pk,
        "api_url": api_url("topic", topic_id=topic.pk),
        "content": contents(topic, lang, build),
    }


# ---------------------------------------------------------------------------
# Releases and events


def image_document(image):
    return {
        "id": image.key,
        "alt": image.alt,
        "caption": image.caption,
        "credit": image.credit_line,
        "width": image.width,
        "height": image.height,
        "lead": image.is_lead,
        "original_url": _file_url(image.file.name),
        "renditions": [
            {
                "width": rendition["width"],
                "jpeg_url": _file_url(rendition["jpeg"]),
                "webp_url": _file_url(rendition["webp"]),
            }
            for rendition in image.renditions
        ],
    }


def document_document(document):
    return {
        "title": document.title,
        "language": document.language,
        "url": _file_url(document.file.name),
        "content_type": document.content_type,
        "size": document.size,
    }


def release_document(release, lang, changes):
    """``release`` read with its parts (releases/parts.py: its live events in
    ``live_events``) and numbered; ``changes`` from
    ``translations.updated.last_changes`` (each language's last change)."""

    def build(item, language):
        shown = item.in_language(language)
        paragraphs = paragraph_count(shown.body)
        corrections = [
            {"note": correction.note, "corrected_at": correction.corrected_at}
            for correction in item.corrections.all()
        ]
        return {
            "language": language,
            "title": shown.title,
            "lead": shown.lead,
            "body": shown.body,
            "dateline": shown.dateline,
            "url": page_url(item, language),
            "updated_at": updated_in(
                item,
                language,
                changes,
                untracked=item.last_corrected_at or item.publish_at,
                also=[
                    correction.corrected_at
                    for correction in item.corrections.all()
                    if localized(correction, "note", language)
                ],
            ),
            "issuer": organization_ref(item.issuing_organization),
            "related_organizations": [
                organization_ref(organization) for organization in item.related_organizations.all()
            ],
            "topics": [topic_ref(topic) for topic in item.topics.all()],
            "quotes": [
                {
                    "text": quote.text,
                    "speaker": speaker(quote.appointment),
                    "after_paragraph": placed_after(quote, paragraphs),
                }
                for quote in item.quotes.all()
            ],
            "links": [{"label": link.label, "url": link.url} for link in item.links.all()],
            "images": [image_document(image) for image in item.images.all()],
            "documents": [document_document(document) for document in item.documents.all()],
            "corrections": corrections,
            "press_contacts": [
                {
                    "name": link.contact.name,
                    "function": link.contact.function,
                    "organization": link.contact.organization.name,
                    "email": link.contact.email,
                    "phone": link.contact.phone,
                }
                for link in item.contact_links.all()
            ],
        }

    return {
        "id": release.pk,
        "reference": release.reference or None,
        "number": release.release_number,
        "year": release.release_year,
        "published_at": release.publish_at,
        "original_language": release.original_language,
        "languages": release.available_languages,
        "api_url": api_url("release", release_id=release.pk),
        "ninjs_url": api_url("release_ninjs", release_id=release.pk),
        "event_ids": [event.pk for event in release.live_events],
        "content": contents(release, lang, build),
    }


def event_document(event, lang, changes):
    """``event`` with its organizers, speakers (person, role, organization), programme
    (sessions and their participants), live related releases (``live_releases``),
    images and documents prefetched."""

    def build(item, language):
        shown = item.in_language(language)
        return {
            "language": language,
            "title": shown.title,
            "description": shown.description,
            "programme": shown.programme,
            "venue_name": shown.venue_name,
            "venue_address": shown.venue_address,
            "registration_note": shown.registration_note,
            "url": page_url(item, language),
            "calendar_url": _calendar_url(item, language),
            "updated_at": updated_in(item, language, changes, untracked=item.publish_at),
            "organizers": [organization_ref(o) for o in item.organizers.all()],
            "speakers": [speaker(appointment) for appointment in item.speakers.all()],
            "sessions": [session_document(session) for session in item.sessions.all()],
            "images": [image_document(image) for image in item.images.all()],
            "documents": [document_document(document) for document in item.documents.all()],
        }

    return {
        "id": event.pk,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "published_at": event.publish_at,
        "original_language": event.original_language,
        "languages": event.available_languages,
        "api_url": api_url("event", event_id=event.pk),
        "release_ids": [release.pk for release in event.live_releases],
        "content": contents(event, lang, build),
    }


def _calendar_url(event, language):
    with translation.override(language):
        return absolute_url(
            reverse("events:calendar", kwargs={"slug": slug_in_language(event, language)})
        )


# ---------------------------------------------------------------------------
# Withdrawn and expired items


def tombstone(item, kind, now=None):
    """What a mirror needs to delete a copy: which item, why and since when, and the
    press office's notice in each language it was written in."""
    now = now or timezone.now()
    if item.status == "withdrawn":
        reason, at = "withdrawn", item.withdrawn_at
    else:
        reason, at = "expired", item.unpublish_at
    return {
        "id": item.pk,
        "kind": kind,
        "reason": reason,
        "at": at,
        "notice": {
            code: localized(item, "withdrawal_reason", code)
            for code, _name in settings.LANGUAGES
            if localized(item, "withdrawal_reason", code)
        },
    }
