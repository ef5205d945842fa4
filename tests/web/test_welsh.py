"""The Welsh catalogue is complete and compiled: every string the code marks for translation
has Welsh, nothing is left fuzzy, and the committed django.mo says what django.po says."""

from __future__ import annotations

import ast
import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "sharedspace"
PO = PACKAGE / "locale" / "cy" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def read_po(path: Path) -> list[dict[str, object]]:
    """The entries of a PO file: msgctxt, msgid, msgid_plural, msgstr (a list), flags."""
    entries: list[dict[str, object]] = []
    entry: dict[str, object] = {}
    field = ""

    def finish() -> None:
        nonlocal entry
        if "msgid" in entry:
            entries.append(entry)
        entry = {}

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#,"):
            finish()
            entry["flags"] = {f.strip() for f in line[2:].split(",")}
            continue
        if line.startswith("#"):
            if "msgid" in entry:
                finish()
            continue
        if line.startswith('"'):
            text = ast.literal_eval(line)
            if field.startswith("msgstr"):
                strs = entry["msgstr"]
                assert isinstance(strs, list)
                strs[-1] += text
            else:
                entry[field] = str(entry[field]) + text
            continue
        key, _, rest = line.partition(" ")
        text = ast.literal_eval(rest)
        if key.startswith("msgstr"):
            entry.setdefault("msgstr", [])
            strs = entry["msgstr"]
            assert isinstance(strs, list)
            strs.append(text)
            field = "msgstr"
        else:
            if key in ("msgctxt", "msgid") and "msgid" in entry:
                finish()
            entry[key] = text
            field = key
    finish()
    return entries


def catalogue() -> list[dict[str, object]]:
    return [e for e in read_po(PO) if e["msgid"] != ""]


def test_every_string_has_welsh_and_none_is_fuzzy():
    """No empty translation, and nothing marked fuzzy (a guess gettext would not use)."""
    missing = [e["msgid"] for e in catalogue() if not all(e["msgstr"])]
    fuzzy = [e["msgid"] for e in catalogue() if "fuzzy" in e.get("flags", set())]
    assert not missing, f"{len(missing)} strings have no Welsh, e.g. {missing[:5]}"
    assert not fuzzy, f"{len(fuzzy)} Welsh strings are fuzzy, e.g. {fuzzy[:5]}"


def test_compiled_catalogue_matches_the_source():
    """django.mo is committed (a fresh clone needs no gettext tools): it must be compiled
    from the django.po beside it."""
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    table = compiled._catalog  # msgid, or (msgid, form) for plurals
    for e in catalogue():
        msgid = str(e["msgid"])
        key = f"{e['msgctxt']}\x04{msgid}" if "msgctxt" in e else msgid
        strs = e["msgstr"]
        assert isinstance(strs, list)
        if "msgid_plural" in e:
            got = [table.get((key, i)) for i in range(len(strs))]
        else:
            got = [table.get(key)]
        if got != strs:
            stale.append(msgid)
    assert not stale, f"django.mo is stale (run compilemessages): {stale[:5]}"


@pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="GNU gettext is not installed (make test installs it)"
)
def test_every_marked_string_is_in_the_catalogue(tmp_path):
    """makemessages, run on a copy of the code, finds no string the catalogue lacks."""
    copy = tmp_path / "sharedspace"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SHAREDSPACE_DATA_DIR": str(tmp_path / "d")}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "cy",
            "--no-obsolete",
            "--settings=sharedspace.settings",
        ],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    found = {
        (e.get("msgctxt"), e["msgid"])
        for e in read_po(copy / "locale" / "cy" / "LC_MESSAGES" / "django.po")
        if e["msgid"] != ""
    }
    ours = {(e.get("msgctxt"), e["msgid"]) for e in catalogue()}
    new = sorted(str(m) for _c, m in found - ours)
    assert not new, f"{len(new)} strings are not in django.po (run makemessages), e.g. {new[:5]}"


def test_translation_functions_keep_names_makemessages_knows():
    """makemessages finds marked strings by the names of the functions (`_`, `gettext`,
    `gettext_lazy`, `ngettext`, `pgettext` …). Imported under another name (`gettext_lazy as
    _l`), a string is never extracted, so it stays English on Welsh pages without any test
    noticing. Every import from django.utils.translation keeps a name xgettext knows."""
    known = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext",
             "pgettext_lazy", "npgettext", "npgettext_lazy", "gettext_noop"}
    renamed = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
                renamed += [
                    f"{path.relative_to(PACKAGE)}:{node.lineno}: {a.name} as {a.asname}"
                    for a in node.names
                    if a.name in known and a.asname is not None and a.asname not in known
                ]
            elif isinstance(node, ast.Import):  # `import django.utils.translation as t`
                renamed += [
                    f"{path.relative_to(PACKAGE)}:{node.lineno}: import {a.name} as {a.asname}"
                    for a in node.names
                    if a.name == "django.utils.translation" and a.asname is not None
                ]
    assert renamed == []


def test_july_is_spelled_right_in_welsh():
    """Django's own Welsh has "Gorffenaf"; ours puts it right (web/welsh_fixes.py)."""
    import datetime as dt

    from django.utils import translation
    from django.utils.formats import date_format

    with translation.override("cy"):
        assert date_format(dt.date(2026, 7, 9), "j F Y") == "9 Gorffennaf 2026"
