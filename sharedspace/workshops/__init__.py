"""Workshop mode (DESIGN §2 item 8, §7): a facilitator opens a session for a space; people in
the room join on their phones with a short code, without an account, say which side they are
on and answer the perception check's questions; a projector shows the answers as they come.

Answers are anonymous and, like the perception check's, opinions rather than power events:
they are kept off the ledger (docs/adr/0005, docs/adr/0029).
"""
