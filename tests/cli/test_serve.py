"""`sharedspace serve`: gunicorn answers HTTP; runserver is never used."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from sharedspace.cli.commands.serve import default_workers, gunicorn_options
from sharedspace.cli.main import build_parser

from .conftest import SCRIPT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> int | None:
    """The HTTP status of ``url``, or None if nothing answers yet."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our own server
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def test_serve_defaults_and_gunicorn_settings():
    """Defaults are 127.0.0.1:8000; gunicorn runs 2 to 4 workers with threads, access log on
    stderr."""
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)
    options = gunicorn_options(args)
    assert options["bind"] == ["127.0.0.1:8000"]
    assert 2 <= options["workers"] == default_workers() <= 4
    assert options["worker_class"] == "gthread" and options["threads"] > 1
    assert options["accesslog"] == "-"
    ipv6 = gunicorn_options(build_parser().parse_args(["serve", "--host", "::1", "--port", "9"]))
    assert ipv6["bind"] == ["[::1]:9"]


def test_serve_answers_http_and_stops_on_sigterm(cli_env, tmp_path: Path):
    """`serve` migrates, collects static files, starts gunicorn on the port, answers HTTP
    (a static file with 200), logs requests on stderr, keeps stdout empty, and stops on
    SIGTERM."""
    port = free_port()
    server = subprocess.Popen(
        [str(SCRIPT), "serve", "--port", str(port)],
        env=cli_env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        static_root = Path(cli_env["SHAREDSPACE_DATA_DIR"]) / "static"
        deadline = time.monotonic() + 20
        status = None
        while time.monotonic() < deadline and server.poll() is None:
            status = get(f"http://127.0.0.1:{port}/")
            if status is not None:
                break
            time.sleep(0.2)
        assert status is not None, "the server never answered"
        collected = sorted(p for p in static_root.rglob("*.css") if p.is_file())
        assert collected, "collectstatic did not run"
        asset = collected[0].relative_to(static_root).as_posix()
        assert get(f"http://127.0.0.1:{port}/static/{asset}") == 200
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            out, err = server.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            out, err = server.communicate()
    assert server.returncode == 0
    assert out == b""
    text = err.decode()
    assert "gunicorn" in text.lower()
    assert f"GET /static/{asset}" in text  # the access log, on stderr
    assert "runserver" not in text


def test_serve_on_a_busy_port_is_bad_input(run_sharedspace):
    """A port another program listens on: exit 2 with a message, at once."""
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_sharedspace("serve", "--port", str(port), timeout=60)
    assert result.code == 2
    assert result.out == ""
    assert f"port {port}" in result.err
