"""The newsroom's identity is edited in the admin, in four languages, and every
channel shows it: pages, feeds, calendars, structured data."""

import json
import re

import feedparser
import icalendar
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from attachments.models import Image
from identity.models import SiteIdentity
from tests.attachments import files
from tests.forms import form_data
from tests.public import demo_urls, feed_urls, reverse_in, url_in

NAMES = {
    "fr": "Salle de presse du SPF Mobilité",
    "nl": "Perskamer van de FOD Mobiliteit",
    "de": "Pressebereich des FÖD Mobilität",
    "en": "FPS Mobility newsroom",
}
PUBLISHERS = {
    "fr": "SPF Mobilité et Transports",
    "nl": "FOD Mobiliteit en Vervoer",
    "de": "FÖD Mobilität und Transportwesen",
    "en": "FPS Mobility and Transport",
}


def rename_in_the_admin(client, **extra):
    url = reverse("admin:identity_siteidentity_change", args=[1])
    data = form_data(client.get(url).content.decode(), "siteidentity_form")
    for code in NAMES:
        data[f"name_{code}"] = NAMES[code]
        data[f"publisher_{code}"] = PUBLISHERS[code]
        data[f"contact_{code}"] = f"Contact {code}: +32 2 111 11 11"
    new = int(data["footer_links-INITIAL_FORMS"][0])  # a link added after the others
    data.update(
        {
            "footer_links-TOTAL_FORMS": str(new + 1),
            f"footer_links-{new}-label_fr": "Accessibilité",
            f"footer_links-{new}-label_nl": "Toegankelijkheid",
            f"footer_links-{new}-url_fr": "https://mobilit.belgium.be/fr/accessibilite",
            f"footer_links-{new}-position": "9",
            **extra,
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def test_renaming_the_newsroom_in_the_admin_changes_every_channel(client, demo, superuser):
    from events.models import Event

    event = Event.objects.get()
    etag_before = client.get(reverse_in("home", "fr"))["ETag"]
    client.force_login(superuser)
    rename_in_the_admin(client)
    client.logout()

    for code in ("fr", "nl", "de", "en"):
        name = NAMES[code]
        urls = demo_urls(demo, code)
        home = client.get(urls["home"]).content.decode()
        assert f"<h1>{name}</h1>" in home
        assert f"· {name}</title>" in home and f'og:site_name" content="{name}"' in home
        assert f"Contact {code}: +32 2 111 11 11" in home and PUBLISHERS[code] in home
        release = client.get(urls["release detail"]).content.decode()
        data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', release, re.S)[1])
        assert data["publisher"]["name"] == PUBLISHERS[code]
        feeds = feed_urls(demo, code)
        for feed_url in (feeds["rss"], feeds["atom"]):
            assert name in feedparser.parse(client.get(feed_url).content).feed.title
        for calendar_url in (
            reverse_in("events:upcoming_calendar", code),
            url_in(event, code, "events:calendar"),
        ):
            calendar = icalendar.Calendar.from_ical(client.get(calendar_url).content)
            assert str(calendar["x-wr-calname"]).endswith(name)
    home_nl = client.get(demo_urls(demo, "nl")["home"]).content.decode()
    assert 'href="https://mobilit.belgium.be/fr/accessibilite">Toegankelijkheid</a>' in home_nl
    # A reader's cached copy is stale at once: the public version moved.
    assert client.get(reverse_in("home", "fr"))["ETag"] != etag_before


def test_the_identity_is_one_row_neither_added_nor_deleted(client, db, superuser):
    client.force_login(superuser)
    html = client.get(reverse("admin:identity_siteidentity_changelist")).content.decode()
    assert reverse("admin:identity_siteidentity_change", args=[1]) in html
    assert client.get(reverse("admin:identity_siteidentity_add")).status_code == 403
    assert client.get(reverse("admin:identity_siteidentity_delete", args=[1])).status_code == 403
    assert SiteIdentity.objects.count() == 1


def test_press_officers_and_editors_do_not_change_it(client, db, press_officer, editor):
    url = reverse("admin:identity_siteidentity_change", args=[1])
    for user in (press_officer, editor):
        client.force_login(user)
        assert client.post(url, {"name_fr": "Autre"}).status_code == 403
    assert SiteIdentity.current().name == "Newsroom"


def test_a_new_installation_names_no_ministry(client, db):
    html = client.get(reverse_in("home", "fr")).content.decode()
    assert "<h1>Newsroom</h1>" in html and "Sécurité sociale" not in html


def test_the_logo_is_on_every_page_and_only_editors_change_its_picture(
    client, demo, superuser, press_officer
):
    logo = Image(alt_fr="Logo", file=SimpleUploadedFile("logo.png", files.png()))
    logo.save()
    client.force_login(superuser)
    rename_in_the_admin(client, logo=str(logo.pk))
    client.logout()
    html = client.get(reverse_in("home", "nl")).content.decode()
    src = re.search(r'<img class="site-logo" src="([^"]+)"', html)[1]
    assert client.get(src).status_code == 200  # public, like the page
    client.force_login(press_officer)
    response = client.post(
        reverse("admin:attachments_image_change", args=[logo.pk]), {"alt_fr": "Autre"}
    )
    assert response.status_code == 403


def test_the_demo_brings_its_own_identity_and_keeps_one_made_in_the_admin(client, demo, superuser):
    from django.core.management import call_command

    assert SiteIdentity.current().name_en == "FPS Social Security newsroom"
    client.force_login(superuser)
    rename_in_the_admin(client)
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert SiteIdentity.current().name_en == NAMES["en"]


def test_a_releases_picture_cannot_be_the_logo(client, demo, superuser):
    """It is public only while its release is: the header would lose it, or show a
    draft's picture's address."""
    picture = demo.images.first()
    client.force_login(superuser)
    url = reverse("admin:identity_siteidentity_change", args=[1])
    data = form_data(client.get(url).content.decode(), "siteidentity_form")
    data["logo"] = str(picture.pk)
    response = client.post(url, data)
    assert response.status_code == 200 and "logo" in response.context["adminform"].form.errors
    assert SiteIdentity.current().logo is None


def test_without_a_publisher_the_release_issuer_publishes(client, db, make_release):
    from tests.public import url_in

    release = make_release()
    html = client.get(url_in(release, "fr")).content.decode()
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', html, re.S)[1])
    assert data["publisher"] == data["author"]
    assert data["publisher"]["name"] == release.issuing_organization.name
