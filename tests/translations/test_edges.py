"""The edges of tracking: a revert, a part opened on its own, a new original language, an
emptied original, a second change before a confirmation, a partial save; and the public
dates of what is said in every language."""

import datetime

import pytest
from django.urls import reverse
from reversion.models import Version

from attachments.models import Image
from newsroom.publishing import Status
from tests.conftest import complete, staff_user
from tests.forms import form_data
from translations import status
from translations.gate import refuse_unconfirmed

pytestmark = pytest.mark.django_db


def stale_fields(item):
    return sorted((s.language, s.field) for s in status.stale(item))


def test_a_revert_counts_as_a_change_of_the_texts(client, make_release):
    """Back to the French the Dutch was written against: the Dutch is up to date again."""
    release = make_release(status=Status.DRAFT, **complete())
    officer = staff_user("officer", "Press officers")
    client.force_login(officer)
    url = reverse("admin:releases_pressrelease_change", args=[release.pk])
    for lead in ("Chapeau 1", "Un autre chapeau"):  # two revisions
        data = form_data(client.get(url).content.decode(), "pressrelease_form")
        data["lead_fr"] = [lead]
        assert client.post(url, data).status_code == 302
    assert stale_fields(release) == [("nl", "lead")]
    first = Version.objects.get_for_object(release).order_by("pk").first()
    revision = reverse("admin:releases_pressrelease_revision", args=[release.pk, first.pk])
    reverted = form_data(client.get(revision).content.decode(), "pressrelease_form")
    assert stale_fields(release) == [("nl", "lead")]  # the page alone changes nothing
    assert client.post(revision, reverted).status_code == 302
    release.refresh_from_db()
    assert release.lead_fr == "Chapeau 1"
    assert stale_fields(release) == []


def test_a_part_opened_on_its_own_shows_its_status(make_release):
    release = make_release(status=Status.DRAFT, **complete())
    image = Image.objects.create(release=release, alt_fr="Une photo", alt_nl="Een foto")
    image.alt_fr = "Une autre photo"
    image.save()
    assert stale_fields(image) == [("nl", "alt")]
    assert stale_fields(release) == [("nl", "alt")]


def test_a_new_original_language_and_an_emptied_original_leave_nothing_behind(make_release):
    release = make_release(status=Status.DRAFT, **complete(title_en="Title"))
    release.title_fr = "Un autre titre"
    release.save()
    assert stale_fields(release) == [("en", "title"), ("nl", "title")]
    release.original_language = "nl"
    release.save()
    assert stale_fields(release) == []
    assert status.stale_languages(type(release), [release.pk]) == {}
    release.title_en = ""
    release.save()
    release.lead_nl = "Andere inleiding"
    release.save()
    assert stale_fields(release) == [("fr", "lead")]
    release.lead_nl = ""
    release.save()  # the original has no lead: nothing is behind it
    assert stale_fields(release) == []
    assert status.stale_languages(type(release), [release.pk]) == {}


def test_a_confirmation_covers_only_the_change_that_was_seen(make_release, editor):
    from django.core.exceptions import ValidationError

    release = make_release(status=Status.IN_REVIEW, **complete())
    release.lead_fr = "Premier changement"
    release.save()
    [seen] = [s.key for s in status.stale(release)]
    release.lead_fr = "Second changement"
    release.save()
    with pytest.raises(ValidationError):
        refuse_unconfirmed(release, [seen])
    [now] = [s.key for s in status.stale(release)]
    assert now != seen
    assert refuse_unconfirmed(release, [now])


def test_a_partial_save_records_only_the_columns_it_writes(make_release):
    release = make_release(status=Status.DRAFT, **complete())
    release.lead_fr = "Pas enregistré"
    release.save(update_fields=["title_fr"])
    assert stale_fields(release) == []


def test_an_events_date_moves_its_sitemap_dates_in_every_language(client, make_event, clock):
    publish = datetime.datetime(2030, 5, 1, 9, 0, tzinfo=datetime.UTC)
    clock.set(publish - datetime.timedelta(days=1))
    event = make_event(
        publish_at=publish,
        starts_at=publish + datetime.timedelta(days=30),
        title_nl="Conferentie",
    )
    clock.set(publish + datetime.timedelta(days=2))
    xml = client.get("/sitemap-events.xml").content.decode()
    assert xml.count("<lastmod>2030-05-01</lastmod>") == 2  # French and Dutch
    event.starts_at += datetime.timedelta(hours=2)
    event.save()
    xml = client.get("/sitemap-events.xml").content.decode()
    assert xml.count("<lastmod>2030-05-03</lastmod>") == 2
