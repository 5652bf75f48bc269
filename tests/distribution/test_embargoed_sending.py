"""A scheduled release sent under embargo to press lists: each journalist receives it
once, in their language, with their own working embargo link; one action revokes them."""

import re

import html5lib
import pytest
from django.urls import reverse
from django.utils import timezone

from distribution.models import Delivery, Sending
from press_lists.models import Journalist, PressList
from releases.models import EmbargoAccess, EmbargoLink, Quote
from tests.conftest import complete, staff_user
from tests.desk.helpers import later
from tests.smtp import parts

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled(make_release, demo):
    release = make_release(
        publish_at=later(days=2).replace(microsecond=0),
        **complete(title_nl="Nieuwe steun", dateline_place_nl="Brussel"),
        title_fr="Nouveau soutien",
        dateline_place_fr="Bruxelles",
        body_fr=(
            '<p>Texte</p><figure><img src="/media/images/abc/800.jpg" alt="La ministre"></figure>'
        ),
    )
    Quote.objects.create(
        release=release, appointment=demo.quotes.first().appointment, text_fr="Bravo", order=0
    )
    return release


@pytest.fixture
def press_lists():
    people = {
        code: Journalist.objects.create(
            name=f"Journalist {code}", outlet="Media", email=f"{code}@media.be", language=code
        )
        for code in ("fr", "nl", "de", "en")
    }
    social = PressList.objects.create(name="Social")
    social.journalists.add(people["fr"], people["nl"], people["de"])
    europe = PressList.objects.create(name="Europe")
    europe.journalists.add(people["nl"], people["en"])  # the Dutch one is on both
    return [social, europe]


