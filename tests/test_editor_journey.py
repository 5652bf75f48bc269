"""Defects in the editors' own journey: the approval gate checks quotes against the
date chosen, credits read once "©", a preview without a date says so."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from attachments.models import Image
from newsroom.publishing import State, Status
from releases.models import Quote
from tests.attachments import files
from tests.conftest import brussels, complete
from tests.public import url_in


@pytest.fixture
def quoting(make_release, appointment, clock):
    """In review on 1 September 2020, quoting a minister whose term ends on 30 September."""
    clock.set(brussels(2020, 9, 1, 10))
    release = make_release(status=Status.IN_REVIEW, **complete())
    Quote.objects.create(release=release, appointment=appointment, text_fr="Une réforme.")
    return release


def schedule(client, release, when):
    url = reverse("admin:releases_pressrelease_transition", args=[release.pk, "schedule"])
    return client.post(
        url,
        {
            "expected_version": release.version,
            "publish_at_0": when.strftime("%Y-%m-%d"),  # English
            "publish_at_1": when.strftime("%H:%M:%S"),
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_scheduling_after_the_quoted_term_is_refused_with_the_quote_named(client, editor, quoting):
    client.force_login(editor)
    page = schedule(client, quoting, brussels(2020, 10, 15, 9)).content.decode()
    assert "It cannot be approved yet" in page
    assert "Quote 1: Maggie De Block" in page and "15/10/2020" in page
    quoting.refresh_from_db()
    assert quoting.state == State.IN_REVIEW
    assert schedule(client, quoting, brussels(2020, 9, 29, 9, 0, 30)).status_code == 302
    quoting.refresh_from_db()
    assert quoting.state == State.SCHEDULED
    assert quoting.publish_at == brussels(2020, 9, 29, 9, 0, 30)  # to the second


def test_publishing_now_after_the_term_is_refused(client, editor, quoting, clock):
    clock.set(brussels(2020, 10, 1, 0, 0, 1))
    client.force_login(editor)
    url = reverse("admin:releases_pressrelease_transition", args=[quoting.pk, "publish_now"])
    page = client.post(url, {"expected_version": quoting.version}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Quote 1: Maggie De Block" in page.content.decode() and "01/10/2020" in (
        page.content.decode()
    )
    quoting.refresh_from_db()
    assert quoting.state == State.IN_REVIEW


@pytest.mark.parametrize("typed", ["Belga", "© Belga", "©Belga", "(c) Belga", "Copyright © Belga"])
def test_a_credit_reads_one_copyright_sign(client, make_release, typed):
    release = make_release(**complete())
    Image(
        release=release,
        alt_fr="Photo",
        alt_nl="Foto",
        credit=typed,
        file=SimpleUploadedFile("p.jpg", files.jpeg()),
    ).save()
    html = client.get(url_in(release, "fr")).content.decode()
    assert '<span class="credit">© Belga</span>' in html


def test_a_preview_without_a_date_says_it_is_not_scheduled(client, editor, make_release):
    draft = make_release(status=Status.DRAFT, **complete())
    client.force_login(editor)
    html = client.get(url_in(draft, "en")).content.decode()
    meta = html.split('<p class="meta"', 1)[1].split("</p>", 1)[0]
    assert "not scheduled yet" in meta
    assert "<time" not in meta and "· ·" not in " ".join(meta.split())
    assert "article:published_time" not in html


def test_every_admin_date_says_its_format_in_the_editors_language(client, editor):
    client.force_login(editor)
    for language, example in (
        ("fr", "30/05/2017 09:30:00"),
        ("nl", "30-05-2017 09:30:00"),
        ("de", "30.05.2017 09:30:00"),
        ("en", "2017-05-30 09:30:00"),
    ):
        html = client.get(
            reverse("admin:events_event_add"), HTTP_ACCEPT_LANGUAGE=language
        ).content.decode()
        assert html.count(example) >= 2, language  # starts and ends
    page = client.get(
        reverse("admin:organizations_appointment_add"), HTTP_ACCEPT_LANGUAGE="de"
    ).content.decode()
    assert "30.05.2017" in page


def test_the_schedule_page_loads_the_admins_javascript_catalogue(client, editor, quoting):
    client.force_login(editor)
    url = reverse("admin:releases_pressrelease_transition", args=[quoting.pk, "schedule"])
    html = client.get(url).content.decode()
    for script in (
        reverse("admin:jsi18n"),
        "admin/js/core.js",
        "admin/js/calendar.js",
        "admin/js/admin/DateTimeShortcuts.js",
    ):
        assert script in html, script
