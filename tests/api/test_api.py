"""The API's behaviour for its users: languages and their fallback, stable pages,
errors as problem details, HTTP caching, CORS, the rate limit, constant query counts,
its OpenAPI schema and its documentation page."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from newsroom.publishing import Status
from releases.models import Correction, PressRelease


def test_a_release_in_every_language_it_exists_in(client, demo):
    data = client.get(f"/api/v1/releases/{demo.pk}").json()
    assert data["reference"] == "1/2017"
    assert sorted(data["content"]) == sorted(demo.available_languages)
    for code, entry in data["content"].items():
        assert entry["language"] == code
        assert entry["title"] == getattr(demo, f"title_{code}")
        with translation.override(code):
            assert entry["url"].endswith(demo.get_absolute_url())
    quote = data["content"]["nl"]["quotes"][0]
    assert quote["speaker"]["name"] == "Maggie De Block"
    assert "Minister" in quote["speaker"]["role"]  # the role held that day, in Dutch
    image = data["content"]["fr"]["images"][0]
    assert image["alt"] and image["renditions"][0]["jpeg_url"].startswith("http")
    assert data["content"]["fr"]["dateline"].startswith("Bruxelles")


def test_a_language_the_release_lacks_falls_back_to_its_original(client, demo):
    assert "de" not in demo.available_languages
    data = client.get(f"/api/v1/releases/{demo.pk}?lang=de").json()
    assert list(data["content"]) == ["fr"]  # the key says which language it is in
    assert data["content"]["fr"]["title"] == demo.title_fr
    data = client.get(f"/api/v1/releases/{demo.pk}?lang=nl").json()
    assert list(data["content"]) == ["nl"] and data["content"]["nl"]["title"] == demo.title_nl


def test_pages_follow_each_other_without_gaps_or_repeats(client, make_release):
    now = timezone.now()
    same_second = now - datetime.timedelta(hours=1)
    for n in range(7):  # three of them at the same second: the id breaks the tie
        make_release(publish_at=same_second if n < 3 else now - datetime.timedelta(days=n))
    expected = list(
        PressRelease.objects.live().order_by("-publish_at", "-pk").values_list("pk", flat=True)
    )
    seen, url = [], "/api/v1/releases?limit=2"
    while url:
        page = client.get(url).json()
        seen += [item["id"] for item in page["items"]]
        url = page["next"] and page["next"].replace("http://testserver", "")
        url = url and url[url.index("/api/") :]
    assert seen == expected


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/releases?cursor=not-ours",
        "/api/v1/releases?limit=0",
        "/api/v1/releases?limit=101",
        "/api/v1/releases?lang=xx",
        "/api/v1/releases?year=99999",
        "/api/v1/releases?updated_since=yesterday",
        "/api/v1/releases/abc",
        "/api/v1/releases?updated_since=9999-12-31T23:59:59-05:00",
        "/api/v1/events?updated_since=0001-01-01T00:00:00%2B05:00",
        "/api/v1/releases?updated_since=1700-01-01T00:00:00Z",
        # A cursor holding a date SQLite cannot compare.
        "/api/v1/releases?cursor=WyI5OTk5LTEyLTMxVDIzOjU5OjU5LTA1OjAwIiwgMV0",
        "/api/v1/events?cursor=WyI5OTk5LTEyLTMxVDIzOjU5OjU5LTA1OjAwIiwgMV0",
    ],
)
def test_bad_input_is_a_400_problem(client, db, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400 and body["title"]


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("get", "/api/v1/releases/999999", 404),
        ("get", "/api/v1/nothing-here", 404),
        ("get", "/api/v1/releases?organization=nobody", 404),
        ("post", "/api/v1/releases", 405),
        ("delete", "/api/v1/releases/1", 405),
    ],
)
def test_every_error_is_a_problem(client, db, method, url, status):
    response = getattr(client, method)(url)
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == status


def test_a_withdrawn_release_answers_410_with_its_notice(client, demo, editor):
    from workflow.transitions import perform

    perform(
        demo, "withdraw", editor, expected_version=demo.version, reasons={"fr": "Chiffres erronés."}
    )
    response = client.get(f"/api/v1/releases/{demo.pk}")
    assert response.status_code == 410
    body = response.json()
    assert body["reason"] == "withdrawn" and body["notice"]["fr"] == "Chiffres erronés."
    assert client.get(f"/api/v1/releases/{demo.pk}/ninjs").status_code == 410
    since = (timezone.now() - datetime.timedelta(minutes=1)).isoformat()
    page = client.get("/api/v1/releases", {"updated_since": since}).json()
    assert page["items"] == []
    assert [(t["id"], t["kind"], t["reason"]) for t in page["tombstones"]] == [
        (demo.pk, "release", "withdrawn")
    ]


def test_updated_since_lists_a_corrected_release(client, demo, editor):
    since = timezone.now()
    page = client.get("/api/v1/releases", {"updated_since": since.isoformat()}).json()
    assert page["items"] == []
    Correction.objects.create(release=demo, note_fr="Date corrigée.", created_by=editor)
    demo.save()
    page = client.get("/api/v1/releases", {"updated_since": since.isoformat()}).json()
    assert [item["id"] for item in page["items"]] == [demo.pk]
    assert page["items"][0]["content"]["fr"]["corrections"][0]["note"] == "Date corrigée."


def test_answers_do_not_depend_on_the_browsers_language(client, demo):
    """The API speaks English to everyone (errors); the documents' language is `lang`."""
    answers = [
        client.get("/api/v1/releases?organization=nobody", HTTP_ACCEPT_LANGUAGE=code)
        for code in ("nl", "de", "fr")
    ]
    assert {answer.json()["detail"] for answer in answers} == {"Unknown organization."}
    page = client.get("/api/v1/releases", HTTP_ACCEPT_LANGUAGE="de")
    assert "Content-Language" not in page
    assert "accept-language" not in page.get("Vary", "").lower()


