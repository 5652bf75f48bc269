"""The admin in a real browser: press officers and editors save real forms."""

import pytest
from django.urls import reverse

from newsroom.publishing import Status
from tests.conftest import complete, staff_user

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(browser, site, username):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.goto(site.url + reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", "x")
    page.click("input[type=submit]")
    return page


@pytest.fixture
def release(site, make_release):
    return make_release(status=Status.IN_REVIEW, **complete())


def save(page):
    with page.expect_navigation():
        page.click("input[name=_continue]")


def choose_dutch(page):
    """The change form's one language switch (change_form.js) shows every Dutch field."""
    page.get_by_role("group", name="Language of the texts").get_by_role(
        "button", name="Dutch"
    ).click()


def edit_dutch_title(page, text):
    choose_dutch(page)
    page.fill("#id_title_nl", text)


def test_an_editor_saves_the_real_change_form(site, browser, release):
    staff_user("ed", "Editors")
    page = log_in(browser, site, "ed")
    page.goto(site.url + reverse("admin:releases_pressrelease_change", args=[release.pk]))
    # Each language tab's rich-text editor edits its own language.
    page.wait_for_function("document.querySelectorAll('.ck-editor__editable').length >= 4")
    langs = page.eval_on_selector_all(".ck-editor__editable", "els => els.map(e => e.lang)")
    assert langs == ["fr", "nl", "de", "en"]
    edit_dutch_title(page, "Nieuwe titel")
    save(page)
    assert page.locator(".messagelist .success").count() == 1, page.locator(
        ".errornote, .errorlist"
    ).all_inner_texts()
    release.refresh_from_db()
    assert release.title_nl == "Nieuwe titel" and release.status == Status.IN_REVIEW
    page.context.close()


def test_the_second_of_two_editors_is_warned_and_keeps_their_input(site, browser, release):
    staff_user("ann", "Editors")
    staff_user("bob", "Editors")
    url = site.url + reverse("admin:releases_pressrelease_change", args=[release.pk])
    ann, bob = log_in(browser, site, "ann"), log_in(browser, site, "bob")
    ann.goto(url)
    bob.goto(url)
    edit_dutch_title(ann, "Titel van Ann")
    save(ann)
    assert ann.locator(".messagelist .success").count() == 1
    edit_dutch_title(bob, "Titel van Bob")
    save(bob)
    assert "ann saved this item on" in " ".join(bob.locator(".errorlist").all_inner_texts())
    choose_dutch(bob)
    assert bob.input_value("#id_title_nl") == "Titel van Bob"
    release.refresh_from_db()
    assert release.title_nl == "Titel van Ann"
    ann.context.close()
    bob.context.close()


def test_the_editors_image_button_uploads_through_our_view(site, browser, release, tmp_path):
    from attachments.models import Image
    from tests.attachments import files

    staff_user("ed", "Editors")
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(files.gps_photo())
    page = log_in(browser, site, "ed")
    page.goto(site.url + reverse("admin:releases_pressrelease_change", args=[release.pk]))
    page.wait_for_function("document.querySelectorAll('.ck-editor__editable').length >= 4")
    first_editor = page.locator(".ck-editor").first
    first_editor.locator("input[type=file]").set_input_files(str(photo))
    first_editor.locator(".ck-editor__editable img[src*='/media/images/']").wait_for(
        state="attached"
    )  # the French tab may be hidden behind the English one
    save(page)
    assert page.locator(".messagelist .success").count() == 1
    release.refresh_from_db()
    image = Image.objects.get(release=None, event=None)  # uploaded in the editor
    assert f"/media/images/{image.key}/" in release.body_fr
    assert "srcset=" in release.body_fr  # the renditions, offered to the browser
    page.context.close()
