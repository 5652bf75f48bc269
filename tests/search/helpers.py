"""Helpers for the search tests."""

from django.utils import translation

from tests.public import reverse_in


def search_url(language="fr"):
    return reverse_in("search:results", language)


def found(client, text, language="fr", **params):
    """The titles the search page lists for ``text``, in order, as the reader sees them."""
    response = client.get(search_url(language), {"q": text, **params})
    assert response.status_code == 200, response.status_code
    with translation.override(language):
        return [result.item.for_reader.title for result in response.context["results"]]
