#!/usr/bin/env python
"""How fast the pages are served, against a bare Django view served by the same server.

    python bench/bench_web.py                    # a temporary SQLite database (WAL)
    python bench/bench_web.py --postgres         # PostgreSQL, database ss_webbench
    python bench/bench_web.py --scale 0.2 --seconds 3 --rounds 1    # a quick look

It builds a realistic data set in a temporary data folder (by default 200 spaces among 40
groups of three people, 2,000+ proposals with their positions, 3,500+ comments, money and
outside decisions), every change made by the governance actions, so the ledger is the one
real use would write (it is verified at the end). Then it starts ``sharedspace serve`` as a
subprocess, with the worker settings a user gets, signs a person in with a sign-in link, and
loads five URLs in turns with a stdlib load generator (processes of threads, each thread one
keep-alive connection):

- *bare*: ``/_bench/bare/``, a view returning a two-byte response, mounted only when
  SHAREDSPACE_BENCHMARK is on (never in production) and served through the same middleware;
- *home*, the start page for the signed-in person: the frame every page has (session, person,
  layout) and nothing else, measured for reference only;
- *dashboard*, a busy shared *space*, one of its *proposals*, and that space's *audit* page.

For each it prints requests per second, p50 and p99 latency, the rate as a share of the bare
view's rate, and the database queries the page makes (counted in-process with Django's test
client on the same database). The target is at least 0.25 of the bare rate; a page below it
is flagged. Rates are the best of ``--rounds`` rounds taken in turns, so a busy machine
disturbs every URL alike. The JSON goes to ``--out`` (default ``var/bench_web_<db>.json``).
It always exits 0, unless the benchmark itself could not run.

SHAREDSPACE_BENCHMARK also turns DEBUG off, as in production (bench/README.md says why).
For PostgreSQL it uses DATABASE_URL if set, else postgres://postgres@127.0.0.1:5432/ss_webbench,
and drops and re-creates that database.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET = 0.25
PG_DEFAULT = "postgres://postgres@127.0.0.1:5432/ss_webbench"
PAGES = ("bare", "home", "dashboard", "space", "proposal", "audit")
#: Measured for reference, not judged against the target: the start page for a signed-in
#: person (the layout, the session and the person, and no governance read at all) shows how
#: much of the target the frame of every page already takes (ADR 0017).
REFERENCE = ("home",)


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", action="store_true", help="use PostgreSQL")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="size of the data set (1.0: 200 spaces, 2,000+ proposals)")
    parser.add_argument("--seconds", type=float, default=5.0, help="seconds per measurement")
    parser.add_argument("--rounds", type=int, default=2, help="take the best of this many")
    parser.add_argument("--concurrency", type=int, default=8, help="connections at once")
    parser.add_argument("--procs", type=int, default=2, help="load generator processes")
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    parser.add_argument("--out", default="", help="where to write the JSON")
    parser.add_argument("--keep", action="store_true", help="keep the temporary data folder")
    parser.add_argument("--fresh", action="store_true", help="seed anew, not from the cache")
    parser.add_argument("--server-code", default="", metavar="DIR",
                        help="serve the code of another checkout (e.g. a git worktree of an "
                             "older commit) to compare before and after")
    return parser.parse_args(argv)


# --------------------------------------------------------------------------- environment


def prepare_environment(args: argparse.Namespace, data_dir: str) -> str:
    """Set the environment the seeding process and the server share; return the DB URL."""
    os.environ["SHAREDSPACE_DATA_DIR"] = data_dir
    os.environ["SHAREDSPACE_BENCHMARK"] = "1"
    os.environ["SHAREDSPACE_LOG_LEVEL"] = "WARNING"
    os.environ["DJANGO_SETTINGS_MODULE"] = "sharedspace.settings"
    os.environ.pop("SHAREDSPACE_ENV", None)
    if args.postgres or os.environ.get("DATABASE_URL", "").startswith("postgres"):
        url = os.environ.get("DATABASE_URL") or PG_DEFAULT
        os.environ["DATABASE_URL"] = url
        return url
    os.environ.pop("DATABASE_URL", None)
    return ""


def postgres(url: str, *statements: tuple[str, ...]) -> bool:
    """Run ``(template, *database names)`` statements on the server's maintenance database;
    False when a statement fails (a template that does not exist)."""
    import psycopg
    from psycopg import sql

    base = url.rpartition("/")[0]
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        for template, *names in statements:
            try:
                conn.execute(sql.SQL(template).format(*map(sql.Identifier, names)))
            except psycopg.Error:
                return False
    return True


def db_name(url: str) -> str:
    return url.rpartition("/")[2].split("?")[0]


# --------------------------------------------------------------------------- seed cache

# Seeding through the governance actions takes minutes on a busy machine, so the seeded
# database is kept (a file copy on SQLite, a template database on PostgreSQL) and reused
# while the seeding code and the scale are the same. --fresh ignores it.
CACHE = ROOT / "var" / "bench_web_cache"


def seed_key(scale: float) -> str:
    import hashlib
    import inspect

    # Not the migrations: a restored database is migrated forward like any other.
    digest = hashlib.sha256(f"{scale}\n{inspect.getsource(seed)}".encode())
    return f"s{round(scale * 1000)}-{digest.hexdigest()[:16]}"


def template_name(url: str, key: str) -> str:
    """The PostgreSQL template database that keeps one scale's seeded data."""
    return f"{db_name(url)}_seed_{key.split('-')[0]}"


