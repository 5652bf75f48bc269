import datetime

import pytest
from django.utils import timezone

from events.models import Event
from newsroom.publishing import Status
from organizations.models import Appointment, Organization, Person, Role
from releases.models import PressRelease


def brussels(*args):
    """An aware datetime in Brussels time: ``brussels(2017, 5, 30, 9)``."""
    return timezone.make_aware(datetime.datetime(*args))


@pytest.fixture(autouse=True)
def _fresh_version_row():
    """No test reuses the public version row another test's database held
    (NEWSROOM_VERSION_RECHECK_MS, public_cache/caching.py)."""
    from public_cache import caching

    caching._rows.clear()
    yield
    caching._rows.clear()


@pytest.fixture(autouse=True)
def _postgresql_only(request):
    """Tests marked ``postgresql`` run on PostgreSQL only (CI runs the suite on both)."""
    if request.node.get_closest_marker("postgresql"):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("needs PostgreSQL (set DATABASE_URL)")


@pytest.fixture
def organization(db):
    return Organization.objects.create(
        name_fr="SPF Sécurité sociale", name_nl="FOD Sociale Zekerheid", kind="fps"
    )


@pytest.fixture
def person(db):
    return Person.objects.create(first_name="Maggie", last_name="De Block")


@pytest.fixture
def role(organization):
    return Role.objects.create(
        title_fr="Ministre des Affaires sociales",
        title_nl="Minister van Sociale Zaken",
        organization=organization,
    )


@pytest.fixture
def appointment(person, role):
    return Appointment.objects.create(
        person=person,
        role=role,
        started_on=datetime.date(2014, 10, 11),
        ended_on=datetime.date(2020, 9, 30),
    )


@pytest.fixture
def make_release(organization):
    counter = iter(range(1, 10_000))

    def make(publish_at=None, status=Status.APPROVED, **fields):
        n = next(counter)
        defaults = {
            "title_fr": f"Communiqué {n}",
            "lead_fr": f"Chapeau {n}",
            "body_fr": f"<p>Texte {n}</p>",
            "original_language": "fr",
            "issuing_organization": organization,
        }
        defaults.update(fields)
        if publish_at is None and status == Status.APPROVED:
            publish_at = timezone.now() - datetime.timedelta(days=1)
        return PressRelease.objects.create(status=status, publish_at=publish_at, **defaults)

    return make


@pytest.fixture
def make_event(organization):
    counter = iter(range(1, 10_000))

    def make(starts_at=None, status=Status.APPROVED, publish_at=None, **fields):
        n = next(counter)
        starts_at = starts_at or timezone.now() + datetime.timedelta(days=7)
        if publish_at is None and status == Status.APPROVED:
            publish_at = timezone.now() - datetime.timedelta(days=1)
        values = {
            "title_fr": f"Conférence {n}",
            "starts_at": starts_at,
            "ends_at": starts_at + datetime.timedelta(hours=3),
        }
        values.update(fields)
        return Event.objects.create(status=status, publish_at=publish_at, **values)

    return make


@pytest.fixture
def demo(db):
    from django.core.management import call_command

    call_command("load_demo", stdout=open("/dev/null", "w"))
    return PressRelease.objects.get(slug_fr="spf-securite-sociale-soutient-socieux")


def complete(**fields):
    """Texts for a release complete in the required languages (French and Dutch)."""
    values = {"title_nl": "Persbericht", "lead_nl": "Inleiding", "body_nl": "<p>Tekst</p>"}
    values.update(fields)
    return values


def staff_user(username, group=None, superuser=False):
    from django.contrib.auth.models import Group, Permission, User

    from workflow.roles import ensure_roles

    ensure_roles(Group, Permission)  # a browser test's flush removes the migration's groups
    if superuser:
        return User.objects.create_superuser(username, password="x")
    user = User.objects.create_user(username, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def press_officer(db):
    return staff_user("officer", "Press officers")


@pytest.fixture
def editor(db):
    return staff_user("editor", "Editors")


@pytest.fixture
def superuser(db):
    return staff_user("root", superuser=True)


@pytest.fixture
def clock(monkeypatch):
    """A controlled clock: ``clock.set(dt)`` makes every timezone.now() return dt."""

    class Clock:
        def set(self, value):
            monkeypatch.setattr(timezone, "now", lambda: value)

    return Clock()
