"""The four site pages (site_pages/) in a real browser: axe-clean in every language, reached from
the footer, no cookie."""

import pytest

from tests.browser.conftest import run_axe
from tests.public import LANGUAGES, reverse_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_page_is_reached_from_the_footer_and_passes_axe(site, page, language):
    from site_pages.models import SitePage

    page.goto(site.url + reverse_in("home", language))
    footer = page.locator("footer.site-footer")
    failures = {}
    for item in SitePage.objects.in_footer_order():
        title = item.in_language(item.content_language(language)).title
        page.goto(site.url + reverse_in("home", language))
        footer.get_by_role("link", name=title, exact=True).click()
        assert page.locator("h1").inner_text() == title
        violations = run_axe(page)
        if violations:
            failures[item.kind] = violations
    assert failures == {}
    assert page.context.cookies() == []
