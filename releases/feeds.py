"""RSS 2.0 and Atom feeds of live releases, per language, with the full text.

In RSS every text is HTML, as the items' descriptions are (readers render them
so): titles, descriptions, authors and categories are escaped as HTML here, then
as XML by the feed generator. Atom says which text is which (``type="html"`` for
the summaries, plain text for titles): its texts are given as they are.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.shortcuts import reverse
from django.template.loader import render_to_string
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from identity.current import site_identity
from newsroom.languages import get_by_translated_slug, localized
from organizations.models import Organization
from organizations.views import is_public_now
from public_cache.fragments import cached_fragment
from translations.updated import last_changes, updated_in

from .models import Correction, PressRelease
from .parts import releases_with_parts
from .placement import place_quotes

FEED_LENGTH = 30
#: What an item shows besides the release and its issuer.
FEED_PARTS = ("quotes", "topics", "links", "corrections")


@dataclass(frozen=True)
class Source:
    """What a feed is of: every release, or those of one ``organization``; and the
    request (the feed's items are kept in its fragment cache)."""

    request: HttpRequest
    organization: Organization | None = None


@dataclass(frozen=True)
class Item:
    """An entry of a feed, as written: kept in the fragment cache under the public
    version, so a feed whose items are there reads no release."""

    pk: int
    title: str
    link: str
    description: str
    pubdate: datetime
    updateddate: datetime
    author_name: str
    categories: list


class ReleasesFeed(Feed):
    """The latest live releases, each in the reader's language or its original."""

    def get_object(self, request):
        return Source(request)

    def text(self, value):
        """A text of the feed: HTML in RSS, where readers render every text as HTML."""
        return escape(value) if issubclass(self.feed_type, Rss201rev2Feed) else value

    def title(self, source):
        name = site_identity(source.request).name
        return self.text(_("Press releases · %(newsroom)s") % {"newsroom": name})

    def description(self, source):
        identity = site_identity(source.request)
        return self.text(
            identity.description
            or _("The latest press releases of %(newsroom)s.") % {"newsroom": identity.name}
        )

    def link(self, source):
        return reverse("releases:list")

    def releases(self, source):
        return PressRelease.objects.live()

    def items(self, source):
        organization = source.organization.pk if source.organization else ""
        return cached_fragment(
            source.request,
            "feed-items",
            [self.feed_type.__name__, organization],
            lambda: self.entries(self.latest(source)),
        )

    def entries(self, releases):
        changes = last_changes(PressRelease, [release.pk for release in releases], [Correction])
        return [self.item(release, changes) for release in releases]

    def latest(self, source):
        """The latest releases (their ids through ``live()``), read with what their
        entries show in one more query (releases/parts.py)."""
        latest = self.releases(source).order_by("-publish_at", "-pk").values_list("pk", flat=True)
        return releases_with_parts(list(latest[:FEED_LENGTH]), FEED_PARTS)

    def item(self, release, changes):
        shown = release.for_reader
        context = {
            "obj": release,
            "shown": shown,
            "body_parts": place_quotes(shown.body, release.quotes.all()),
            "original_language": release.original_language,
            "content_language": shown.lang,
        }
        return Item(
            pk=release.pk,
            title=self.text(shown.title),
            link=release.get_absolute_url(),
            description=render_to_string("releases/_feed_content.html", context),
            pubdate=release.publish_at,
            # The last change of the texts in the language shown, or of a correction
            # whose note is in it, else the publication (translations/updated.py);
            # without any record of its texts, the latest correction.
            updateddate=updated_in(
                release,
                shown.lang,
                changes,
                untracked=release.last_corrected_at or release.publish_at,
                also=[
                    correction.corrected_at
                    for correction in release.corrections.all()
                    if localized(correction, "note", shown.lang)
                ],
            ),
            author_name=self.text(release.issuing_organization.name),
            categories=[self.text(topic.name) for topic in release.topics.all()],
        )

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.link

    def item_description(self, item):
        return item.description

    def item_guid(self, item):
        """Stable whatever the language or slug: a translation added later must not
        make feed readers show the release twice."""
        return f"urn:newsroom:press-release:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.pubdate

    def item_updateddate(self, item):
        return item.updateddate

    def item_author_name(self, item):
        return item.author_name

    def item_categories(self, item):
        return item.categories


class ReleasesAtomFeed(ReleasesFeed):
    feed_type = Atom1Feed

    def subtitle(self, source):
        return self.description(source)


class OrganizationReleasesFeed(ReleasesFeed):
    """Releases issued by, or about, one organization."""

    def get_object(self, request, slug):
        organization = get_by_translated_slug(Organization.objects.all(), slug)
        if organization is None or not is_public_now(request, organization):
            raise Http404
        return Source(request, organization)

    def title(self, source):
        name = source.organization.name
        return self.text(_("Press releases · %(organization)s") % {"organization": name})

    def description(self, source):
        return self.text(
            _("The latest press releases of or about %(organization)s.")
            % {"organization": source.organization.name}
        )

    def link(self, source):
        return source.organization.get_absolute_url()

    def releases(self, source):
        return PressRelease.objects.live().latest_about(source.organization, FEED_LENGTH)


class OrganizationReleasesAtomFeed(OrganizationReleasesFeed):
    feed_type = Atom1Feed

    def subtitle(self, source):
        return self.description(source)
