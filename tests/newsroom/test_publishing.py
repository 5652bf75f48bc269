import datetime

import pytest

from newsroom.publishing import State, Status
from releases.models import PressRelease
from tests.conftest import brussels

SECOND = datetime.timedelta(seconds=1)
GO_LIVE = brussels(2026, 3, 29, 10, 0, 0)


@pytest.fixture
def scheduled(make_release):
    return make_release(publish_at=GO_LIVE)


@pytest.mark.django_db
def test_scheduled_release_is_hidden_a_second_before_its_time(scheduled):
    assert scheduled not in PressRelease.objects.live(now=GO_LIVE - SECOND)
    assert not scheduled.is_live(now=GO_LIVE - SECOND)


@pytest.mark.django_db
def test_scheduled_release_is_live_at_its_exact_time(scheduled):
    assert scheduled in PressRelease.objects.live(now=GO_LIVE)
    assert scheduled.is_live(now=GO_LIVE)


@pytest.mark.django_db
def test_scheduled_release_is_live_a_second_after_its_time(scheduled):
    assert scheduled in PressRelease.objects.live(now=GO_LIVE + SECOND)


@pytest.mark.django_db
def test_draft_is_never_live_even_with_a_past_date(make_release):
    draft = make_release(status=Status.DRAFT, publish_at=brussels(2017, 1, 1))
    assert draft not in PressRelease.objects.live()
    assert draft.state == State.DRAFT


@pytest.mark.django_db
def test_published_release_without_date_is_not_live(make_release):
    release = make_release(status=Status.DRAFT)
    PressRelease.objects.filter(pk=release.pk).update(status=Status.APPROVED)
    assert not PressRelease.objects.live().filter(pk=release.pk).exists()


@pytest.mark.django_db
def test_live_chains_after_other_filters_and_every_result_is_live(make_release, organization):
    make_release()
    make_release(publish_at=brussels(2099, 1, 1))
    make_release(status=Status.DRAFT)
    live = PressRelease.objects.filter(issuing_organization=organization).live()
    assert live.count() == 1
    assert all(release.is_live() for release in live)


@pytest.mark.django_db
def test_state_shows_scheduled_for_a_future_published_release(make_release):
    assert make_release(publish_at=brussels(2099, 1, 1)).state == State.SCHEDULED
    assert make_release().state == State.LIVE


@pytest.mark.django_db
def test_a_published_item_needs_a_date(make_release):
    from django.core.exceptions import ValidationError

    release = make_release(status=Status.DRAFT)
    release.status = Status.APPROVED
    with pytest.raises(ValidationError) as error:
        release.full_clean()
    assert "publish_at" in error.value.message_dict
