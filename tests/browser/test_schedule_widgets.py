"""The "Approve and schedule" page in a real browser: Django's calendar and clock
work (the admin's JavaScript catalogue is loaded), in French and in Dutch, with the
format said in the editor's language and no console error."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from newsroom.publishing import State, Status
from tests.conftest import brussels, complete, staff_user

pytestmark = pytest.mark.django_db(transaction=True)

FORMATS = {"fr": ("fr-BE", "30/05/2017 09:30:00"), "nl": ("nl-BE", "30-05-2017 09:30:00")}


@pytest.mark.parametrize("language", list(FORMATS))
def test_an_editor_picks_the_date_and_the_time_with_the_widgets(
    site, browser, make_release, language
):
    locale, example = FORMATS[language]
    release = make_release(status=Status.IN_REVIEW, **complete())
    staff_user("ed", "Editors")
    context = browser.new_context(locale=locale)
    page = context.new_page()
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(site.url + reverse("admin:login"))
    page.fill("#id_username", "ed")
    page.fill("#id_password", "x")
    with page.expect_navigation():
        page.click("input[type=submit]")
    url = reverse("admin:releases_pressrelease_transition", args=[release.pk, "schedule"])
    page.goto(f"{site.url}{url}?version={release.version}")
    assert page.locator("html").get_attribute("lang") == language
    assert example in page.locator(".form-row .help").first.inner_text()

    page.click("#calendarlink0")
    page.locator("#calendarbox0 .calendarnav-next").click()
    page.locator("#calendarin0 a", has_text="15").first.click()
    page.click("#clocklink0")
    page.locator("#clockbox0 .timelist li a").nth(3).click()  # noon
    assert page.input_value("#id_publish_at_1") == "12:00:00"
    with page.expect_navigation():
        page.click("input[type=submit].default")

    today = timezone.localdate()
    month = datetime.date(today.year + today.month // 12, today.month % 12 + 1, 15)
    release.refresh_from_db()
    assert release.state == State.SCHEDULED
    assert release.publish_at == brussels(month.year, month.month, 15, 12, 0, 0)
    assert problems == []
    context.close()
