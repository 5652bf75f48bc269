"""Helpers for tests of the public site."""

from django.utils import translation

LANGUAGES = ["fr", "nl", "de", "en"]
DEMO_EVENT = "conference-socieux-protection-sociale-2017"


def url_in(item, language, name=None):
    """An item's public URL (or a named URL of it) in ``language``."""
    with translation.override(language):
        if name is None:
            return item.get_absolute_url()
        from django.urls import reverse

        from newsroom.languages import slug_in_language

        return reverse(name, kwargs={"slug": slug_in_language(item)})


def reverse_in(name, language, **kwargs):
    from django.urls import reverse

    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def demo_urls(demo, language):
    """One URL of every public page type, in ``language``."""
    from events.models import Event
    from organizations.models import Organization, Person
    from site_pages.models import SitePage

    event = Event.objects.get(slug_fr=DEMO_EVENT)
    belincosoc = Organization.objects.get(acronym_fr="BELINCOSOC")
    minister = Person.objects.get(slug="maggie-de-block")
    statement = SitePage.objects.get(kind=SitePage.Kind.ACCESSIBILITY)
    return {
        "home": reverse_in("home", language),
        "release list": reverse_in("releases:list", language),
        "release detail": url_in(demo, language),
        "organization list": reverse_in("organizations:list", language),
        "organization detail": url_in(belincosoc, language),
        "official detail": url_in(minister, language),
        "event list": reverse_in("events:list", language),
        "event detail": url_in(event, language),
        "search results": reverse_in("search:results", language) + "?q=SOCIEUX",
        "API documentation": reverse_in("api-docs", language),
        "accessibility statement": url_in(statement, language),
    }


def feed_urls(demo, language):
    from organizations.models import Organization

    spf = demo.issuing_organization
    assert isinstance(spf, Organization)
    return {
        "rss": reverse_in("releases:feed_rss", language),
        "atom": reverse_in("releases:feed_atom", language),
        "organization rss": url_in(spf, language, "organizations:feed_rss"),
        "organization atom": url_in(spf, language, "organizations:feed_atom"),
    }
