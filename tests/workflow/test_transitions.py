"""The editorial workflow as editors and readers meet it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from newsroom.publishing import State, Status
from releases.models import Correction, EmbargoAccess, EmbargoLink, PressRelease
from tests.conftest import brussels, complete
from tests.public import LANGUAGES, reverse_in, url_in
from workflow import transitions as workflow
from workflow.models import StateChange

SECOND = datetime.timedelta(seconds=1)


def transition_url(release, name):
    return reverse("admin:releases_pressrelease_transition", args=[release.pk, name])


def schedule(client, release, day, time):
    return client.post(
        transition_url(release, "schedule"),
        {
            "expected_version": release.version,
            "publish_at_0": day,
            "publish_at_1": time,
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )


# --- language parity ------------------------------------------------------------------


def test_parity_gate_says_exactly_what_is_missing(client, editor, make_release):
    release = make_release(status=Status.IN_REVIEW, title_nl="Alleen een titel")
    client.force_login(editor)
    response = client.post(
        transition_url(release, "publish_now"),
        {"expected_version": release.version},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "It cannot be approved yet" in html and "Dutch: lead, body" in html
    release.refresh_from_db()
    assert release.state == State.IN_REVIEW


@pytest.mark.parametrize(
    "required,ok", [(["fr"], True), (["fr", "nl"], False), (["fr", "de"], False)]
)
def test_required_languages_come_from_the_settings(settings, make_release, editor, required, ok):
    settings.NEWSROOM_REQUIRED_LANGUAGES = required
    release = make_release(status=Status.IN_REVIEW)  # French only
    assert (workflow.parity_problems(release) == []) == ok


def test_all_languages_go_live_together_at_the_scheduled_second(
    client, clock, make_release, editor
):
    go_live = brussels(2030, 5, 30, 9, 0, 0)
    release = make_release(
        status=Status.IN_REVIEW,
        title_en="Release",
        lead_en="Lead",
        body_en="<p>Body</p>",
        **complete(),
    )
    clock.set(brussels(2030, 5, 1))
    workflow.perform(
        release, "schedule", editor, expected_version=release.version, publish_at=go_live
    )
    client.logout()
    clock.set(go_live - SECOND)
    assert {client.get(url_in(release, code)).status_code for code in LANGUAGES} == {404}
    clock.set(go_live)
    assert {client.get(url_in(release, code)).status_code for code in LANGUAGES} == {200}


# --- scheduling in Brussels time, across daylight-saving changes ----------------------


def test_schedule_is_entered_in_brussels_time(client, clock, editor, make_release):
    clock.set(brussels(2030, 1, 1))
    release = make_release(status=Status.IN_REVIEW, **complete())
    client.force_login(editor)
    schedule(client, release, "2030-05-30", "09:00:00")
    release.refresh_from_db()
    assert release.state_at(brussels(2030, 1, 1)) == State.SCHEDULED
    assert release.publish_at == datetime.datetime(2030, 5, 30, 7, 0, tzinfo=datetime.UTC)


def test_spring_forward_gap_is_refused_and_the_next_hour_is_exact(
    client, clock, editor, make_release
):
    # 29 March 2026: clocks jump from 02:00 CET to 03:00 CEST; 02:30 does not exist.
    clock.set(brussels(2026, 3, 1))
    release = make_release(status=Status.IN_REVIEW, **complete())
    client.force_login(editor)
    html = schedule(client, release, "2026-03-29", "02:30:00").content.decode()
    assert "couldn’t be interpreted in time zone Europe/Brussels" in html
    release.refresh_from_db()
    assert release.state_at(brussels(2026, 3, 1)) == State.IN_REVIEW
    schedule(client, release, "2026-03-29", "03:00:00")
    release.refresh_from_db()
    go_live = datetime.datetime(2026, 3, 29, 1, 0, tzinfo=datetime.UTC)  # 03:00 CEST
    assert release.publish_at == go_live
    assert not PressRelease.objects.live(go_live - SECOND).filter(pk=release.pk).exists()
    assert PressRelease.objects.live(go_live).filter(pk=release.pk).exists()


def test_fall_back_ambiguous_hour_is_refused_and_the_next_hour_is_exact(
    client, clock, editor, make_release
):
    # 25 October 2026: 02:00-03:00 happens twice (CEST, then CET).
    clock.set(brussels(2026, 10, 1))
    release = make_release(status=Status.IN_REVIEW, **complete())
    client.force_login(editor)
    html = schedule(client, release, "2026-10-25", "02:30:00").content.decode()
    assert "it may be ambiguous or it may not exist" in html
    schedule(client, release, "2026-10-25", "03:00:00")
    release.refresh_from_db()
    go_live = datetime.datetime(2026, 10, 25, 2, 0, tzinfo=datetime.UTC)  # 03:00 CET
    assert release.publish_at == go_live
    assert not release.is_live(go_live - SECOND) and release.is_live(go_live)


def test_a_past_schedule_is_refused(client, editor, make_release):
    release = make_release(status=Status.IN_REVIEW, **complete())
    client.force_login(editor)
    html = schedule(client, release, "2020-01-01", "10:00:00").content.decode()
    assert "in the future" in html
    release.refresh_from_db()
    assert release.state == State.IN_REVIEW


def test_schedule_overview_lists_what_goes_live_next_with_the_time_left(
    client, editor, make_release, make_event
):
    now = timezone.now()
    later = make_release(publish_at=now + datetime.timedelta(days=3), title_fr="Plus tard")
    make_release(publish_at=now + datetime.timedelta(hours=5), title_fr="Bientôt")
    event = make_event(publish_at=now + datetime.timedelta(days=1), title_fr="Conférence X")
    make_release(title_fr="Déjà en ligne")
    client.force_login(editor)
    html = client.get(
        reverse("admin:releases_pressrelease_schedule"), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert html.index("Bientôt") < html.index("Conférence X") < html.index("Plus tard")
    assert "Déjà en ligne" not in html
    assert "4\xa0hours" in html or "5\xa0hours" in html  # time left
    assert "CET" in html or "CEST" in html
    assert event.title_fr in html and later.title_fr in html


def test_admin_shows_the_time_zone_next_to_dates(client, editor, demo):
    client.force_login(editor)
    html = client.get(reverse("admin:releases_pressrelease_changelist")).content.decode()
    assert "30/05/2017 09:00 CEST" in html
    html = client.get(
        reverse("admin:releases_pressrelease_change", args=[demo.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "30/05/2017 09:00 CEST" in html and "Europe/Brussels" in html


# --- preview ----------------------------------------------------------------------------


@pytest.mark.parametrize("state", [State.DRAFT, State.IN_REVIEW, State.SCHEDULED, State.WITHDRAWN])
def test_staff_preview_on_the_public_template(client, press_officer, make_release, state):
    status = {
        State.DRAFT: Status.DRAFT,
        State.IN_REVIEW: Status.IN_REVIEW,
        State.SCHEDULED: Status.APPROVED,
        State.WITHDRAWN: Status.WITHDRAWN,
    }[state]
    publish_at = brussels(2099, 1, 1) if state == State.SCHEDULED else None
    release = make_release(status=status, publish_at=publish_at)
    client.force_login(press_officer)
    response = client.get(url_in(release, "en"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview: this page is not published." in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


# --- embargo links ---------------------------------------------------------------------


@pytest.fixture
def embargoed(make_release, editor):
    release = make_release(
        publish_at=timezone.now() + datetime.timedelta(days=2),
        title_fr="Sous embargo",
        **complete(),
    )
    link = EmbargoLink.objects.create(
        release=release, journalist_name="Ann Peeters", email="ann@example.be", created_by=editor
    )
    return link


def embargo_url(link, language="nl"):
    with translation.override(language):
        return reverse("releases:embargo", kwargs={"token": link.token})


def test_valid_embargo_link_shows_the_release_with_a_banner_and_logs_the_access(client, embargoed):
    response = client.get(embargo_url(embargoed), HTTP_USER_AGENT="Reader/1.0")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Persbericht" in html and "EMBARGO" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert "application/ld+json" not in html
    access = EmbargoAccess.objects.get()
    assert access.link == embargoed and access.user_agent == "Reader/1.0"
    assert client.get(url_in(embargoed.release, "nl")).status_code == 404  # still private


def test_embargo_banner_speaks_the_readers_language(client, embargoed):
    html = client.get(embargo_url(embargoed, "de")).content.decode()
    assert "SPERRFRIST" in html or "Sperrfrist" in html


def test_revoked_embargo_link_stops_working(client, embargoed):
    embargoed.revoked_at = timezone.now()
    embargoed.save()
    response = client.get(embargo_url(embargoed))
    assert response.status_code == 410 and "<h1>Persbericht" not in response.content.decode()


def test_expired_embargo_link_stops_working(client, clock, embargoed):
    embargoed.expires_at = timezone.now() + datetime.timedelta(hours=1)
    embargoed.save()
    assert client.get(embargo_url(embargoed)).status_code == 200
    clock.set(embargoed.expires_at)
    assert client.get(embargo_url(embargoed)).status_code == 410


def test_tampered_or_guessed_embargo_tokens_are_404(client, embargoed):
    token = embargoed.token
    for bad in (
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        "x",
        token + "x",
        token.replace(token.split(":")[0], "eyJsIjoxLCJzIjoiYSJ9"),
    ):
        assert client.get(f"/nl/embargo/{bad}/").status_code == 404
    assert EmbargoAccess.objects.count() == 0


def test_embargo_ends_at_go_live(client, clock, embargoed):
    clock.set(embargoed.release.publish_at)
    response = client.get(embargo_url(embargoed))
    assert response.status_code == 302 and response["Location"] == url_in(embargoed.release, "nl")


def test_embargo_expiry_cannot_be_after_go_live(embargoed):
    from django.core.exceptions import ValidationError

    embargoed.expires_at = embargoed.release.publish_at + SECOND
    with pytest.raises(ValidationError):
        embargoed.full_clean()


def test_editor_creates_and_revokes_embargo_links_in_the_admin(client, editor, embargoed):
    release = embargoed.release
    url = reverse("admin:releases_pressrelease_change", args=[release.pk])
    client.force_login(editor)
    assert embargoed.token in client.get(url).content.decode()
    data = change_form(
        release,
        **{
            "embargo_links-TOTAL_FORMS": "2",
            "embargo_links-INITIAL_FORMS": "1",
            "embargo_links-0-id": embargoed.pk,
            "embargo_links-0-release": release.pk,
            "embargo_links-0-journalist_name": embargoed.journalist_name,
            "embargo_links-0-email": embargoed.email,
            "embargo_links-0-revoke": "on",
            "embargo_links-1-release": release.pk,
            "embargo_links-1-journalist_name": "Bart Claes",
            "embargo_links-1-email": "bart@example.be",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    embargoed.refresh_from_db()
    assert embargoed.revoked_at is not None
    new = EmbargoLink.objects.get(journalist_name="Bart Claes")
    assert new.created_by == editor and new.is_valid()
    assert client.get(embargo_url(embargoed)).status_code == 410


def test_press_officers_cannot_see_or_make_embargo_links(client, press_officer, embargoed):
    client.force_login(press_officer)
    page = client.get(
        reverse("admin:releases_pressrelease_change", args=[embargoed.release.pk])
    ).content.decode()
    assert embargoed.token not in page
    assert client.get(reverse("admin:releases_embargolink_changelist")).status_code == 403


def test_events_follow_the_same_workflow(client, editor, press_officer, make_event):
    event = make_event(status=Status.DRAFT, title_nl="Conferentie")
    workflow.perform(event, "submit", press_officer, expected_version=event.version)
    workflow.perform(event, "publish_now", editor, expected_version=event.version)
    event.refresh_from_db()
    assert client.get(url_in(event, "nl")).status_code == 200
    workflow.perform(
        event, "withdraw", editor, expected_version=event.version, reasons={"fr": "Annulée."}
    )
    assert client.get(url_in(event, "nl")).status_code == 410


# --- withdrawal --------------------------------------------------------------------------


def test_withdrawn_release_answers_410_with_date_and_reason_and_leaves_every_list(
    client, editor, demo
):
    client.force_login(editor)
    client.post(
        transition_url(demo, "withdraw"),
        {
            "expected_version": demo.version,
            "reason_fr": "Chiffres erronés.",
            "reason_nl": "Foute cijfers.",
        },
    )
    demo.refresh_from_db()
    assert demo.state == State.WITHDRAWN
    client.logout()
    response = client.get(url_in(demo, "nl"))
    html = response.content.decode()
    assert response.status_code == 410 and "Foute cijfers." in html and "ingetrokken" in html
    response = client.get(url_in(demo, "de"))  # no German reason: the original's
    assert response.status_code == 410
    assert 'lang="fr">Chiffres erronés.' in response.content.decode()
    for url in (
        reverse_in("releases:list", "fr"),
        reverse_in("releases:feed_rss", "fr"),
        "/sitemap-releases.xml",
        reverse_in("home", "fr"),
    ):
        assert demo.title_fr not in client.get(url).content.decode(), url


def test_withdrawal_needs_a_reason(client, editor, demo):
    client.force_login(editor)
    client.post(transition_url(demo, "withdraw"), {"expected_version": demo.version})
    demo.refresh_from_db()
    assert demo.state == State.LIVE


# --- corrections -----------------------------------------------------------------------


def test_correction_shows_on_the_page_and_in_the_feed(client, editor, demo):
    corrected_at = brussels(2017, 5, 31, 14, 0)
    Correction.objects.create(
        release=demo,
        note_fr="Date de la conférence corrigée.",
        note_nl="Datum van de conferentie verbeterd.",
        corrected_at=corrected_at,
        created_by=editor,
    )
    html = client.get(url_in(demo, "nl")).content.decode()
    assert "Bijgewerkt op" in html or "Updated on" in html
    assert "Datum van de conferentie verbeterd." in html
    import feedparser

    feed = feedparser.parse(client.get(reverse_in("releases:feed_atom", "nl")).content)
    assert feed.entries[0].updated_parsed[:5] == (2017, 5, 31, 12, 0)


def test_editor_adds_a_public_change_note_in_the_admin_and_cannot_rewrite_it(client, editor, demo):
    client.force_login(editor)
    url = reverse("admin:releases_pressrelease_change", args=[demo.pk])
    assert 'name="corrections-0-note_fr"' in client.get(url).content.decode()
    data = change_form(
        demo,
        **{
            "corrections-TOTAL_FORMS": "1",
            "corrections-INITIAL_FORMS": "0",
            "corrections-0-release": demo.pk,
            "corrections-0-note_fr": "Lien corrigé.",
            "corrections-0-note_nl": "Link verbeterd.",
        },
    )
    for prefix in ("quotes", "links", "contact_links"):  # the demo's existing inlines
        data.update(existing_inlines(demo, prefix))
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    correction = Correction.objects.get()
    assert correction.created_by == editor and correction.note_nl == "Link verbeterd."
    page = client.get(url).content.decode()
    assert 'name="corrections-0-note_fr"' not in page  # published notes are read-only
    assert "Link verbeterd." in client.get(url_in(demo, "nl")).content.decode()


def test_four_eyes_the_submitter_cannot_approve(client, editor, superuser, make_release):
    from tests.conftest import staff_user

    release = make_release(status=Status.DRAFT, **complete())
    workflow.perform(release, "submit", editor, expected_version=release.version)
    client.force_login(editor)
    response = client.post(
        transition_url(release, "publish_now"),
        {"expected_version": release.version},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "another editor must approve it" in response.content.decode()
    release.refresh_from_db()
    assert release.state == State.IN_REVIEW
    workflow.perform(
        release, "publish_now", staff_user("second", "Editors"), expected_version=release.version
    )
    release.refresh_from_db()
    assert release.state == State.LIVE


def test_four_eyes_whoever_edited_after_submission_cannot_approve(
    editor, press_officer, make_release
):
    import reversion
    from django.core.exceptions import PermissionDenied

    release = make_release(status=Status.DRAFT, **complete())
    workflow.perform(release, "submit", press_officer, expected_version=release.version)
    with reversion.create_revision():
        reversion.set_user(editor)
        release.lead_nl = "Door de eindredacteur herschreven"
        release.save()
    with pytest.raises(PermissionDenied):
        workflow.perform(release, "publish_now", editor, expected_version=release.version)


def test_confirming_after_someone_changed_the_release_is_refused(
    client, editor, superuser, make_release
):
    release = make_release(status=Status.IN_REVIEW, **complete())
    client.force_login(editor)
    seen = release.version  # the editor reviewed this version on the change page
    page = client.get(transition_url(release, "publish_now") + f"?version={seen}")
    assert f'value="{seen}"' in page.content.decode()
    release.body_nl = "<p>CHANGED UNSEEN</p>"
    release.save()
    client.post(
        transition_url(release, "publish_now") + f"?version={seen}", {"expected_version": seen}
    )
    release.refresh_from_db()
    assert release.state == State.IN_REVIEW


def test_an_approved_release_keeps_its_required_languages(client, editor, make_release):
    release = make_release(status=Status.APPROVED, publish_at=brussels(2099, 1, 1), **complete())
    client.force_login(editor)
    url = reverse("admin:releases_pressrelease_change", args=[release.pk])
    response = client.post(
        url, change_form(release, lead_nl="", body_nl=""), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "must stay complete" in response.content.decode()
    release.refresh_from_db()
    assert release.lead_nl == "Inleiding"


def test_publish_now_keeps_an_expiry_and_editors_can_set_one_later(editor, make_release):
    expiry = brussels(2099, 6, 1)
    release = make_release(
        status=Status.APPROVED, publish_at=brussels(2099, 1, 1), unpublish_at=expiry, **complete()
    )
    workflow.perform(release, "publish_now", editor, expected_version=release.version)
    release.refresh_from_db()
    assert release.state == State.LIVE and release.unpublish_at == expiry
    workflow.perform(
        release, "set_expiry", editor, expected_version=release.version, unpublish_at=None
    )
    release.refresh_from_db()
    assert release.unpublish_at is None


def test_a_malformed_version_is_refused_not_a_500(client, editor, make_release):
    release = make_release(status=Status.IN_REVIEW, **complete())
    client.force_login(editor)
    response = client.post(transition_url(release, "publish_now"), {"expected_version": "abc"})
    assert response.status_code == 200
    release.refresh_from_db()
    assert release.state == State.IN_REVIEW


def test_deleted_releases_cannot_be_recovered_outside_the_workflow(client, superuser, demo):
    client.force_login(superuser)
    assert client.get(reverse("admin:releases_pressrelease_recoverlist")).status_code == 403


# --- revisions and the audit trail ------------------------------------------------------


def test_revert_restores_every_language_but_never_the_state(client, editor, make_release):
    import reversion
    from reversion.models import Version

    release = make_release(status=Status.IN_REVIEW, **complete())
    with reversion.create_revision():
        release.title_nl = "Eerste versie"
        release.save()
    with reversion.create_revision():
        release.title_nl = "Tweede versie"
        release.save()
    workflow.perform(release, "publish_now", editor, expected_version=release.version)
    release.refresh_from_db()
    number, version = release.reference, release.version
    first = Version.objects.get_for_object(release).order_by("pk").first()
    client.force_login(editor)
    url = reverse("admin:releases_pressrelease_revision", args=[release.pk, first.pk])
    page = client.get(url)
    assert "Eerste versie" in page.content.decode()
    # Confirm the revert, as the revision page's "Save" does.
    response = client.post(url, change_form(release, title_nl="Eerste versie"))
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.title_nl == "Eerste versie"
    assert release.state == State.LIVE and release.reference == number
    assert release.version == version + 1


def test_state_changes_are_in_the_audit_trail(client, editor, press_officer, make_release):
    release = make_release(status=Status.DRAFT, **complete())
    workflow.perform(release, "submit", press_officer, expected_version=release.version)
    workflow.perform(release, "publish_now", editor, expected_version=release.version)
    trail = StateChange.objects.order_by("at", "pk")
    assert [(c.action, c.from_state, c.to_state, c.user.username) for c in trail] == [
        ("submit", "draft", "in_review", "officer"),
        ("publish_now", "in_review", "live", "editor"),
    ]
    client.force_login(editor)
    html = client.get(
        reverse("admin:releases_pressrelease_change", args=[release.pk])
    ).content.decode()
    # The action in the reader's language (French here), never its code.
    assert "officer" in html and "Approuver et publier maintenant" in html
    assert "publish_now</td>" not in html
    assert client.get(reverse("admin:workflow_statechange_changelist")).status_code == 200


# --- no silent overwrite -----------------------------------------------------------------


def existing_inlines(release, prefix):
    """Management and row data that keep an item's existing inline rows as they are."""
    rows = {
        "quotes": ("appointment", "order"),
        "links": ("url", "order"),
        "contact_links": ("contact", "order"),
    }[prefix]
    related = getattr(release, prefix).all()
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(related)),
        f"{prefix}-INITIAL_FORMS": str(len(related)),
    }
    for i, row in enumerate(related):
        data[f"{prefix}-{i}-id"] = row.pk
        data[f"{prefix}-{i}-release"] = release.pk
        for field in rows:
            value = getattr(row, f"{field}_id", None) or getattr(row, field)
            data[f"{prefix}-{i}-{field}"] = value
        for code in LANGUAGES:
            for field in ("text", "label"):
                if hasattr(row, f"{field}_{code}"):
                    data[f"{prefix}-{i}-{field}_{code}"] = getattr(row, f"{field}_{code}") or ""
    return data


