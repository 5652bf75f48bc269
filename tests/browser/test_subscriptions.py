"""Subscribing in a real browser: from an organization's French page to the
preferences, without a cookie, every page accessible (axe-core)."""

import pytest

from tests.browser.conftest import run_axe
from tests.public import reverse_in, url_in
from tests.smtp import smtp_server  # noqa: F401  (the fixture)
from tests.subscriptions.helpers import confirmation_path

pytestmark = pytest.mark.django_db(transaction=True)


def test_subscribing_from_an_organization_page_in_french(site, page, smtp_server):  # noqa: F811
    from organizations.models import Organization
    from subscriptions.models import Subscriber

    belincosoc = Organization.objects.get(slug_fr="belincosoc")
    page.goto(site.url + url_in(belincosoc, "fr"))
    box = page.locator(".subscribe-box")
    assert box.locator("label[for=subscribe-email]").is_visible()
    assert not box.locator("#subscribe-website").is_visible()  # the robots' trap
    box.locator("#subscribe-email").fill("ann.peeters@example.be")
    box.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").count() == 1
    failures = {"check your inbox": run_axe(page)}
    assert Subscriber.objects.count() == 0

    [message] = smtp_server.messages
    assert message.recipients == ["ann.peeters@example.be"]
    page.goto(site.url + confirmation_path(message))
    failures["confirm"] = run_axe(page)
    assert Subscriber.objects.count() == 0
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    failures["preferences"] = run_axe(page)
    subscriber = Subscriber.objects.get()
    assert list(subscriber.organizations.all()) == [belincosoc]
    assert subscriber.language == "fr"
    assert subscriber.source == url_in(belincosoc, "fr")
    # The preferences are saved from their page (under Referrer-Policy: no-referrer,
    # whose forms the browser posts with "Origin: null").
    page.locator("#id_language").select_option("nl")
    page.locator("main form.subscribe-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("main [role=status]").count() == 1
    subscriber.refresh_from_db()
    assert subscriber.language == "nl"

    page.goto(site.url + reverse_in("subscriptions:subscribe", "fr"))
    failures["subscription page"] = run_axe(page)
    # With errors: the address is wrong and nothing is chosen.
    page.locator("#id_email").fill("ann@example")
    page.locator("main form.subscribe-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".errorlist").count() >= 1
    failures["subscription page with errors"] = run_axe(page)

    assert failures == {name: [] for name in failures}
    assert page.context.cookies() == []


def test_the_small_form_fits_a_phone_screen(site, browser):
    from organizations.models import Person

    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="nl-BE")
    page = context.new_page()
    for path in (
        reverse_in("home", "nl"),
        url_in(Person.objects.get(slug="maggie-de-block"), "nl"),
        reverse_in("subscriptions:subscribe", "nl"),
    ):
        page.goto(site.url + path)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path
    context.close()
