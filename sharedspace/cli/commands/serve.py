"""`sharedspace serve`: the web pages and the API, behind gunicorn (never runserver).

Before serving: the database is created or migrated, and the static files are collected
into STATIC_ROOT when they are missing or out of date. Then gunicorn runs the WSGI app
``sharedspace.wsgi:application`` with a few worker processes, each with a few threads.
Its access log and error log go to standard error. Beside it, unless `--no-worker`, one
`sharedspace worker` child process runs the background tasks (see worker.py).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import BAD_INPUT, CommandFailed

STAMP = ".sharedspace-collected"


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (1 to 65535)")
    return port


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("give 1 or more")
    return number


def default_workers() -> int:
    """Two to four processes: enough to use a small server, few enough for SQLite."""
    return min(4, max(2, os.cpu_count() or 1))


def add(subparsers: Any) -> None:
    serve = subparsers.add_parser(
        "serve",
        help="serve the web pages and the API",
        description=(
            "Serve the web pages and the API with gunicorn, a production-grade server. "
            "Runs until stopped (Ctrl+C)."
        ),
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    serve.add_argument(
        "--port", type=_port, default=8000, help="port to listen on (default: 8000)"
    )
    serve.add_argument(
        "--workers",
        type=_positive,
        default=None,
        help=f"worker processes (default: {default_workers()} on this machine)",
    )
    serve.add_argument(
        "--threads", type=_positive, default=4, help="threads per worker (default: 4)"
    )
    serve.add_argument(
        "--no-worker",
        dest="worker",
        action="store_false",
        help=(
            "do not start a background worker beside the server (run `sharedspace worker` "
            "yourself, here or on another machine)"
        ),
    )
    serve.set_defaults(run=run_serve, needs_db=True)


def _bind_address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host and not host.startswith("[") else f"{host}:{port}"


def _check_port_free(host: str, port: int) -> None:
    """Fail early, in plain words, when another program already listens there."""
    bare = host.strip("[]")
    try:
        infos = socket.getaddrinfo(bare, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise CommandFailed(f"--host {host}: this computer does not know that address.") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise CommandFailed(
                f"Cannot listen on {host} port {port}: {exc.strerror or exc}. "
                "Is another server running there? Choose another port with --port.",
                code=BAD_INPUT,
            ) from None


def _static_fingerprint() -> str:
    """A digest of every static file the finders know (name, size, time changed)."""
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders

    lines = []
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            stat = os.stat(storage.path(path))
            lines.append(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
    digest = hashlib.sha256(str(settings.STORAGES.get("staticfiles")).encode())
    for line in sorted(lines):
        digest.update(line.encode("utf-8", "surrogateescape") + b"\n")
    return digest.hexdigest()


def collect_static_if_needed() -> bool:
    """Run collectstatic quietly when STATIC_ROOT is empty or out of date."""
    from django.conf import settings
    from django.core.management import call_command

    root = Path(settings.STATIC_ROOT)
    stamp = root / STAMP
    fingerprint = _static_fingerprint()
    if stamp.is_file() and stamp.read_text().strip() == fingerprint:
        return False
    print("Collecting static files...", file=sys.stderr)
    call_command(
        "collectstatic", interactive=False, verbosity=0, stdout=sys.stderr, stderr=sys.stderr
    )
    root.mkdir(parents=True, exist_ok=True)
    stamp.write_text(fingerprint + "\n")
    return True


#: Where the pages of a workshop's anonymous participants are (``web:workshop_join``):
#: requests for them, and for the files those pages load, are logged without who sent them.
ANONYMOUS_PATHS = "/w/"
#: Where the static files are (``STATIC_URL``): the style sheet, the scripts, the icon.
STATIC_PATHS = "/static/"
#: Ports a Host or a Referer may name or leave out: "example.org" is "example.org:443".
_DEFAULT_PORTS = (80, 443)


def _under(prefix: str, path: str, script_name: str = "") -> bool:
    path = path.removeprefix(script_name) if script_name else path
    return path == prefix.rstrip("/") or path.startswith(prefix)


def _under_anonymous(path: str, script_name: str = "") -> bool:
    return _under(ANONYMOUS_PATHS, path, script_name)


def _site(netloc: str) -> tuple[str, int | None] | None:
    """A Host header or a URL's host as (name, port), the usual ports left out; None when it
    cannot be read."""
    try:
        found = urlsplit(f"//{netloc}")
        name, port = found.hostname, found.port
    except ValueError:
        return None
    if not name:
        return None
    return name.rstrip("."), None if port in _DEFAULT_PORTS else port


def _same_site(netloc: str, environ: dict[str, Any]) -> bool:
    """Whether a Referer's host is the host the request was sent to (its Host header)."""
    host = _site(environ.get("HTTP_HOST", ""))
    return host is not None and _site(netloc) == host


