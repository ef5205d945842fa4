"""Opaque, prefixed ids for everything the public surface names.

Ids carry no personal data, so ledger entries can refer to them and stay valid after a
person's name and email are erased (DESIGN §4 rule 13).
"""

import secrets

_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford-style base32, no i/l/o/u


def new_id(prefix: str) -> str:
    """Return ``prefix_`` followed by 16 random base32 characters (80 bits)."""
    return prefix + "_" + "".join(secrets.choice(_ALPHABET) for _ in range(16))


def person_id() -> str:
    return new_id("per")


def party_id() -> str:
    return new_id("pty")


def space_id() -> str:
    return new_id("spc")


def proposal_id() -> str:
    return new_id("prp")


def invitation_id() -> str:
    return new_id("inv")


def outside_decision_id() -> str:
    return new_id("out")


def comment_id() -> str:
    return new_id("cmt")


def token_id() -> str:
    return new_id("tok")


def meeting_id() -> str:
    return new_id("mtg")


def agenda_item_id() -> str:
    return new_id("agi")


def meeting_note_id() -> str:
    return new_id("mno")


def action_point_id() -> str:
    return new_id("act")


def publication_id() -> str:
    return new_id("pub")


def public_comment_id() -> str:
    return new_id("pcm")