def test_tombstones_follow_the_lists_filters(client, demo, editor, make_release, organization):
    from workflow.transitions import perform

    other = make_release(issuing_organization=organization)
    since = timezone.now() - datetime.timedelta(minutes=1)
    for release in (demo, other):
        perform(
            release, "withdraw", editor, expected_version=release.version, reasons={"fr": "Erreur."}
        )
    slug = demo.issuing_organization.slug_fr
    page = client.get("/api/v1/releases", {"updated_since": since.isoformat()}).json()
    assert sorted(t["id"] for t in page["tombstones"]) == sorted([demo.pk, other.pk])
    page = client.get(
        "/api/v1/releases", {"updated_since": since.isoformat(), "organization": slug}
    )
    assert [t["id"] for t in page.json()["tombstones"]] == [demo.pk]


def test_http_caching_and_cors(client, demo):
    response = client.get(f"/api/v1/releases/{demo.pk}")
    assert response["Cache-Control"].startswith("public")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    again = client.get(f"/api/v1/releases/{demo.pk}", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again.content == b""
    preflight = client.options("/api/v1/releases", HTTP_ORIGIN="https://portal.example")
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]


def test_a_go_live_changes_the_etag(client, clock, demo, make_release):
    go_live = timezone.now() + datetime.timedelta(hours=1)
    make_release(publish_at=go_live)
    clock.set(go_live - datetime.timedelta(seconds=1))
    before = client.get("/api/v1/releases")
    clock.set(go_live)
    after = client.get("/api/v1/releases", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and len(after.json()["items"]) == 2


def test_over_the_rate_limit_a_client_gets_429_with_retry_after(client, db, settings):
    from django.core.cache import cache

    cache.clear()
    settings.NEWSROOM_API_RATE_LIMIT = "3/min"
    answers = [client.get("/api/v1/topics").status_code for _ in range(3)]
    assert answers == [200, 200, 200]
    refused = client.get("/api/v1/topics")
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert 1 <= int(refused["Retry-After"]) <= 60
    # Another client is not affected; the website is not limited.
    assert client.get("/api/v1/topics", REMOTE_ADDR="192.0.2.7").status_code == 200
    assert client.get("/fr/").status_code == 200
    cache.clear()


def _queries(client, url):
    client.get(url)  # the public version row, read once and reused (public_cache/)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/releases?limit=50",
        "/api/v1/releases?limit=50&lang=nl",
        "/api/v1/events?limit=50",
        "/api/v1/organizations?limit=50",
        "/api/v1/officials?limit=50",
        "/api/v1/topics?limit=50",
    ],
)
def test_query_counts_do_not_grow_with_the_page(client, demo, settings, url):
    """The page cache off: what the view itself costs, for 1 or 12 items."""
    from events.models import Event, Session, SessionParticipant
    from organizations.models import Appointment, Organization, Person, Role
    from releases.models import Quote, Topic

    settings.NEWSROOM_PAGE_CACHE = False
    first = _queries(client, url)
    for n in range(11):
        organization = Organization.objects.create(name_fr=f"Organisation {n}", kind="agency")
        person = Person.objects.create(first_name="Prénom", last_name=f"Nom {n}")
        role = Role.objects.create(title_fr=f"Fonction {n}", organization=organization)
        appointment = Appointment.objects.create(
            person=person, role=role, started_on=datetime.date(2010, 1, 1)
        )
        release = PressRelease.objects.create(
            title_fr=f"Communiqué {n}",
            lead_fr="Chapeau",
            body_fr="<p>Texte</p>",
            issuing_organization=organization,
            status=Status.APPROVED,
            publish_at=timezone.now() - datetime.timedelta(days=n + 1),
        )
        release.topics.add(Topic.objects.create(name_fr=f"Thème {n}"))
        Quote.objects.create(release=release, appointment=appointment, text_fr="Citation")
        Correction.objects.create(release=release, note_fr="Note")
        event = Event.objects.create(
            title_fr=f"Événement {n}",
            status=Status.APPROVED,
            publish_at=timezone.now() - datetime.timedelta(days=1),
            starts_at=timezone.now() + datetime.timedelta(days=n),
            ends_at=timezone.now() + datetime.timedelta(days=n, hours=2),
        )
        event.organizers.add(organization)
        event.speakers.add(appointment)
        event.related_releases.add(release)
        session = Session.objects.create(
            event=event,
            title_fr=f"Débat {n}",
            starts_at=event.starts_at,
            ends_at=event.ends_at,
        )
        SessionParticipant.objects.create(session=session, appointment=appointment)
        SessionParticipant.objects.create(session=session, part="moderator", name=f"Modé {n}")
    assert len(client.get(url).json()["items"]) >= 12
    assert _queries(client, url) == first