def restore(url: str, key: str, data_dir: str) -> dict[str, Any] | None:
    """Put the cached seeded database in place; its world, or None."""
    kind = "postgresql" if url else "sqlite"
    meta = CACHE / f"{kind}-{key}.json"
    if not meta.exists():
        return None
    if url:
        name = db_name(url)
        if not postgres(url, ("DROP DATABASE IF EXISTS {} WITH (FORCE)", name),
                        ("CREATE DATABASE {} TEMPLATE {}", name, template_name(url, key))):
            return None
    else:
        copy = CACHE / f"sqlite-{key}.sqlite3"
        if not copy.exists():
            return None
        shutil.copyfile(copy, Path(data_dir) / "sharedspace.sqlite3")
    return dict(json.loads(meta.read_text()))


def save(url: str, key: str, data_dir: str, world: dict[str, Any]) -> None:
    from django.db import connection, connections

    CACHE.mkdir(parents=True, exist_ok=True)
    kind = "postgresql" if url else "sqlite"
    for old in CACHE.glob(f"{kind}-{key.split('-')[0]}-*"):  # this scale's older seeds
        old.unlink()
    if url:
        connections.close_all()
        name = db_name(url)
        template = template_name(url, key)
        postgres(url, ("DROP DATABASE IF EXISTS {} WITH (FORCE)", template),
                 ("CREATE DATABASE {} TEMPLATE {}", template, name))
    else:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connections.close_all()
        shutil.copyfile(Path(data_dir) / "sharedspace.sqlite3", CACHE / f"sqlite-{key}.sqlite3")
    (CACHE / f"{kind}-{key}.json").write_text(json.dumps(world))


# --------------------------------------------------------------------------- the data set


