import re

import pytest
from django.core.exceptions import ValidationError

from organizations.models import Organization


def test_hierarchy_lists_ancestors_from_the_top(organization):
    platform = Organization.objects.create(
        name_fr="BELINCOSOC", kind="platform", parent=organization
    )
    project = Organization.objects.create(name_fr="Projet Chine", kind="other", parent=platform)
    assert project.ancestors() == [organization, platform]
    assert list(organization.children.all()) == [platform]


def test_an_organization_cannot_be_its_own_ancestor(organization):
    platform = Organization.objects.create(
        name_fr="BELINCOSOC", kind="platform", parent=organization
    )
    organization.parent = platform
    with pytest.raises(ValidationError) as error:
        organization.full_clean()
    assert "parent" in error.value.message_dict


def test_slugs_are_made_per_language_and_kept(organization):
    assert organization.slug_fr == "spf-securite-sociale"
    assert organization.slug_nl == "fod-sociale-zekerheid"
    assert organization.slug_de is None
    organization.name_fr = "SPF Sécurité sociale (nouveau nom)"
    organization.save()
    assert organization.slug_fr == "spf-securite-sociale"


def test_a_slug_taken_by_another_item_is_refused_in_any_language(organization):
    other = Organization(name_fr="Autre", slug_fr="spf-securite-sociale", kind="other")
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert "slug_fr" in error.value.message_dict
    # Another language's column too: /fr/…/x/ and /nl/…/x/ must not be two items.
    other = Organization(name_fr="Autre", slug_nl="spf-securite-sociale", kind="other")
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert "slug_nl" in error.value.message_dict
    # One item may use the same slug in several languages.
    organization.slug_de = "spf-securite-sociale"
    organization.full_clean()


def test_generated_slugs_never_collide_across_languages(db):
    first = Organization.objects.create(name_fr="Agence", kind="agency")
    second = Organization.objects.create(name_fr="Agence", kind="agency")
    third = Organization.objects.create(name_fr="Autre", name_nl="Agence", kind="agency")
    assert (first.slug_fr, second.slug_fr, third.slug_nl) == ("agence", "agence-2", "agence-3")


def test_a_page_shows_the_hierarchy_above_it_only_as_far_as_it_is_public(
    client, organization, person, make_release, clock
):
    """Public are the organizations live content names, their parents and grandparents,
    and those of public officials' roles. A page, the list and the API show a parent
    only when it is public too: a cabinet public through a quoted minister's role does
    not reveal the chancellery above it, nor the page of a grandparent what is above."""
    import datetime

    from django.urls import reverse
    from django.utils import timezone, translation

    from organizations.models import Appointment, Role
    from releases.models import Quote

    state = Organization.objects.create(name_fr="Royaume", kind="government")
    country = Organization.objects.create(name_fr="État fédéral", kind="government", parent=state)
    government = Organization.objects.create(
        name_fr="Gouvernement fédéral", kind="government", parent=country
    )
    organization.parent = government
    organization.save()
    chancellery = Organization.objects.create(name_fr="Chancellerie secrète", kind="other")
    cabinet = Organization.objects.create(
        name_fr="Cabinet du Premier ministre", kind="cabinet", parent=chancellery
    )
    role = Role.objects.create(title_fr="Premier ministre", organization=cabinet)
    appointment = Appointment.objects.create(
        person=person, role=role, started_on=datetime.date(2014, 10, 11)
    )
    go_live = timezone.now() + datetime.timedelta(hours=1)
    release = make_release(publish_at=go_live)  # issued by `organization`
    Quote.objects.create(release=release, appointment=appointment, text_fr="Une réforme.")
    clock.set(go_live)

    public = set(Organization.objects.public().values_list("name_fr", flat=True))
    assert public == {
        "SPF Sécurité sociale",
        "Gouvernement fédéral",
        "État fédéral",
        "Cabinet du Premier ministre",
    }

    def breadcrumbs(item):
        page = client.get(item.get_absolute_url()).content.decode()
        nav = re.search(r'<nav aria-label="[^"]*" class="breadcrumbs">(.*?)</nav>', page, re.S)
        return re.findall(r'<a href="[^"]*">([^<]*)</a>', nav.group(1)) if nav else []

    assert breadcrumbs(organization) == ["État fédéral", "Gouvernement fédéral"]
    assert breadcrumbs(country) == []  # the kingdom is named by nothing live
    assert breadcrumbs(cabinet) == []  # nor is the chancellery
    with translation.override("fr"):
        listing = client.get(reverse("organizations:list")).content.decode()
    entries = dict(
        re.findall(r'<li><a href="[^"]*">([^<]*)</a> <span class="meta">(.*?)</span>', listing)
    )
    assert "Gouvernement fédéral" in entries["SPF Sécurité sociale"]  # "part of"
    assert entries["Cabinet du Premier ministre"] == "Cabinet ministériel"
    assert "Chancellerie" not in listing and "Royaume" not in listing
    parents = {
        item["id"]: item["parent_id"]
        for item in client.get("/api/v1/organizations").json()["items"]
    }
    assert parents == {
        organization.pk: government.pk,
        government.pk: country.pk,
        country.pk: None,
        cabinet.pk: None,
    }
