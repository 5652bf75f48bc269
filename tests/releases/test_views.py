import pytest
from django.utils import translation

from newsroom.publishing import Status
from tests.conftest import brussels


def url_in(release, language):
    with translation.override(language):
        return release.get_absolute_url()


def test_seed_release_is_on_the_french_site(client, demo):
    url = url_in(demo, "fr")
    assert url == "/fr/communiques/spf-securite-sociale-soutient-socieux/"
    html = client.get(url).content.decode()
    assert "Le SPF Sécurité sociale contribue" in html
    assert "Ministre des Affaires sociales et de la Santé publique" in html


def test_german_page_shows_the_french_original_with_a_notice(client, demo):
    html = client.get(url_in(demo, "de")).content.decode()
    assert '<html lang="de"' in html
    assert '<article class="release" lang="fr">' in html
    assert "Le SPF Sécurité sociale contribue" in html
    assert "in Ihrer Sprache nicht verfügbar" in html


def test_dutch_page_shows_the_dutch_translation_without_notice(client, demo):
    html = client.get(url_in(demo, "nl")).content.decode()
    assert '<article class="release" lang="nl">' in html
    assert "De FOD Sociale Zekerheid draagt" in html
    assert "niet beschikbaar in uw taal" not in html.lower()


def test_a_slug_of_another_language_redirects_to_this_language(client, demo):
    response = client.get("/de/pressemitteilungen/fod-sociale-zekerheid-steunt-socieux/")
    assert response.status_code == 301
    assert response["Location"] == url_in(demo, "de")


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_unpublished_release_is_404_for_the_public_and_visible_to_staff(
    client, admin_user, make_release, state
):
    release = (
        make_release(status=Status.DRAFT)
        if state == "draft"
        else make_release(publish_at=brussels(2099, 1, 1))
    )
    url = url_in(release, "fr")
    assert client.get(url).status_code == 404
    client.force_login(admin_user)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "cette page n’est pas publiée" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "application/ld+json" not in html


def test_unknown_slug_is_404(client, demo):
    assert client.get("/fr/communiques/nexiste-pas/").status_code == 404
