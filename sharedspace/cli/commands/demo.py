"""`sharedspace demo [--reset]`: load the demonstration partnership, print sign-in links."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from ..errors import BAD_INPUT, CommandFailed


def add(subparsers: Any) -> None:
    demo = subparsers.add_parser(
        "demo",
        help="load a demonstration partnership; prints a sign-in link per demo person",
        description=(
            "Load a made-up partnership of a council team and a self-advocacy group, with "
            "months of history, and print a sign-in link for each demo person. Running it "
            "again prints the links again. The links use SHAREDSPACE_BASE_URL (default: "
            "http://127.0.0.1:8000)."
        ),
    )
    demo.add_argument(
        "--reset",
        action="store_true",
        help="wipe the WHOLE database first (every space, person and ledger), then load",
    )
    demo.set_defaults(run=run_demo, needs_db=True)


def run_demo(args: argparse.Namespace) -> int:
    from sharedspace import demo

    if args.reset:
        print("Wiping the database...", file=sys.stderr)
        demo.reset()
    if demo.is_loaded():
        print(
            "The demo is already loaded. Here are the sign-in links again "
            "(use --reset to start it afresh).",
            file=sys.stderr,
        )
    else:
        print("Loading the demo partnership...", file=sys.stderr)
        try:
            demo.load()
        except demo.DemoClash as clash:
            raise CommandFailed(
                f"{clash} Run 'sharedspace demo --reset' to wipe the database and load the "
                "demo.",
                code=BAD_INPUT,
            ) from None
    for link in demo.sign_in_links():
        print(link)
    print(
        "Start the server with 'sharedspace serve', then open a link to sign in as that "
        f"person.{_link_lifetime()}",
        file=sys.stderr,
    )
    return 0


def _link_lifetime() -> str:
    """How long the links work, from the sign-in settings, in plain words."""
    from django.conf import settings

    setting = getattr(settings, "SESAME_MAX_AGE", None)
    max_age = setting.total_seconds() if isinstance(setting, dt.timedelta) else setting
    once = getattr(settings, "SESAME_ONE_TIME", False)
    limits = []
    if once:
        limits.append("once")
    if max_age:
        minutes = round(max_age / 60)
        limits.append(f"for {minutes} minute{'s' if minutes != 1 else ''}")
    if not limits:
        return ""
    return (
        f" Each link works {' and '.join(limits)}: run 'sharedspace demo' again for fresh ones."
    )
