"""The leak tests cover relations: one with an organization that only unpublished
content names appears on no channel (tests/test_leaks.py's items and channels)."""

import datetime
import json

import pytest

from organizations.models import OrganizationRelation
from tests.organizations.test_relations import json_ld, organization
from tests.public import LANGUAGES, url_in
from tests.test_leaks import (  # noqa: F401 (fixtures)
    MARKER,
    client,
    hidden,
    public_channels,
    secret_speaker,
)
from tests.test_syndication import sitemap_entries


def hide_behind(secret, socieux, spf):
    """Relations of the secret organization with the demo's, on every side."""
    belincosoc = organization("BELINCOSOC")
    return [
        OrganizationRelation.objects.create(organization=secret, kind="partner_of", related=spf),
        OrganizationRelation.objects.create(
            organization=socieux,
            kind="funded_by",
            related=secret,
            started_on=datetime.date(2016, 1, 1),
        ),
        OrganizationRelation.objects.create(
            organization=socieux, kind="member_of", related=spf, through=secret
        ),
        OrganizationRelation.objects.create(
            organization=belincosoc, kind="member_of", related=secret
        ),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_relation_to_an_organization_only_unpublished_content_names_appears_nowhere(
    client,  # noqa: F811 (tests/test_leaks.py's fixtures)
    demo,
    hidden,  # noqa: F811
    secret_speaker,  # noqa: F811
    language,
):
    """The leak tests' secret organization (named by drafts, scheduled and withdrawn
    items only), in relations with the demo's organizations on every side: on no
    page, in no JSON-LD, feed, sitemap, search or API answer."""
    secret = secret_speaker["organization"]
    socieux, spf = organization("SOCIEUX+"), demo.issuing_organization
    relations = hide_behind(secret, socieux, spf)
    assert not any(relation.is_public() for relation in relations)
    assert not OrganizationRelation.objects.public().filter(pk__in=[r.pk for r in relations])
    for url in public_channels(demo, language):
        assert MARKER not in client.get(url).content.decode(), url
    belincosoc = organization("BELINCOSOC")
    for item in (socieux, spf, belincosoc):
        html = client.get(url_in(item, language)).content.decode()
        assert MARKER not in html and url_in(secret, language) not in html
        assert "memberOf" not in json.dumps(json_ld(html)), item
    api = [f"/api/v1/organizations/{item.pk}?lang={language}" for item in (socieux, spf)]
    for url in [*api, f"/api/v1/organizations?limit=100&lang={language}"]:
        document = client.get(url).json()
        assert MARKER not in json.dumps(document)
        for item in document.get("items", [document]):
            for relation in item["relations"]:
                sides = {relation[f"{side}_id"] for side in ("organization", "related", "through")}
                assert secret.pk not in sides, url
    assert client.get(f"/api/v1/organizations/{secret.pk}").status_code == 404
    assert url_in(secret, language) not in sitemap_entries(client)
