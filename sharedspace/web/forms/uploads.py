"""The upload form of the audit-import page: shapes only (the checks are in
sharedspace.imports.jobs)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sharedspace.governance.choices import Approach

SOURCE_CHOICES = [
    ("auto", _("Find out for me")),
    ("decidim", _("Decidim")),
    ("consul", _("CONSUL")),
    ("csv", _("An event log (CSV)")),
]


class UploadForm(forms.Form):
    records = forms.FileField(
        label=_("Upload a file"),
        widget=forms.FileInput(attrs={"accept": ".csv,.json,.tsv,.zip"}),
        error_messages={
            "required": _("Choose a file to upload"),
            "empty": _("The file you chose is empty. Choose a file with records in it"),
            "invalid": _("Choose a file to upload"),
            "missing": _("Choose a file to upload"),
        },
    )
    source = forms.ChoiceField(
        label=_("Where do the records come from?"),
        choices=SOURCE_CHOICES,
        widget=forms.RadioSelect,
        initial="auto",
        error_messages={"required": _("Choose where the records come from")},
    )
    owner = forms.CharField(
        label=_("Who runs the platform? (optional)"),
        required=False,
        max_length=200,
        help_text=_("For Decidim and CONSUL: the group that owns the platform, like a council."),
    )
    claimed = forms.ChoiceField(
        label=_("What does the owner of the platform call the work? (optional)"),
        choices=[("", _("They do not say")), *Approach.choices],
        required=False,
        widget=forms.RadioSelect,
        initial="",
        help_text=_("The report checks this word against what the records show."),
    )

    def __init__(self, *args: Any, too_big: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.too_big = too_big

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.too_big:  # the file was left out while it arrived: say why, not "choose one"
            self.errors.pop("records", None)
            self.add_error("records", self.too_big)
        return cleaned
