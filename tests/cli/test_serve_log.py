"""`sharedspace serve` logs each request's path, never its query string, which can hold a
sign-in link's token (docs/adr/0011); and nothing of who sent a workshop participant's
requests: no address, no browser (docs/adr/0029)."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.templatetags.static import static
from django.urls import reverse
from gunicorn.config import Config

from sharedspace.cli.commands.serve import (
    ANONYMOUS_PATHS,
    STATIC_PATHS,
    gunicorn_options,
    logger_class,
)
from sharedspace.cli.main import build_parser


def _logged(options: dict, environ: dict[str, str]) -> str:
    """The access log line gunicorn writes with these options for this request."""
    config = Config()
    config.set("access_log_format", options["access_log_format"])
    response = SimpleNamespace(status="302 Found", headers=[], sent=0, response_length=0)
    request = SimpleNamespace(headers=[])
    logger = logger_class()(config)
    atoms = logger.atoms(response, request, environ, datetime.timedelta(seconds=0.01))
    return config.access_log_format % logger.atoms_wrapper_class(atoms)


def test_the_access_log_leaves_out_query_strings():
    options = gunicorn_options(build_parser().parse_args(["serve"]))
    line = _logged(options, {
        "REQUEST_METHOD": "GET", "RAW_URI": "/sign-in/link/?sesame=SECRET-TOKEN",
        "PATH_INFO": "/sign-in/link/", "QUERY_STRING": "sesame=SECRET-TOKEN",
        "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "203.0.113.5",
        "HTTP_REFERER": "https://mail.example.org/",
    })
    assert "SECRET" not in line
    assert '"GET /sign-in/link/ HTTP/1.1" 302' in line
    assert line.startswith("203.0.113.5 ")
    assert '"https://mail.example.org/"' in line  # otherwise gunicorn's usual line


def _request(path: str, **more: str) -> dict[str, str]:
    return {
        "REQUEST_METHOD": "POST", "RAW_URI": path, "PATH_INFO": path, "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "203.0.113.5",
        "HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 14; Pixel 8)", **more,
    }


@pytest.mark.parametrize("path", ["/w/", "/w", "/w/KM74QX/", "/w/KM74QX/3/", "/w/KM74QX/thanks/"])
def test_a_workshop_participant_is_logged_without_address_or_browser(path):
    """The pages people answer from without an account: the line keeps the time, the
    request and the status, never the address or the browser, which could tie a phone to
    its answers."""
    options = gunicorn_options(build_parser().parse_args(["serve"]))
    line = _logged(options, _request(path, HTTP_REFERER="https://example.org/w/KM74QX/2/"))
    assert "203.0.113.5" not in line and "Android" not in line
    assert line.startswith("- - - [")
    assert f'"POST {path} HTTP/1.1" 302' in line
    assert line.endswith('"https://example.org/w/KM74QX/2/" "-"')


def test_files_a_participant_page_loads_are_logged_without_address():
    """The style sheet and icon a participant's page loads carry it as their Referer: they
    are logged without address either, or they would name the phone a moment before its
    answer is sent."""
    options = gunicorn_options(build_parser().parse_args(["serve"]))
    line = _logged(options, _request(
        "/static/web/app.css", REQUEST_METHOD="GET", HTTP_HOST="example.org",
        HTTP_REFERER="https://example.org/w/KM74QX/3/"))
    assert "203.0.113.5" not in line and "Android" not in line
    mounted = _logged(options, _request(
        "/static/web/app.css", SCRIPT_NAME="/space", HTTP_HOST="example.org",
        HTTP_REFERER="https://example.org/space/w/"))
    assert "203.0.113.5" not in mounted


@pytest.mark.parametrize(("path", "referer"), [
    ("/sign-in/", "-"),
    ("/workshops/wks_1/", "https://example.org/spaces/spc_1/perception/"),
    ("/wiki/", "https://example.org/was/here/"),
    ("/static/web/app.css", "https://example.org/workshops/wks_1/"),
])
def test_every_other_request_keeps_its_address(path, referer):
    """The rest of the site, the facilitator's big screen included, is logged as usual."""
    options = gunicorn_options(build_parser().parse_args(["serve"]))
    extra = {"HTTP_REFERER": referer} if referer != "-" else {}
    line = _logged(options, _request(path, **extra))
    assert line.startswith("203.0.113.5 - - [")
    assert line.endswith('"Mozilla/5.0 (Linux; Android 14; Pixel 8)"')


