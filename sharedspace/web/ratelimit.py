"""A small fixed-window rate limit on Django's cache: sign-in links per email and per address.

With several server processes, use a shared cache (for example the database cache) so that
the limit holds across them; see docs/web.md.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache

WINDOW_SECONDS = 15 * 60
LIMIT = 5


def _key(kind: str, value: str) -> str:
    return f"ratelimit:{kind}:" + hashlib.sha256(value.encode("utf-8")).hexdigest()


def hit(kind: str, value: str, *, limit: int = LIMIT, window: int = WINDOW_SECONDS) -> bool:
    """Count one more try; False once ``value`` has used up its ``limit`` in this window."""
    key = _key(kind, value)
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit
