"""Used once-only keys (``keys.py``). Not governed state and no personal data: a random key,
when it was used and the page the form's action went on to. Rows older than a key can live
are deleted (``keys.forget_old``)."""

from __future__ import annotations

from django.db import models


class UsedFormKey(models.Model):
    """A page form's key that has been acted on. The primary key makes claiming it atomic:
    of two requests with the same key, only one can insert the row."""

    key = models.CharField(max_length=32, primary_key=True)
    used_at = models.DateTimeField(db_index=True)
    # Where the action sent the person (a redirect's Location); empty if it drew a page.
    went_to = models.CharField(max_length=2000, blank=True, default="")

    def __str__(self) -> str:
        return f"{self.key} at {self.used_at:%Y-%m-%d %H:%M:%S}"
