"""The search page, on any database: what it finds, what it never finds, bad input."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Event
from newsroom.publishing import Status
from organizations.models import Organization, Person
from releases.models import PressRelease, Quote, Topic
from search.models import SearchDocument
from tests.conftest import brussels, complete

from .helpers import found, search_url

pytestmark = pytest.mark.django_db


def test_the_search_box_is_in_every_pages_header(client, demo):
    for language, path in [("fr", "/fr/"), ("nl", "/nl/persberichten/"), ("de", "/de/")]:
        html = client.get(path).content.decode()
        assert f'action="{search_url(language)}"' in html
        assert 'role="search"' in html and '<label for="site-search-q">' in html


def test_finds_the_demo_release_in_each_language_it_exists_in(client, demo):
    assert demo.title_fr in found(client, "SOCIEUX", "fr")
    assert demo.title_nl in found(client, "socieux", "nl")
    assert demo.title_en in found(client, "SOCIEUX", "en")
    # No German translation: the German reader finds it, shown in French.
    assert demo.title_fr in found(client, "SOCIEUX", "de")


def test_results_page_shows_kind_date_number_and_an_excerpt(client, demo):
    response = client.get(search_url("fr"), {"q": "BELINCOSOC"})
    html = response.content.decode()
    assert "2 résultats pour « BELINCOSOC »" in html
    assert demo.get_absolute_url() in html
    assert "<mark>" in html
    assert '<meta name="robots" content="noindex, follow">' in html


def test_a_title_match_ranks_above_a_body_match(client, make_release):
    make_release(
        title_fr="Rapport annuel",
        body_fr="<p>Les allocations familiales augmentent.</p>",
        publish_at=timezone.now() - datetime.timedelta(hours=1),
    )
    make_release(
        title_fr="Allocations familiales : nouveaux montants",
        publish_at=timezone.now() - datetime.timedelta(days=30),
    )
    assert found(client, "allocations familiales") == [
        "Allocations familiales : nouveaux montants",
        "Rapport annuel",
    ]


def test_quotes_and_the_names_of_officials_and_organizations_are_searched(
    client, make_release, appointment
):
    release = make_release(title_fr="Réforme")
    Quote.objects.create(
        release=release,
        appointment=appointment,
        text_fr="Nous simplifions la vie des indépendants.",
    )
    assert found(client, "indépendants") == ["Réforme"]
    assert found(client, "De Block") == ["Réforme"]
    assert found(client, "Ministre des Affaires sociales") == ["Réforme"]
    assert found(client, "Sécurité sociale") == ["Réforme"]  # the issuing organization


def test_the_index_follows_every_change(client, make_release, appointment, organization):
    release = make_release(title_fr="Pensions", **complete(title_nl="Pensioenen"))
    release.title_fr = "Retraites"
    release.save()
    assert found(client, "Retraites") == ["Retraites"] and found(client, "Pensions") == []
    # A name the release shows changes: the release is found by the new one only.
    organization.name_fr = "SPF Affaires sociales et Santé"
    organization.save()
    assert found(client, "Santé") == ["Retraites"]
    assert found(client, "Sécurité") == []
    quote = Quote.objects.create(
        release=release, appointment=appointment, text_fr="Une réforme attendue."
    )
    assert found(client, "attendue") == ["Retraites"]
    appointment.person.last_name = "Vandenbroucke"
    appointment.person.save()
    assert found(client, "Vandenbroucke") == ["Retraites"] and found(client, "Block") == []
    quote.delete()
    assert found(client, "attendue") == [] and found(client, "Vandenbroucke") == []
    topic = Topic.objects.create(name_fr="Vieillissement")
    release.topics.add(topic)
    assert found(client, "Vieillissement") == ["Retraites"]
    topic.releases.remove(release)  # from the other side
    assert found(client, "Vieillissement") == []
    other = Organization.objects.create(name_fr="Agence fédérale des pensions", kind="agency")
    release.related_organizations.add(other)
    assert found(client, "Agence") == ["Retraites"]
    other.related_releases.clear()
    assert found(client, "Agence") == []
    release.delete()
    assert SearchDocument.objects.count() == 0


def test_events_are_searched_with_their_speakers_and_organizers(
    client, make_event, appointment, organization
):
    event = make_event(title_fr="Conférence SOCIEUX+", programme_fr="<p>Accueil des invités</p>")
    event.speakers.add(appointment)
    event.organizers.add(organization)
    assert found(client, "invités") == ["Conférence SOCIEUX+"]
    assert found(client, "De Block") == ["Conférence SOCIEUX+"]
    assert found(client, "invités", type="release") == []
    assert found(client, "invités", type="event") == ["Conférence SOCIEUX+"]


NOT_LIVE = [
    {"status": Status.DRAFT},
    {"status": Status.IN_REVIEW},
    {"status": Status.APPROVED, "publish_at_delta": datetime.timedelta(hours=1)},  # scheduled
    {"status": Status.WITHDRAWN},
    {"status": Status.APPROVED, "unpublish_at_delta": -datetime.timedelta(hours=1)},  # expired
]


@pytest.mark.parametrize(
    "state", NOT_LIVE, ids=["draft", "review", "scheduled", "withdrawn", "expired"]
)
def test_content_that_is_not_live_is_never_found(client, make_release, make_event, state):
    now = timezone.now()
    fields = {
        "status": state["status"],
        "publish_at": now + state.get("publish_at_delta", -datetime.timedelta(days=1)),
    }
    if "unpublish_at_delta" in state:
        fields["unpublish_at"] = now + state["unpublish_at_delta"]
    if state["status"] == Status.WITHDRAWN:
        fields["withdrawn_at"] = now
    texts = {f"title_{code}": "Embargo zqxmarker" for code in ("fr", "nl", "de", "en")}
    make_release(
        **fields,
        **texts,
        lead_nl="x",
        lead_de="x",
        lead_en="x",
        body_nl="x",
        body_de="x",
        body_en="x",
    )
    make_event(**fields, **texts)
    for language in ("fr", "nl", "de", "en"):
        assert found(client, "zqxmarker", language) == []
        for kind in ("release", "event"):
            assert found(client, "zqxmarker", language, type=kind) == []


def test_a_scheduled_release_is_findable_at_its_instant_and_a_withdrawn_one_disappears(
    client, make_release, clock
):
    at = brussels(2026, 12, 1, 9, 0)
    release = make_release(title_fr="Annonce zqxmarker", publish_at=at)
    clock.set(at - datetime.timedelta(seconds=1))
    assert found(client, "zqxmarker") == []
    clock.set(at)
    assert found(client, "zqxmarker") == ["Annonce zqxmarker"]
    release.status = Status.WITHDRAWN
    release.withdrawn_at = at
    release.save()
    assert found(client, "zqxmarker") == []


def test_filters_by_organization_official_topic_and_year(
    client, make_release, make_event, appointment, organization
):
    other = Organization.objects.create(
        name_fr="Agence des pensions", slug_fr="agence", kind="agency"
    )
    topic = Topic.objects.create(name_fr="Pensions", slug_fr="pensions")
    first = make_release(title_fr="Pension 2019", publish_at=brussels(2019, 3, 1, 10))
    first.topics.add(topic)
    Quote.objects.create(release=first, appointment=appointment, text_fr="Citation")
    make_release(
        title_fr="Pension 2020", publish_at=brussels(2020, 3, 1, 10), issuing_organization=other
    )
    # For events too, the year is the year of publication (as for releases).
    event = make_event(
        title_fr="Pension débat",
        starts_at=brussels(2021, 1, 10, 10),
        publish_at=brussels(2020, 12, 1, 10),
    )
    event.organizers.add(organization)
    person = Person.objects.get()
    assert found(client, "pension", year="2019") == ["Pension 2019"]
    assert sorted(found(client, "pension", year="2020")) == ["Pension 2020", "Pension débat"]
    assert found(client, "pension", year="2021") == []
    assert found(client, "pension", organization="agence") == ["Pension 2020"]
    assert sorted(found(client, "pension", organization=organization.slug_fr)) == [
        "Pension 2019",
        "Pension débat",
    ]
    assert found(client, "pension", official=person.slug) == ["Pension 2019"]
    assert found(client, "pension", topic="pensions") == ["Pension 2019"]
    for bad in [
        {"type": "video"},
        {"year": "20x9"},
        {"organization": "nope"},
        {"official": "nobody"},
        {"topic": "zzz"},
    ]:
        assert client.get(search_url(), {"q": "pension", **bad}).status_code == 404, bad
    # A control character never reaches the view (newsroom/limits.py).
    assert client.get(search_url(), {"q": "pension", "organization": "a\x00b"}).status_code == 400


def test_filters_follow_every_change_of_links(
    client, make_release, make_event, appointment, organization
):
    """Filters read the index's facets on PostgreSQL: links added or removed later,
    from either side, and a new issuer move the item in and out of each filter."""
    other = Organization.objects.create(
        name_fr="Agence des pensions", slug_fr="agence", kind="agency"
    )
    topic = Topic.objects.create(name_fr="Pensions", slug_fr="pensions")
    release = make_release(title_fr="Pension réforme")
    event = make_event(title_fr="Pension débat")
    person = Person.objects.get()
    # Named by no live item yet: not a filter the public can use.
    assert client.get(search_url(), {"q": "pension", "organization": "agence"}).status_code == 404
    assert client.get(search_url(), {"q": "pension", "official": person.slug}).status_code == 404
    release.related_organizations.add(other)
    other.events.add(event)  # from the organization's side
    topic.releases.add(release)  # from the topic's side
    quote = Quote.objects.create(release=release, appointment=appointment, text_fr="Citation")
    event.speakers.add(appointment)
    assert sorted(found(client, "pension", organization="agence")) == [
        "Pension débat",
        "Pension réforme",
    ]
    assert sorted(found(client, "pension", official=person.slug)) == [
        "Pension débat",
        "Pension réforme",
    ]
    assert found(client, "pension", topic="pensions") == ["Pension réforme"]
    release.related_organizations.remove(other)
    release.topics.clear()
    quote.delete()
    assert found(client, "pension", organization="agence") == ["Pension débat"]
    assert found(client, "pension", official=person.slug) == ["Pension débat"]
    assert client.get(search_url(), {"q": "pension", "topic": "pensions"}).status_code == 404
    release.issuing_organization = other
    release.save()
    assert sorted(found(client, "pension", organization="agence")) == [
        "Pension débat",
        "Pension réforme",
    ]
    assert "Pension réforme" not in found(client, "pension", organization=organization.slug_fr)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "a" * 3_000,
        "word " * 700,
        "' OR 1=1; --",
        '"; DROP TABLE search_searchdocument; --',
        "!!!",
        "a & b | !c <-> d:*",
        "(((",
        ")",
        '"unbalanced',
        "-",
        "--",
        "- -x",
        "or",
        "OR or OR",
        "\\",
        "%_%",
        "ñandú Δ пенсия 年金 🙂",
        "سياسة",
        "\u202e\u200b",
        "<script>alert(1)</script>",
        "\ue000x\ue001",
    ],
)
def test_any_input_gives_a_page_never_an_error(client, make_release, text):
    make_release(title_fr="Pensions et allocations")
    response = client.get(search_url(), {"q": text})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    shown = response.context["text"]
    assert len(shown) <= 200


@pytest.mark.parametrize(
    "text,status",
    [
        ("\x00", 400),
        ("pension\x00s", 400),
        ("\x1b[2J", 400),
        ("a" * 10_000, 414),
        ("word " * 3000, 414),
    ],
)
def test_control_characters_and_huge_queries_are_refused_with_a_page(client, text, status):
    """Before the view (newsroom/limits.py): a page that says why, never an error."""
    response = client.get(search_url(), {"q": text})
    assert response.status_code == status
    assert "<h1>" in response.content.decode()


def test_wrong_page_numbers_are_404(client, make_release):
    for n in range(3):
        make_release(title_fr=f"Pensions {n}")
    assert client.get(search_url(), {"q": "pensions", "page": "1"}).status_code == 200
    for page in ("2", "0", "-1", "abc", "1e3"):
        assert client.get(search_url(), {"q": "pensions", "page": page}).status_code == 404
    assert client.get(search_url(), {"q": "pensions", "page": "\x00"}).status_code == 400


def test_pages_of_twenty_keep_the_query_and_filters(client, make_release):
    for n in range(25):
        make_release(title_fr=f"Pensions {n}", publish_at=brussels(2019, 1, 1 + n, 10))
    first = client.get(search_url(), {"q": "pensions", "year": "2019"})
    assert len(first.context["results"]) == 20
    assert "?q=pensions&amp;year=2019&amp;page=2" in first.content.decode()
    second = client.get(search_url(), {"q": "pensions", "year": "2019", "page": "2"})
    assert len(second.context["results"]) == 5


def test_excerpts_carry_only_our_highlight_markup(client, make_release):
    make_release(
        title_fr="Sécurité",
        lead_fr="<b>Gras</b> &lt;i&gt;pension&lt;/i&gt; <script>alert(1)</script>",
        body_fr='<p>La pension <img src=x onerror="alert(2)"> est versée.</p>',
    )
    response = client.get(search_url(), {"q": "pension"})
    excerpt = str(response.context["results"][0].excerpt)
    assert "<mark>pension</mark>" in excerpt
    stripped = excerpt.replace("<mark>", "").replace("</mark>", "")
    # Text that looks like markup (typed in the plain-text lead) is shown as text,
    # or left out by PostgreSQL's excerpt builder, never as markup.
    assert "<" not in stripped and "onerror" not in excerpt


def test_query_count_does_not_grow_with_the_results(client, make_release, make_event):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(search_url(), {"q": "pensions"}).status_code == 200
        return len(queries)

    make_release(title_fr="Pensions 0")
    make_event(title_fr="Pensions débat 0")
    one = count()
    for n in range(1, 8):
        make_release(title_fr=f"Pensions {n}")
        make_event(title_fr=f"Pensions débat {n}")
    assert count() == one
    # The public state, matching (on PostgreSQL: reading the words, one query per
    # span of years), the items' liveness, ranking, items, their numbers, excerpts,
    # the site's identity, the footer's site pages and the filters' choices, whatever the
    # number of results (the first page of a process and version: later ones find much
    # in the cache).
    assert one <= 23


def test_release_numbers_are_counted_once_per_version_and_follow_a_backdated_release(
    client, make_release
):
    """A release's number is counted among its year's releases: the search page keeps
    it in the fragment cache until the public content changes, as when a release is
    published with an earlier date, which renumbers those after it."""

    def numbers():
        with CaptureQueriesContext(connection) as queries:
            html = client.get(search_url("fr"), {"q": "pensions"}).content.decode()
        counted = any('"release_number"' in query["sql"] for query in queries)
        shown = {
            title: html.split(title, 1)[1].split("N°", 1)[1].split("<", 1)[0].strip()
            for title in ("Pensions alpha", "Pensions bêta", "Pensions gamma")
            if title in html
        }
        return shown, counted

    make_release(title_fr="Pensions alpha", publish_at=brussels(2025, 3, 1, 9))
    make_release(title_fr="Pensions bêta", publish_at=brussels(2025, 4, 1, 9))
    assert numbers() == ({"Pensions alpha": "1/2025", "Pensions bêta": "2/2025"}, True)
    assert numbers() == ({"Pensions alpha": "1/2025", "Pensions bêta": "2/2025"}, False)
    make_release(title_fr="Pensions gamma", publish_at=brussels(2025, 2, 1, 9))
    assert numbers() == (
        {"Pensions alpha": "2/2025", "Pensions bêta": "3/2025", "Pensions gamma": "1/2025"},
        True,
    )


def test_search_documents_are_built_after_migrate_for_content_without_one(make_release):
    from django.core.management import call_command

    make_release(title_fr="Ancien communiqué")
    SearchDocument.objects.all().delete()
    call_command("migrate", verbosity=0)
    assert SearchDocument.objects.filter(release__title_fr="Ancien communiqué").exists()


def test_rebuild_command_reindexes_everything(make_release, make_event):
    from django.core.management import call_command

    make_release()
    make_event()
    SearchDocument.objects.update(date=None)
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))
    assert SearchDocument.objects.filter(date__isnull=False).count() == 2 * 4  # languages
    assert PressRelease.objects.count() + Event.objects.count() == 2


def test_a_search_with_more_matches_than_are_ranked_says_so(client, make_release, monkeypatch):
    import search.query

    monkeypatch.setattr(search.query, "MAX_MATCHES", 3)
    for n in range(5):
        make_release(title_fr=f"Pensions {n}", publish_at=brussels(2018 + n // 2, 1, 1 + n, 10))
    response = client.get(search_url(), {"q": "pensions"})
    # The three most recent matches, ranked; the page says there were more.
    assert sorted(found(client, "pensions")) == ["Pensions 2", "Pensions 3", "Pensions 4"]
    assert "Plus de 3 résultats pour « pensions »" in response.content.decode()
    assert response.context["paginator"].count == 3
    # A year narrows the matches to what can be ranked: the older ones are found.
    response = client.get(search_url(), {"q": "pensions", "year": "2018"})
    assert response.context["capped"] is False
    assert sorted(found(client, "pensions", year="2018")) == ["Pensions 0", "Pensions 1"]


@pytest.mark.parametrize("ranked", [1, 2, 3, 4, 5])
def test_the_most_recent_matches_are_found_across_spans_of_years(
    client, make_release, monkeypatch, ranked
):
    """Matches this year, three years ago and twenty years ago (each in a different
    span of years on PostgreSQL), among newer releases that do not match: the
    ``ranked`` most recent matches are exactly the ones ranked, however far back."""
    import search.query

    monkeypatch.setattr(search.query, "MAX_MATCHES", ranked)
    year = timezone.localtime().year
    dates = [
        timezone.now() - datetime.timedelta(hours=2),
        brussels(year - 3, 12, 31, 23, 30),
        brussels(year - 20, 6, 1, 10),
        brussels(year - 20, 5, 1, 10),
        brussels(year - 21, 5, 1, 10),
    ]
    for n, date in enumerate(dates):
        make_release(title_fr=f"Vandenbroucke {n}", publish_at=date)
        make_release(title_fr=f"Pensions {n}", publish_at=date + datetime.timedelta(hours=1))
    expected = [f"Vandenbroucke {n}" for n in range(min(ranked, len(dates)))]
    assert sorted(found(client, "Vandenbroucke")) == expected
    response = client.get(search_url(), {"q": "Vandenbroucke"})
    assert response.context["capped"] is (ranked < len(dates))


def test_deleting_a_name_takes_it_out_of_the_index(client, make_release, make_event, appointment):
    release = make_release(title_fr="Réforme")
    topic = Topic.objects.create(name_fr="Vieillissement")
    related = Organization.objects.create(name_fr="Agence fédérale", kind="agency")
    release.topics.add(topic)
    release.related_organizations.add(related)
    event = make_event(title_fr="Débat")
    event.speakers.add(appointment)
    assert found(client, "Vieillissement") == ["Réforme"] and found(client, "Agence") == ["Réforme"]
    assert found(client, "Block") == ["Débat"]
    topic.delete()
    related.delete()
    appointment.delete()
    assert found(client, "Vieillissement") == [] and found(client, "Agence") == []
    assert found(client, "Block") == []


def test_saving_a_name_without_changing_it_rebuilds_nothing(make_release, organization):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        make_release()
    organization.website = "https://socialsecurity.belgium.be/"
    with CaptureQueriesContext(connection) as queries:
        organization.save()
    assert not any("search_searchdocument" in q["sql"] for q in queries.captured_queries)
    organization.name_fr = "SPF Sécurité sociale et Santé"
    with CaptureQueriesContext(connection) as queries:
        organization.save()
    assert any("search_searchdocument" in q["sql"] for q in queries.captured_queries)


def test_matches_whose_item_is_not_live_are_skipped_batch_after_batch(
    client, make_release, monkeypatch
):
    """Newer matches that are withdrawn or expired (their documents are dated) are
    read, checked and skipped a few at a time: the most recent live ones are found."""
    import search.query

    monkeypatch.setattr(search.query, "MAX_MATCHES", 3)
    monkeypatch.setattr(search.query, "UNCHECKED_MARGIN", 1)
    now = timezone.now()
    for n in range(10):
        at = now - datetime.timedelta(days=n + 1)
        if n % 3 == 0:  # 0, 3, 6, 9: live
            make_release(title_fr=f"Pensions {n}", publish_at=at)
        elif n % 3 == 1:
            make_release(
                title_fr=f"Pensions {n}",
                publish_at=at,
                status=Status.WITHDRAWN,
                withdrawn_at=at + datetime.timedelta(hours=1),
            )
        else:
            make_release(
                title_fr=f"Pensions {n}",
                publish_at=at,
                unpublish_at=now - datetime.timedelta(minutes=1),
            )
    assert sorted(found(client, "pensions")) == ["Pensions 0", "Pensions 3", "Pensions 6"]
    response = client.get(search_url(), {"q": "pensions"})
    assert response.context["capped"] is True  # "Pensions 9" is a fourth live match


def test_the_year_is_brussels_time_at_new_year(client, make_release):
    """Published at 00:30 on 1 January in Brussels (23:30 on 31 December UTC): 2019."""
    make_release(title_fr="Pensions du nouvel an", publish_at=brussels(2019, 1, 1, 0, 30))
    make_release(
        title_fr="Pensions de la Saint-Sylvestre", publish_at=brussels(2018, 12, 31, 23, 30)
    )
    assert found(client, "pensions", year="2019") == ["Pensions du nouvel an"]
    assert found(client, "pensions", year="2018") == ["Pensions de la Saint-Sylvestre"]


def test_a_quote_moved_to_another_release_takes_its_official_along(
    client, make_release, appointment
):
    first = make_release(title_fr="Pensions A")
    second = make_release(title_fr="Pensions B")
    make_release(title_fr="Pensions C").quotes.create(appointment=appointment, text_fr="x")
    quote = Quote.objects.create(release=first, appointment=appointment, text_fr="Citation")
    person = appointment.person
    assert sorted(found(client, "pensions", official=person.slug)) == ["Pensions A", "Pensions C"]
    quote.release = second
    quote.save()
    assert sorted(found(client, "pensions", official=person.slug)) == ["Pensions B", "Pensions C"]


def test_the_programme_is_searched_and_the_index_follows_its_changes(
    client, make_event, appointment
):
    """Session titles and descriptions, speakers from outside with their function,
    and officials speaking only in a session (the "official" filter too) find the
    event; a change to the programme reaches the index at once."""
    from events.models import Session, SessionParticipant

    event = make_event(title_fr="Conférence SOCIEUX+")
    session = Session.objects.create(
        event=event,
        kind="panel",
        title_fr="Table ronde sur le Maroc",
        description_fr="Les projets menés avec la Chine.",
        starts_at=event.starts_at,
        ends_at=event.ends_at,
    )
    outsider = SessionParticipant.objects.create(
        session=session,
        part="moderator",
        name="Tom Auwers",
        function_fr="Président du comité de direction",
    )
    SessionParticipant.objects.create(session=session, appointment=appointment)
    person = appointment.person
    assert found(client, "Maroc") == ["Conférence SOCIEUX+"]
    assert found(client, "Chine") == ["Conférence SOCIEUX+"]
    assert found(client, "Auwers") == ["Conférence SOCIEUX+"]
    assert found(client, "comité de direction") == ["Conférence SOCIEUX+"]
    assert found(client, "De Block") == ["Conférence SOCIEUX+"]
    assert found(client, "SOCIEUX", official=person.slug) == ["Conférence SOCIEUX+"]

    session.title_fr = "Table ronde sur la Tunisie"
    session.save()
    assert found(client, "Maroc") == [] and found(client, "Tunisie") == ["Conférence SOCIEUX+"]
    person.last_name = "De Blok"
    person.save()
    assert found(client, "Blok") == ["Conférence SOCIEUX+"]
    outsider.delete()
    assert found(client, "Auwers") == []
    session.delete()
    assert found(client, "Tunisie") == [] and found(client, "Blok") == []
    assert found(client, "SOCIEUX") == ["Conférence SOCIEUX+"]
    # Nothing live shows the minister any more: the filter names no public official.
    response = client.get(search_url(), {"q": "SOCIEUX", "official": person.slug})
    assert response.status_code == 404
