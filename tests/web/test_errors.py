"""The site's own error pages: a form with an old security token (CSRF), 403, 404 and 500 are
drawn in the site's layout and the reader's language, never as Django's bare pages.

This module is also the URLconf of the tests that need a view to fail on purpose."""

# The pages' titles use an en dash, as GOV.UK's style guide does.
# ruff: noqa: RUF001

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.loader import get_template
from django.test import Client
from django.urls import include, path, reverse
from django.utils import translation
from sesame.utils import get_query_string

from .conftest import form_data


def _refuse(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def _break(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


urlpatterns = [
    path("refuse/", _refuse),
    path("break/", _break),
    path("", include("sharedspace.web.urls")),
]

FAILING = pytest.mark.urls(__name__)


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def _csrf_client(language: str = "en", easy_read: bool = False) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.cookies["django_language"] = language
    if easy_read:
        client.cookies["easy_read"] = "1"
    return client


def _token_in(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert found, "the page has a form with a security token"
    return found.group(1)


def _title(html: str) -> str:
    found = re.search(r"<title>(.*?)</title>", html, re.S)
    assert found, "the page has a title"
    return found.group(1).strip()


# --- CSRF ---------------------------------------------------------------------------------


def test_a_form_without_its_token_gets_the_sites_own_page(db):
    """No security token: status 403, the site's layout (header, footer, sign-in link), plain
    words, and no trace of Django's technical page."""
    response = _csrf_client().post(reverse("web:sign_in"), form_data("email", email="a@b.org"))
    html = response.content.decode()
    assert response.status_code == 403
    assert _title(html) == "Sorry, please try again – Shared Space"
    assert "This page was open for too long, or you signed in somewhere else." in html
    assert "Go back, reload the page and try again." in html
    assert 'class="govuk-footer"' in html and 'class="app-header"' in html
    assert "CSRF" not in html and "Forbidden" not in html
    assert 'href="/">Go to the start page</a>' in html


def test_signing_in_in_another_tab_then_sending_the_old_form(cast):
    """The reviewer's case: the sign-in form open in one tab, an emailed link pressed in
    another (signing in changes the token), then the first form sent. The answer is the
    site's page with a link back to the form; the forms on it work again."""
    client = _csrf_client()
    old_form = client.get(reverse("web:sign_in"))
    old_token = _token_in(old_form.content.decode())
    sesame = get_query_string(cast.carol).split("=", 1)[1]
    link_page = client.get(reverse("web:sign_in_link") + "?sesame=" + sesame, follow=True)
    signed = client.post(reverse("web:sign_in_link"), {
        "form": "link", "sesame": sesame,
        "csrfmiddlewaretoken": _token_in(link_page.content.decode())})
    assert signed.status_code == 302
    stale = client.post(reverse("web:sign_in"),
                        {**form_data("email", email="carol@example.org"),
                         "csrfmiddlewaretoken": old_token},
                        HTTP_REFERER="http://testserver/sign-in/?next=/account/")
    html = stale.content.decode()
    assert stale.status_code == 403
    assert 'href="http://testserver/sign-in/?next=/account/">Go back to the page</a>' in html
    # The page's own forms (the language switch) carry the new token, so they work.
    switched = client.post(reverse("web:set_language"),
                           {"language": "cy", "next": "/", "csrfmiddlewaretoken": _token_in(html)})
    assert switched.status_code == 302


def test_the_link_back_never_leaves_the_site(db):
    """A Referer on another site is not linked: the page offers the start page instead."""
    response = _csrf_client().post(reverse("web:sign_in"), {},
                                   HTTP_REFERER="https://evil.example/sign-in/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "evil.example" not in html
    assert 'href="/">Go to the start page</a>' in html


def test_the_csrf_page_speaks_welsh_and_has_easy_read(db):
    """In Welsh the whole page is Welsh (lang="cy"); with easy read on, the easy-read block
    is shown."""
    response = _csrf_client("cy", easy_read=True).post(reverse("web:sign_in"), {})
    html = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="cy"' in html
    assert "app-easy-read-block" in html
    with translation.override("cy"):
        assert str(translation.gettext("Go back, reload the page and try again.")) in html
    plain = _csrf_client().post(reverse("web:sign_in"), {}).content.decode()
    assert "app-easy-read-block" not in plain


# --- 403, 404, 500 -----------------------------------------------------------------------


@FAILING
def test_403_is_the_sites_own_page(db):
    """A view that refuses with PermissionDenied: status 403, the site's layout, plain words."""
    response = Client().get("/refuse/")
    html = response.content.decode()
    assert response.status_code == 403
    assert _title(html) == "You cannot do this – Shared Space"
    assert 'class="govuk-footer"' in html and "403 Forbidden" not in html


def test_404_with_debug_off_is_the_sites_own_page(db, settings):
    """With DEBUG off (as in production), an unknown address gets the site's 404 page, in
    the reader's language."""
    settings.DEBUG = False
    response = Client().get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert _title(html) == "Page not found – Shared Space"
    assert 'class="govuk-footer"' in html
    welsh = Client()
    welsh.cookies["django_language"] = "cy"
    cy = welsh.get("/no-such-page/").content.decode()
    assert '<html lang="cy"' in cy and "Page not found" not in cy


@FAILING
@pytest.mark.parametrize("language", ["en", "cy"])
def test_500_is_the_sites_own_page(db, settings, language):
    """A bug in a view: status 500, a page in the site's style and the reader's language,
    drawn by Django's own handler with no context."""
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.cookies["django_language"] = language
    response = client.get("/break/")
    html = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{language}"' in html
    assert "govuk/govuk-frontend.min.css" in html
    with translation.override(language):
        assert translation.gettext("Sorry, something went wrong") in html


def test_the_500_page_needs_no_request_no_context_and_no_database():
    """500.html renders from nothing at all (no database access is allowed in this test)."""
    html = get_template("500.html").render()
    assert "Sorry, something went wrong" in html
    assert 'href="/"' in html and "{%" not in html


def test_a_request_for_an_unknown_host_gets_the_sites_own_400_page(db, settings):
    """A host name the site does not answer to: status 400, a page in the site's style with
    plain words, drawn with no context (Django's bad_request gives none)."""
    settings.DEBUG = False
    response = Client(HTTP_HOST="evil.example").get("/")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Sorry, this request could not be read" in html
    assert "govuk/govuk-frontend.min.css" in html and "Bad Request" not in html
    assert "{%" not in get_template("400.html").render()


def test_a_post_naming_no_form_of_the_page_gets_the_400_page(cast, signed_in):
    response = signed_in(cast.carol).post("/dashboard/", {"form": "no-such-form"})
    assert response.status_code == 400
    assert "Sorry, this request could not be read" in response.content.decode()
