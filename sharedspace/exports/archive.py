"""Write a party's export: one zip file with a README, JSON files and the ledgers.

``write_zip`` writes it into an open binary file (the web's download, a temporary file);
``write_export`` into a named file, through a temporary file beside it (the CLI). Both
write the same bytes, but for the moments the zip and its README were made.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from sharedspace.governance import ledger
from sharedspace.governance.models import Party

from . import collect

logger = logging.getLogger("sharedspace.exports")

# Told when a ledger does not verify (it is exported as stored all the same).
Warn = Callable[[str], None]

SCRIPT = Path(__file__).with_name("verify_ledger.py")

README = """\
Everything {name} can see in Shared Space
{underline}

Made on {made} (UTC) for the group "{name}" (id {party_id}).

What is in this file
- README.txt: this page.
- party.json: your group: how it decides, its power sources, its members over time.
- ledger.jsonl: your group's own permanent record (who joined, rule changes).
- names.json: the names of the groups and people that the other files name by id.
- spaces/: one folder for each space your group holds or held, visits or visited, or is
  invited to ({count} in all). In each folder:
  - space.json: the space: who holds it, who visits, its charter, and how your group
    stands there ("relation": holder, guest, former_holder, former_guest or invited);
  - proposals.json: every proposal, each group's position, members' votes, and the words
    (and, for a charter proposal, the charter) of each earlier version (the ledger holds
    only their digests);
  - fund.json: the money: who gave what, what was spent, what was taken back;
  - outside_decisions.json: decisions about the work that were made somewhere else;
  - comments.json: the discussion (hidden comments are marked "removed");
  - publications.json: work the space published for everyone to read, with the comments
    on it (critical friends are anyone signed in; a removed comment says whether the
    groups hid it, "removed_by": "proposal", or its author took it back, "author");
  - meetings.json: meetings, their agendas, notes and action points;
  - ledger.jsonl: the space's permanent record, if your group may read it.
- verify_ledger.py: a small program that checks the permanent records.

How to check the permanent records
Each line of a ledger.jsonl file is one event. Each event is sealed with a code (a "hash")
made from the event and the code of the event before it. If anyone changes, adds, removes
or reorders an event, the codes stop matching. To check every record in this folder, unzip
it and run, with Python 3 (nothing else is needed):

    python3 verify_ledger.py

It says "ok" for each record that is whole, or names the first event that is wrong.
The method is written down in docs/ledger.md in Shared Space: anyone can write their own
checker. It also checks that nothing was cut off the end: the last code in each record
must be the "ledger_head" hash in the space.json (or party.json) beside it. You can also
compare the last code it prints with the one Shared Space shows.

What this export shows
The same things your group can see in Shared Space: in a space your group holds, or held,
everything; as a guest, what the host lets guests see. Names of people and groups are in
names.json only; the records themselves hold ids, so a person's name can be erased without
breaking any record.
"""


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _log_warning(message: str) -> None:
    logger.warning("%s", message)


def _write_ledger(
    zf: zipfile.ZipFile, name: str, chain: str, names: collect.Names, warn: Warn,
    head: dict[str, Any] | None,
) -> None:
    """The chain's entries up to ``head`` (the ``ledger_head`` its JSON file names), so the
    file and that head agree and verify_ledger.py can check that nothing was cut off."""
    with zf.open(name, "w", force_zip64=True) as f:
        for line in collect.ledger_lines(chain, names, up_to=head["seq"] if head else 0):
            f.write(line.encode("utf-8"))
    verdict = ledger.verify_chain(chain)
    if not verdict.ok:
        warn(
            f"Warning: the ledger of {chain} does not verify (seq {verdict.first_bad}: "
            f"{verdict.problem}). It is exported as stored."
        )


def write_zip(party: Party, out: IO[bytes], *, warn: Warn | None = None) -> int:
    """Write everything ``party`` may see, as a zip, into the open binary file ``out``
    (seekable). Returns how many spaces. ``warn`` is told of a ledger that does not
    verify (by default the ``sharedspace.exports`` log)."""
    warn = warn or _log_warning
    names = collect.Names()
    names.party(party.pk)
    sights = collect.spaces_seen_by(party)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        made = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M")
        title = f"Everything {party.name} can see in Shared Space"
        zf.writestr(
            "README.txt",
            README.format(
                name=party.name, underline="=" * len(title), made=made, party_id=party.pk,
                count=len(sights),
            ),
        )
        party_data = collect.party_data(party, names)
        zf.writestr("party.json", _json(party_data))
        _write_ledger(zf, "ledger.jsonl", party.pk, names, warn, party_data["ledger_head"])
        for sight in sights:
            base = f"spaces/{sight.space.pk}/"
            space_data = collect.space_data(sight, party, names)
            zf.writestr(base + "space.json", _json(space_data))
            zf.writestr(
                base + "proposals.json",
                _json(collect.proposals_data(sight, party, names)),
            )
            zf.writestr(base + "fund.json", _json(collect.fund_data(sight, names)))
            zf.writestr(
                base + "outside_decisions.json",
                _json(collect.outside_decisions_data(sight, names)),
            )
            zf.writestr(base + "comments.json", _json(collect.comments_data(sight, names)))
            zf.writestr(
                base + "publications.json", _json(collect.publications_data(sight, names))
            )
            zf.writestr(base + "meetings.json", _json(collect.meetings_data(sight, names)))
            if sight.can_read_ledger:
                _write_ledger(
                    zf, base + "ledger.jsonl", sight.space.pk, names, warn,
                    space_data["ledger_head"],
                )
        zf.writestr("names.json", _json(names.as_data()))
        info = zipfile.ZipInfo("verify_ledger.py", date_time=dt.datetime.now().timetuple()[:6])
        info.external_attr = 0o755 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        zf.writestr(info, SCRIPT.read_bytes())
    return len(sights)


def write_export(party: Party, out: Path, *, warn: Warn | None = None) -> int:
    """Write the zip to ``out`` (through a temporary file). Returns how many spaces."""
    folder = out.parent if str(out.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=folder)
    os.close(fd)
    try:
        with open(tmp, "wb") as f:
            count = write_zip(party, f, warn=warn)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count
