"""The subscriptions keep the site's promise to anonymous visitors: no cookie on any
page, the form's own pages and the pages carrying the small form included, and no
CSRF token; cross-site posts are refused instead, and personal pages are kept by no
cache, indexed by no engine and never sent as a Referer."""

import pytest
from django.urls import reverse

from organizations.models import Organization, Person
from releases.models import Topic
from subscriptions import links
from subscriptions.models import Subscriber
from tests.public import reverse_in, url_in
from tests.subscriptions.helpers import (
    confirmation_path,
    is_private,
    make_subscriber,
    same_origin_post,
    subscribe,
    subscribe_url,
)

pytestmark = pytest.mark.django_db


def small_form_pages(demo, language):
    topic = Topic.objects.get(slug_fr="protection-sociale")
    return {
        "home": reverse_in("home", language),
        "organization": url_in(Organization.objects.get(slug_fr="belincosoc"), language),
        "official": url_in(Person.objects.get(slug="maggie-de-block"), language),
        "topic list": reverse_in("releases:list", language)
        + f"?topic={topic.slug_fr if language == 'fr' else topic.slug_nl}",
        "organization list": reverse_in("releases:list", language) + "?organization=belincosoc",
        "official list": reverse_in("releases:list", language) + "?official=maggie-de-block",
    }


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_the_pages_with_the_small_form_carry_it_and_set_no_cookie(client, demo, language):
    for name, path in small_form_pages(demo, language).items():
        response = client.get(path)
        assert response.status_code == 200, name
        html = response.text
        assert f'action="{subscribe_url(language)}"' in html, name
        assert 'autocomplete="email"' in html and '<label for="subscribe-email">' in html
        assert "csrfmiddlewaretoken" not in html, name
        assert not response.cookies, name
        assert "Set-Cookie" not in response.headers, name


def test_each_small_form_names_its_pages_choice(client, demo):
    pages = small_form_pages(demo, "fr")
    belincosoc = Organization.objects.get(slug_fr="belincosoc")
    minister = Person.objects.get(slug="maggie-de-block")
    topic = Topic.objects.get(slug_fr="protection-sociale")
    expected = {
        "home": '<input type="hidden" name="all_releases" value="on">',
        "organization": f'<input type="hidden" name="organizations" value="{belincosoc.pk}">',
        "official": f'<input type="hidden" name="people" value="{minister.pk}">',
        "topic list": f'<input type="hidden" name="topics" value="{topic.pk}">',
        "organization list": f'<input type="hidden" name="organizations" value="{belincosoc.pk}">',
        "official list": f'<input type="hidden" name="people" value="{minister.pk}">',
    }
    for name, path in pages.items():
        assert expected[name] in client.get(path).text, name
    # Two filters at once: no form (a subscription to each would send more).
    both = reverse_in("releases:list", "fr") + "?topic=protection-sociale&official=maggie-de-block"
    assert 'name="email"' not in client.get(both).text
    # A year with one filter keeps it.
    with_year = reverse_in("releases:list", "fr") + "?topic=protection-sociale&year=2017"
    assert expected["topic list"] in client.get(with_year).text