def test_the_anonymous_paths_are_the_workshop_join_pages():
    """The log's idea of where participants are follows the site's own address for them."""
    assert reverse("web:workshop_join") == ANONYMOUS_PATHS
    assert reverse("web:workshop_side", args=["KM74QX"]).startswith(ANONYMOUS_PATHS)


# --- review fixes (docs/adr/0029): a Referer is the sender's to write -------------------------


def _kept(line: str) -> bool:
    """The line names the address and the browser, as every line outside workshops does."""
    return line.startswith("203.0.113.5 - - [") and line.endswith(
        '"Mozilla/5.0 (Linux; Android 14; Pixel 8)"')


@pytest.mark.parametrize("path", [
    "/sign-in/", "/sign-in/password/", "/spaces/", "/workshops/wks_1/live/", "/api/v1/me",
    "/wiki/w/", "/staticky/",
])
def test_a_referer_under_w_hides_nothing_but_static_files(path):
    """Anyone can send a Referer under ``/w/``, from any site or from this one: a sign-in, or
    any page but the participants' own, is logged with its address and browser all the
    same."""
    options = gunicorn_options(build_parser().parse_args(["serve"]))
    for referer in ("https://example.org/w/KM74QX/", "https://elsewhere.example/w/"):
        line = _logged(options, _request(path, HTTP_HOST="example.org", HTTP_REFERER=referer))
        assert _kept(line), (path, referer)


@pytest.mark.parametrize(("host", "referer"), [
    ("example.org", "https://elsewhere.example/w/KM74QX/"),  # another site
    ("example.org", "https://example.org.elsewhere.example/w/"),
    ("example.org", "https://elsewhere.example/?example.org/w/"),
    ("localhost:8000", "http://localhost:8001/w/KM74QX/"),  # another port
    ("", "https://example.org/w/KM74QX/"),  # no Host to compare with
    ("example.org", "/w/KM74QX/"),  # no host in the Referer
    ("example.org", "https://example.org/wiki/"),
    ("example.org", "http://[::1/w/"),  # not a URL at all
    ("example.org", "https://example.org:99999/w/"),
    ("exa mple.org:x", "https://example.org/w/"),
])
def test_a_static_file_is_hidden_only_for_this_sites_w_pages(host, referer):
    """A static file is logged without address only when its Referer is a page under
    ``/w/`` of the host it was asked of: another site's page under ``/w/`` (or a made-up
    Referer) cannot keep an address out of the log."""
    options = gunicorn_options(build_parser().parse_args(["serve"]))
    extra = {"HTTP_HOST": host} if host else {}
    line = _logged(options, _request(
        "/static/web/app.css", REQUEST_METHOD="GET", HTTP_REFERER=referer, **extra))
    assert _kept(line)


@pytest.mark.parametrize(("host", "referer"), [
    ("example.org", "https://example.org/w/KM74QX/3/"),
    ("Example.ORG", "https://example.org/w/"),
    ("example.org:443", "https://example.org/w/KM74QX/"),  # the usual port, named or not
    ("example.org", "http://example.org:80/w/KM74QX/thanks/"),
    ("localhost:8000", "http://localhost:8000/w/KM74QX/"),
    ("[::1]:8000", "http://[::1]:8000/w/"),
])
def test_a_static_file_of_this_sites_w_page_is_hidden(host, referer):
    """The same host, however it is written (case, the usual port), is the same site."""
    options = gunicorn_options(build_parser().parse_args(["serve"]))
    for path in ("/static/web/app.css", "/static/web/favicon.svg"):
        line = _logged(options, _request(
            path, REQUEST_METHOD="GET", HTTP_HOST=host, HTTP_REFERER=referer))
        assert line.startswith("- - - [") and "Android" not in line, (host, referer)


def test_a_participant_page_is_hidden_whatever_its_referer():
    """The participants' own pages are left without address on their path alone: a phone
    may come from a QR code (no Referer), or from a page of another site."""
    options = gunicorn_options(build_parser().parse_args(["serve"]))
    for extra in ({}, {"HTTP_REFERER": "https://elsewhere.example/"},
                  {"HTTP_HOST": "example.org", "HTTP_REFERER": "https://example.org/"}):
        line = _logged(options, _request("/w/KM74QX/", **extra))
        assert line.startswith("- - - [") and "Android" not in line, extra


def test_the_static_paths_are_the_sites_static_files():
    """The log's idea of a static file follows the site's own address for them."""
    assert static("web/app.css").startswith(STATIC_PATHS)