def test_an_events_document_holds_its_programme_in_each_language(client, demo):
    """The demo conference's sessions, in order, with their times, texts in each
    language (German falls back as on the page), officials with the role held that
    day and the speaker from outside with his function."""
    from events.models import Event
    from tests.public import DEMO_EVENT

    event = Event.objects.get(slug_fr=DEMO_EVENT)
    content = client.get(f"/api/v1/events/{event.pk}").json()["content"]
    sessions = content["fr"]["sessions"]
    assert [s["kind"] for s in sessions] == [
        "welcome", "opening", "talk", "talk", "keynote", "break", "panel", "closing"
    ]  # fmt: skip
    starts = [s["starts_at"] for s in sessions]
    assert starts == sorted(starts) and starts[0].startswith("2017-05-30T07:30")  # 09:30 CEST
    opening = sessions[1]
    assert opening["title"] == "Ouverture de la conférence"
    assert opening["location"] == "Auditorium"
    assert opening["speakers"] == [
        {
            "part": "speaker",
            "official_id": None,
            "name": "Tom Auwers",
            "role": "Président du comité de direction",
            "organization_id": None,
            "organization_name": "SPF Sécurité sociale",
            "api_url": None,
        }
    ]
    de_block = sessions[2]["speakers"][0]
    assert de_block["name"] == "Maggie De Block" and de_block["part"] == "speaker"
    assert de_block["api_url"].endswith(f"/api/v1/officials/{de_block['official_id']}")
    panel = sessions[6]
    assert [p["name"] for p in panel["speakers"]] == ["Alexander De Croo", "Neven Mimica"]
    assert [p["name"] for p in panel["moderators"]] == ["Tom Auwers"]
    assert content["nl"]["sessions"][1]["title"] == "Opening van de conferentie"
    assert content["nl"]["sessions"][1]["speakers"][0]["organization_name"] == (
        "FOD Sociale Zekerheid"
    )
    assert content["en"]["sessions"][5]["title"] == "Coffee break"


def test_the_openapi_schema_describes_every_endpoint(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"] == "3.1.0"
    paths = set(schema["paths"])
    for path in [
        "/api/v1/releases",
        "/api/v1/releases/{release_id}",
        "/api/v1/releases/{release_id}/ninjs",
        "/api/v1/events",
        "/api/v1/events/{event_id}",
        "/api/v1/organizations",
        "/api/v1/officials",
        "/api/v1/topics/{topic_id}",
    ]:
        assert path in paths
    gone = schema["paths"]["/api/v1/releases/{release_id}"]["get"]["responses"]["410"]
    assert "application/problem+json" in gone["content"]


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_the_documentation_page_is_on_the_site_in_every_language(client, db, language):
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        url = reverse("api-docs")
        home = reverse("home")
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "/api/v1/openapi.json" in html and "/api/v1/releases/{release_id}" in html
    assert url in client.get(home).content.decode()  # linked from every page's footer
    assert "<script" not in html.split("<main", 1)[-1]


def test_head_answers_as_get_without_a_body(client, demo):
    get = client.get(f"/api/v1/releases/{demo.pk}")
    head = client.head(f"/api/v1/releases/{demo.pk}")
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == get["ETag"]
    assert int(head["Content-Length"]) == len(get.content)


def test_the_index_says_where_everything_is(client, db):
    index = client.get("/api/v1/").json()
    assert index["openapi"].endswith("/api/v1/openapi.json")
    assert index["releases"].endswith("/api/v1/releases")
    assert client.get(urlsplit(index["documentation"]).path).status_code == 200
