"""The Content-Security-Policy in a real browser: nothing it blocks is needed.

Each context here enforces the policy (no ``bypass_csp``, unlike the axe-core
fixture). Violations are collected twice: the ``securitypolicyviolation`` events of
every document, and Chromium's console errors, which also name blocked resources.
"""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation

from newsroom.publishing import Status
from tests.attachments import files
from tests.conftest import complete, staff_user
from tests.public import demo_urls

pytestmark = pytest.mark.django_db(transaction=True)

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
    `in ${event.sourceFile}:${event.lineNumber}:${event.columnNumber} ${event.sample}`
  );
});
"""


class Watched:
    """A page whose CSP violations and console errors are recorded."""

    def __init__(self, browser, **context_args):
        self.context = browser.new_context(viewport={"width": 1280, "height": 1000}, **context_args)
        self.context.add_init_script(COLLECT_VIOLATIONS)
        self.page = self.context.new_page()
        self.console = []
        self.events = []
        self.page.on(
            "console",
            lambda message: self.console.append(message.text) if message.type == "error" else None,
        )

    def goto(self, url):
        self.collect()
        response = self.page.goto(url)
        self.page.wait_for_load_state("networkidle")
        return response

    def collect(self):
        """The current document's violation events (each document has its own list)."""
        if self.page.url.startswith("http"):
            self.events += self.page.evaluate("() => window.__cspViolations || []")
            self.page.evaluate("() => { window.__cspViolations = []; }")

    def violations(self):
        self.collect()
        return self.events + [text for text in self.console if "Content Security Policy" in text]

    def close(self):
        self.context.close()


def test_the_policy_is_enforced_and_its_violations_are_seen(site, browser):
    """The watcher has teeth: an inline script injected into a public page is blocked
    and reported, so an empty list in the other tests means no violation."""
    watched = Watched(browser, locale="fr-BE")
    response = watched.goto(site.url + "/fr/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    watched.page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.__inlineRan = true";
        document.body.append(script);
    }""")
    assert watched.page.evaluate("() => window.__inlineRan === undefined")
    assert any("script-src" in violation for violation in watched.violations())
    watched.close()


def test_public_pages_break_no_rule_of_the_policy(site, browser):
    from releases.models import PressRelease

    demo = PressRelease.objects.get()
    watched = Watched(browser, locale="fr-BE")
    for language in ("fr", "nl"):
        for path in demo_urls(demo, language).values():
            response = watched.goto(site.url + path)
            assert "content-security-policy" in response.headers, path
    # The release page carries JSON-LD: a data block, which the policy leaves alone.
    watched.goto(site.url + demo.get_absolute_url())
    assert watched.page.locator('script[type="application/ld+json"]').count() >= 1
    # A PDF sent with the same policy (test_security_headers.py) still opens in
    # Chromium's own viewer.
    document = demo.documents.get()
    response = watched.goto(site.url + default_storage.url(document.file.name))
    assert response.headers["content-type"] == "application/pdf"
    assert any(frame.url.startswith("chrome-extension://") for frame in watched.page.frames)
    assert watched.violations() == []
    watched.close()


def test_the_admin_editor_and_language_tabs_work_under_the_policy(
    site, browser, make_release, tmp_path
):
    release = make_release(status=Status.IN_REVIEW, **complete())
    staff_user("ed", "Editors")
    watched = Watched(browser, locale="en-GB")
    page = watched.page
    watched.goto(site.url + reverse("admin:login"))
    page.fill("#id_username", "ed")
    page.fill("#id_password", "x")
    with page.expect_navigation():
        page.click("input[type=submit]")
    response = watched.goto(
        site.url + reverse("admin:releases_pressrelease_change", args=[release.pk])
    )
    policy = response.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "style-src 'self';" in policy
    assert "style-src-attr 'unsafe-inline'" in policy  # the editor's one need (security.py)
    # CKEditor 5 starts one editor per language, each editing its own language.
    page.wait_for_function("document.querySelectorAll('.ck-editor__editable').length >= 4")
    assert page.eval_on_selector_all(".ck-editor__editable", "els => els.map(e => e.lang)") == [
        "fr",
        "nl",
        "de",
        "en",
    ]
    # The one language switch (our script driving modeltranslation's jQuery UI tabs)
    # shows every Dutch field at once.
    assert page.locator("#id_title_nl").is_hidden()
    switch = page.get_by_role("group", name="Language of the texts")
    switch.get_by_role("button", name="Dutch").click()
    assert page.locator("#id_title_nl").is_visible()
    assert page.locator("#tab_id_body_nl .ck-editor__editable").is_visible()
    page.fill("#id_title_nl", "Nieuwe titel")
    # Typing into the Dutch editor.
    editable = page.locator("#tab_id_body_nl .ck-editor__editable")
    editable.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Een nieuwe zin.")
    # The toolbar works too: the sentence is made bold.
    page.keyboard.press("Shift+Home")
    page.locator("#tab_id_body_nl .ck-toolbar button", has_text="Bold").first.click()
    # The image button uploads (XHR with the CSRF token) and shows the picture.
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(files.jpeg())
    page.locator("#tab_id_body_nl .ck-editor input[type=file]").set_input_files(str(photo))
    editable.locator("img[src*='/media/images/']").wait_for()
    watched.collect()
    with page.expect_navigation():
        page.click("input[name=_continue]")
    assert page.locator(".messagelist .success").count() == 1, page.locator(
        ".errornote, .errorlist"
    ).all_inner_texts()
    release.refresh_from_db()
    assert release.title_nl == "Nieuwe titel"
    assert "Een nieuwe zin." in release.body_nl and "<strong>" in release.body_nl
    assert "/media/images/" in release.body_nl
    page.wait_for_load_state("networkidle")
    # The other admin pages an editor opens, under the same policy.
    for name, args in [
        ("admin:index", []),
        ("admin:releases_pressrelease_changelist", []),
        ("admin:releases_pressrelease_add", []),
        ("admin:releases_pressrelease_history", [release.pk]),
        ("admin:releases_pressrelease_schedule", []),
    ]:
        assert watched.goto(site.url + reverse(name, args=args)).status == 200, name
    # The staff preview of the public page, with the uploaded picture: the public policy.
    with translation.override("nl"):
        response = watched.goto(site.url + release.get_absolute_url())
    assert "style-src-attr" not in response.headers["content-security-policy"]
    assert page.locator("article img[src*='/media/images/']").count() == 1
    assert watched.violations() == []
    watched.close()
