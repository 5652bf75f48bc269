"""An editor sets up a partner's webhook in a real browser (a French admin): the
subscription's form, its secret, the test button, and the delivery log showing the
signed test delivery the partner's receiver (a real HTTP server) accepted. axe-core
finds no WCAG 2.1 AA violation on the form, the subscription's page and the log."""

import pytest
from django.urls import reverse

from tests.browser.test_desk import sign_in, violations_of
from tests.conftest import staff_user
from tests.webhooks.conftest import receiver  # noqa: F401  (the fixture)
from webhooks.models import Delivery, Subscription

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_editor_subscribes_a_partner_and_sends_a_test(site, browser, receiver):  # noqa: F811
    staff_user("editor", "Editors")
    page, problems = sign_in(browser, site, "editor", "fr-BE")
    page.goto(site.url + reverse("admin:webhooks_subscription_add"))
    failures = {"add form": violations_of(page)}
    page.fill("#id_name", "Portail fédéral")
    page.fill("#id_url", f"{receiver.url}/portal")
    page.check("#id_on_published")
    page.check("#id_on_withdrawn")
    with page.expect_navigation():
        page.click("input[name=_continue]")
    assert page.locator(".messagelist .success").count() == 1
    subscription = Subscription.objects.get()
    assert subscription.secret in page.content()  # shown to whoever may change it
    receiver.secrets["/portal"] = subscription.secret
    failures["subscription page"] = violations_of(page)
    with page.expect_navigation():
        page.locator(".webhook-test [type=submit]").click()
    assert page.locator(".messagelist .success").count() == 1
    # The queue runs immediately in the tests: the partner has it, signed.
    assert [payload["type"] for payload in receiver.payloads()] == ["test"]
    page.reload()
    log = page.locator(".webhook-log table")
    assert log.locator("tbody tr").count() == 1
    assert Delivery.objects.get().status == Delivery.DELIVERED
    failures["subscription page with its log"] = violations_of(page)
    page.goto(site.url + reverse("admin:webhooks_delivery_changelist"))
    failures["delivery list"] = violations_of(page)
    assert failures == dict.fromkeys(failures, [])
    assert problems == []
