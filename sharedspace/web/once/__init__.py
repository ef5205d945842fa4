"""Once-only keys for page forms: a form sent twice acts once (docs/adr/0030).

Every page form carries a hidden ``once`` key, made when the page is drawn. Sending the form
claims its key in the same transaction as the action, so a second send of the same form
(a double click without JavaScript, a reload that posts again, two requests at once) finds
the key used and does nothing. The logic is in ``keys``; the table of used keys is this
app's one model.
"""
