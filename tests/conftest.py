"""Test set-up shared by the whole suite.

The environment is set here, at import, before Django's settings are loaded: pytest-django
reads DJANGO_SETTINGS_MODULE from the environment, and the settings module makes its data
folder at import, so the data folder must already point at a temporary one.
"""

import atexit
import os
import shutil
import tempfile

_data_dir = tempfile.mkdtemp(prefix="sharedspace-test-")
atexit.register(shutil.rmtree, _data_dir, ignore_errors=True)

os.environ["SHAREDSPACE_DATA_DIR"] = _data_dir  # tests never write ./var
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sharedspace.settings")
# Playwright runs an event loop in the test thread; the tests' own database calls are fine.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django  # noqa: E402  (must come after the environment above)
from hypothesis import settings as hypothesis_settings  # noqa: E402

django.setup()

# Property tests run the same way locally and in CI: no deadline (CI machines are slow and
# shared), and random examples (Hypothesis keeps the failing ones in .hypothesis/).
hypothesis_settings.register_profile("ci", deadline=None, derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


import pytest  # noqa: E402
from django.utils import translation  # noqa: E402


@pytest.fixture(autouse=True)
def _language_reset() -> None:
    """Every test starts in the default language. Django's LocaleMiddleware activates the
    reader's language for the thread and leaves it there, so one test's Welsh request would
    otherwise make the next test's audit sentences Welsh."""
    translation.deactivate()


# ---------------------------------------------------------------- the PostgreSQL pass

# Fixtures through which a test reaches a database: Django's own, a live server, and the
# CLI's subprocess environment (which points the subprocess at the test database server).
DATABASE_FIXTURES = frozenset({
    "db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback",
    "live_server", "cli_env",
})


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database-tests-only", action="store_true",
        help="Run only the tests that use a database (.ci/run's PostgreSQL pass: the others "
             "already ran in the SQLite pass and would prove nothing new).",
    )


def uses_database(item: pytest.Item) -> bool:
    """Whether a test reaches the database: marked ``django_db`` or asking for a fixture
    that does, unless marked ``same_on_every_database``. pytest-django refuses every other
    test any database access, so a test this calls database-free cannot depend on one."""
    if item.get_closest_marker("same_on_every_database"):
        return False
    if item.get_closest_marker("django_db"):
        return True
    return bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("--database-tests-only"):
        return
    keep: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        (keep if uses_database(item) else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep
