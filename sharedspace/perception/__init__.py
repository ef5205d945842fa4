"""The perception check (DESIGN §7): how each party sees power, side by side and against
the record.

Answers are opinions, not power events: they are kept off the ledger (docs/adr/0005).
"""