def change_form(release, **changes):
    data = {
        "original_language": release.original_language,
        "issuing_organization": release.issuing_organization_id,
        "expected_version": release.version,
    }
    for code in LANGUAGES:
        for field in ("title", "slug", "lead", "body"):
            data[f"{field}_{code}"] = getattr(release, f"{field}_{code}") or ""
    for prefix in (
        "quotes",
        "links",
        "contact_links",
        "corrections",
        "embargo_links",
        "images",
        "documents",
        "workflow-statechange-content_type-object_id",
    ):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(changes)
    return data


@pytest.mark.parametrize("field", ["title_fr", "lead_nl", "body_de", "slug_en"])
def test_a_stale_form_is_refused_and_the_input_is_kept(
    client, editor, superuser, make_release, field
):
    release = make_release(status=Status.IN_REVIEW, **complete())
    url = reverse("admin:releases_pressrelease_change", args=[release.pk])
    opened_by_second = change_form(release)  # both open the form now
    client.force_login(superuser)
    first = client.post(url, change_form(release, title_nl="Eerste redacteur"))
    assert first.status_code == 302
    client.force_login(editor)
    opened_by_second[field] = "second-editor-text"
    second = client.post(url, opened_by_second, HTTP_ACCEPT_LANGUAGE="en")
    html = second.content.decode()
    assert second.status_code == 200
    assert "root saved this item on" in html and "after you opened it" in html
    assert "second-editor-text" in html  # nothing lost: the input is still in the form
    release.refresh_from_db()
    assert release.title_nl == "Eerste redacteur"
    assert getattr(release, field) != "second-editor-text"


