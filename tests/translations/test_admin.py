"""Where people work: the translation page (mark as checked), the release list's column
and filter, the dashboard's section, the badges under the stale fields."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from newsroom.publishing import Status
from tests.conftest import complete, staff_user
from tests.forms import form_data
from translations import status
from translations.models import FieldTranslation

pytestmark = pytest.mark.django_db


def behind(make_release, title, **fields):
    """A release complete in French, Dutch and English whose French lead then changed."""
    release = make_release(
        title_fr=title, **complete(title_en="R", lead_en="L", body_en="<p>B</p>"), **fields
    )
    release.lead_fr = f"{release.lead_fr} (corrigé)"
    release.save()
    return release


def test_the_translation_page_shows_each_language_and_marks_checked(client, make_release):
    release = behind(make_release, "Brouillon", status=Status.DRAFT)
    officer = staff_user("officer", "Press officers")
    client.force_login(officer)
    url = reverse("admin:releases_pressrelease_translations", args=[release.pk])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for code, name in (("nl", "Dutch"), ("de", "German"), ("en", "English")):
        assert f'<h2 id="heading-{code}">{name}' in html
    assert 'id="heading-fr"' not in html  # the original
    assert "2 behind the original" not in html  # one per language
    assert html.count("1 behind the original") == 2  # Dutch and English
    assert "3 missing" in html  # German: title, lead, body
    assert "<ins>" in html and "corrigé" in html
    export = reverse("admin:releases_pressrelease_translation_export", args=[release.pk, "nl"])
    assert f'href="{export}"' in html
    data = form_data(html)
    assert "checked_translation" not in data
    dutch = next(s for s in status.stale(release) if s.language == "nl")
    response = client.post(url, {"checked_translation": [dutch.key]}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert [s.language for s in status.stale(release)] == ["en"]
    row = FieldTranslation.objects.get(object_id=release.pk, field="lead", language="nl")
    assert row.checked_by == officer
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "checked by officer" in page


def test_a_press_officer_cannot_mark_a_live_release_checked(client, make_release):
    release = behind(make_release, "En ligne")
    client.force_login(staff_user("officer", "Press officers"))
    url = reverse("admin:releases_pressrelease_translations", args=[release.pk])
    assert client.get(url).status_code == 200  # they may look
    dutch = next(s for s in status.stale(release) if s.language == "nl")
    assert client.post(url, {"checked_translation": [dutch.key]}).status_code == 403
    assert "nl" in {s.language for s in status.stale(release)}


def test_staff_without_permission_see_nothing(client, make_release):
    from django.contrib.auth.models import User

    release = behind(make_release, "Privé")
    client.force_login(User.objects.create_user("staff", password="x", is_staff=True))
    url = reverse("admin:releases_pressrelease_translations", args=[release.pk])
    assert client.get(url).status_code == 403
    export = reverse("admin:releases_pressrelease_translation_export", args=[release.pk, "nl"])
    assert client.get(export).status_code == 403


def test_the_release_list_has_a_translation_column_and_filter(client, make_release):
    stale = behind(make_release, "En retard")
    make_release(title_fr="À jour", **complete())
    client.force_login(staff_user("editor", "Editors"))
    url = reverse("admin:releases_pressrelease_changelist")
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'title="Dutch">NL behind' in html
    assert 'title="Dutch">NL up to date' in html
    assert 'title="German">DE missing' in html
    for value in ("any", "nl"):
        filtered = client.get(url, {"behind": value}, HTTP_ACCEPT_LANGUAGE="en")
        assert [r.pk for r in filtered.context["cl"].result_list] == [stale.pk]
    assert list(client.get(url, {"behind": "de"}).context["cl"].result_list) == []


def test_the_dashboard_lists_translations_behind_the_original_oldest_first(
    client, make_release, clock
):
    now = timezone.now()
    clock.set(now - datetime.timedelta(days=3))
    older = behind(make_release, "Ancien")
    clock.set(now)
    newer = behind(make_release, "Récent")
    client.force_login(staff_user("editor", "Editors"))
    response = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en")
    section = next(s for s in response.context["dashboard_sections"] if s.key == "behind")
    assert [(r.item.title_fr, r.note) for r in section.rows] == [
        ("Ancien", "English: 1 text"),
        ("Ancien", "Dutch: 1 text"),
        ("Récent", "English: 1 text"),
        ("Récent", "Dutch: 1 text"),
    ]
    assert section.count == 4
    assert section.rows[0].url.endswith(f"/{older.pk}/translations/#en")
    assert newer.pk != older.pk


def test_the_dashboard_section_costs_the_same_for_9_or_18_items(client, make_release):
    """(Past the rows shown, a section counts the rest: both sizes are past it.)"""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(staff_user("editor", "Editors"))
    for n in range(9):
        behind(make_release, f"Un {n}")
    client.get(reverse("admin:index"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("admin:index"))
    for n in range(9):
        behind(make_release, f"Autre {n}")
    with CaptureQueriesContext(connection) as ten:
        client.get(reverse("admin:index"))
    assert len(ten) == len(one)


def test_reference_data_has_its_translation_page_too(client, organization):
    """An organization's description, written in French, translated into Dutch."""
    organization.description_fr = "Le service public fédéral."
    organization.description_nl = "De federale overheidsdienst."
    organization.save()
    organization.description_fr = "Le service public fédéral Sécurité sociale."
    organization.save()
    [dutch] = status.stale(organization)
    assert (dutch.language, dutch.field) == ("nl", "description")
    client.force_login(staff_user("editor", "Editors"))
    url = reverse("admin:organizations_organization_translations", args=[organization.pk])
    assert "Sécurité sociale" in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert client.post(url, {"checked_translation": [dutch.key]}).status_code == 302
    assert status.stale(organization) == []
