"""The change form's side-by-side preview: the public page in a frame of our own admin,
for whoever may preview, in any of the four languages; everyone else keeps "never in a
frame"."""

import re

import pytest
from django.urls import reverse

from tests.conftest import staff_user
from tests.public import url_in

pytestmark = pytest.mark.django_db


def framing(response):
    policy = response["Content-Security-Policy"]
    return response["X-Frame-Options"], re.search(r"frame-ancestors ([^;]*)", policy).group(1)


def test_the_preview_may_be_framed_by_our_own_pages_for_editors_only(client, demo):
    url = url_in(demo, "nl") + "?frame=preview"
    assert framing(client.get(url)) == ("DENY", "'none'")  # the public
    from django.contrib.auth.models import User

    # Staff without the view permission.
    client.force_login(User.objects.create_user("helpdesk", is_staff=True))
    assert framing(client.get(url)) == ("DENY", "'none'")
    client.force_login(staff_user("ed", "Editors"))
    response = client.get(url)
    assert framing(response) == ("SAMEORIGIN", "'self'")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert framing(client.get(url_in(demo, "nl"))) == ("DENY", "'none'")  # only the preview


def test_the_change_form_offers_the_preview_in_the_four_languages(client, demo):
    client.force_login(staff_user("ed", "Editors"))
    html = client.get(reverse("admin:releases_pressrelease_change", args=[demo.pk])).content
    links = dict(
        re.findall(r'href="([^"]+)" class="preview-link" data-language="(\w+)"', html.decode())
    )
    assert sorted(links.values()) == ["de", "en", "fr", "nl"]
    # German, which the demo lacks, shows what German readers get: the French original.
    german = next(url for url, code in links.items() if code == "de")
    page = client.get(german.replace("&amp;", "&")).content.decode()
    assert '<article class="release" lang="fr">' in page
