"""The audit of another platform's records in the browser (issue 5): upload a file or a zip,
follow the import while it runs in the background, then read the same report as a space's
power audit, with the same downloads and the rows that were skipped.

The work is in `sharedspace.imports.jobs` (the job, its task, its files); these views only
read jobs through `job_get(viewer=…)`, so someone else's job is a 404 like any page one may
not see. Sentences inside the report (reasons, flags, notes) come from the audit engine when the
job ran: it keeps the report in English (for the downloads, like the CLI's) and in each of
the interface's other languages (for the page), built from one reading of the records
(docs/adr/0018).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Any, ClassVar

from django import forms as djforms
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from sharedspace.audit.formats import FORMATS
from sharedspace.imports.audit.source import REASONS
from sharedspace.imports.jobs import files, upkeep
from sharedspace.imports.jobs import jobs as import_jobs
from sharedspace.imports.jobs.guess import NotReadable
from sharedspace.imports.jobs.jobs import (
    AUTO,
    UNFINISHED,
    CheckedUpload,
    JobWaiting,
    UploadRefused,
    job_get,
    job_make,
    jobs_of,
    upload_check,
)
from sharedspace.imports.jobs.models import ImportJob, JobState

from ..components import cell, row
from ..forms.uploads import SOURCE_CHOICES, UploadForm
from ..uploads import upload_limit, upload_was_too_big
from . import auditparts as parts
from . import import_help
from .audit import audit_context, download_links, download_response
from .auditparts import EASY_READ_FORMATS, approach_label
from .base import FormMap, Page

#: How many skipped rows the report page lists (all are in the CSV download).
ROWS_SHOWN = 20
#: How many of one's own earlier uploads the upload page lists.
JOBS_SHOWN = 20
SOURCE_NAMES = dict(SOURCE_CHOICES)


def _n(value: int) -> str:
    return number_format(value, force_grouping=True)


def progress_sentence(job: ImportJob) -> str:
    """Where the import has got, in one or two plain sentences."""
    if job.state == JobState.QUEUED and upkeep.waiting_too_long(job):
        return str(
            _(
                "The import has not started yet. If this does not change in a few minutes, "
                "tell the person who runs Shared Space: the background worker may have stopped."
            )
        )
    if job.state == JobState.QUEUED:
        return str(_("Your file is waiting to be read. This page shows how far it has got."))
    read = ngettext("Read %(n)s record so far.", "Read %(n)s records so far.", job.rows_read) % {
        "n": _n(job.rows_read)
    }
    if job.rows_skipped:
        read += " " + ngettext("%(n)s row skipped.", "%(n)s rows skipped.", job.rows_skipped) % {
            "n": _n(job.rows_skipped)
        }
    if job.state == JobState.RUNNING and job.bytes_total:
        read += " " + str(_("%(percent)s%% of the file read.") % {"percent": job.percent})
    return read


def _upload_url() -> str:
    return reverse("web:audit_import")


class ImportUpload(Page):
    """The upload form, and one's own earlier uploads.

    A sent upload is kept and checked (``upload_check``: the zip's directory, a look at its
    first files) as its form is made, before ``Page.post`` claims the once-only key: the
    handler runs inside that claim's transaction, which on SQLite holds every other writer
    back, so the handler only makes the job (``job_make``, a few quick queries) or says why
    the file was refused (ADR 23). A kept upload that no job was made of (refused, sent
    twice, a stale key) is deleted when the request ends."""

    template_name = "web/pages/import_upload.html"
    forms: ClassVar[FormMap] = {"upload": UploadForm}
    #: Set when a refusal is about what an event log needs: the help is linked by the field.
    link_event_log_help = False
    #: The sent upload, kept and checked, or why it was refused (set by ``make_form``).
    checked: CheckedUpload | UploadRefused | None = None

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return super().post(request, *args, **kwargs)
        finally:
            if isinstance(self.checked, CheckedUpload):  # no job was made of it
                self.checked.discard()
            self.checked = None

    def make_form(self, name: str, data: Any = None) -> djforms.Form:
        if data is None:
            return UploadForm(prefix=name)
        too_big = ""
        if upload_was_too_big(self.request):
            too_big = str(
                _(
                    "The file is bigger than %(mb)s MB. Send a smaller file, or "
                    "split the records into several files."
                )
                % {"mb": _n(upload_limit() >> 20)}
            )
        form = UploadForm(data, self.request.FILES, prefix=name, too_big=too_big)
        waiting = import_jobs.job_waiting(self.person)
        if waiting is not None:
            # Sent from a page drawn before the other upload (the form is not offered while
            # one waits): whatever was sent, only this is said, at the top of the page; the
            # box there links to the one being read.
            form.is_valid()
            form.errors.clear()
            form.add_error(None, JobWaiting(waiting).message)
        elif form.is_valid():
            # The slow checks, here: outside the transaction ``handle_upload`` runs in.
            self.checked = self._check_upload(form)
        return form

    def _check_upload(self, form: djforms.Form) -> CheckedUpload | UploadRefused:
        upload = form.cleaned_data["records"]
        try:
            return upload_check(
                person=self.person,
                name=upload.name,
                chunks=upload.chunks(),
                source=form.cleaned_data["source"],
            )
        except UploadRefused as refused:  # said by handle_upload, as any refusal
            return refused

    @cached_property
    def jobs(self) -> list[ImportJob]:
        """One's own latest uploads; a running one whose worker stopped is said so first."""
        jobs = list(jobs_of(viewer=self.person)[:JOBS_SHOWN])
        running = [job.pk for job in jobs if job.state == JobState.RUNNING]
        if running and upkeep.fail_stopped(job_ids=running):  # their worker stopped
            jobs = list(jobs_of(viewer=self.person)[:JOBS_SHOWN])
        return jobs

    @cached_property
    def waiting(self) -> ImportJob | None:
        """One import at a time (ADR 15): the one waiting or running, if any."""
        return next((job for job in reversed(self.jobs) if job.state in UNFINISHED), None)

    def show_form(self, name: str) -> bool:
        # While a file is read, no form: a second file would be refused only after it was
        # sent (up to 100 MB, on a phone). The box links to the one being read instead.
        return self.waiting is None

    def context(self) -> dict[str, Any]:
        jobs, waiting = self.jobs, self.waiting
        return {
            **import_help.event_log_help(),
            "link_event_log_help": self.link_event_log_help,
            "waiting_job": waiting and {
                "file_name": waiting.file_name,
                "href": reverse("web:audit_import_job", args=[waiting.pk]),
            },
            "limit_mb": _n(upload_limit() >> 20),
            "jobs_head": [cell(_("File")), cell(_("Sent")), cell(_("Where it is up to"))],
            "jobs_rows": [
                [
                    cell(job.file_name, href=reverse("web:audit_import_job", args=[job.pk])),
                    cell(date_format(timezone.localtime(job.created_at), "j F Y, H:i")),
                    cell(job.get_state_display()),
                ]
                for job in jobs
            ],
        }

    def handle_upload(self, form: djforms.Form) -> HttpResponse:
        checked = self.checked if self.checked is not None else self._check_upload(form)
        self.checked = None  # job_make deletes the upload if it refuses it
        try:
            if isinstance(checked, UploadRefused):
                raise checked
            job = job_make(
                checked,
                person=self.person,
                owner=form.cleaned_data["owner"],
                claimed=form.cleaned_data["claimed"],
            )
        except JobWaiting as refused:  # the other upload was made after the form was checked
            form.add_error(None, refused.message)
            return self.render_page({"upload": form}, status=422)
        except UploadRefused as refused:
            if refused.code == NotReadable.code:
                # Whole sentences in the reader's language, with what we read and what to do.
                self.link_event_log_help = form.cleaned_data["source"] in (AUTO, "csv")
                message = refused.message
                if self.link_event_log_help:
                    message += " " + gettext("See “How to write an event log” lower on this page.")
                form.add_error("records", message)
                return self.render_page({"upload": form}, status=422)
            form.add_error(
                "records",
                _("We cannot audit this file: %(problem)s.")
                % {"problem": refused.message.rstrip(".")},
            )
            return self.render_page({"upload": form}, status=422)
        return redirect("web:audit_import_job", job_id=job.pk)


