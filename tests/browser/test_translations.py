"""Translation management in a real browser, in a French and a Dutch admin: after the
French lead of a live release changes, the Dutch button of the language switch says the
Dutch is behind, the Dutch lead carries the badge, and "see what changed" opens the
diff of the French; the translations page, the import page and the approval page (where
the Dutch lead must be confirmed) too; axe-core finds no WCAG 2.1 AA violation on any."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from newsroom.publishing import State, Status
from releases.models import PressRelease
from tests.browser.test_desk import sign_in, violations_of
from tests.conftest import staff_user

pytestmark = pytest.mark.django_db(transaction=True)

INTERFACES = {
    "fr": {
        "locale": "fr-BE",
        "dutch": "Néerlandais",
        "switch_badge": "en retard sur l’original",
        "field_badge": "En retard sur l’original (français)",
        "see": "Voir ce qui a changé",
        "box": "Traductions en retard sur l’original",
        "checked": "Marquer les traductions cochées comme vérifiées",
    },
    "nl": {
        "locale": "nl-BE",
        "dutch": "Nederlands",
        "switch_badge": "achter op het origineel",
        "field_badge": "Achter op het origineel (Frans)",
        "see": "Bekijk wat er veranderde",
        "box": "Vertalingen die achterlopen op het origineel",
        "checked": "De aangevinkte vertalingen als nagekeken markeren",
    },
}


@pytest.mark.parametrize("interface", list(INTERFACES))
def test_the_stale_badge_and_the_diff_on_the_dutch_tab(site, browser, interface):
    words = INTERFACES[interface]
    release = PressRelease.objects.get(slug_fr="spf-securite-sociale-soutient-socieux")
    release.lead_fr = f"{release.lead_fr} Une phrase ajoutée après la traduction."
    release.save()
    staff_user("chief", "Editors")
    page, problems = sign_in(browser, site, "chief", words["locale"])

    page.goto(site.url + reverse("admin:releases_pressrelease_change", args=[release.pk]))
    dutch = page.locator(".language-switch").get_by_role("button", name=words["dutch"])
    expect(dutch).to_contain_text(words["switch_badge"])
    assert "is-stale" in dutch.get_attribute("class")
    dutch.click()
    lead = page.locator(".form-row.field-lead_nl, .field-lead_nl").first
    expect(lead).to_be_visible()
    expect(lead.locator(".translation-badge")).to_have_text(words["field_badge"])
    diff = lead.locator("details.translation-diff")
    expect(diff.locator(".diff")).to_be_hidden()
    diff.get_by_text(words["see"]).click()
    expect(diff.locator(".diff ins")).to_contain_text("ajoutée après la traduction")
    expect(page.get_by_role("heading", name=words["box"])).to_be_visible()
    found = violations_of(page)
    assert found == [], "\n".join(found)

    # The translations page: tick the Dutch lead as still right.
    page.goto(site.url + reverse("admin:releases_pressrelease_translations", args=[release.pk]))
    found = violations_of(page)
    assert found == [], "\n".join(found)
    page.locator("#nl input[name=checked_translation]").check()
    with page.expect_navigation():
        page.get_by_role("button", name=words["checked"]).click()
    assert page.locator("#nl input[name=checked_translation]").count() == 0
    assert page.locator("#en input[name=checked_translation]").count() == 1

    page.goto(site.url + reverse("admin:releases_pressrelease_translation_import"))
    found = violations_of(page)
    assert found == [], "\n".join(found)

    # Approval: the French changed again; the Dutch lead must be confirmed, by a box.
    from organizations.models import Appointment

    Appointment.objects.update(ended_on=None)  # the ministers in office today
    release.refresh_from_db()
    release.lead_fr = f"{release.lead_fr} Encore une phrase."
    release.status = Status.IN_REVIEW
    release.save()
    url = reverse("admin:releases_pressrelease_transition", args=[release.pk, "publish_now"])
    page.goto(f"{site.url}{url}?version={release.version}")
    boxes = page.locator(".translation-check input[name=checked_translation]")
    expect(boxes).to_have_count(1)  # the Dutch lead; English is not required
    found = violations_of(page)
    assert found == [], "\n".join(found)
    boxes.check()
    with page.expect_navigation():
        page.click("input[type=submit].default")
    release.refresh_from_db()
    assert release.state == State.LIVE
    assert problems == []
    page.context.close()
