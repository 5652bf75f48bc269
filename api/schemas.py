"""The API's response types: the OpenAPI schema is generated from them (django-ninja).
The routes write their documents straight to JSON (api/responses.py); the schema
tests check every answer against these types. Descriptions say, per field, which
language a text is in (the rule of api/documents.py)."""

import datetime

from ninja import Field, Schema

ITEM_TEXT = "In the entry's language: the item's own texts are never mixed with another language's."
PART_TEXT = (
    "In the entry's language where written in it, else in the first language of "
    "fr, nl, en, de that has it (as the public page in that language shows it)."
)
CONTENT = (
    "The texts, one entry per language, keyed by the language they are in. Without "
    "`lang`: every language the item exists in. With `lang=xx`: one entry, `xx` if the "
    "item exists in it, else its original language."
)


class Problem(Schema):
    """RFC 9457 problem details: every error answers with this body."""

    type: str = Field(description="A URI naming the kind of problem (`about:blank`: see status).")
    title: str
    status: int
    detail: str = ""


class Gone(Problem):
    """A withdrawn or expired item: its address answers 410 with the notice."""

    id: int
    kind: str = Field(description="`release` or `event`.")
    reason: str = Field(description="`withdrawn` or `expired`.")
    at: datetime.datetime | None = Field(description="When it stopped being public.")
    notice: dict[str, str] = Field(
        description="The press office's notice, per language it was written in."
    )


class OrganizationRef(Schema):
    id: int
    name: str = Field(description=PART_TEXT)
    acronym: str = Field(description=PART_TEXT)
    api_url: str


class TopicRef(Schema):
    id: int
    name: str = Field(description=PART_TEXT)
    api_url: str


class Speaker(Schema):
    official_id: int
    name: str
    role: str = Field(description="The role held on the day of the release or event. " + PART_TEXT)
    organization_id: int
    api_url: str


class SessionParticipant(Schema):
    part: str = Field(description="`speaker` or `moderator`.")
    official_id: int | None = Field(
        description="The official, or null for someone from outside the government."
    )
    name: str
    role: str = Field(
        description="An official's role held on the day of the session, or the function "
        "of someone from outside. " + PART_TEXT
    )
    organization_id: int | None = Field(description="The organization of an official's role.")
    organization_name: str = Field(
        description="The organization of the role, or the one someone from outside "
        "belongs to. " + PART_TEXT
    )
    api_url: str | None = Field(description="The official's document, or null.")


class Session(Schema):
    id: int
    kind: str = Field(
        description="`welcome`, `opening`, `keynote`, `talk`, `panel`, `workshop`, "
        "`break`, `closing` or `other`."
    )
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    title: str = Field(description=PART_TEXT)
    description: str = Field(description="Plain text. " + PART_TEXT)
    location: str = Field(description="The room. " + PART_TEXT)
    speakers: list[SessionParticipant]
    moderators: list[SessionParticipant]


class Quote(Schema):
    text: str = Field(description=PART_TEXT)
    speaker: Speaker
    after_paragraph: int | None = Field(
        description="Where the quote goes: after this paragraph of `body` (1 for the "
        "first; paragraphs are its top-level `<p>` elements with content), or after the "
        "body when null."
    )


class Link(Schema):
    label: str = Field(description=PART_TEXT)
    url: str


class Rendition(Schema):
    width: int
    jpeg_url: str
    webp_url: str


class Image(Schema):
    id: str
    alt: str = Field(description="Alternative text. " + PART_TEXT)
    caption: str = Field(description=PART_TEXT)
    credit: str
    width: int
    height: int
    lead: bool = Field(description="The release's lead picture.")
    original_url: str = Field(description="Upright, metadata-free original.")
    renditions: list[Rendition] = Field(description="Smaller copies, narrowest first.")


class Document(Schema):
    title: str = Field(description=PART_TEXT)
    language: str = Field(description="The language the document is written in.")
    url: str
    content_type: str
    size: int = Field(description="Bytes.")


class Correction(Schema):
    note: str = Field(description=PART_TEXT)
    corrected_at: datetime.datetime


class PressContact(Schema):
    name: str
    function: str = Field(description=PART_TEXT)
    organization: str = Field(description=PART_TEXT)
    email: str
    phone: str


class ReleaseContent(Schema):
    language: str
    title: str = Field(description=ITEM_TEXT)
    lead: str = Field(description=ITEM_TEXT)
    body: str = Field(description="Sanitised HTML. " + ITEM_TEXT)
    dateline: str = Field(description="Place and date, written in the entry's language.")
    url: str = Field(description="The public page in this language (canonical).")
    updated_at: datetime.datetime = Field(
        description="The last change readers of this language saw: the publication, or "
        "a later change of the texts in this language."
    )
    issuer: OrganizationRef
    related_organizations: list[OrganizationRef]
    topics: list[TopicRef]
    quotes: list[Quote]
    links: list[Link]
    images: list[Image]
    documents: list[Document]
    corrections: list[Correction] = Field(description="Public change notes, oldest first.")
    press_contacts: list[PressContact]


