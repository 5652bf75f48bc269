"""Rich text: CKEditor 5 in the admin, and an nh3 allow-list on the server.

The editor is a convenience, not a safeguard: whatever reaches the server (a
crafted POST, a pasted document, an API client) is cleaned on save against the
allow-list below before it is stored.
"""

import re

import nh3
from django import forms
from django.conf import settings
from django_ckeditor_5.fields import CKEditor5Field

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "figure",
    "figcaption",
    "img",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang", "lang"},
    "img": {"src", "srcset", "sizes", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "blockquote": {"lang"},
    "p": {"lang"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# Removed together with their content, not just unwrapped.
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript"}


def _is_own_media(url):
    """Images must come from our own media, never from a third-party host."""
    media_url = settings.MEDIA_URL
    return url.startswith(media_url) and not url.startswith("//") and ".." not in url


def _attribute_filter(tag, attribute, value):
    if tag == "img" and attribute == "src" and not _is_own_media(value):
        return None
    if tag == "img" and attribute == "srcset":
        candidates = [c.strip().split(" ")[0] for c in value.split(",") if c.strip()]
        if not all(_is_own_media(url) for url in candidates):
            return None
    return value


def sanitize_html(html):
    """Return ``html`` reduced to the newsroom's allow-list."""
    if not html:
        return html
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def normalized(html):
    """What a reader would get from ``html``: the editor's empty "<p>&nbsp;</p>" is
    nothing, and spaces between tags do not count."""
    if CKEditor5Field._is_empty_html(html):
        return ""
    return re.sub(r">\s+<", "><", sanitize_html(html))


class RichTextFormField(forms.CharField):
    """Changed only when the text is: the editor rewrites markup it did not edit (an
    empty language, whitespace), which must not count as a change in the history."""

    def has_changed(self, initial, data):
        return normalized(initial or "") != normalized(data or "")


class RichTextField(CKEditor5Field):
    """A CKEditor 5 field whose value is sanitised every time it is saved.

    modeltranslation builds its per-language fields from this class, so each
    language column is cleaned the same way.
    """

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": RichTextFormField, **kwargs})

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        if hasattr(self, "translated_field"):
            # A per-language column: keep the instance in step with what is stored.
            # (Assigning the untranslated name would write into the active
            # language through modeltranslation's descriptor.)
            setattr(model_instance, self.attname, value)
        return value
