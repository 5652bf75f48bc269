from types import SimpleNamespace
from urllib.parse import urlencode

from django import template
from django.core.files.storage import default_storage
from django.urls import translate_url
from django.utils.translation import get_language

from newsroom.languages import language_codes, localized

register = template.Library()


@register.simple_tag(takes_context=True)
def translated(context, item, field, language=None, original=None):
    """A part of a page's content (a quote, a link label) in the content block's
    language, with the language it really is in, for its ``lang`` attribute:
    ``{% translated quote "text" as q %}<blockquote lang="{{ q.lang }}">{{ q.text }}``.

    The language is ``language`` or the context's ``content_language`` (see
    newsroom/languages.py for the rule); a part that lacks it falls back to
    ``original`` or the context's ``original_language`` (the main item's).
    """
    language = language or context.get("content_language") or get_language()
    original = original or context.get("original_language")
    for code in (language, original):
        if code and (value := localized(item, field, code)):
            return SimpleNamespace(text=value, lang=code)
    for code in language_codes():
        if value := localized(item, field, code):
            return SimpleNamespace(text=value, lang=code)
    return SimpleNamespace(text="", lang=language)


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


@register.simple_tag(takes_context=True)
def media_url(context, path):
    """A stored file's address; on an embargo page it carries the link's token, so the
    journalist's browser may fetch the release's pictures and documents too."""
    url = default_storage.url(path)
    token = context.get("embargo_token")
    return f"{url}?{urlencode({'embargo': token})}" if token else url


@register.simple_tag(takes_context=True)
def srcset(context, image, kind):
    """``srcset`` of an image's renditions of one kind ("webp" or "jpeg")."""
    return ", ".join(f"{media_url(context, r[kind])} {r['width']}w" for r in image.renditions)
