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
