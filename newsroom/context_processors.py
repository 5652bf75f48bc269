from django.utils.translation import get_language

# OpenGraph wants a territory: Belgian French, Dutch and German; British English.
OG_LOCALES = {"fr": "fr_BE", "nl": "nl_BE", "de": "de_BE", "en": "en_GB"}


def page_meta(request):
    """Defaults for the <head> of every public page; detail views override them."""
    return {
        "canonical_url": request.build_absolute_uri(request.path),
        "og_locale": OG_LOCALES.get(get_language(), "fr_BE"),
    }
