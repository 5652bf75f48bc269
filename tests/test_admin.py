"""The admin press officers work in: every page renders, and what they post is kept clean."""

import pytest
from django.contrib import admin
from django.urls import reverse
from reversion.models import Version

from releases.models import PressRelease
from tests.newsroom.test_richtext import HOSTILE

REGISTERED = sorted(
    (model._meta.app_label, model._meta.model_name) for model in admin.site._registry
)


@pytest.fixture
def staff_client(client, demo, admin_user):
    from django.contrib.auth.models import Group

    from releases.models import EmbargoAccess, EmbargoLink

    Group.objects.get_or_create(name="Editors")
    link = EmbargoLink.objects.create(
        release=demo, journalist_name="Ann Peeters", email="ann@example.be"
    )
    EmbargoAccess.objects.create(link=link, ip_address="192.0.2.1")
    from django.utils import timezone

    from workflow.models import StateChange

    StateChange.record(demo, "publish_now", "in_review", "live", admin_user, timezone.now())
    # Sign-in records and two-factor devices have admin pages too.
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    AccessAttempt.objects.create(username="editor", ip_address="192.0.2.1", failures_since_start=1)
    AccessFailureLog.objects.create(username="editor", ip_address="192.0.2.1")
    AccessLog.objects.create(username="editor", ip_address="192.0.2.1")
    TOTPDevice.objects.create(user=admin_user, name="phone")
    StaticDevice.objects.create(user=admin_user, name="recovery codes")
    # And the editors' private calendar addresses.
    from desk.models import CalendarFeedKey

    CalendarFeedKey.objects.create(user=admin_user)
    # And the press lists.
    from press_lists.models import Journalist, PressList

    journalist = Journalist.objects.create(name="Ann Peeters", email="ann@standaard.be")
    PressList.objects.create(name="Social security").journalists.add(journalist)
    # And a sending's log.
    from distribution.models import Delivery, Sending

    sending = Sending.objects.create(release=demo, created_by=admin_user)
    Delivery.objects.create(
        sending=sending, email=journalist.email, language="nl", embargo_link=link
    )
    # And a subscriber of the public.
    from subscriptions.models import Subscriber

    now = timezone.now()
    Subscriber.objects.create(
        email="reader@example.be", language="fr", requested_at=now, confirmed_at=now
    ).organizations.add(demo.issuing_organization)
    # And a partner's webhook with its delivery log.
    from webhooks import events
    from webhooks.models import Subscription

    hook = Subscription.objects.create(name="Portal", url="https://portal.example.be/hook")
    hook.organizations.add(demo.issuing_organization)
    events.test_delivery(hook)
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize("app_label,model_name", REGISTERED)
def test_every_admin_page_renders(staff_client, app_label, model_name):
    from django.apps import apps

    model = apps.get_model(app_label, model_name)
    changelist = reverse(f"admin:{app_label}_{model_name}_changelist")
    assert staff_client.get(changelist).status_code == 200
    add = staff_client.get(reverse(f"admin:{app_label}_{model_name}_add"))
    # Embargo links are created on their release's page; the audit trail and the
    # sign-in records are never written by hand; the newsroom has one identity.
    read_only = model_name in (
        "embargolink",
        "statechange",
        "accessattempt",
        "accesslog",
        "accessfailurelog",
        "siteidentity",
        "calendarfeedkey",
        "subscriber",  # made only by its owner's confirmation
        "delivery",  # the send log, written by the worker
    )
    assert add.status_code == (403 if read_only else 200)
    item = model._default_manager.first()
    assert item is not None, f"the demo has no {model_name}"
    change = reverse(f"admin:{app_label}_{model_name}_change", args=[item.pk])
    assert staff_client.get(change).status_code == 200
    history = reverse(f"admin:{app_label}_{model_name}_history", args=[item.pk])
    assert staff_client.get(history).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "state=live",
        "state=scheduled",
        "state=draft",
        "missing=de",
        "missing=none",
        "q=SOCIEUX",
        "publish_at__year=2017",
    ],
)
def test_release_changelist_filters(staff_client, demo, query):
    response = staff_client.get(reverse("admin:releases_pressrelease_changelist") + "?" + query)
    assert response.status_code == 200
    shown = list(response.context["cl"].result_list)
    expected_present = query not in ("state=scheduled", "state=draft", "missing=none")
    assert (demo in shown) == expected_present