class _JobPage(Page):
    def load(self, **kwargs: Any) -> None:
        # job_get raises NotFound (a 404) for a job that is not this person's own.
        self.job = job_get(viewer=self.person, job_id=kwargs["job_id"])
        # A job whose worker stopped is said to have stopped as soon as anyone looks,
        # without waiting for the next `sharedspace tick` (ADR 0019).
        if self.job.state == JobState.RUNNING and upkeep.fail_stopped(job_ids=[self.job.pk]):
            self.job.refresh_from_db()


def job_error(job: ImportJob) -> str:
    """Why a job failed: our own messages in the reader's language; the importers' own
    sentences (about the file) as they are, in English, as on the command line."""
    return gettext(job.error) if job.error in upkeep.TRANSLATED_ERRORS else job.error


class ImportJobPage(_JobPage):
    """While the import runs: how far it has got. After: the report, or why it failed."""

    template_name = "web/pages/import_job.html"

    def context(self) -> dict[str, Any]:
        job = self.job
        here = reverse("web:audit_import_job", args=[job.pk])
        context: dict[str, Any] = {
            "job": job,
            "error": job_error(job),
            "here": here,
            "status_url": reverse("web:audit_import_status", args=[job.pk]),
            "progress": progress_sentence(job),
            "breadcrumbs": [
                {"text": _("Audit records from another platform"), "href": _upload_url()}
            ],
            "job_rows": [
                row(_("File"), job.file_name),
                row(
                    _("Where the records come from"),
                    SOURCE_NAMES.get(job.source, job.source) if job.source else _("Not known"),
                ),
                row(_("Where it is up to"), job.get_state_display()),
            ],
        }
        report = job.report_in(get_language())
        if job.state == JobState.DONE and report:
            context.update(report_context(report, job))
        return context