def test_a_stale_schedule_is_refused(client, editor, superuser, clock, make_release):
    clock.set(brussels(2030, 1, 1))
    release = make_release(status=Status.IN_REVIEW, **complete())
    stale_version = release.version
    client.force_login(superuser)
    schedule(client, release, "2030-06-01", "09:00:00")
    client.force_login(editor)
    response = client.post(
        transition_url(release, "schedule"),
        {
            "expected_version": stale_version,
            "publish_at_0": "2030-06-02",
            "publish_at_1": "09:00:00",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "changed by someone else" in response.content.decode()
    assert 'value="2030-06-02"' in response.content.decode()  # input kept
    release.refresh_from_db()
    assert timezone.localtime(release.publish_at).day == 1


def test_a_stale_form_cannot_overwrite_a_schedule(client, editor, superuser, clock, make_release):
    clock.set(brussels(2030, 1, 1))
    release = make_release(status=Status.IN_REVIEW, **complete())
    url = reverse("admin:releases_pressrelease_change", args=[release.pk])
    opened = change_form(release, title_fr="Titre du retardataire")
    client.force_login(superuser)
    schedule(client, release, "2030-06-01", "09:00:00")
    client.force_login(editor)
    assert client.post(url, opened).status_code == 200
    release.refresh_from_db()
    assert release.title_fr != "Titre du retardataire"
    assert release.state_at(brussels(2030, 1, 1)) == State.SCHEDULED


@pytest.mark.parametrize(
    "proxies, forwarded, logged",
    [
        (0, "203.0.113.9", "127.0.0.1"),  # no proxy: the connection's address
        (1, "203.0.113.9", "203.0.113.9"),  # nginx appended the reader
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # what the reader wrote is ignored
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.2", "203.0.113.9"),  # load balancer, then nginx
        (2, "203.0.113.9", "127.0.0.1"),  # fewer entries than proxies: not trusted
    ],
)
def test_the_embargo_log_records_the_readers_address_behind_proxies(
    client, embargoed, settings, proxies, forwarded, logged
):
    settings.NEWSROOM_PROXY_COUNT = proxies
    client.get(embargo_url(embargoed), HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="127.0.0.1")
    assert EmbargoAccess.objects.get().ip_address == logged


def test_the_schedule_overview_lists_only_what_the_user_may_view(client, make_release, make_event):
    from django.contrib.auth.models import Permission, User

    now = timezone.now()
    make_release(publish_at=now + datetime.timedelta(hours=5), title_fr="Communiqué prévu")
    make_event(publish_at=now + datetime.timedelta(days=1), title_fr="Conférence prévue")
    user = User.objects.create_user("releases-only", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_pressrelease"))
    client.force_login(user)
    html = client.get(reverse("admin:releases_pressrelease_schedule")).content.decode()
    assert "Communiqué prévu" in html and "Conférence prévue" not in html
