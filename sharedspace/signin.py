"""Sign-in links: a URL that signs a person in without a password (django-sesame).

The web view that receives these links lives at ``/sign-in/link/``. The base URL comes from
the environment variable SHAREDSPACE_BASE_URL (default: http://127.0.0.1:8000), so links
printed on one machine point at the server people will actually use.
"""

from __future__ import annotations

import os
from typing import Any

SIGN_IN_PATH = "/sign-in/link/"
DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def configured_base_url() -> str:
    """Where people reach this Shared Space, without a trailing slash."""
    return (os.environ.get("SHAREDSPACE_BASE_URL") or DEFAULT_BASE_URL).strip().rstrip("/")


def sign_in_url(person: Any, *, base_url: str | None = None) -> str:
    """A link that signs ``person`` in: the base URL, the sign-in path and a sesame token."""
    from sesame.utils import get_query_string

    root = (base_url if base_url is not None else configured_base_url()).rstrip("/")
    return root + SIGN_IN_PATH + get_query_string(person)
