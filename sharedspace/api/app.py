"""The NinjaAPI object: routers, sign-in, error handling and the OpenAPI document."""

from __future__ import annotations

from ninja import NinjaAPI

from sharedspace import __version__

from . import errors
from .auth import auth_methods
from .parser import JSONObjectParser
from .routers import (
    audits,
    comments,
    invitations,
    money,
    outside,
    people,
    perception,
    proposals,
    publications,
    records,
    spaces,
)

DESCRIPTION = """\
The JSON API of Shared Space (CONTRACT.md). Sign in with `Authorization: Bearer <token>`
(make a token with `sharedspace token create EMAIL`), or use a browser session with its
CSRF token.

Every error has the body `{"error": {"code": "...", "message": "..."}}`, plus `fields` for
422. 401: not signed in. 403: the rules of power refuse (the code names the rule). 404:
it does not exist or you may not see it. 409: the state does not allow it now. 422: bad
input. All ids are strings; times are ISO 8601 with a zone; money is
`{"amount": "123.45", "currency": "GBP"}` (in request bodies a plain `"123.45"` works too).
"""


def build_api() -> NinjaAPI:
    api = NinjaAPI(
        title="Shared Space API",
        version=__version__,
        description=DESCRIPTION,
        urls_namespace="api",
        openapi_url="/openapi.json",
        docs_url="/docs",
        auth=auth_methods(),
        parser=JSONObjectParser(),
    )
    errors.install(api)
    for part in (people, spaces, invitations, proposals, money, outside, records, comments,
                 audits, perception, publications):
        api.add_router("", part.router)
    return api


api = build_api()
