"""`--database-tests-only` (the PostgreSQL pass of .ci/run) keeps every test that reaches a
database and leaves out the ones that cannot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def collected(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:xdist",
         "-p", "no:cacheprovider", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return {line for line in done.stdout.splitlines() if "::" in line}


def test_only_the_tests_that_reach_a_database_are_kept():
    files = ["tests/cli/test_bad_settings.py", "tests/imports/test_imports_values.py",
             "tests/governance/test_stateful.py", "tests/cli/test_serve.py",
             "tests/web/browser/test_journey.py"]
    every = collected(*files)
    kept = collected("--database-tests-only", *files)
    assert kept < every
    names = {node.split("::")[1].split("[")[0] for node in kept}
    # django_db and db fixtures, a CLI subprocess on the test database, a live server:
    assert "test_random_histories_keep_the_rules_of_power" in names
    assert "test_good_values_are_read_and_empty_ones_mean_the_default" in names
    assert "test_serve_answers_http_and_stops_on_sigterm" in names
    assert "test_keyboard_only_journey" in names
    # Pure parsing, and settings refused before any database is opened, are left out.
    assert not any(node.startswith("tests/imports/test_imports_values.py") for node in kept)
    assert "test_every_parsed_setting_says_what_is_wrong_in_one_line" not in names
    assert "test_serve_defaults_and_gunicorn_settings" not in names
