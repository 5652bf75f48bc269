"""Typed, dated relations between organizations: on both pages, in JSON-LD and the API,
only between public organizations, edited inline in the admin."""

import datetime
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newsroom.publishing import Status
from organizations.models import Organization, OrganizationRelation
from tests.conftest import brussels
from tests.forms import form_data
from tests.public import LANGUAGES, url_in
from tests.test_leaks import MARKER


def organization(acronym):
    return Organization.objects.get(acronym_fr=acronym)


@pytest.fixture
def socieux(demo):
    return organization("SOCIEUX+")


@pytest.fixture
def spf(demo):
    return demo.issuing_organization


def json_ld(html):
    (text,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(text)


def urls(entries):
    return {entry["url"] for entry in entries}


def absolute(item, language):
    return f"http://testserver{url_in(item, language)}"


def test_the_demo_relations_are_loaded_once(demo, socieux, spf):
    """The demo's relations, and loading the demo again adds none."""
    from django.core.management import call_command

    hosted = OrganizationRelation.objects.get(organization=socieux, kind="hosted_by")
    assert hosted.related == spf and hosted.through == organization("BELINCOSOC")
    assert hosted.started_on == datetime.date(2016, 1, 1) and hosted.ended_on is None
    assert OrganizationRelation.objects.count() == 4
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert OrganizationRelation.objects.count() == 4


@pytest.mark.parametrize("language", LANGUAGES)
def test_both_pages_and_the_go_between_show_the_relation_with_its_dates(
    client, socieux, spf, language
):
    """SOCIEUX+ is hosted by the SPF through BELINCOSOC since 2016: on all three pages."""
    belincosoc = organization("BELINCOSOC")
    since = '<time datetime="2016">2016</time>'
    pages = {item: client.get(url_in(item, language)) for item in (socieux, spf, belincosoc)}
    for item, response in pages.items():
        assert response.status_code == 200
        html = response.content.decode()
        section = html[html.index('id="relations-heading"') :]
        assert since in section, item
    socieux_page = pages[socieux].content.decode()
    assert f'href="{url_in(spf, language)}"' in socieux_page
    assert f'href="{url_in(belincosoc, language)}"' in socieux_page
    spf_page = pages[spf].content.decode()
    assert f'href="{url_in(socieux, language)}"' in spf_page
    # The CTB's partnership, undated, on both sides.
    ctb = organization("CTB")
    assert f'href="{url_in(ctb, language)}"' in spf_page
    assert f'href="{url_in(spf, language)}"' in client.get(url_in(ctb, language)).content.decode()


def test_each_side_reads_the_relation_its_own_way(client, socieux, spf):
    """ "Hosted by" on the hosted one's page, "hosts" on the host's."""
    socieux_page = client.get(url_in(socieux, "en")).content.decode()
    spf_page = client.get(url_in(spf, "en")).content.decode()
    belincosoc_page = client.get(url_in(organization("BELINCOSOC"), "en")).content.decode()
    assert "Hosted by <a" in socieux_page and "Co-funded by <a" in socieux_page
    assert "Hosts <a" in spf_page and "Co-funds <a" in spf_page
    assert "through this organization" in belincosoc_page
    assert '(since <time datetime="2016">2016</time>)' in socieux_page


def test_an_ended_relation_gives_its_years(client, socieux, spf):
    """A relation that ended reads "2013–2015", after the current ones."""
    OrganizationRelation.objects.create(
        organization=spf,
        kind="member_of",
        related=socieux,
        started_on=datetime.date(2013, 3, 1),
        ended_on=datetime.date(2015, 12, 31),
    )
    html = client.get(url_in(spf, "en")).content.decode()
    period = '<time datetime="2013">2013</time>–<time datetime="2015">2015</time>'
    assert period in html
    assert html.index("Hosts <a") < html.index(period)


def test_json_ld_names_parent_children_funders_and_members(client, socieux, spf):
    """parentOrganization, subOrganization, funder and memberOf/member; hosting and
    partnership have no schema.org property and are left out."""
    belincosoc = organization("BELINCOSOC")
    commission = Organization.objects.get(slug_fr="commission-europeenne")
    OrganizationRelation.objects.create(organization=socieux, kind="member_of", related=spf)
    data = json_ld(client.get(url_in(socieux, "en")).content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "GovernmentOrganization"
    assert urls(data["funder"]) == {absolute(spf, "en"), absolute(commission, "en")}
    assert len(data["funder"]) == 2  # hosted and co-funded by the SPF: named once
    assert urls(data["memberOf"]) == {absolute(spf, "en")}
    assert "parentOrganization" not in data
    data = json_ld(client.get(url_in(belincosoc, "fr")).content.decode())
    assert data["parentOrganization"]["url"] == absolute(spf, "fr")
    data = json_ld(client.get(url_in(spf, "nl")).content.decode())
    assert urls(data["subOrganization"]) == {absolute(belincosoc, "nl")}
    assert urls(data["member"]) == {absolute(socieux, "nl")}
    assert "funder" not in data  # the SPF funds; schema.org has no "funds"
    ctb = json_ld(client.get(url_in(organization("CTB"), "en")).content.decode())
    assert set(ctb) == {"@context", "@type", "name", "url", "sameAs"}


def test_json_ld_leaves_out_relations_not_in_force(client, socieux, spf):
    """Funders are today's: an ended or future funding is on the page, not in JSON-LD."""
    OrganizationRelation.objects.filter(organization=socieux).delete()
    today = timezone.localdate()
    for started, ended in [
        (datetime.date(2010, 1, 1), datetime.date(2012, 1, 1)),
        (today + datetime.timedelta(days=30), None),
    ]:
        OrganizationRelation.objects.create(
            organization=socieux, kind="funded_by", related=spf, started_on=started, ended_on=ended
        )
    html = client.get(url_in(socieux, "en")).content.decode()
    assert "funder" not in json_ld(html)
    assert '<time datetime="2010">2010</time>–<time datetime="2012">2012</time>' in html
    assert "(from <time" in html


def test_a_relation_shows_at_the_second_its_organization_goes_live(client, clock, socieux, spf):
    """An organization only a scheduled release names: its relation is absent until the
    release's publication, then on both pages."""
    secret = Organization.objects.create(name_fr=f"{MARKER} fonds", kind="agency")
    OrganizationRelation.objects.create(
        organization=socieux, kind="funded_by", related=secret, started_on=datetime.date(2017, 1, 1)
    )
    go_live = brussels(2099, 1, 1, 9)
    from releases.models import PressRelease

    PressRelease.objects.create(
        status=Status.APPROVED,
        publish_at=go_live,
        title_fr="Annonce",
        lead_fr="Chapeau",
        body_fr="<p>Texte</p>",
        original_language="fr",
        issuing_organization=secret,
    )
    clock.set(go_live - datetime.timedelta(seconds=1))
    assert MARKER not in client.get(url_in(socieux, "fr")).content.decode()
    assert client.get(url_in(secret, "fr")).status_code == 404
    clock.set(go_live)
    html = client.get(url_in(socieux, "fr")).content.decode()
    assert MARKER in html and url_in(secret, "fr") in html
    assert url_in(socieux, "fr") in client.get(url_in(secret, "fr")).content.decode()
    funders = json_ld(html)["funder"]
    assert absolute(secret, "fr") in urls(funders)


def test_a_relation_with_itself_or_ending_before_it_starts_is_refused(socieux, spf):
    """clean() says which field is wrong; the database refuses it too."""
    belincosoc = organization("BELINCOSOC")
    cases = [
        ({"related": socieux}, "related"),
        ({"related": spf, "through": spf}, "through"),
        ({"related": spf, "through": socieux}, "through"),
        (
            {
                "related": spf,
                "started_on": datetime.date(2016, 1, 1),
                "ended_on": datetime.date(2015, 1, 1),
            },
            "ended_on",
        ),
    ]
    for fields, field in cases:
        relation = OrganizationRelation(organization=socieux, kind="partner_of", **fields)
        with pytest.raises(ValidationError) as error:
            relation.full_clean()
        assert field in error.value.message_dict, fields
    assert belincosoc  # a valid go-between passes
    OrganizationRelation(
        organization=socieux, kind="partner_of", related=spf, through=belincosoc
    ).full_clean()
    from django.db import IntegrityError, transaction

    for fields in (
        {"related": socieux},
        {
            "related": spf,
            "started_on": datetime.date(2016, 1, 1),
            "ended_on": datetime.date(2015, 1, 1),
        },
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            OrganizationRelation.objects.create(organization=socieux, kind="partner_of", **fields)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def change_form(admin_client, item):
    url = reverse("admin:organizations_organization_change", args=[item.pk])
    return url, form_data(admin_client.get(url).content.decode(), "organization_form")


def test_the_admin_saves_a_relation_inline_with_a_revision(admin_client, socieux):
    """Added on the organization's change form; its history has the relation."""
    from reversion.models import Version

    ctb = organization("CTB")
    url, data = change_form(admin_client, ctb)
    n = int(data["relations-TOTAL_FORMS"][0])  # the partnership with the SPF
    assert n == 1 and data["inverse_relations-TOTAL_FORMS"] == ["0"]
    data.update(
        {
            "relations-TOTAL_FORMS": [str(n + 1)],
            f"relations-{n}-kind": ["partner_of"],
            f"relations-{n}-related": [str(socieux.pk)],
            f"relations-{n}-started_on": ["01/01/2017"],
        }
    )
    response = admin_client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302, response.context["adminform"].form.errors
    relation = OrganizationRelation.objects.get(organization=ctb, related=socieux)
    assert relation.started_on == datetime.date(2017, 1, 1)
    version = Version.objects.get_for_object(ctb).first()
    assert version.revision.version_set.filter(object_id=str(relation.pk)).exists()
    # The other side's form lists it among the relations of others with it.
    _url, data = change_form(admin_client, socieux)
    assert str(ctb.pk) in data["inverse_relations-0-organization"]


def test_the_admin_refuses_a_bad_relation_with_a_message(admin_client, socieux, spf):
    """Itself, or ending before it starts: the form says so and saves nothing."""
    url, data = change_form(admin_client, socieux)
    before = OrganizationRelation.objects.count()
    total = int(data["relations-TOTAL_FORMS"][0])
    for fields, message in [
        ({"related": socieux.pk}, "An organization cannot be in a relation with itself."),
        (
            {"related": spf.pk, "started_on": "01/01/2016", "ended_on": "01/01/2015"},
            "A relation cannot end before it starts.",
        ),
    ]:
        posted = {**data, "relations-TOTAL_FORMS": [str(total + 1)]}
        posted[f"relations-{total}-kind"] = ["partner_of"]
        for name, value in fields.items():
            posted[f"relations-{total}-{name}"] = [str(value)]
        response = admin_client.post(url, posted, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200
        assert message in response.content.decode()
    assert OrganizationRelation.objects.count() == before


def count_queries(client, url):
    client.get(url)  # the identity, once per language and version
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_page_and_api_queries_do_not_grow_with_relations(client, demo, socieux, spf, settings):
    """One relation or five more: the same queries for the page and the API."""
    settings.NEWSROOM_FRAGMENT_CACHE_TIMEOUT = 0  # every page built, not read back
    pages = [url_in(spf, "fr"), f"/api/v1/organizations/{spf.pk}", "/api/v1/organizations"]
    before = [count_queries(client, url) for url in pages]
    for i in range(5):
        other = Organization.objects.create(name_fr=f"Partenaire {i}", kind="agency")
        OrganizationRelation.objects.create(organization=other, kind="partner_of", related=spf)
        demo.related_organizations.add(other)  # public: a live release names it
    after = [count_queries(client, url) for url in pages]
    assert after == before
    html = client.get(url_in(spf, "fr")).content.decode()
    assert "Partenaire 4" in html


def test_a_public_organizations_relations_are_an_editors_to_change(
    press_officer, editor, socieux, spf
):
    """A relation follows the organization it is edited on (workflow/permissions.py):
    SOCIEUX+ is named by the live demo, so only an editor changes its relations; an
    organization only a draft names is a press officer's, relations included."""
    from workflow.permissions import may_change, may_delete

    hosted = OrganizationRelation.objects.get(organization=socieux, kind="hosted_by")
    assert not may_change(press_officer, hosted) and not may_delete(press_officer, hosted)
    assert may_change(editor, hosted) and may_delete(editor, hosted)
    newcomer = Organization.objects.create(name_fr="Nouveau partenaire", kind="agency")
    relation = OrganizationRelation(organization=newcomer, kind="partner_of", related=spf)
    assert may_change(press_officer, relation)
    relation.save()
    assert may_change(press_officer, relation)  # deleting is an editor's, as for all content
