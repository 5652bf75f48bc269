"""The editor's desk in a real browser, in a French and in a Dutch admin: a press
officer writes a release in two languages with the single language switch, orders two
quotes by dragging, previews it beside the form and submits it; an editor finds it on
the dashboard, compares its two revisions, schedules it with the date and clock
widgets (the "goes live in" line follows) and finds it in the week view. axe-core
finds no WCAG 2.1 AA violation on the dashboard, the calendar and the change form."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from newsroom.publishing import State, Status
from releases.models import PressRelease
from tests.browser.conftest import run_axe
from tests.conftest import complete, staff_user

pytestmark = pytest.mark.django_db(transaction=True)

INTERFACES = {
    "fr": {
        "locale": "fr-BE",
        "languages": ("Français", "Néerlandais"),
        "submit": "Soumettre pour relecture",
        "schedule": "Approuver et programmer",
        "goes_live": "sera en ligne dans",
        "awaiting": "Attend ma relecture",
        "organization": "Sécurité",
    },
    "nl": {
        "locale": "nl-BE",
        "languages": ("Frans", "Nederlands"),
        "submit": "Ter nalezing indienen",
        "schedule": "Goedkeuren en plannen",
        "goes_live": "gaat online over",
        "awaiting": "Wacht op mijn nalezing",
        "organization": "Zekerheid",
    },
}


def sign_in(browser, site, username, locale):
    context = browser.new_context(
        locale=locale, viewport={"width": 1400, "height": 1000}, bypass_csp=True
    )
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(site.url + reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", "x")
    with page.expect_navigation():
        page.click("input[type=submit]")
    return page, problems


def choose_autocomplete(page, container, text):
    """A Django autocomplete (select2) field: open it, type, take the first answer."""
    container.locator(".select2-selection").click()
    page.locator(".select2-search__field").last.fill(text)
    page.locator(".select2-results__option--highlighted, .select2-results__option").filter(
        has_text=re.compile(text, re.I)
    ).first.click()


def type_rich_text(page, field_id, text):
    editor = page.locator(f"#{field_id}").locator("xpath=..").locator(".ck-editor__editable")
    editor.click()
    page.keyboard.type(text)


def save(page):
    with page.expect_navigation():
        page.click("input[name=_continue]")
    errors = page.locator(".errornote, .errorlist").all_inner_texts()
    assert page.locator(".messagelist .success").count() == 1, errors


def violations_of(page):
    found = run_axe(page)
    return [v for v in found if not v.startswith("region")]


@pytest.mark.parametrize("interface", list(INTERFACES))
def test_from_the_press_officers_draft_to_the_editors_week_view(site, browser, interface):
    from organizations.models import Appointment

    words = INTERFACES[interface]
    # The demo's ministers, as if still in office: the release is scheduled next month.
    Appointment.objects.update(ended_on=None)
    staff_user("writer", "Press officers")
    staff_user("chief", "Editors")
    officer, officer_problems = sign_in(browser, site, "writer", words["locale"])
    assert officer.locator("html").get_attribute("lang") == interface

    # -- the press officer writes in French, then in Dutch, with one switch ------------
    officer.goto(site.url + reverse("admin:releases_pressrelease_add"))
    officer.select_option("#id_original_language", "fr")
    french, dutch = words["languages"]
    switch = officer.locator(".language-switch")
    switch.get_by_role("button", name=french, exact=True).click()
    officer.fill("#id_title_fr", "La Belgique soutient la protection sociale dans le monde")
    count = officer.locator("#id_title_fr-count")
    assert re.search(r"\b56\b", count.inner_text())
    officer.fill("#id_lead_fr", "Le SPF Sécurité sociale accueille SOCIEUX+.")
    type_rich_text(officer, "id_body_fr", "Bruxelles accueille une conférence.")
    switch.get_by_role("button", name=dutch, exact=True).click()
    assert officer.locator("#id_title_nl").is_visible()
    assert not officer.locator("#id_title_fr").is_visible()  # every field follows the switch
    officer.fill("#id_title_nl", "België steunt sociale bescherming in de wereld")
    officer.fill("#id_lead_nl", "De FOD Sociale Zekerheid verwelkomt SOCIEUX+.")
    type_rich_text(officer, "id_body_nl", "Brussel verwelkomt een conferentie.")
    choose_autocomplete(
        officer, officer.locator(".field-issuing_organization"), words["organization"]
    )
    for number, (name, text) in enumerate([("Block", "Premier"), ("Croo", "Second")]):
        officer.locator("#quotes-group .add-row a").click()
        row = officer.locator(f"#quotes-{number}")
        choose_autocomplete(officer, row, name)
        row.locator(f"#id_quotes-{number}-text_nl").fill(f"{text} citaat")  # follows the switch
        switch.get_by_role("button", name=french, exact=True).click()
        row.locator(f"#id_quotes-{number}-text_fr").fill(f"{text} propos")
        switch.get_by_role("button", name=dutch, exact=True).click()
    save(officer)
    release = PressRelease.objects.get(title_fr__startswith="La Belgique soutient")
    assert release.title_nl.startswith("België") and release.body_fr
    assert [q.text_fr for q in release.quotes.order_by("order")] == [
        "Premier propos",
        "Second propos",
    ]
    # The form opens again on the release's original language.
    assert officer.locator(".language-switch [aria-pressed=true]").inner_text() == french
    found = violations_of(officer)
    assert found == [], "\n".join(found)

    # -- drag the second quote above the first, and save ---------------------------------
    handles = officer.locator("#quotes-group .drag-handle")
    handles.nth(1).drag_to(officer.locator("#quotes-group .inline-related h3").first)
    switch.get_by_role("button", name=dutch, exact=True).click()
    officer.fill("#id_title_nl", "België steunt de sociale bescherming wereldwijd")
    save(officer)
    assert [q.text_fr for q in release.quotes.order_by("order")] == [
        "Second propos",
        "Premier propos",
    ]

    # -- preview beside the form, in the language of the switch --------------------------
    officer.locator(".preview-preference").select_option("beside")
    officer.locator(".preview-open-button").click()
    frame = officer.frame_locator(".preview-panel iframe")
    expect(frame.locator("h1")).to_contain_text("La Belgique soutient")  # the original first
    assert officer.locator("#id_title_fr").is_visible()  # the form stays beside it
    switch.get_by_role("button", name=dutch, exact=True).click()
    expect(frame.locator("h1")).to_contain_text("België steunt")

    # -- submit for review -----------------------------------------------------------------
    officer.get_by_role("link", name=words["submit"]).click()
    with officer.expect_navigation():
        officer.click("input[type=submit].default")
    release.refresh_from_db()
    assert release.state == State.IN_REVIEW
    assert officer_problems == []
    officer.context.close()

    # -- the editor: dashboard, comparison, schedule, week view ----------------------------
    editor, editor_problems = sign_in(browser, site, "chief", words["locale"])
    awaiting = editor.locator("#desk-awaiting")
    assert words["awaiting"] in awaiting.locator("h2").inner_text()
    shown_title = getattr(release, f"title_{interface}")  # in the admin's language
    assert awaiting.get_by_role("link", name=shown_title).count() == 1
    assert violations_of(editor) == []
    awaiting.get_by_role("link", name=shown_title).click()
    editor.goto(site.url + reverse("admin:releases_pressrelease_history", args=[release.pk]))
    with editor.expect_navigation():
        editor.click(".submit-row input[type=submit]")
    diff = editor.locator(".compare-table").first
    assert any("wereldwijd" in text for text in diff.locator("ins").all_inner_texts())
    assert "(" in diff.locator("th[scope=row]").first.inner_text()  # "Titel (Nederlands)"

    url = reverse("admin:releases_pressrelease_transition", args=[release.pk, "schedule"])
    release.refresh_from_db()
    editor.goto(f"{site.url}{url}?version={release.version}")
    assert words["schedule"] in editor.locator("h1").inner_text()
    editor.click("#calendarlink0")
    editor.locator("#calendarbox0 .calendarnav-next").click()
    editor.locator("#calendarin0 a", has_text="15").first.click()
    editor.click("#clocklink0")
    editor.locator("#clockbox0 .timelist li a").nth(3).click()  # noon
    line = editor.locator(".schedule-line")
    editor.wait_for_function(
        "text => document.querySelector('.schedule-line').textContent.includes(text)",
        arg=words["goes_live"],
    )
    assert "12:00:00" in line.inner_text()
    with editor.expect_navigation():
        editor.click("input[type=submit].default")
    release.refresh_from_db()
    assert release.state == State.SCHEDULED, editor.locator(
        ".errorlist, .errornote"
    ).all_inner_texts()
    today = timezone.localdate()
    month = datetime.date(today.year + today.month // 12, today.month % 12 + 1, 15)
    assert timezone.localtime(release.publish_at).date() == month

    editor.goto(f"{site.url}{reverse('desk:calendar')}?view=week&date={month.isoformat()}")
    entry = editor.locator(".planning-entry", has_text=shown_title)
    assert "12:00:00" in entry.inner_text()
    assert violations_of(editor) == []
    editor.goto(f"{site.url}{reverse('desk:calendar')}?view=month&date={month.isoformat()}")
    assert editor.locator(".planning-entry", has_text=shown_title).count() == 1
    assert violations_of(editor) == []
    assert editor_problems == []
    editor.context.close()


def test_links_are_reordered_with_the_keyboard_alone(site, browser, make_release):
    """Without a mouse: a row's handle moves it with the arrow keys (and says where to),
    Tab reaches its Move up button; the saved order follows."""
    from releases.models import ReleaseLink

    release = make_release(status=Status.IN_REVIEW, **complete())
    for order, label in enumerate(["Premier", "Deuxième", "Troisième"]):
        ReleaseLink.objects.create(
            release=release, label_fr=label, url=f"https://e.be/{order}", order=order
        )
    staff_user("ed", "Editors")
    page, problems = sign_in(browser, site, "ed", "en-GB")
    page.goto(site.url + reverse("admin:releases_pressrelease_change", args=[release.pk]))
    page.locator("#links-group .drag-handle").nth(2).focus()
    page.keyboard.press("ArrowUp")  # Troisième: second
    expect(page.locator("[aria-live=polite]", has_text="Moved to position 2.")).to_have_count(1)
    page.keyboard.press("Tab")  # to its Move up button
    page.keyboard.press("Enter")  # Troisième: first
    expect(page.locator("[aria-live=polite]", has_text="Moved to position 1.")).to_have_count(1)
    save(page)
    ordered = release.links.order_by("order").values_list("label_fr", flat=True)
    assert list(ordered) == ["Troisième", "Premier", "Deuxième"]
    assert problems == []
    page.context.close()
