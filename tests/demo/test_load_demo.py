from django.core.management import call_command

from events.models import Event
from organizations.models import Appointment, Organization, Person, PressContact, Role
from releases.models import PressRelease, Quote, ReleaseContact, ReleaseLink, Topic
from tests.public import DEMO_EVENT

MODELS = [
    Organization,
    Person,
    Role,
    Appointment,
    PressContact,
    Topic,
    PressRelease,
    Quote,
    ReleaseLink,
    ReleaseContact,
    Event,
]


def snapshot():
    """Every column of every row, editable or not (numbers, timestamps included)."""
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


def test_load_demo_twice_changes_nothing(demo, capsys):
    before = snapshot()
    call_command("load_demo")
    assert "nothing changed" in capsys.readouterr().out
    assert snapshot() == before


def test_demo_release_is_the_communique_of_30_may_2017(demo):
    from django.utils import timezone

    assert demo.is_live()
    assert timezone.localtime(demo.publish_at).date().isoformat() == "2017-05-30"
    assert demo.original_language == "fr"
    assert demo.title_fr.startswith("Le SPF Sécurité sociale contribue")
    assert demo.available_languages == ["fr", "nl", "en"]
    assert not demo.title_de and not demo.body_de
    assert demo.reference == "1/2017"
    assert demo.issuing_organization.acronym_fr == "SPF SS"
    assert {o.acronym_fr or "" for o in demo.related_organizations.all()} == {
        "BELINCOSOC",
        "SOCIEUX+",
        "CTB",
        "",
    }
    assert demo.topics.count() == 3 and demo.links.count() == 3
    roles = [q.appointment.role.title_fr for q in demo.quotes.all()]
    assert roles == [
        "Ministre des Affaires sociales et de la Santé publique",
        "Ministre de la Coopération au développement",
    ]


def test_demo_hierarchy_and_event(demo):
    belincosoc = Organization.objects.get(acronym_fr="BELINCOSOC")
    assert belincosoc.parent == demo.issuing_organization
    event = Event.objects.get(slug_fr=DEMO_EVENT)
    assert event.is_live() and list(event.related_releases.all()) == [demo]
    assert {str(a.person) for a in event.speakers.all()} == {
        "Maggie De Block",
        "Alexander De Croo",
        "Neven Mimica",
    }


def test_production_leaves_the_demo_out_and_development_keeps_it():
    from tests.newsroom.test_production_settings import PRODUCTION, settings_of

    assert "demo" not in settings_of("INSTALLED_APPS", **PRODUCTION)["INSTALLED_APPS"]
    assert "demo" in settings_of("INSTALLED_APPS", DEBUG="true")["INSTALLED_APPS"]
    assert (
        "demo"
        in settings_of("INSTALLED_APPS", NEWSROOM_DEMO="true", **PRODUCTION)["INSTALLED_APPS"]
    )