def anonymous_request(environ: dict[str, Any]) -> bool:
    """A request from a workshop's anonymous participant: for a page under ``/w/``, or for a
    static file such a page loads (the style sheet, the icon, the scripts: its Referer is a
    page under ``/w/`` of this same site), which would otherwise show the same phone's
    address a moment before or after its answer.

    Nothing else, whatever its Referer says: a Referer is the sender's to write, so any other
    request (a sign-in, say) with a Referer under ``/w/``, or a static file whose Referer is
    another site's ``/w/``, is logged as usual (docs/adr/0029, "Review fixes")."""
    script = environ.get("SCRIPT_NAME", "")
    path = environ.get("PATH_INFO", "")
    if _under_anonymous(path, script):
        return True
    if not _under(STATIC_PATHS, path, script):
        return False
    try:  # anyone can send any Referer: one that is not a URL is simply not ours
        referer = urlsplit(environ.get("HTTP_REFERER", ""))
    except ValueError:
        return False
    return _under_anonymous(referer.path, script) and _same_site(referer.netloc, environ)


def logger_class() -> type:
    """Gunicorn's logger, with the access log on standard error, and the client's address
    and browser left out of the lines of workshop participants (docs/adr/0029)."""
    from gunicorn.glogging import Logger

    class StderrLogger(Logger):
        """Gunicorn's logger, with the access log on standard error instead of output."""

        def _set_handler(self, log: Any, output: Any, fmt: Any, stream: Any = None) -> None:
            super()._set_handler(log, output, fmt, stream=sys.stderr)

        def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
            found: dict[str, Any] = super().atoms(resp, req, environ, request_time)
            if anonymous_request(environ):
                # Every atom that tells who sent it: the address, the browser, and the
                # request's headers and environment (for a format that names them).
                found = {
                    key: value for key, value in found.items()
                    if not (key.endswith("}i") or key.endswith("}e"))
                }
                found.update(h="-", a="-", u="-")
            return found

    return StderrLogger


def _server_class() -> type:
    from gunicorn.app.base import BaseApplication

    StderrLogger = logger_class()

    class SharedSpaceServer(BaseApplication):
        def __init__(self, options: dict[str, Any]) -> None:
            self.options = options
            super().__init__(prog="sharedspace serve")

        def load_config(self) -> None:
            for key, value in self.options.items():
                self.cfg.set(key, value)
            if "control_socket_disable" in self.cfg.settings:
                # gunicorn 24+ opens a control socket in the home folder by default; two
                # servers on one machine would fight over it, and we do not use it.
                self.cfg.set("control_socket_disable", True)
            self.cfg.set("logger_class", StderrLogger)

        def load(self) -> Any:
            from sharedspace.wsgi import application

            return application

    return SharedSpaceServer


# Gunicorn's usual access log line, with the path in place of the whole request line: a
# query string can hold a secret (a sign-in link's token, docs/adr/0011), so none is logged.
# For a workshop participant, the address and browser are "-" too (``logger_class``).
ACCESS_LOG_FORMAT = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(f)s" "%(a)s"'


def gunicorn_options(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "bind": [_bind_address(args.host, args.port)],
        "workers": args.workers or default_workers(),
        "threads": args.threads,
        "worker_class": "gthread",
        "accesslog": "-",
        "access_log_format": ACCESS_LOG_FORMAT,
        "errorlog": "-",
        "loglevel": "info",
        "proc_name": "sharedspace",
        "timeout": 60,
        "graceful_timeout": 10,
        "preload_app": False,
    }


def run_serve(args: argparse.Namespace) -> int:
    from django.db import connections

    collect_static_if_needed()
    _check_port_free(args.host, args.port)
    # Worker processes open their own connections; none may be shared across the fork.
    connections.close_all()
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"Shared Space at http://{shown}:{args.port}/ (Ctrl+C stops it)", file=sys.stderr)
    worker = start_worker() if getattr(args, "worker", True) else None
    try:
        _server_class()(gunicorn_options(args)).run()
    finally:
        if worker is not None:
            stop_worker(worker)
    return 0


def start_worker() -> subprocess.Popen[bytes]:
    """`sharedspace worker` as a child process, for the background tasks (imports of
    uploaded records, ADR 0015). It stops with this process, however this one ends."""
    command = [sys.executable, "-m", "sharedspace", "worker", "--stop-with", str(os.getpid())]
    # A session of its own: Ctrl+C reaches this process only, which then stops the worker
    # once (a second signal would stop the task it is running).
    return subprocess.Popen(  # noqa: S603 - our own command line, no shell
        command, stdin=subprocess.DEVNULL, stdout=sys.stderr.fileno(),
        start_new_session=True)


def stop_worker(worker: subprocess.Popen[bytes], wait: float = 15) -> None:
    """Let the worker finish the task it is running (up to `wait` seconds), then stop it."""
    worker.terminate()
    try:
        worker.wait(wait)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()
