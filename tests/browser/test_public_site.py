"""The public site in a real browser: accessible, private, and switchable by language."""

import pytest

from tests.browser.conftest import run_axe
from tests.public import LANGUAGES, demo_urls, url_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_passes_axe(site, page, language):
    from releases.models import PressRelease

    demo = PressRelease.objects.get()
    urls = demo_urls(demo, language)
    urls["not found"] = f"/{language}/nope/"
    failures = {}
    for name, path in urls.items():
        page.goto(site.url + path)
        violations = run_axe(page)
        if violations:
            failures[name] = violations
    assert failures == {}


def test_anonymous_visit_sets_no_cookie_and_requests_nothing_outside_the_site(site, page):
    from releases.models import PressRelease

    demo = PressRelease.objects.get()
    outside = []
    page.on(
        "request",
        lambda request: None if request.url.startswith(site.url) else outside.append(request.url),
    )
    for language in LANGUAGES:
        for path in demo_urls(demo, language).values():
            page.goto(site.url + path)
            page.wait_for_load_state("networkidle")
    assert outside == []
    assert page.context.cookies() == []


def test_language_switcher_keeps_the_reader_on_the_same_release(site, page):
    from releases.models import PressRelease

    demo = PressRelease.objects.get()
    page.goto(site.url + url_in(demo, "fr"))
    page.get_by_role("navigation", name="Langue").get_by_role("link", name="Nederlands").click()
    assert page.url == site.url + url_in(demo, "nl")
    assert page.locator("h1").inner_text().startswith("De FOD Sociale Zekerheid")
    page.get_by_role("navigation", name="Taal").get_by_role("link", name="Deutsch").click()
    assert page.url == site.url + url_in(demo, "de")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("article.release").get_attribute("lang") == "fr"
    assert page.get_by_role("note").inner_text().startswith("Dieser Text")


def test_skip_link_and_visible_focus(site, page):
    page.goto(site.url + "/fr/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("e => e === document.activeElement")
    outline = skip.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.url.endswith("#content")


def test_pages_fit_a_phone_screen_without_sideways_scrolling(site, browser):
    from releases.models import PressRelease

    demo = PressRelease.objects.get()
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="nl-BE")
    page = context.new_page()
    for path in demo_urls(demo, "nl").values():
        page.goto(site.url + path)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path
    context.close()


def test_release_reads_without_javascript(site, browser):
    from releases.models import PressRelease

    demo = PressRelease.objects.get()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url + url_in(demo, "en"))
    assert "Since 2016" in page.locator("article").inner_text()
    context.close()


def test_the_accessibility_check_does_catch_violations(page):
    """Guards the harness itself: axe must report a known violation."""
    page.set_content('<html><head><title>t</title></head><body><img src="x.png"></body></html>')
    assert any(v.startswith("image-alt") for v in run_axe(page))