def seed(scale: float) -> dict[str, Any]:
    """A realistic data set, every change through a governance action.

    Forty groups (half organisations deciding by speaker, half people's groups deciding by
    majority), three people each. Spaces: one in three an own space with a guest, the rest
    shared by two groups; the benchmark person's group is in about one space in eight.
    Each space gets proposals in every state, comments, money and an outside decision; one
    busy shared space gets many more, and is the one whose pages are measured.
    """
    from sharedspace.governance import actions
    from sharedspace.governance.models import Invitation

    rng = random.Random(2026)  # noqa: S311 - a repeatable data set, not a secret
    n_parties = 40
    n_spaces = max(8, int(200 * scale))
    per_space = 10
    busy_proposals = max(20, int(200 * scale))
    busy_comments = max(30, int(300 * scale))
    counts = {"actions": 0}

    def act(fn: Any, **kw: Any) -> Any:
        counts["actions"] += 1
        return fn(**kw)

    parties: list[dict[str, Any]] = []
    for i in range(n_parties):
        org = i % 2 == 0
        people = [act(actions.person_create, email=f"p{i}-{k}@bench.example",
                      name=f"Person {i}-{k}") for k in range(3)]
        party = act(actions.party_create, actor=people[0],
                    name=("Council team " if org else "Self-advocates ") + str(i),
                    kind="organisation" if org else "people",
                    decision_rule="speaker" if org else "majority")
        for k in (1, 2):
            act(actions.party_member_add, actor=people[0], party_id=party.pk,
                email=f"p{i}-{k}@bench.example", roles=["member"])
        parties.append({"party": party, "people": people, "org": org})

    def accept(space_id: str) -> None:
        for inv in Invitation.objects.filter(space_id=space_id, state="open"):
            coordinator = next(p for p in parties if p["party"].pk == inv.party_id)
            act(actions.invitation_accept, actor=coordinator["people"][0], invitation_id=inv.pk)

    def speak(proposal_id: str, p: dict[str, Any], position: str) -> None:
        """A party's position by its own rule: its speaker, or two of its three members."""
        voters = p["people"][:1] if p["org"] else p["people"][:2]
        for person in voters:
            act(actions.position_give, actor=person, proposal_id=proposal_id,
                party=p["party"].pk, position=position,
                reason="We need to know the cost first." if position == "object" else "")

    def proposals(space_id: str, holders: list[dict[str, Any]], n: int, tag: str) -> str:
        first = ""
        for j in range(n):
            proposer = holders[j % len(holders)]
            proposal = act(actions.proposal_submit, actor=proposer["people"][0],
                           space_id=space_id, kind="decision",
                           title=f"{tag}: idea {j}", body="What we would do and why. " * 8)
            first = first or proposal.pk
            fate = j % 10
            if fate < 6:  # passed by everyone agreeing
                for h in holders:
                    speak(proposal.pk, h, "agree")
            elif fate == 6:  # blocked: an objection that stood at the close
                speak(proposal.pk, holders[-1], "object")
                if len(holders) > 1:  # in an own space the host's objection ends it
                    act(actions.proposal_close, actor=holders[0]["people"][0],
                        proposal_id=proposal.pk)
            elif fate == 7:  # withdrawn by its proposer
                act(actions.proposal_withdraw, actor=proposer["people"][0],
                    proposal_id=proposal.pk)
            elif fate == 8:  # open, one group has answered
                speak(proposal.pk, holders[0], "agree")
            # fate 9: open, nobody has answered yet
            if j % 3 == 0 and n > 1:
                for k in range(2):
                    act(actions.comment_add, actor=holders[k % len(holders)]["people"][1],
                        space_id=space_id, body=f"A thought on idea {j}.",
                        proposal_id=proposal.pk)
        return first

    def comments(space_id: str, holders: list[dict[str, Any]], n: int) -> None:
        for j in range(n):
            author = holders[j % len(holders)]["people"][j % 3]
            act(actions.comment_add, actor=author, space_id=space_id,
                body=f"Comment {j}: " + "a few plain words about the work. " * 3)

    me = parties[0]
    busy: dict[str, str] = {}
    for s in range(n_spaces):
        a = 0 if s % 8 == 0 else rng.randrange(1, n_parties)
        b = rng.choice([i for i in range(1, n_parties) if i != a])
        host, other = parties[a], parties[b]
        if s % 3 == 1 and s != 0:
            space = act(actions.space_create, actor=host["people"][0], title=f"Own space {s}",
                        purpose="Work of our own group.", holders=[host["party"].pk],
                        claimed_approach="consultation",
                        guest_permissions=["view", "comment", "propose", "give_views"])
            act(actions.guest_invite, actor=host["people"][0], space_id=space.pk,
                party_id=other["party"].pk)
            accept(space.pk)
            holders = [host]
        else:
            space = act(actions.space_create, actor=host["people"][0],
                        title=f"Shared space {s}", purpose="Work we do together.",
                        holders=[host["party"].pk, other["party"].pk],
                        claimed_approach="coproduction",
                        charter={"purpose": "Make the service better together."})
            accept(space.pk)
            holders = [host, other]
        first = proposals(space.pk, holders, per_space, f"Space {s}")
        comments(space.pk, holders, 8)
        for h in holders:
            act(actions.fund_commit, actor=h["people"][0], space_id=space.pk,
                party=h["party"].pk, amount=f"{rng.randrange(50, 5000)}.00")
        act(actions.outside_decision_record, actor=host["people"][0], space_id=space.pk,
            made_by=other["party"].pk, summary="The board chose the date.")
        if s == 0:
            first = proposals(space.pk, holders, busy_proposals, "Busy") or first
            comments(space.pk, holders, busy_comments)
            busy = {"space": space.pk, "proposal": first}
            for k in range(20):
                act(actions.comment_add, actor=holders[k % 2]["people"][k % 3],
                    space_id=space.pk, body=f"More about this, {k}.", proposal_id=first)
    return {"person": me["people"][0].pk, **busy, "actions": counts["actions"],
            "spaces": n_spaces, "parties": n_parties}


