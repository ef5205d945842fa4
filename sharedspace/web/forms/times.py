"""A time of day as people write it (UX review: "2pm" was refused).

``14:30``, ``14.30``, ``1430``, ``14`` (the 24-hour clock, as the hint shows), ``2pm``,
``2 pm``, ``2:30pm``, ``2.30 p.m.``, ``2:30 PM``, ``12pm`` (noon), ``12am`` (midnight), and in
Welsh ``2yp`` / ``2 y.p.`` (y prynhawn), ``7yh`` (yr hwyr) and ``9yb`` (y bore), on a page in
either language. What cannot be a time (``25:00``, ``2:75``, ``13pm``) gets a message that
names the problem and gives examples.

A time from 1 to 7 o'clock written without am or pm and without a leading zero ("2",
"7:30", "230") is refused as ambiguous: on the 24-hour clock it is in the night or early
morning, when few meetings happen, and people who write it usually mean the afternoon or
evening. The message asks for am or pm with their own numbers ("write 7:30am or 7:30pm");
"07:30" is taken as written (docs/adr/0012, "Times").
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Hour, then minutes after ":" or "." or a space (or none), then am/pm or the Welsh
# yb/yp/yh, each maybe with full stops and a space ("p.m.", "y. p."). Digits are ASCII
# (after NFKC): never another script's, which int() would read but a reader might not.
_TIME = re.compile(
    r"(?P<hour>[0-9]{1,4})"
    r"(?:\s*[:.]\s*(?P<minute>[0-9]+)|\s+(?P<spaced>[0-9]{2}))?"
    r"\s*(?:(?P<am>a\.?\s?m\.?|y\.?\s?b\.?)|(?P<pm>p\.?\s?m\.?|y\.?\s?[ph]\.?))?"
)

_WORDS = {
    "noon": dt.time(12, 0), "midday": dt.time(12, 0), "12 noon": dt.time(12, 0),
    "midnight": dt.time(0, 0), "12 midnight": dt.time(0, 0),
    "canol dydd": dt.time(12, 0), "hanner dydd": dt.time(12, 0), "hanner nos": dt.time(0, 0),
}

#: Hours that, with no am or pm and no leading zero, could be morning or afternoon/evening.
AMBIGUOUS_HOURS = range(1, 8)


def parse_time(text: str) -> dt.time:
    """The time of day ``text`` means; a ``ValidationError`` with code ``invalid``,
    ``hour``, ``minute``, ``hour_12`` or ``ambiguous`` (``params["time"]``: how to say the
    hour and minutes back) when it means none, or could mean two."""
    # NFKC: a phone's full-width digits and letters are the usual ones ("2pm"); then one
    # space wherever there were any.
    said = " ".join(unicodedata.normalize("NFKC", str(text)).lower().split())
    if said in _WORDS:
        return _WORDS[said]
    match = _TIME.fullmatch(said)
    if match is None:
        raise ValidationError("", code="invalid")
    digits, minute_text = match["hour"], match["minute"] or match["spaced"]
    if minute_text is None and len(digits) >= 3:  # 1430, 930: the last two are minutes
        digits, minute_text = digits[:-2], digits[-2:]
    if len(digits) > 2 or (minute_text is not None and len(minute_text) != 2):
        raise ValidationError("", code="invalid")  # 12345, 2:5, 2:075
    hour, minute = int(digits), int(minute_text or 0)
    marked = match["am"] is not None or match["pm"] is not None
    if marked and not 1 <= hour <= 12:
        raise ValidationError("", code="hour_12" if hour <= 23 else "hour")  # 13pm, 0am
    if hour > 23:
        raise ValidationError("", code="hour")
    if minute > 59:
        raise ValidationError("", code="minute")
    if match["pm"] is not None:
        hour = 12 if hour == 12 else hour + 12
    elif match["am"] is not None:
        hour = 0 if hour == 12 else hour
    elif hour in AMBIGUOUS_HOURS and not digits.startswith("0"):
        said_back = f"{hour}:{minute_text}" if minute_text else str(hour)
        raise ValidationError("", code="ambiguous", params={"time": said_back})
    return dt.time(hour, minute)


class TimeInputField(forms.TimeField):
    """A time of day in one box, read by ``parse_time``; stored as a ``datetime.time``, as
    Django's ``TimeField`` gives it. Its messages are ours, in plain words."""

    widget = forms.TextInput
    default_error_messages: ClassVar[dict[str, Any]] = {
        "invalid": _("Write the time like 14:30 or 2:30pm"),
        "hour": _("The hour must be from 0 to 23. Write the time like 14:30 or 2:30pm"),
        "minute": _("The minutes must be from 0 to 59. Write the time like 14:30 or 2:30pm"),
        "hour_12": _("With am or pm, the hour must be from 1 to 12. Write the time like "
                     "1:30pm or 13:30"),
        "ambiguous": _("Add am or pm: write %(time)sam or %(time)spm"),
    }

    def to_python(self, value: Any) -> dt.time | None:
        if isinstance(value, dt.time):
            return value
        if isinstance(value, str):
            value = value.strip()  # a box with spaces only is empty: "Enter the start time"
        if value in self.empty_values:
            return None
        try:
            return parse_time(str(value))
        except ValidationError as error:
            code = error.code or "invalid"
            raise ValidationError(self.error_messages[code], code=code,
                                  params=error.params) from None
