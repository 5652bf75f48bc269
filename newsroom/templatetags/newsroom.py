from django import template
from django.urls import translate_url
from django.utils.translation import override

from newsroom.languages import localized

register = template.Library()


@register.simple_tag(takes_context=True)
def tr(context, item, field, language=None, original=None):
    """``item.field`` in the language the content block is shown in.

    The language is ``language`` or the context's ``content_language`` (see
    newsroom/languages.py for the rule); a part that lacks it falls back to
    ``original`` or the context's ``original_language`` (the main item's),
    then to the general fallback chain.
    """
    language = language or context.get("content_language")
    if language is None:
        return getattr(item, field)
    value = localized(item, field, language)
    if value:
        return value
    original = original or context.get("original_language")
    if original:
        value = localized(item, field, original)
        if value:
            return value
    with override(language):
        return getattr(item, field)


@register.simple_tag(takes_context=True)
def language_url(context, language):
    """This page in another language: the same item at its address in that
    language when the view knows it (translated slugs), else the same path."""
    alternates = context.get("alternate_urls") or {}
    if language in alternates:
        return alternates[language]
    request = context["request"]
    return translate_url(request.get_full_path(), language)


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "")