class Release(Schema):
    id: int
    reference: str | None = Field(description='The release number, e.g. "12/2017".')
    number: int | None
    year: int | None
    published_at: datetime.datetime
    original_language: str
    languages: list[str] = Field(description="Languages the release exists in.")
    api_url: str
    ninjs_url: str = Field(description="The release as IPTC ninjs 2.x.")
    event_ids: list[int]
    content: dict[str, ReleaseContent] = Field(description=CONTENT)


class EventContent(Schema):
    language: str
    title: str = Field(description=ITEM_TEXT)
    description: str = Field(description="Sanitised HTML. " + ITEM_TEXT)
    programme: str = Field(description="Sanitised HTML. " + ITEM_TEXT)
    venue_name: str = Field(description=ITEM_TEXT)
    venue_address: str = Field(description=ITEM_TEXT)
    registration_note: str = Field(description=ITEM_TEXT)
    url: str
    calendar_url: str = Field(description="The event as iCalendar.")
    updated_at: datetime.datetime
    organizers: list[OrganizationRef]
    speakers: list[Speaker]
    sessions: list[Session] = Field(description="The programme, in order of time.")
    images: list[Image]
    documents: list[Document]


class Event(Schema):
    id: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    published_at: datetime.datetime
    original_language: str
    languages: list[str]
    api_url: str
    release_ids: list[int]
    content: dict[str, EventContent] = Field(description=CONTENT)


class OrganizationContent(Schema):
    language: str
    name: str = Field(description=PART_TEXT)
    acronym: str = Field(description=PART_TEXT)
    description: str = Field(description=PART_TEXT)
    url: str


class OrganizationRelation(Schema):
    kind: str = Field(
        description="`hosted_by`, `funded_by`, `co_funded_by`, `partner_of` or `member_of`, "
        'read from `organization_id` to `related_id` ("part of" is `parent_id`).'
    )
    organization_id: int
    related_id: int
    through_id: int | None = Field(description="The organization it goes through, if any.")
    started_on: datetime.date | None
    ended_on: datetime.date | None


class Organization(Schema):
    id: int
    slug: str = Field(description="The `organization` filter's value.")
    kind: str
    parent_id: int | None = Field(
        description="The organization it is part of, when that one is public too."
    )
    website: str
    api_url: str
    relations: list[OrganizationRelation] = Field(
        description="The relations naming this organization, on either side or as the one "
        "they go through, whose organizations are all public."
    )
    content: dict[str, OrganizationContent] = Field(description=CONTENT)


class Appointment(Schema):
    role: str = Field(description=PART_TEXT)
    organization: OrganizationRef
    started_on: datetime.date
    ended_on: datetime.date | None


class OfficialContent(Schema):
    language: str
    biography: str = Field(description=PART_TEXT)
    url: str
    appointments: list[Appointment] = Field(description="Latest first.")


class Official(Schema):
    id: int
    slug: str = Field(description="The `official` filter's value.")
    first_name: str
    last_name: str
    api_url: str
    content: dict[str, OfficialContent] = Field(description=CONTENT)


class TopicContent(Schema):
    language: str
    name: str = Field(description=PART_TEXT)
    slug: str
    releases_url: str


class Topic(Schema):
    id: int
    api_url: str
    content: dict[str, TopicContent] = Field(description=CONTENT)


class Tombstone(Schema):
    """An item that was public and no longer is: mirrors delete their copy."""

    id: int
    kind: str = Field(description="`release` or `event`.")
    reason: str = Field(description="`withdrawn` or `expired`.")
    at: datetime.datetime | None
    notice: dict[str, str]


class Page(Schema):
    next: str | None = Field(
        description="The next page's address (same filters, a cursor), or null on the last."
    )


class ReleasePage(Page):
    items: list[Release]
    tombstones: list[Tombstone] = Field(
        description="With `updated_since`: releases withdrawn or expired since then, "
        "with the list's filters, the oldest first, at most 1,000 (then ask again from "
        "the last one's `at`); on the first page only. Otherwise empty."
    )


class EventPage(Page):
    items: list[Event]
    tombstones: list[Tombstone] = Field(
        description="With `updated_since`: events withdrawn or expired since then, "
        "with the list's filters, the oldest first, at most 1,000 (then ask again from "
        "the last one's `at`); on the first page only. Otherwise empty."
    )


class OrganizationPage(Page):
    items: list[Organization]


class OfficialPage(Page):
    items: list[Official]


class TopicPage(Page):
    items: list[Topic]
