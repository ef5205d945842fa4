"""How fast the importers are, against a baseline measured in the same run.

    python bench/bench_imports.py [--files 3000] [--rows 200000] [--repeat 3]

- Decidim legacy, one file per proposal: importing a folder of proposal files, as a ratio to
  plain `json.load` of the same files (open, parse, nothing else). The files are copies of
  the real decidim.barcelona sample (../shared/data/decidim-barcelona-sample) when it is
  there, else made up in the same shape.
- Decidim legacy, the same proposals as one JSON array, as a ratio to `json.load` of it.
- The plain CSV event log and a CONSUL CSV: rows per second.

Everything is generated into a temporary folder and removed afterwards. Times are CPU
seconds of this process (steadier than wall-clock time on a shared machine), best of --repeat.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sharedspace.imports import open_source  # noqa: E402  (after the path is set)

SAMPLE = ROOT / ".." / "shared" / "data" / "decidim-barcelona-sample"


def _made_up_proposal(i: int) -> dict[str, object]:
    sources = ["official", "citizen", "organization", "meeting"]
    source = sources[i % 4]
    return {
        "proposal": {
            "id": i,
            "source": source,
            "status": "accepted" if i % 3 else "rejected",
            "official": source == "official",
            "author": None if source == "meeting" else {"id": i, "name": f"Autor {i}"},
            "created_at": f"{1 + i % 28:02d}/02/2016",
            "title": f"Proposta número {i}: més espais verds",
            "summary": "Text de la proposta. " * 20,
            "category": {"id": 1 + i % 5, "name": "Bon viure"},
            "district": {"id": 1 + i % 10, "name": "Gràcia"},
            "total_votes": i % 500,
        }
    }


def _legacy_texts(count: int) -> list[str]:
    """`count` proposal files' text: the real sample, repeated with new ids, if present."""
    if SAMPLE.is_dir():
        originals = [json.loads(p.read_text("utf-8")) for p in sorted(SAMPLE.glob("*.json"))]
    else:
        originals = [_made_up_proposal(i) for i in range(300)]
    texts = []
    for i in range(count):
        record = originals[i % len(originals)]
        record["proposal"]["id"] = i + 1
        texts.append(json.dumps(record, indent=4))
    return texts


def _best(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.process_time()
        run()
        times.append(time.process_time() - started)
    return min(times)


def _import(path: Path, source: str) -> int:
    with open_source(path, source) as stream:
        count = sum(1 for _ in stream)
        if stream.bad_row_count:
            raise SystemExit(f"unexpected bad rows: {stream.bad_rows[:3]}")
    return count


def _event_log(path: Path, rows: int) -> None:
    kinds = [
        "2024-03-{d:02d},Valley Council,organisation,propose,own,,,,,,P-{i}\n",
        "2024-03-{d:02d},Speaking Up Together,people,propose,host,Valley Council,,,,,Q-{i}\n",
        "2024-03-{d:02d},Valley Council,organisation,decide,own,,,passed,,,Q-{i}\n",
        "2024-03-{d:02d},Speaking Up Together,people,commit,shared,,,visible,125.50,GBP,\n",
    ]
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(
            "when,party,party_kind,action,venue,host,target,outcome,amount,currency,reference\n"
        )
        out.writelines(kinds[i % 4].format(d=1 + i % 28, i=i) for i in range(rows))


def _consul(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(
            '"id";"title";"description";"author_id";"cached_votes_up";"created_at";'
            '"retired_at";"hidden_at";"selected"\n'
        )
        out.writelines(
            f'"{i}";"Propuesta {i}";"Descripción; larga";"{i % 900}";"{i % 70}";'
            f'"2016-03-{1 + i % 28:02d} 10:00:00 UTC";"";"";"f"\n'
            for i in range(rows)
        )


def _import_and_audit(path: Path, source: str) -> int:
    """The whole of `sharedspace audit-import`: read, fold into the measures, build the report."""
    from sharedspace.imports.audit import audit_import

    report = audit_import(path, source, claimed="coproduction")
    return int(report["decisions"]["total"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=3000, help="legacy proposal files")
    parser.add_argument("--rows", type=int, default=200_000, help="CSV rows")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    table: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="bench-imports-") as tmp:
        folder = Path(tmp) / "legacy"
        folder.mkdir()
        texts = _legacy_texts(args.files)
        for i, text in enumerate(texts):
            (folder / f"{i:06d}.json").write_text(text, encoding="utf-8")
        files = sorted(folder.iterdir())

        def plain_json() -> None:
            for path in files:
                with path.open("rb") as handle:
                    json.load(handle)

        baseline = _best(args.repeat, plain_json)
        imported = _best(args.repeat, lambda: _import(folder, "decidim"))
        table.append(
            (
                f"Decidim legacy, {args.files} files",
                f"{imported:.2f} s vs json.load {baseline:.2f} s",
                f"x{imported / baseline:.2f}",
            )
        )
        audited = _best(args.repeat, lambda: _import_and_audit(folder, "decidim"))
        table.append(
            (
                f"Decidim legacy, {args.files} files, import and audit (target x3)",
                f"{audited:.2f} s vs json.load {baseline:.2f} s",
                f"x{audited / baseline:.2f}",
            )
        )

        array = Path(tmp) / "legacy-array.json"
        array.write_text("[\n" + ",\n".join(texts) + "\n]\n", encoding="utf-8")

        def plain_array() -> None:
            with array.open("rb") as handle:
                json.load(handle)

        baseline = _best(args.repeat, plain_array)
        imported = _best(args.repeat, lambda: _import(array, "decidim"))
        table.append(
            (
                f"Decidim legacy, one array of {args.files}",
                f"{imported:.2f} s vs json.load {baseline:.2f} s",
                f"x{imported / baseline:.2f}",
            )
        )

        for label, source, make in (
            ("Event log CSV", "csv", _event_log),
            ("CONSUL CSV", "consul", _consul),
        ):
            path = Path(tmp) / f"{source}.csv"
            make(path, args.rows)
            seconds = _best(args.repeat, partial(_import, path, source))
            table.append(
                (
                    f"{label}, {args.rows} rows",
                    f"{seconds:.2f} s",
                    f"{args.rows / seconds:,.0f} rows/s",
                )
            )
            seconds = _best(args.repeat, partial(_import_and_audit, path, source))
            table.append(
                (
                    f"{label}, {args.rows} rows, import and audit",
                    f"{seconds:.2f} s",
                    f"{args.rows / seconds:,.0f} rows/s",
                )
            )

    widths = [max(len(row[i]) for row in table) for i in range(3)]
    header = ("what", "time", "ratio or rate")
    widths = [max(w, len(h)) for w, h in zip(widths, header, strict=True)]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in table:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
