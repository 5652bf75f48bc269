"""Releases: the list (the website's filters, search, updates since), one release,
and one release as IPTC ninjs. Read through ``live()`` only, as every public page."""

from django.utils import timezone
from ninja import Query, Router

from newsroom.publishing import Status
from newsroom.site_url import absolute_url
from public_cache.fragments import cached_values
from releases.filters import filter_releases
from releases.models import Correction, PressRelease, release_numbers
from releases.parts import PAGE_PARTS, release_with_parts, releases_with_parts
from translations.updated import last_changes

from .. import documents, schemas
from ..ninjs import release_ninjs as as_ninjs
from ..params import Id, ReleaseFilters, Single
from ..problems import problem
from ..responses import json_response
from .common import ERRORS, GONE, live_page

router = Router(tags=["Releases"])


def _documents(request, pks, lang):
    """The releases ``pks`` as documents, in that order: each kept in the fragment
    cache under the public version (as the release list's entries are), the missing
    ones built together in four queries."""

    def build(missing):
        releases = releases_with_parts(missing, PAGE_PARTS)
        numbers = release_numbers(missing)
        changes = last_changes(PressRelease, missing, [Correction])
        built = {}
        for release in releases:
            release.release_number, release.release_year = numbers.get(release.pk, (None, None))
            built[release.pk] = documents.release_document(release, lang, changes)
        return built

    found = cached_values(request, f"api-release-{lang or 'all'}", pks, build)
    return [found[pk] for pk in pks if pk in found]


@router.get(
    "/releases",
    response={200: schemas.ReleasePage, **ERRORS},
    url_name="releases",
    summary="Live releases, newest first",
)
def release_list(request, params: Query[ReleaseFilters]):
    """The releases the website lists, newest first, filtered as on the website.
    An unknown organization, official or topic is a 404, as on the website."""
    return live_page(
        request,
        params,
        PressRelease,
        "release",
        filter_releases,
        "publish_at",
        lambda pks: _documents(request, pks, params.lang),
    )


def _release_or_gone(release_id):
    """The live release, or the problem to answer: 410 with its notice if it was
    public and is no longer (withdrawn, expired), else 404."""
    release = release_with_parts(pk=release_id, public=True)
    if release is not None:
        return release, None
    return None, gone_or_missing(PressRelease, "release", release_id)


def gone_or_missing(model, kind, pk):
    now = timezone.now()
    item = model.objects.filter(pk=pk).first()
    if item is not None and was_public(item, now):
        return problem(
            410,
            "Gone",
            "This item was public and no longer is.",
            **documents.tombstone(item, kind, now),
        )
    return problem(404, "Not found", f"No {kind} with this id is public.")


def was_public(item, now):
    if item.status == Status.WITHDRAWN:
        return bool(item.publish_at and item.withdrawn_at and item.publish_at <= item.withdrawn_at)
    return (
        item.status == Status.APPROVED
        and item.unpublish_at is not None
        and (
            item.unpublish_at <= now
            and item.publish_at is not None
            and item.publish_at < item.unpublish_at
        )
    )


@router.get(
    "/releases/{release_id}",
    response={200: schemas.Release, **ERRORS, **GONE},
    url_name="release",
    summary="One release",
)
def release_detail(request, release_id: Id, params: Query[Single]):
    """A live release. Withdrawn or expired: 410 with the notice."""
    release, answer = _release_or_gone(release_id)
    if answer is not None:
        return answer
    changes = last_changes(PressRelease, [release.pk], [Correction])
    return json_response(documents.release_document(release, params.lang, changes))


@router.get(
    "/releases/{release_id}/ninjs",
    response={200: dict, **ERRORS, **GONE},
    url_name="release_ninjs",
    summary="One release as IPTC ninjs 2.x",
)
def release_ninjs(request, release_id: Id, params: Query[Single]):
    """The release in one language (`lang`, else its original language) as an IPTC
    ninjs 2.x document (https://iptc.org/standards/ninjs/), the JSON news agencies
    ingest."""
    release, answer = _release_or_gone(release_id)
    if answer is not None:
        return answer
    return json_response(as_ninjs(release, params.lang or release.original_language, absolute_url))