def test_no_page_of_the_subscriptions_sets_a_cookie(client, smtp_server, demo, settings):
    settings.NEWSROOM_SUBSCRIBE_PER_CLIENT = 2
    responses = {"form": client.get(subscribe_url())}
    responses["sent"] = subscribe(client, email="ann@example.be", all_releases="on")
    responses["invalid"] = subscribe(client, email="not an address", all_releases="on")
    responses["cross-site"] = client.post(subscribe_url(), {}, HTTP_SEC_FETCH_SITE="cross-site")
    path = confirmation_path(smtp_server.messages[0])
    responses["confirm"] = client.get(path)
    responses["confirmed"] = same_origin_post(client, path)
    subscriber = Subscriber.objects.get()
    manage = reverse("subscriptions:manage", kwargs={"token": links.manage_token(subscriber)})
    responses["preferences"] = client.get(manage)
    responses["saved"] = same_origin_post(client, manage, {"language": "nl", "all_releases": "on"})
    responses["export"] = client.get(
        reverse("subscriptions:export", kwargs={"token": links.manage_token(subscriber)})
    )
    unsubscribe = links.unsubscribe_url(subscriber).removeprefix("https://newsroom.example.be")
    responses["unsubscribe"] = client.get(unsubscribe)
    responses["unsubscribed"] = client.post(unsubscribe, {"List-Unsubscribe": "One-Click"})
    responses["gone"] = client.get(manage)
    responses["bad link"] = client.get(reverse("subscriptions:confirm", kwargs={"token": "x"}))
    responses["too many"] = subscribe(client, email="bob@example.be", all_releases="on")
    assert responses["too many"].status_code == 429
    for name, response in responses.items():
        assert not response.cookies, name
        assert "Set-Cookie" not in response.headers, name


def test_personal_pages_are_kept_by_nobody_and_not_indexed(client, demo):
    subscriber = make_subscriber(all_releases=True)
    token = links.manage_token(subscriber)
    paths = [
        reverse("subscriptions:manage", kwargs={"token": token}),
        reverse("subscriptions:export", kwargs={"token": token}),
        reverse("subscriptions:delete", kwargs={"token": token}),
        reverse("subscriptions:unsubscribe", kwargs={"token": links.unsubscribe_token(subscriber)}),
        reverse("subscriptions:manage", kwargs={"token": token + "x"}),
        reverse("subscriptions:confirm", kwargs={"token": "altered"}),
    ]
    for path in paths:
        response = client.get(path)
        assert is_private(response), path
        if response["Content-Type"].startswith("text/html"):
            assert '<meta name="robots" content="noindex' in response.text, path


def test_the_forms_carry_no_csrf_token(client, demo):
    subscriber = make_subscriber(all_releases=True)
    for path in (
        subscribe_url(),
        reverse("subscriptions:manage", kwargs={"token": links.manage_token(subscriber)}),
    ):
        assert "csrfmiddlewaretoken" not in client.get(path).text


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_ORIGIN": "http://testserver.evil.example", "HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_ORIGIN": "https://other.example.be", "HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "cross-site"},
    ],
)
def test_a_cross_site_post_is_refused(client, smtp_server, demo, headers):
    subscriber = make_subscriber(email="bob@example.be", all_releases=True)
    token = links.manage_token(subscriber)
    response = client.post(
        subscribe_url(), {"email": "ann@example.be", "all_releases": "on"}, **headers
    )
    assert response.status_code == 403 and not response.cookies
    assert smtp_server.messages == []
    manage = reverse("subscriptions:manage", kwargs={"token": token})
    assert client.post(manage, {"language": "nl", "topics": []}, **headers).status_code == 403
    delete = reverse("subscriptions:delete", kwargs={"token": token})
    assert client.post(delete, **headers).status_code == 403
    subscriber.refresh_from_db()
    assert subscriber.language == "fr"


def test_a_post_from_our_own_pages_or_without_browser_headers_is_accepted(
    client, smtp_server, demo
):
    data = {"email": "ann@example.be", "all_releases": "on", "language": "fr"}
    ok = [
        {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "same-origin"},
        {"HTTP_ORIGIN": "https://newsroom.example.be"},  # NEWSROOM_SITE_URL
        # A form on a page under Referrer-Policy: no-referrer (a browser setting, an
        # extension): "null" for the origin, and the truth in Sec-Fetch-Site.
        {"HTTP_ORIGIN": "null", "HTTP_SEC_FETCH_SITE": "same-origin"},
        {},  # an old browser, or a tool: the double opt-in and the limits still hold
    ]
    for headers in ok:
        assert client.post(subscribe_url(), data, **headers).status_code == 200