def data_counts() -> dict[str, int]:
    from sharedspace.governance.models import Comment, LedgerEntry, Proposal, Space, Vote

    return {"spaces": Space.objects.count(), "proposals": Proposal.objects.count(),
            "comments": Comment.objects.count(), "votes": Vote.objects.count(),
            "ledger_entries": LedgerEntry.objects.count()}


def urls_for(world: dict[str, Any]) -> dict[str, str]:
    return {
        "bare": "/_bench/bare/",
        "home": "/",
        "dashboard": "/dashboard/",
        "space": f"/spaces/{world['space']}/",
        "proposal": f"/proposals/{world['proposal']}/",
        "audit": f"/spaces/{world['space']}/audit/",
    }


def count_queries(person_id: str, urls: dict[str, str]) -> dict[str, int]:
    """Queries each page makes, with Django's test client on the same database."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from sharedspace.governance.models import Person

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # quiets WhiteNoise
    client = Client()
    client.force_login(Person.objects.get(pk=person_id))
    found = {}
    for name, url in urls.items():
        client.get(url)  # the first request of a process fills caches
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"bench_web: {url} answered {response.status_code}")
        found[name] = len(ctx.captured_queries)
    return found


def sign_in_token(person_id: str) -> str:
    from sesame.utils import get_token

    from sharedspace.governance.models import Person

    return get_token(Person.objects.get(pk=person_id))


# --------------------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(port: int, log: Path, code: str = "") -> subprocess.Popen[bytes]:
    """``sharedspace serve`` as a user runs it; ``code``: serve another checkout instead."""
    exe = Path(sys.executable).with_name("sharedspace")
    command = [str(exe)] if exe.exists() and not code else [sys.executable, "-m", "sharedspace"]
    env = dict(os.environ)
    if code:
        env["PYTHONPATH"] = code
    server = subprocess.Popen(  # noqa: S603 - our own command
        [*command, "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=log.open("wb"), cwd=code or ROOT, env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"bench_web: the server stopped; see {log}\n" + log.read_text())
        try:
            status, _, _ = request(port, "GET", "/_bench/bare/")
            if status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    stop_server(server)
    raise SystemExit(f"bench_web: the server did not start in time; see {log}")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)  # gunicorn's graceful stop
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def request(port: int, method: str, path: str, body: str = "",
            headers: dict[str, str] | None = None) -> tuple[int, dict[str, list[str]], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body or None, headers=headers or {})
        response = conn.getresponse()
        found: dict[str, list[str]] = {}
        for key, value in response.getheaders():
            found.setdefault(key.lower(), []).append(value)
        return response.status, found, response.read()
    finally:
        conn.close()


def cookies_from(headers: dict[str, list[str]]) -> dict[str, str]:
    return dict(c.split(";", 1)[0].split("=", 1) for c in headers.get("set-cookie", []))


def sign_in(port: int, token: str) -> str:
    """Follow a sign-in link as a browser would: open it (it may send the browser on to the
    page without the token, keeping it in the session), press the button. Returns cookies."""
    path = "/sign-in/link/?" + urlencode({"sesame": token})
    status, headers, body = request(port, "GET", path)
    jar = cookies_from(headers)
    if status == 302:
        path = headers["location"][0]
        status, headers, body = request(
            port, "GET", path, headers={"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())})
        jar.update(cookies_from(headers))
    if status != 200:
        raise SystemExit(f"bench_web: the sign-in link answered {status}")
    forms = re.findall(rb"<form[^>]*method=\"post\".*?</form>", body, re.S | re.I)
    form = next((f for f in forms if b'name="form" value="link"' in f), None)
    if form is None:
        raise SystemExit("bench_web: no form on the sign-in link page")
    fields = dict(re.findall(rb'<input type="hidden" name="([^"]+)" value="([^"]*)"',
                             form))
    data = {k.decode(): v.decode() for k, v in fields.items()}
    status, headers, answer = request(
        port, "POST", path, body=urlencode(data),
        headers={"Content-Type": "application/x-www-form-urlencoded",
                 "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()),
                 "Referer": f"http://127.0.0.1:{port}{path}"},
    )
    jar.update(cookies_from(headers))
    if status != 302 or "sessionid" not in jar:
        raise SystemExit(f"bench_web: signing in answered {status} without a session:\n"
                         + answer.decode(errors="replace")[:2000])
    return "; ".join(f"{k}={v}" for k, v in jar.items())


# --------------------------------------------------------------------------- the load


def _load_worker(job: tuple[int, str, str, int, float]) -> tuple[list[float], int]:
    """One load process: ``threads`` keep-alive connections hammering one URL until the
    deadline (a wall-clock time shared by every process). Returns latencies and errors."""
    port, path, cookie, threads, deadline = job
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    headers = {"Cookie": cookie, "Accept-Language": "en"}

    def run() -> None:
        mine: list[float] = []
        bad = 0
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        clock = time.perf_counter
        while time.time() < deadline:
            start = clock()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    bad += 1
                if response.will_close:
                    conn.close()
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append(clock() - start)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return latencies, errors[0]


def measure(pool: Any, args: argparse.Namespace, port: int, path: str, cookie: str,
            seconds: float) -> dict[str, Any]:
    per_proc = [args.concurrency // args.procs + (1 if i < args.concurrency % args.procs else 0)
                for i in range(args.procs)]
    start = time.time() + 0.2  # every process starts its clock together
    deadline = start + seconds
    jobs = [(port, path, cookie, n, deadline) for n in per_proc if n]
    results = pool.map(_load_worker, jobs)
    latencies = sorted(x for lat, _ in results for x in lat)
    errors = sum(e for _, e in results)
    n = len(latencies)
    if n == 0:
        return {"requests": 0, "errors": errors, "rps": 0.0, "p50_ms": None, "p99_ms": None}
    return {
        "requests": n,
        "errors": errors,
        "rps": n / seconds,
        "p50_ms": 1000 * statistics.median(latencies),
        "p99_ms": 1000 * latencies[min(n - 1, int(n * 0.99))],
    }


# --------------------------------------------------------------------------- report


def report(results: dict[str, Any], meta: dict[str, Any]) -> None:
    bare = results["bare"]["rps"]
    print(f"Web benchmark on {meta['database']}: {meta['data']['spaces']} spaces, "
          f"{meta['data']['proposals']} proposals, {meta['data']['comments']} comments, "
          f"{meta['data']['ledger_entries']} ledger entries")
    print(f"server: sharedspace serve ({meta['server']}); load: {meta['load']}; "
          f"best of {meta['rounds']} rounds of {meta['seconds']} s; "
          f"load average at start {meta['loadavg']}")
    print(f"{'page':10} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'x bare':>8} "
          f"{'queries':>8}  target {TARGET:.0%} of bare")
    for name in PAGES:
        r = results[name]
        ratio = r["rps"] / bare if bare else 0.0
        r["ratio"] = round(ratio, 4)
        r["meets_target"] = ratio >= TARGET
        verdict = ("" if name == "bare" else "reference" if name in REFERENCE
                   else "ok" if ratio >= TARGET else "MISSES TARGET")
        p50 = f"{r['p50_ms']:8.1f}" if r["p50_ms"] is not None else f"{'-':>8}"
        p99 = f"{r['p99_ms']:8.1f}" if r["p99_ms"] is not None else f"{'-':>8}"
        errors = f"  ({r['errors']} errors)" if r["errors"] else ""
        print(f"{name:10} {r['rps']:9.1f} {p50} {p99} {ratio:8.3f} {r['queries']:8d}  "
              f"{verdict}{errors}")
    missed = [n for n in PAGES
              if n != "bare" and n not in REFERENCE and not results[n]["meets_target"]]
    if missed:
        print(f"BELOW THE {TARGET:.0%} TARGET: {', '.join(missed)}")
    else:
        print(f"Every page is at or above {TARGET:.0%} of the bare view's rate.")


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    data_dir = tempfile.mkdtemp(prefix="bench-web-")
    server = None
    try:
        url = prepare_environment(args, data_dir)
        key = seed_key(args.scale)
        started = time.perf_counter()
        world = None if args.fresh else restore(url, key, data_dir)
        if world is None and url:
            name = db_name(url)
            postgres(url, ("DROP DATABASE IF EXISTS {} WITH (FORCE)", name),
                     ("CREATE DATABASE {}", name))
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection, connections

        call_command("migrate", verbosity=0)
        cached = world is not None
        if world is None:
            world = seed(args.scale)
            save(url, key, data_dir, world)
        seeding = time.perf_counter() - started
        data = data_counts()
        how = "restored from the seed cache" if cached else (
            f"seeded with {world['actions']} governance actions")
        print(f"{data}: {how} in {seeding:.0f} s", file=sys.stderr)
        urls = urls_for(world)
        queries = count_queries(world["person"], urls)
        token = sign_in_token(world["person"])
        vendor = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite (WAL, file)"
        connections.close_all()

        from sharedspace.cli.commands.serve import default_workers

        port = args.port or free_port()
        log = Path(data_dir) / "serve.log"
        server = start_server(port, log, args.server_code)
        cookie = sign_in(port, token)
        for url in urls.values():  # every page answers, signed in, before timing
            status, _, _ = request(port, "GET", url, headers={"Cookie": cookie})
            if status != 200:
                raise SystemExit(f"bench_web: {url} answered {status}; see {log}")

        loadavg = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        ctx = multiprocessing.get_context("fork")
        rounds: dict[str, list[dict[str, Any]]] = {name: [] for name in PAGES}
        with ctx.Pool(args.procs) as pool:
            for name in PAGES:  # warm every worker's caches
                measure(pool, args, port, urls[name], cookie, 1.0)
            for _ in range(args.rounds):  # in turns: load on the machine hits all alike
                for name in PAGES:
                    rounds[name].append(measure(pool, args, port, urls[name], cookie,
                                                args.seconds))
        results = {}
        for name in PAGES:
            best = max(rounds[name], key=lambda r: r["rps"])
            results[name] = {**best, "queries": queries[name], "url": urls[name],
                             "rounds_rps": [round(r["rps"], 1) for r in rounds[name]]}
        stop_server(server)
        server = None
        meta = {
            "database": vendor,
            "data": data,
            "seeding_s": round(seeding, 1),
            "seeding_actions": world["actions"],
            "seed_from_cache": cached,
            "server": f"gunicorn gthread, {default_workers()} workers x 4 threads, DEBUG off",
            "server_code": args.server_code or str(ROOT),
            "queries_counted_with": str(ROOT),
            "load": f"{args.concurrency} keep-alive connections from {args.procs} processes",
            "rounds": args.rounds,
            "seconds": args.seconds,
            "cpus": os.cpu_count(),
            "loadavg": loadavg,
        }
        report(results, meta)
        ok_ledger = verify_ledgers()
        print(f"ledger: {ok_ledger}")
        meta["ledger"] = ok_ledger
        out = Path(args.out or ROOT / "var" / f"bench_web_{connection.vendor}.json")
        out.parent.mkdir(parents=True, exist_ok=True)
        for r in results.values():
            for key in ("rps", "p50_ms", "p99_ms"):
                if r[key] is not None:
                    r[key] = round(r[key], 2)
        out.write_text(json.dumps({"target": TARGET, "meta": meta, "pages": results},
                                  indent=2) + "\n")
        print(f"JSON: {out}")
        return 0
    finally:
        if server is not None:
            stop_server(server)
        if database_is_postgres():
            from django.db import connections as conns

            conns.close_all()
        if args.keep:
            print(f"data kept in {data_dir}", file=sys.stderr)
        else:
            shutil.rmtree(data_dir, ignore_errors=True)


def database_is_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith("postgres")


def verify_ledgers() -> str:
    """Every chain the seeding wrote verifies, as `sharedspace ledger verify` would say."""
    from sharedspace.governance import ledger
    from sharedspace.governance.models import ChainHead

    entries = 0
    for chain in ChainHead.objects.values_list("chain", flat=True):
        verdict = ledger.verify_chain(chain)
        if not verdict.ok:
            return f"chain {chain} does not verify at seq {verdict.first_bad}"
        entries += verdict.entries
    return f"ok: {entries} entries"


if __name__ == "__main__":
    sys.exit(main())
