"""Create the demo content: the communiqué of 30 May 2017 and everything it names.

Idempotent: what exists already (matched by its French address, or a person's
address) is left as it is, so running it twice changes nothing and editors'
changes to the demo are never overwritten.
"""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from demo import content as demo_content
from demo import identity as demo_identity
from demo import media as demo_media
from demo import reference as demo_reference
from demo import site_pages as demo_site_pages
from events.models import Event, Session, SessionParticipant
from identity.models import FooterLink, SiteIdentity
from newsroom.languages import translated
from newsroom.publishing import Status
from organizations.models import (
    Appointment,
    Organization,
    OrganizationRelation,
    Person,
    PressContact,
    Role,
)
from releases.models import PressRelease, Quote, ReleaseContact, ReleaseLink, Topic
from translations import tracking


def parse_brussels(value):
    return timezone.make_aware(datetime.datetime.fromisoformat(value))


class Command(BaseCommand):
    help = "Load the demo press release of 30 May 2017 with its organizations, officials and event."

    @transaction.atomic
    def handle(self, *args, **options):
        self.created = 0
        organizations = self.load_organizations()
        self.load_relations(organizations)
        people = self.load_people()
        roles = self.load_roles(organizations)
        appointments = self.load_appointments(people, roles)
        topics = self.load_topics()
        contact = self.load_contact(organizations)
        created = self.created
        release = self.load_release(organizations, appointments, topics, contact)
        event = self.load_event(organizations, appointments, release)
        if self.created > created:
            # Written in 2017: their texts have not changed since their publication (the
            # feeds' and sitemap's dates of each language, translations/updated.py).
            for item in (release, event):
                tracking.written_at(item, item.publish_at)
        self.load_identity()
        self.created += demo_site_pages.load()
        if self.created:
            self.stdout.write(self.style.SUCCESS(f"Demo content loaded ({self.created} items)."))
        else:
            self.stdout.write("Demo content already present; nothing changed.")

    def load_identity(self):
        """The SPF's press office, unless the identity was already made one's own."""
        identity = SiteIdentity.current()
        if identity.name_fr not in ("", "Newsroom") or identity.footer_links.exists():
            return
        for field, values in demo_identity.IDENTITY.items():
            for code, value in values.items():
                setattr(identity, f"{field}_{code}", value)
        identity.save()
        for position, link in enumerate(demo_identity.FOOTER_LINKS):
            FooterLink.objects.create(
                identity=identity,
                position=position,
                **translated("label", link["label"]),
                **translated("url", link["url"]),
            )
        self.created += 1

    def _get_or_create(self, model, lookup, defaults):
        item, created = model.objects.get_or_create(**lookup, defaults=defaults)
        self.created += created
        return item, created

    def load_organizations(self):
        organizations = {}
        for data in demo_reference.ORGANIZATIONS:
            defaults = {
                "kind": data["kind"],
                "website": data["website"],
                "parent": organizations.get(data["parent"]),
                **translated("name", data["name"]),
                **translated("acronym", data["acronym"]),
                **translated("slug", data["slug"]),
                **translated("description", data["description"]),
            }
            organizations[data["key"]], _ = self._get_or_create(
                Organization, {"slug_fr": data["slug"]["fr"]}, defaults
            )
        return organizations

    def load_relations(self, organizations):
        for data in demo_reference.RELATIONS:
            started_on = data["started_on"]
            self._get_or_create(
                OrganizationRelation,
                {
                    "organization": organizations[data["organization"]],
                    "kind": data["kind"],
                    "related": organizations[data["related"]],
                },
                {
                    "through": organizations.get(data["through"]),
                    "started_on": datetime.date.fromisoformat(started_on) if started_on else None,
                },
            )

    def load_people(self):
        people = {}
        for data in demo_reference.PEOPLE:
            defaults = {
                "first_name": data["first_name"],
                "last_name": data["last_name"],
                **translated("bio", data["bio"]),
            }
            people[data["slug"]], _ = self._get_or_create(Person, {"slug": data["slug"]}, defaults)
        return people

    def load_roles(self, organizations):
        roles = {}
        for data in demo_reference.ROLES:
            organization = organizations[data["organization"]]
            roles[data["key"]], _ = self._get_or_create(
                Role,
                {"organization": organization, "title_fr": data["title"]["fr"]},
                translated("title", data["title"]),
            )
        return roles

    def load_appointments(self, people, roles):
        appointments = {}
        for person, role, started_on, ended_on in demo_reference.APPOINTMENTS:
            appointments[person, role], _ = self._get_or_create(
                Appointment,
                {
                    "person": people[person],
                    "role": roles[role],
                    "started_on": datetime.date.fromisoformat(started_on),
                },
                {"ended_on": datetime.date.fromisoformat(ended_on) if ended_on else None},
            )
        return appointments

    def load_topics(self):
        topics = []
        for names in demo_reference.TOPICS:
            topic, _ = self._get_or_create(
                Topic, {"name_fr": names["fr"]}, translated("name", names)
            )
            topics.append(topic)
        return topics

    def load_contact(self, organizations):
        data = demo_reference.PRESS_CONTACT
        contact, _ = self._get_or_create(
            PressContact,
            {"email": data["email"]},
            {
                "name": data["name"],
                "organization": organizations[data["organization"]],
                "phone": data["phone"],
                "languages": data["languages"],
                **translated("function", data["function"]),
            },
        )
        return contact

    def load_release(self, organizations, appointments, topics, contact):
        data = demo_content.RELEASE
        release, created = self._get_or_create(
            PressRelease,
            {"slug_fr": demo_reference.RELEASE_SLUGS["fr"]},
            {
                "status": Status.APPROVED,
                "publish_at": parse_brussels(data["publish_at"]),
                "original_language": data["original_language"],
                "issuing_organization": organizations["spf-securite-sociale"],
                **translated("title", data["title"]),
                **translated("slug", demo_reference.RELEASE_SLUGS),
                **translated("dateline_place", data["dateline_place"]),
                **translated("lead", data["lead"]),
                **translated("body", data["body"]),
            },
        )
        if not created:
            return release
        release.related_organizations.set(
            organizations[key] for key in demo_reference.RELEASE_RELATED_ORGANIZATIONS
        )
        release.topics.set(topics)
        self.load_media(release)
        for order, quote in enumerate(data["quotes"]):
            Quote.objects.create(
                release=release,
                appointment=appointments[demo_reference.SPEAKERS[quote["speaker"]]],
                after_paragraph=quote.get("after_paragraph"),
                order=order,
                **translated("text", quote["text"]),
            )
        for order, link in enumerate(data["links"]):
            ReleaseLink.objects.create(
                release=release, url=link["url"], order=order, **translated("label", link["label"])
            )
        ReleaseContact.objects.create(release=release, contact=contact)
        return release

    def load_media(self, release):
        from django.core.files.uploadedfile import SimpleUploadedFile

        from attachments.models import Document, Image

        banner = SimpleUploadedFile("banner.jpg", demo_media.banner_jpeg(), "image/jpeg")
        image = Image(
            release=release,
            file=banner,
            is_lead=True,
            credit="SPF Sécurité sociale",
            **translated("alt", demo_content.IMAGE_ALT),
            **translated("caption", demo_content.IMAGE_CAPTION),
        )
        image.full_clean()
        image.save()
        programme = SimpleUploadedFile(
            "programme.pdf", demo_media.programme_pdf(), "application/pdf"
        )
        document = Document(
            release=release,
            file=programme,
            language="en",
            **translated("title", demo_content.DOCUMENT_TITLE),
        )
        document.full_clean()
        document.save()

    def load_event(self, organizations, appointments, release):
        data = demo_content.EVENT
        event, created = self._get_or_create(
            Event,
            {"slug_fr": demo_reference.EVENT_SLUGS["fr"]},
            {
                "status": Status.APPROVED,
                "publish_at": parse_brussels(demo_content.RELEASE["publish_at"]),
                "original_language": data["original_language"],
                "starts_at": parse_brussels(data["starts_at"]),
                "ends_at": parse_brussels(data["ends_at"]),
                **translated("title", data["title"]),
                **translated("slug", demo_reference.EVENT_SLUGS),
                **translated("description", data["description"]),
                **translated("programme", data["programme"]),
                **translated("venue_name", data["venue_name"]),
                **translated("venue_address", data["venue_address"]),
                **translated("registration_note", data["registration_note"]),
            },
        )
        if created:
            event.organizers.set(organizations[key] for key in demo_reference.EVENT_ORGANIZERS)
            event.speakers.set(appointments[key] for key in demo_reference.EVENT_SPEAKERS)
            event.related_releases.add(release)
            self.load_programme(event, appointments, data["sessions"])
        return event

    def load_programme(self, event, appointments, sessions):
        """The sessions and their participants, written in two statements (no signal
        per row), then the event's search documents and the public version once (what
        the signals of each row would have done, 36 times)."""
        # Inside the function: the demo sits above neither layer (test_import_direction).
        from public_cache.versions import content_changed
        from search.indexing import index_events

        created = []
        for data in sessions:
            session = Session(
                event=event,
                kind=data["kind"],
                starts_at=parse_brussels(data["starts_at"]),
                ends_at=parse_brussels(data["ends_at"]),
                **translated("title", data["title"]),
                **translated("description", data.get("description", {})),
                **translated("location", data.get("location", {})),
            )
            created.append((session, data["participants"]))
        Session.objects.bulk_create([session for session, _ in created])
        participants = []
        for session, people in created:
            for position, person in enumerate(people):
                official = person.get("official")
                participants.append(
                    SessionParticipant(
                        session=session,
                        part=person["part"],
                        appointment=appointments[official] if official else None,
                        name=person.get("name", ""),
                        order=position,
                        **translated("function", person.get("function", {})),
                        **translated("organization_name", person.get("organization_name", {})),
                    )
                )
        SessionParticipant.objects.bulk_create(participants)
        index_events(Event.objects.filter(pk=event.pk))
        content_changed()
