import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from organizations.models import Appointment, Person

D = datetime.date


@pytest.fixture
def successor(db):
    return Person.objects.create(first_name="Frank", last_name="Vandenbroucke")


def appointment_for(person, role, start, end=None):
    return Appointment(person=person, role=role, started_on=start, ended_on=end)


@pytest.mark.parametrize(
    "start,end",
    [
        (D(2019, 1, 1), D(2021, 1, 1)),  # starts inside, ends after
        (D(2010, 1, 1), D(2015, 1, 1)),  # starts before, ends inside
        (D(2016, 1, 1), D(2017, 1, 1)),  # entirely inside
        (D(2010, 1, 1), None),  # open-ended from before
        (D(2020, 9, 30), None),  # starts on the last day of the other
    ],
)
def test_overlapping_appointment_for_the_same_role_is_refused(
    appointment, successor, role, start, end
):
    clash = appointment_for(successor, role, start, end)
    with pytest.raises(ValidationError) as error:
        clash.full_clean()
    assert "Maggie De Block" in str(error.value)


def test_successor_starting_the_day_after_is_accepted(appointment, successor, role):
    nxt = appointment_for(successor, role, D(2020, 10, 1))
    nxt.full_clean()
    nxt.save()
    assert list(role.appointments.on(D(2020, 10, 1))) == [nxt]
    assert list(role.appointments.on(D(2020, 9, 30))) == [appointment]


def test_an_open_appointment_blocks_any_later_one(person, successor, role):
    Appointment.objects.create(person=person, role=role, started_on=D(2014, 10, 11))
    with pytest.raises(ValidationError):
        appointment_for(successor, role, D(2030, 1, 1)).full_clean()


def test_editing_an_appointment_does_not_clash_with_itself(appointment):
    appointment.ended_on = D(2020, 10, 15)
    appointment.full_clean()


def test_the_same_person_may_hold_two_roles_at_once(appointment, person, organization):
    from organizations.models import Role

    other = Role.objects.create(title_fr="Vice-Première ministre", organization=organization)
    appointment_for(person, other, D(2016, 1, 1)).full_clean()


def test_an_appointment_cannot_end_before_it_starts(person, role):
    with pytest.raises(ValidationError):
        appointment_for(person, role, D(2020, 1, 1), D(2019, 1, 1)).full_clean()
    with pytest.raises(IntegrityError):
        Appointment.objects.create(
            person=person, role=role, started_on=D(2020, 1, 1), ended_on=D(2019, 1, 1)
        )


def test_current_appointments(appointment, successor, role):
    now = Appointment.objects.create(person=successor, role=role, started_on=D(2020, 10, 1))
    assert list(Appointment.objects.current()) == [now]
    assert now.is_current and not appointment.is_current