def test_release_change_page_has_four_language_tabs_and_the_quotes(staff_client, demo):
    response = staff_client.get(reverse("admin:releases_pressrelease_change", args=[demo.pk]))
    html = response.content.decode()
    for code in ("fr", "nl", "de", "en"):
        assert f'name="title_{code}"' in html
        assert f'name="body_{code}"' in html
    # German is left empty in the demo so the fallback shows.
    form = response.context["adminform"].form
    assert form.initial["title_de"] in (None, "")
    assert form.initial["title_nl"]
    # Each editor edits its own language, and jQuery UI comes from our own static files.
    assert 'lang="nl"' in html and "vendor/jquery-ui/jquery-ui.min.js" in html
    assert "ajax.googleapis.com" not in html
    quotes = response.context["inline_admin_formsets"][0]
    speakers = {str(f.instance.appointment.person) for f in quotes.forms if f.instance.pk}
    assert speakers == {"Maggie De Block", "Alexander De Croo"}
    assert "Ministre des Affaires sociales et de la Santé publique" in html


def test_admin_speaks_the_editors_language(staff_client):
    response = staff_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="nl")
    html = response.content.decode()
    assert '<html lang="nl"' in html and "Afmelden" in html  # Django's own strings
    assert "Persberichten" in html  # our own strings, from locale/nl
    response = staff_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="de")
    assert "Pressemitteilungen" in response.content.decode()


def empty_inlines():
    data = {}
    for prefix in ("quotes", "links", "contact_links", "images", "documents"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return data


def test_hostile_html_posted_to_the_admin_is_stored_clean(staff_client, demo):
    data = {
        "title_fr": "Communiqué piégé",
        "lead_fr": "Chapeau",
        "body_fr": HOSTILE,
        "title_nl": "Persbericht",
        "lead_nl": "Inleiding",
        "body_nl": HOSTILE,
        "original_language": "fr",
        "status": "draft",
        "issuing_organization": demo.issuing_organization_id,
        **empty_inlines(),
    }
    response = staff_client.post(reverse("admin:releases_pressrelease_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    release = PressRelease.objects.get(title_fr="Communiqué piégé")
    for body in (release.body_fr, release.body_nl):
        assert "<script" not in body and "javascript:" not in body and "onerror" not in body
        assert "evil.example" not in body
        assert "<h2>Titre</h2>" in body
    # Every save through the admin is a revision.
    assert Version.objects.get_for_object(release).count() == 1


def test_admin_refuses_an_overlapping_appointment_with_a_message(staff_client, demo):
    from organizations.models import Appointment, Person

    holder = Appointment.objects.get(person__slug="maggie-de-block")
    newcomer = Person.objects.create(first_name="Frank", last_name="Vandenbroucke")
    data = {
        "first_name": "Frank",
        "last_name": "Vandenbroucke",
        "slug": newcomer.slug,
        "appointments-TOTAL_FORMS": "1",
        "appointments-INITIAL_FORMS": "0",
        "appointments-MIN_NUM_FORMS": "0",
        "appointments-MAX_NUM_FORMS": "1000",
        "appointments-0-role": holder.role_id,
        "appointments-0-started_on": "2019-01-01",
    }
    response = staff_client.post(
        reverse("admin:organizations_person_change", args=[newcomer.pk]),
        data,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "a role has one holder at a time" in response.content.decode()
    assert not newcomer.appointments.exists()


def test_editor_can_switch_the_admin_language(staff_client):
    response = staff_client.post(
        reverse("set_language"), {"language": "de", "next": reverse("admin:index")}
    )
    assert response.status_code == 302
    page = staff_client.get(reverse("admin:index")).content.decode()
    assert '<html lang="de"' in page and "Pressemitteilungen" in page
