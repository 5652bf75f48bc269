"""A release as an IPTC ninjs 2.3 document, the JSON that news agencies ingest.

ninjs 2.3 is the latest 2.x version the IPTC approved (October 2025); its schema is
https://www.iptc.org/std/ninjs/ninjs-schema_2.3.json, documented at
https://www.iptc.org/std/ninjs/userguide/ (tests/api/ninjs/ keeps a copy the tests
validate against). The schema forbids any property it does not define, so what it has
no field for is said with the free ``role``/``rel`` of the fields it has: the lead and
the dateline are descriptions, a picture's alternative text a description of the
picture, the role an official is quoted in the ``rel`` of the person (the role held on
the publication day, which the quote points to), the public change notes the
``ednote`` (ninjs has no corrections).

One document per language, read as the release's page in that language shows it: in
that language if the release exists in it, else in its original language (``language``
says which), its parts as the page's ``{% translated %}`` reads them. It is built from
what ``releases.parts.release_with_parts`` read, number included: no query.
"""

import mimetypes

from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.timezone import localtime

from newsroom.languages import localized
from newsroom.structured_data import plain_text
from newsroom.templatetags.newsroom import translated

NINJS_VERSION = "2.3"
NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_2.3.json"


def release_ninjs(release, language, absolute_url):
    """``release`` (read with ``release_with_parts``) as a ninjs 2.3 document for a
    reader of ``language``; ``absolute_url(path)`` makes a site path absolute."""
    shown_language = release.content_language(language)
    shown = release.in_language(shown_language)
    parts = {"content_language": shown_language, "original_language": release.original_language}

    def media(name):
        url = default_storage.url(name)
        return url if url.startswith(("http://", "https://")) else absolute_url(url)

    def text(item, field):
        return translated(parts, item, field).text

    corrections = list(release.corrections.all())
    body = plain_text(shown.body)
    with translation.override(shown_language):
        ninjs = {
            "uri": absolute_url(release.get_absolute_url()),
            "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA},
            "type": "text",
            "profile": "press-release",
            "representationtype": "full",
            "version": str(1 + len(corrections)),
            "firstcreated": _iso(release.publish_at),
            "contentcreated": _iso(release.publish_at),
            "versioncreated": _iso(release.last_corrected_at or release.publish_at),
            "pubstatus": "usable",
            "language": shown_language,
            "headlines": [{"role": "main", "contenttype": "text/plain", "value": shown.title}],
            "descriptions": [
                {"role": role, "contenttype": "text/plain", "value": value}
                for role, value in (("summary", shown.lead), ("dateline", shown.dateline))
                if value
            ],
            "bodies": [
                {
                    "role": "main",
                    "contenttype": "text/html",
                    "value": shown.body,
                    "charcount": len(body),
                    "wordcount": len(body.split()),
                }
            ],
            "by": release.issuing_organization.name,
            "people": [
                {
                    "name": quote.appointment.person.full_name,
                    "rel": quote.appointment.role.title,
                    "uri": absolute_url(quote.appointment.person.get_absolute_url()),
                }
                for quote in release.quotes.all()
            ],
            "organisations": [
                _organisation(release.issuing_organization, "issuer", absolute_url),
                *(
                    _organisation(organization, "related", absolute_url)
                    for organization in release.related_organizations.all()
                ),
            ],
            "subjects": [
                {
                    "name": topic.name,
                    "rel": "topic",
                    "uri": absolute_url(
                        f"{reverse('releases:list')}?{urlencode({'topic': topic.slug})}"
                    ),
                }
                for topic in release.topics.all()
            ],
            "events": [
                {
                    "name": event.in_language(event.content_language(shown_language)).title,
                    "rel": "announced",
                    "uri": absolute_url(event.get_absolute_url()),
                }
                for event in release.live_events
            ],
            "associations": [
                *(_picture(n, image, text, media) for n, image in enumerate(release.images.all())),
                *(
                    _document(n, attached, text, media)
                    for n, attached in enumerate(release.documents.all())
                ),
            ],
            "altids": [{"role": "guid", "value": f"urn:newsroom:press-release:{release.pk}"}],
        }
    place = (
        localized(release, "dateline_place", shown_language)
        or localized(release, "dateline_place", release.original_language)
        or ""
    ).strip()  # as releases/dateline.py finds it
    if place:
        ninjs["located"] = place
    if release.reference:
        ninjs["altids"].append({"role": "release-number", "value": release.reference})
    if release.unpublish_at:
        ninjs["expires"] = _iso(release.unpublish_at)
    if corrections:
        ninjs["ednote"] = "\n".join(
            f"{_iso(correction.corrected_at)}: {text(correction, 'note')}"
            for correction in corrections
        )
    return {key: value for key, value in ninjs.items() if value != []}


def _iso(moment):
    """ISO 8601 with the offset, in Brussels time."""
    return localtime(moment).isoformat()


def _organisation(organization, rel, absolute_url):
    return {
        "name": organization.name,
        "rel": rel,
        "uri": absolute_url(organization.get_absolute_url()),
    }


def _picture(n, image, text, media):
    """An image with its renditions (each size in JPEG and WebP, and the original)."""
    renditions = [
        {
            "name": "original",
            "href": media(image.file.name),
            "contenttype": mimetypes.guess_type(image.file.name)[0] or "image/jpeg",
            "width": image.width,
            "height": image.height,
        }
    ]
    for rendition in image.renditions:
        for kind, contenttype in (("jpeg", "image/jpeg"), ("webp", "image/webp")):
            renditions.append(
                {
                    "name": f"{kind}-{rendition['width']}",
                    "href": media(rendition[kind]),
                    "contenttype": contenttype,
                    "width": rendition["width"],
                    "height": rendition["height"],
                }
            )
    picture = {
        "name": "lead-picture" if image.is_lead else f"picture-{n + 1}",
        "uri": media(image.file.name),
        "type": "picture",
        "descriptions": [
            {"role": role, "contenttype": "text/plain", "value": value}
            for role, value in (("caption", text(image, "caption")), ("alt", text(image, "alt")))
            if value
        ],
        "renditions": renditions,
    }
    if image.credit:
        picture["copyrightnotice"] = image.credit_line
    if not picture["descriptions"]:
        del picture["descriptions"]
    return picture


def _document(n, document, text, media):
    """A file attached to the release (a PDF, a spreadsheet), in its own language."""
    return {
        "name": f"document-{n + 1}",
        "uri": media(document.file.name),
        "type": "text",
        "profile": "document",
        "language": document.language,
        "headlines": [
            {"role": "main", "contenttype": "text/plain", "value": text(document, "title")}
        ],
        "renditions": [
            {
                "name": "original",
                "href": media(document.file.name),
                "contenttype": document.content_type or "application/octet-stream",
                "sizeinbytes": document.size,
            }
        ],
    }