class ImportJobStatus(_JobPage):
    """The progress as JSON, for the page's small script (the page works without it)."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        data = self.job.status()
        data["text"] = progress_sentence(self.job)
        response = JsonResponse(data)
        response["Cache-Control"] = "no-store"
        return response


class ImportJobDownload(_JobPage):
    """The report as a file (JSON, CSV, HTML, PDF or PowerPoint), as on a space's audit."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        fmt = kwargs["fmt"]
        job = self.job
        if fmt not in FORMATS and fmt not in EASY_READ_FORMATS:
            raise Http404
        if job.state != JobState.DONE or not job.report:
            raise Http404
        context: dict[str, Any] = {"report": job.report}  # English, like the CLI's
        if fmt in EASY_READ_FORMATS:  # follows the page
            context = report_context(job.report_in(get_language()) or job.report, job)
        return download_response(request, context, fmt, f"power-audit-import-{job.pk}")


class ImportSkippedRows(_JobPage):
    """Every row the import skipped, with file, line and reason, as CSV."""

    def get(  # type: ignore[override]
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> FileResponse:
        path = files.skipped_rows_path(self.job.pk)
        if self.job.state != JobState.DONE or not path.is_file():
            raise Http404
        return FileResponse(
            open(path, "rb"),
            as_attachment=True,
            filename=f"skipped-rows-{self.job.pk}.csv",
            content_type="text/csv; charset=utf-8",
        )


# --- the report ----------------------------------------------------------------------------


def report_context(report: Mapping[str, Any], job: ImportJob) -> dict[str, Any]:
    """What the report part of the job page shows: the audit page's own context and partials
    (``audit_context``, ``web/partials/audit/``), plus where the records came from and what
    was skipped."""
    source = report.get("source") or {}
    by_venue = report["decisions"]["by_venue"]
    subject = gettext("The platform")

    def name(party: str) -> str:
        info = (report.get("parties") or {}).get(party) or {}
        return str(info.get("name") or party)

    context = audit_context(
        report,
        name=name,
        focus=[],
        label=parts.label_check(report, subject),
        circle_sets=[
            parts.circles(
                by_venue, parts.SPACE_VENUES, ident="circles", title=_("Where decisions were made")
            )
        ],
        easy_subject=subject,
        easy_circles={key: by_venue.get(key, 0) for key in ("own", "shared", "outside")},
    )
    bad_rows = list(source.get("bad_rows") or [])[:ROWS_SHOWN]
    in_english = (get_language() or "en").split("-")[0] == "en"
    skipped = int(source.get("bad_row_count") or 0)
    nothing_read = source.get("records_read") == 0
    if nothing_read:
        # Nothing to measure: no label, no label check, no statements about power (the
        # report's fields still hold the ladder's word for an empty record, CONTRACT.md).
        lines = [
            gettext("We could not read any records in this file."),
            gettext("So we cannot measure anything."),
        ]
        if skipped:
            lines.append(gettext("The report lists the rows we could not read."))
        context["easy_ideas"] = [{"icon": "stop", "lines": lines}]
        context["notes"] = []
    else:
        _say_why_charts_are_empty(context["charts"], report)
    context.update(
        {
            "nothing_read": nothing_read,
            "heading": report.get("title") or job.file_name,
            "source_rows": [
                row(_("Platform"), source.get("platform_name") or ""),
                row(_("Platform owner"), source.get("owner") or _("Not known")),
                row(_("Files read"), _n(int(source.get("files_read") or 0))),
                row(_("Records read"), _n(int(source.get("records_read") or 0))),
                row(_("Rows skipped"), _n(skipped)),
            ],
            "spaces_head": [
                cell(_("Space")),
                cell(_("What it calls itself")),
                cell(_("What the records show")),
            ],
            "spaces_rows": [
                [
                    cell(space.get("space") or ""),
                    cell(approach_label(space.get("claimed_approach"))),
                    cell(approach_label(space.get("measured_approach"))),
                ]
                for space in report.get("spaces") or []
            ],
            "skipped": skipped,
            "skipped_head": [cell(_("Where")), cell(_("Why it was skipped"))],
            "skipped_rows": [
                [cell(b.get("where") or b.get("file") or ""), cell(skipped_reason(b, in_english))]
                for b in bad_rows
            ],
            # The details are the importers' English (ADR 18): said so on other pages.
            "reasons_in_english": bool(bad_rows) and not in_english,
            "skipped_shown": len(bad_rows),
            "skipped_url": reverse("web:audit_import_skipped", args=[job.pk]),
            "downloads": download_links("web:audit_import_download", [str(job.pk)]),
        }
    )
    return context


def skipped_reason(bad_row: Mapping[str, Any], in_english: bool) -> str:
    """Why a row was skipped. The importers write it in English while they read, quoting the
    file's own words (ADR 18), so on a page in another language its stable code comes first
    in the reader's words ("Gweithred nad yw yn y rhestr"), then that sentence, marked as
    English for screen readers."""
    reason = str(bad_row.get("reason") or "")
    if in_english:
        return reason
    words = REASONS.get(str(bad_row.get("code") or ""))
    if words is None:
        return format_html('<span lang="en">{}</span>', reason)
    return format_html('{}.<br><span lang="en">{}</span>', capfirst(str(words)), reason)


def _say_why_charts_are_empty(charts: list[dict[str, Any]], report: Mapping[str, Any]) -> None:
    """A chart over time with nothing to draw, although records were read: say the real
    reason (the records give no dates, or name nobody), not "nothing is in the record"."""
    started = int((report.get("initiative") or {}).get("total") or 0)
    for chart in charts:
        if not chart.get("empty"):
            continue
        if chart["ident"] == "chart-started" and started:
            chart["empty_text"] = gettext(
                "The records give no dates for the things started, so there is nothing to draw."
            )
        elif chart["ident"] == "chart-people":
            chart["empty_text"] = gettext(
                "The records do not say who took part in which month, so there is nothing to "
                "draw."
            )
