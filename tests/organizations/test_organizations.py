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
