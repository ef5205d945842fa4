"""Session codes: six characters that are easy to read aloud, hear, and type on a phone.

The alphabet leaves out what looks or sounds alike (0 and O, 1, I and L, 2 and Z, 5 and S,
8 and B) and the vowels A, E, I, O, U (U also looks like V), so that no code spells a word.
22 characters in 6 places give about 113 million codes; the database keeps each unique among
open sessions.
"""

from __future__ import annotations

import secrets

ALPHABET = "CDFGHJKMNPQRTVWXY34679"
LENGTH = 6
# What people put between the groups of a code: spaces, hyphens, en dashes, dots.
SEPARATORS = " \t-\u2013.\u00b7"


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(text: str) -> str:
    """What a person typed, as a code: capitals, without spaces, dashes or dots."""
    return "".join(ch for ch in text.upper() if ch not in SEPARATORS)


def looks_like_a_code(text: str) -> bool:
    return len(text) == LENGTH and all(ch in ALPHABET for ch in text)


def spaced(code: str) -> str:
    """A code as shown and read aloud: two groups of three ("KM7 4QX")."""
    return f"{code[:3]} {code[3:]}"
