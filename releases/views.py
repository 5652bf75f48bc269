import re
import tempfile
import zipfile

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.views.generic import ListView, TemplateView

from events.models import Event
from identity.current import site_identity
from newsroom.languages import language_codes, slug_in_language
from newsroom.proxies import client_ip
from newsroom.structured_data import json_ld_script, release_data
from organizations.models import Organization
from public_cache.fragments import cached_fragment, cached_values
from workflow.permissions import may_preview
from workflow.public_views import TranslatedSlugDetailView

from .filters import FILTERS, apply_filters, filter_choices
from .models import EmbargoAccess, EmbargoLink, PressRelease, release_numbers
from .parts import release_with_parts
from .placement import place_quotes


class KnownCountPaginator(Paginator):
    """A paginator told how many items there are."""

    def __init__(self, object_list, per_page, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count = count


class ReleaseListView(ListView):
    """The releases, filtered and paginated. What a page shows is kept in the fragment
    cache (the list, the filters' choices, the count): a page found there builds no
    query it does not run, and runs none but the public version's."""

    template_name = "releases/pressrelease_list.html"
    paginate_by = 20
    context_object_name = "releases"

    def get_queryset(self):
        queryset, self.active_filters = apply_filters(PressRelease.objects.live(), self.request.GET)
        self.kept = {name: self.request.GET[name] for name in FILTERS if self.request.GET.get(name)}
        return queryset

    def get_paginator(self, queryset, per_page, **kwargs):
        """Counting every live release reads the whole index: the count is kept with
        the list, under the same key parts (the filters)."""
        count = cached_fragment(
            self.request, "release-count", [urlencode(self.kept)], queryset.count
        )
        return KnownCountPaginator(queryset, per_page, count=count, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        """The page's releases, numbered for these rows only (see ``numbered``),
        read when the template draws its fragment."""
        paginator, page, rows, is_paginated = super().paginate_queryset(queryset, page_size)
        releases = SimpleLazyObject(lambda: rows.numbered("issuing_organization"))
        return paginator, page, releases, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            filters=self.active_filters,
            choices=filter_choices(),
            query_string=urlencode(self.kept),
            selected=self.kept,
        )
        return context


class ReleaseDetailView(TranslatedSlugDetailView):
    model = PressRelease
    context_object_name = "release"

    def get_object(self, queryset=None):
        """The release with everything the page shows, in one query (releases/parts.py);
        the public sees it only if it is live (its ``is_public()``). Its number is
        counted among the releases of its year, work that grows with them: kept in the
        fragment cache under the public version, as the search's numbers are."""
        release = release_with_parts(
            slug=self.kwargs["slug"],
            public=not may_preview(self.request.user, PressRelease),
            numbered=False,
        )
        if release is None:
            raise Http404
        numbers = cached_values(self.request, "release-number", [release.pk], release_numbers)
        release.release_number, release.release_year = numbers.get(release.pk, (None, None))
        return release

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shown = context["shown"]
        context.update(
            press_kit_url=reverse(
                "releases:press_kit", kwargs={"slug": slug_in_language(self.object)}
            ),
            body_parts=place_quotes(shown.body, self.object.quotes.all()),
            page_title=shown.title,
            page_description=shown.lead,
            og_type="article",
            og_image=self.og_image(),
            structured_data=None
            if context["is_preview"]
            else json_ld_script(
                release_data(
                    self.object,
                    shown,
                    self.request.build_absolute_uri,
                    context["canonical_url"],
                    publisher=site_identity(self.request).structured_data(
                        self.request.build_absolute_uri
                    ),
                )
            ),
        )
        return context

    def og_image(self):
        lead = next((image for image in self.object.images.all() if image.is_lead), None)
        if lead is None or not self.object.is_live() or not lead.renditions:
            return None
        return self.request.build_absolute_uri(default_storage.url(lead.fallback()["jpeg"]))


class EmbargoView(ReleaseDetailView):
    """A release shown before its time to the journalist an editor sent the link to.

    The token is signed and names a link whose secret is stored: it cannot be
    guessed or altered, and revoking the link ends it. Every opening is logged.
    """

    def get(self, request, token):
        link = EmbargoLink.from_token(token)
        if link is None:
            raise Http404
        release = link.release
        if release.is_live():
            return redirect(release)  # the embargo is over: the public page
        if not link.is_valid():
            response = TemplateResponse(request, "releases/embargo_invalid.html", status=410)
            patch_cache_control(response, private=True, no_store=True)
            return response
        EmbargoAccess.objects.create(
            link=link,
            ip_address=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
        )
        self.object = release_with_parts(pk=release.pk, public=False)
        context = self.get_context_data(object=self.object)
        shown = context["shown"]
        shown.body = with_embargo_token(shown.body, token)
        context.update(
            body_parts=place_quotes(shown.body, self.object.quotes.all()),
            is_preview=False,
            embargo_until=release.publish_at,
            hreflang_urls={},
            structured_data=None,
            alternate_urls=embargo_urls(token),
            embargo_token=token,
            press_kit_url=reverse("releases:press_kit", kwargs={"slug": slug_in_language(release)})
            + "?"
            + urlencode({"embargo": token}),
        )
        response = self.render_to_response(context)
        patch_cache_control(response, private=True, no_store=True)
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Referrer-Policy"] = "no-referrer"  # the link must not leak to other sites
        return response


MEDIA_IN_TEXT = re.compile(rf'{re.escape(settings.MEDIA_URL)}images/[^"?\s,]+')


def with_embargo_token(html, token):
    """Images placed in the text are private too: give their addresses (in ``src``
    and ``srcset``) the token."""
    query = urlencode({"embargo": token})
    return MEDIA_IN_TEXT.sub(lambda m: f"{m.group(0)}?{query}", html)


def embargo_urls(token):
    urls = {}
    for code in language_codes():
        with translation.override(code):
            urls[code] = reverse("releases:embargo", kwargs={"token": token})
    return urls


class PressKitView(ReleaseDetailView):
    """Every picture and document of a release in one ZIP, named after the release."""

    def get(self, request, slug):
        token = request.GET.get("embargo")
        link = EmbargoLink.from_token(token) if token else None
        if link is not None and link.is_valid():
            release = release_with_parts(pk=link.release_id, public=False)
        else:
            self.object = release = self.get_object()
        name = "-".join(
            filter(None, [release.reference.replace("/", "-"), slug_in_language(release)])
        )
        archive = tempfile.TemporaryFile()  # on disk, not in memory, however large
        write_press_kit(release, archive)
        archive.seek(0)
        response = FileResponse(
            archive, as_attachment=True, filename=f"{name}.zip", content_type="application/zip"
        )
        if not release.is_live():
            patch_cache_control(response, private=True, no_store=True)
        return response


def write_press_kit(release, output):
    """Originals (upright, metadata-free) and documents, numbered so names never clash."""
    with zipfile.ZipFile(output, "w", zipfile.ZIP_STORED) as archive:
        for number, image in enumerate(release.images.all(), start=1):
            extension = image.file.name.rsplit(".", 1)[-1]
            with default_storage.open(image.file.name, "rb") as data:
                archive.writestr(f"images/{number:02d}.{extension}", data.read())
        for number, document in enumerate(release.documents.all(), start=1):
            name = document.file.name.rsplit("/", 1)[-1]
            with default_storage.open(document.file.name, "rb") as data:
                archive.writestr(f"documents/{number:02d}-{name}", data.read())


class HomeView(TemplateView):
    """The newsroom's front page: the latest releases, upcoming events, the issuers."""

    template_name = "newsroom/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Read when the template draws its fragment: a page whose fragment is
        # cached builds no query.
        context.update(
            latest_releases=SimpleLazyObject(
                lambda: PressRelease.objects.live()[:10].numbered("issuing_organization")
            ),
            upcoming_events=SimpleLazyObject(lambda: Event.objects.live().upcoming()[:5]),
            issuing_organizations=SimpleLazyObject(Organization.objects.issuing),
        )
        return context
