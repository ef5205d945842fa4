"""Welsh words that Django's own catalogue gets wrong, put right in ours.

Our catalogue (sharedspace/locale) is read before Django's, so a msgid marked here and given
its right Welsh in django.po wins wherever Django uses it (month names in dates). Nothing
imports this module: makemessages reads it, as it reads every file.
"""

from django.utils.translation import gettext_noop, pgettext_lazy

# Django's Welsh spells July "Gorffenaf"; it is "Gorffennaf".
FIXED = (gettext_noop("July"), pgettext_lazy("alt. month", "July"))
