"""`sharedspace serve` logs each request's path, never its query string, which can hold a
sign-in link's token (docs/adr/0011)."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from gunicorn.config import Config
from gunicorn.glogging import Logger

from sharedspace.cli.commands.serve import gunicorn_options
from sharedspace.cli.main import build_parser


def _logged(options: dict, environ: dict[str, str]) -> str:
    """The access log line gunicorn writes with these options for this request."""
    config = Config()
    config.set("access_log_format", options["access_log_format"])
    response = SimpleNamespace(status="302 Found", headers=[], sent=0, response_length=0)
    request = SimpleNamespace(headers=[])
    atoms = Logger(config).atoms(response, request, environ, datetime.timedelta(seconds=0.01))
    return config.access_log_format % atoms


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