def send(client, release, press_lists, django_capture_on_commit_callbacks):
    client.force_login(staff_user("ed", "Editors"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:distribution_sending_add"),
            {"release": release.pk, "press_lists": [p.pk for p in press_lists]},
        )
    assert response.status_code == 302, response.content.decode()[-3000:]
    return Sending.objects.get()


def test_each_journalist_receives_it_once_in_their_language_with_their_own_link(
    client, smtp_server, scheduled, press_lists, django_capture_on_commit_callbacks
):
    sending = send(client, scheduled, press_lists, django_capture_on_commit_callbacks)
    assert sorted(r for m in smtp_server.messages for r in m.recipients) == [
        "de@media.be",
        "en@media.be",
        "fr@media.be",
        "nl@media.be",
    ]
    links = {}
    for message in smtp_server.messages:
        [address] = message.recipients
        text, html = parts(message)
        language = address.split("@")[0]
        assert f'<html lang="{language}">' in html
        html5lib.HTMLParser(strict=True).parse(html)
        assert "<img" not in html and "cid:" not in html  # nothing embedded or fetched
        assert not re.search(r'(src|href)="(?!https://newsroom\.example\.be/|https://www\.)', html)
        [link] = re.findall(r"https://newsroom\.example\.be/\w+/embargo/[^/\s\"]+/", text)
        links[address] = link
        assert link in html
    assert len(set(links.values())) == 4  # each their own
    fr = smtp_server.to("fr@media.be")[0]
    nl = smtp_server.to("nl@media.be")[0]
    de = smtp_server.to("de@media.be")[0]
    assert (
        str(fr["Subject"]).strip().startswith("EMBARGO jusqu’au")
        and "Nouveau soutien" in fr["Subject"]
    )
    assert str(nl["Subject"]).strip().startswith("EMBARGO tot") and "Nieuwe steun" in nl["Subject"]
    # To the second, in Brussels time: the embargo ends at go-live.
    assert timezone.localtime(scheduled.publish_at).strftime("%H:%M:%S") in str(fr["Subject"])
    # No German text: the French original, whole, with its own lang; German around it.
    fr_text, fr_html = parts(fr)
    de_text, de_html = parts(de)
    assert (
        str(de["Subject"]).strip().startswith("SPERRFRIST bis")
        and "Nouveau soutien" in de["Subject"]
    )
    assert '<div lang="fr">' in de_html and "Bruxelles, le" in de_text
    # The picture is a link to our own media, carrying the journalist's embargo token.
    assert re.search(
        r'<a href="https://newsroom\.example\.be/media/images/abc/800\.jpg\?embargo=[^"]+">'
        r"\[La ministre\]</a>",
        fr_html,
    )
    assert "«\u00a0Bravo\u00a0»" in fr_text
    # Each link works, and its opening is logged against its journalist.
    response = client.get(links["nl@media.be"].replace("https://newsroom.example.be", ""))
    assert response.status_code == 200 and "Nieuwe steun" in response.content.decode()
    assert EmbargoAccess.objects.get().link.email == "nl@media.be"
    assert set(sending.deliveries.values_list("status", flat=True)) == {Delivery.SENT}


def test_one_action_revokes_every_link_of_the_sending(
    client, smtp_server, scheduled, press_lists, django_capture_on_commit_callbacks
):
    sending = send(client, scheduled, press_lists, django_capture_on_commit_callbacks)
    other = EmbargoLink.objects.create(release=scheduled, journalist_name="X", email="x@x.be")
    response = client.post(
        reverse("admin:distribution_sending_changelist"),
        {"action": "revoke_links", "_selected_action": [sending.pk]},
    )
    assert response.status_code == 302
    assert (
        EmbargoLink.objects.filter(delivery__sending=sending, revoked_at__isnull=True).count() == 0
    )
    assert EmbargoLink.objects.filter(delivery__sending=sending).count() == 4
    other.refresh_from_db()
    assert other.revoked_at is None  # a link given by hand is not part of the sending
    link = EmbargoLink.objects.filter(delivery__sending=sending).first()
    assert client.get(reverse("releases:embargo", kwargs={"token": link.token})).status_code == 410
    log = client.get(reverse("admin:distribution_sending_change", args=[sending.pk]))
    assert log.status_code == 200 and "nl@media.be" in log.content.decode()


def test_only_editors_send_and_only_a_release_scheduled_for_later(
    client, scheduled, press_lists, make_release
):
    client.force_login(staff_user("officer", "Press officers"))
    assert client.get(reverse("admin:distribution_sending_add")).status_code == 403
    client.force_login(staff_user("ed", "Editors"))
    live = make_release(publish_at=timezone.now() - timezone.timedelta(hours=1))
    response = client.post(
        reverse("admin:distribution_sending_add"),
        {"release": live.pk, "press_lists": [press_lists[0].pk]},
    )
    assert response.status_code == 200 and not Sending.objects.exists()
    assert "errorlist" in response.content.decode()


def test_what_changes_before_the_worker_sends_cancels_the_rest(
    client, smtp_server, scheduled, press_lists, django_capture_on_commit_callbacks
):
    """Unscheduled after the editor's click, before the worker: nothing goes out, and
    the send log says so; a link revoked meanwhile is not sent either."""
    from newsroom.publishing import Status

    client.force_login(staff_user("ed", "Editors"))
    with django_capture_on_commit_callbacks(execute=False) as queued:
        client.post(
            reverse("admin:distribution_sending_add"),
            {"release": scheduled.pk, "press_lists": [press_lists[0].pk]},
        )
    sending = Sending.objects.get()
    first = sending.deliveries.order_by("email").first()
    EmbargoLink.objects.filter(pk=first.embargo_link_id).update(revoked_at=timezone.now())
    for callback in queued:
        callback()  # the worker's turn
    statuses = dict(sending.deliveries.values_list("email", "status"))
    assert statuses.pop(first.email) == Delivery.CANCELLED
    assert set(statuses.values()) == {Delivery.SENT}
    assert first.email not in [r for m in smtp_server.messages for r in m.recipients]
    # Now unscheduled: a second sending sends nothing at all.
    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        client.post(
            reverse("admin:distribution_sending_add"),
            {"release": scheduled.pk, "press_lists": [press_lists[1].pk]},
        )
    type(scheduled).objects.filter(pk=scheduled.pk).update(status=Status.IN_REVIEW)
    for callback in queued:
        callback()
    second = Sending.objects.order_by("-pk").first()
    assert set(second.deliveries.values_list("status", flat=True)) == {Delivery.CANCELLED}
    assert smtp_server.messages == []


def test_a_press_officer_cannot_revoke_a_sending(client, scheduled, press_lists):
    from distribution import sending as sendings

    sending = sendings.start(scheduled, press_lists, staff_user("ed", "Editors"))
    client.force_login(staff_user("officer", "Press officers"))
    response = client.post(
        reverse("admin:distribution_sending_changelist"),
        {"action": "revoke_links", "_selected_action": [sending.pk]},
    )
    assert response.status_code == 403
    assert not EmbargoLink.objects.filter(revoked_at__isnull=False).exists()
