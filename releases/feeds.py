"""RSS 2.0 and Atom feeds of live releases, per language, with the full text.

In RSS every text is HTML, as the items' descriptions are (readers render them
so): titles, descriptions, authors and categories are escaped as HTML here, then
as XML by the feed generator. Atom says which text is which (``type="html"`` for
the summaries, plain text for titles): its texts are given as they are.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from identity.models import SiteIdentity
from newsroom.languages import get_by_translated_slug
from organizations.models import Organization

from .models import PressRelease
from .views import quotes_with_speakers

FEED_LENGTH = 30


class ReleasesFeed(Feed):
    """The latest live releases, each in the reader's language or its original."""

    description_template = "releases/_feed_content.html"

    def text(self, value):
        """A text of the feed: HTML in RSS, where readers render every text as HTML."""
        return escape(value) if issubclass(self.feed_type, Rss201rev2Feed) else value

    def title(self, obj=None):
        return self.text(
            _("Press releases · %(newsroom)s") % {"newsroom": SiteIdentity.current().name}
        )

    def description(self, obj=None):
        identity = SiteIdentity.current()
        return self.text(
            identity.description
            or _("The latest press releases of %(newsroom)s.") % {"newsroom": identity.name}
        )

    def link(self, obj=None):
        return reverse("releases:list")

    def releases(self, obj):
        return PressRelease.objects.live()

    def items(self, obj=None):
        return (
            self.releases(obj)
            .select_related("issuing_organization")
            .prefetch_related(quotes_with_speakers(), "topics", "links", "corrections")
            .order_by("-publish_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return self.text(item.for_reader.title)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        """Stable whatever the language or slug: a translation added later must not
        make feed readers show the release twice."""
        return f"urn:newsroom:press-release:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        """The latest public correction, else the publication."""
        return item.last_corrected_at or item.publish_at

    def item_author_name(self, item):
        return self.text(item.issuing_organization.name)

    def item_categories(self, item):
        return [self.text(topic.name) for topic in item.topics.all()]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        release = context["obj"]
        context["shown"] = release.for_reader
        context["original_language"] = release.original_language
        context["content_language"] = context["shown"].lang
        return context


class ReleasesAtomFeed(ReleasesFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj=None):
        return self.description(obj)


class OrganizationReleasesFeed(ReleasesFeed):
    """Releases issued by, or about, one organization."""

    def get_object(self, request, slug):
        organization = get_by_translated_slug(Organization.objects.public(), slug)
        if organization is None:
            raise Http404
        return organization

    def title(self, obj=None):
        return self.text(_("Press releases · %(organization)s") % {"organization": obj.name})

    def description(self, obj=None):
        return self.text(
            _("The latest press releases of or about %(organization)s.")
            % {"organization": obj.name}
        )

    def link(self, obj=None):
        return obj.get_absolute_url()

    def releases(self, obj):
        return PressRelease.objects.live().latest_about(obj, FEED_LENGTH)


class OrganizationReleasesAtomFeed(OrganizationReleasesFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj=None):
        return self.description(obj)
