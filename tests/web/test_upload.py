"""The audit-import page: upload a file or a zip, the import runs as a background task
through django-tasks' database worker, and the report page shows the same audit with the
same downloads, plus every skipped row. Only the uploader sees a job (404 for others)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from sharedspace.imports.audit import audit_import
from sharedspace.imports.jobs import files, run
from sharedspace.imports.jobs.models import ImportJob, JobState

from .conftest import errors_in

DATA = Path(__file__).resolve().parents[1] / "imports" / "data"
SAMPLE = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "decidim-barcelona-sample"
UPLOAD = "/audit-import/"


@pytest.fixture(autouse=True)
def data_dir(settings: Any, tmp_path: Path) -> Path:
    """Each test keeps its uploads in a folder of its own."""
    settings.SHAREDSPACE_DATA_DIR = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def worker_keeps_the_test_connection(monkeypatch: Any) -> None:
    """The worker closes "old" connections between tasks; inside a test's transaction (not
    in autocommit) Django counts ours as old and PostgreSQL would lose the test's data."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


@pytest.fixture
def carol(cast: Any, signed_in: Any) -> Client:
    return signed_in(cast.carol)


def report_of(job: Any) -> dict[str, Any]:
    """A finished job's report (None only while it runs)."""
    assert job.report is not None
    return dict(job.report)


def send(client: Client, name: str, content: bytes, **fields: Any) -> Any:
    data = {
        "form": "upload",
        "upload-source": fields.pop("source", "auto"),
        "upload-owner": fields.pop("owner", ""),
        "upload-claimed": fields.pop("claimed", ""),
    }
    data["upload-records"] = SimpleUploadedFile(name, content)
    return client.post(UPLOAD, data)


def zipped(files_: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files_.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def run_worker() -> None:
    """django-tasks' own database worker, as `sharedspace worker --batch` runs it."""
    call_command(
        "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
    )


def only_job() -> ImportJob:
    jobs = list(ImportJob.objects.all())
    assert len(jobs) == 1
    return jobs[0]


# --- the upload page -----------------------------------------------------------------------


def test_upload_page_has_a_file_upload_and_the_cli_options(carol: Client) -> None:
    html = carol.get(UPLOAD).content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'class="govuk-file-upload"' in html and 'type="file"' in html
    assert 'aria-describedby="id_upload-records-hint"' in html
    for value in ("auto", "decidim", "consul", "csv", "coproduction"):
        assert f'value="{value}"' in html
    assert 'name="upload-owner"' in html
    assert "Up to 100 MB." in html


def test_signed_out_people_are_sent_to_sign_in(client: Client, db: Any) -> None:
    response = client.get(UPLOAD)
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


@pytest.mark.parametrize(
    ("name", "source", "records"),
    [
        ("decidim-legacy-array.json", "decidim", None),
        ("decidim-current.json", "decidim", None),
        ("decidim-current.csv", "decidim", None),
        ("consul-proposals.csv", "consul", None),
        ("example-log.csv", "csv", None),
    ],
)
def test_each_source_found_queued_run_by_the_worker_and_reported(
    carol: Client, name: str, source: str, records: Any, data_dir: Path
) -> None:
    content = (DATA / name).read_bytes()
    response = send(carol, name, content)
    job = only_job()
    assert response.status_code == 302
    assert response["Location"] == f"/audit-import/{job.pk}/"
    assert (job.source, job.state, job.file_name) == (source, JobState.QUEUED, name)
    assert files.uploaded_file(job.pk) is not None  # waiting in the data folder
    page = carol.get(response["Location"]).content.decode()
    assert "Reading your file" in page and "Check progress" in page
    assert "web/import-progress.mjs" in page

    run_worker()

    job.refresh_from_db()
    assert job.state == JobState.DONE, job.error
    expected = audit_import(DATA / name, source)
    assert report_of(job)["decisions"] == expected["decisions"]
    assert report_of(job)["measured_approach"] == expected["measured_approach"]
    assert job.rows_read == expected["source"]["records_read"] > 0
    assert job.percent == 100
    assert files.uploaded_file(job.pk) is None  # the upload is deleted when done
    assert str(data_dir) not in json.dumps(job.report)  # no server paths in the report
    page = carol.get(response["Location"]).content.decode()
    assert report_of(job)["title"] in page
    assert "Download the audit" in page


def test_the_real_decidim_sample_zipped(carol: Client) -> None:
    if not SAMPLE.is_dir():
        pytest.fail(f"the Decidim sample is not at {SAMPLE.resolve()}")
    content = zipped({f"sample/{p.name}": p.read_bytes() for p in sorted(SAMPLE.iterdir())})
    send(carol, "barcelona.zip", content, owner="Ajuntament de Barcelona", claimed="coproduction")
    job = only_job()
    assert job.source == "decidim" and job.owner == "Ajuntament de Barcelona"
    run_worker()
    job.refresh_from_db()
    expected = audit_import(
        SAMPLE, "decidim", owner="Ajuntament de Barcelona", claimed="coproduction"
    )
    assert job.state == JobState.DONE
    assert job.rows_read == expected["source"]["records_read"] == 300
    assert report_of(job)["decisions"] == expected["decisions"]
    assert report_of(job)["label_check"] == expected["label_check"]
    page = carol.get(f"/audit-import/{job.pk}/").content.decode()
    assert "The label does not match the record" in page
    assert "The platform says it is coproduction." in page
    assert "barcelona.zip!sample/" in json.dumps(report_of(job)["evidence"])


def test_a_zip_of_several_files_and_a_readme(carol: Client) -> None:
    content = zipped(
        {
            "README.txt": b"not data",
            "a.csv": (DATA / "consul-proposals.csv").read_bytes(),
            "b.csv": (DATA / "consul-proposals.csv").read_bytes(),
        }
    )
    send(carol, "two.zip", content, source="consul")
    run_worker()
    job = only_job()
    one = audit_import(DATA / "consul-proposals.csv", "consul")
    assert job.state == JobState.DONE
    # Both files are read; the second holds the same proposals again, so each counts once
    # and every repeat is a skipped row that says so (ADR 23).
    source = report_of(job)["source"]
    assert source["files_read"] == 2
    assert job.rows_read == one["source"]["records_read"]
    assert source["bad_rows_by_reason"] == {"duplicate_record": one["source"]["records_read"]}
    assert report_of(job)["decisions"] == one["decisions"]


# --- bad input, said on the upload page ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "fields", "says"),
    [
        ("empty.csv", b"", {}, "The file you chose is empty"),
        (
            "notes.txt",
            b"hello, this is a letter\nnot records\n",
            {},
            "We could not tell what the file notes.txt is. We can read proposals exported from "
            "Decidim or CONSUL, or an event log. An event log is a CSV file with the columns "
            "when, party, action and venue. See “How to write an event log” lower on this page.",
        ),
        ("readme.zip", None, {}, "holds no .json, .csv or .tsv files"),
        (
            "picture.json",
            b"\x89PNG\r\n\x1a\n\x00\x00",
            {},
            "The file picture.json is not a text file, so we cannot read it.",
        ),
        (
            "proposals.json",
            (DATA / "decidim-current.json").read_bytes(),
            {"source": "consul"},
            "The file proposals.json is a JSON file. We read CONSUL proposals from a CSV file "
            "with the columns id and title. Check where the records come from, or choose "
            "“Find out for me”.",
        ),
        (
            "log.csv",
            b"when,party\n2024-01-01,A\n",
            {"source": "csv"},
            "The file log.csv looks like an event log, but it has no columns called action, "
            "venue.",
        ),
        (
            "log.csv",
            b"when;party;action\n2024-01-01;A;propose\n",
            {},
            "The file log.csv looks like an event log, but it has no column called venue.",
        ),
        (
            "people.csv",
            b"name,email\nA,a@example.org\n",
            {"source": "decidim"},
            "The file people.csv is not a Decidim export.",
        ),
    ],
)
def test_bad_uploads_are_refused_with_a_clear_error(
    carol: Client,
    name: str,
    content: bytes | None,
    fields: dict[str, str],
    says: str,
    data_dir: Path,
) -> None:
    if content is None:
        content = zipped({"README.txt": b"nothing to see", "photo.jpg": b"\xff\xd8"})
    response = send(carol, name, content, **fields)
    assert response.status_code in (200, 422)
    errors = errors_in(response.content.decode())
    assert len(errors) == 1 and says in errors[0], errors
    assert str(data_dir) not in errors[0] and "docs/" not in errors[0]
    assert not ImportJob.objects.exists()
    assert not any((data_dir / "imports").glob("*/upload/*"))  # nothing left behind


@pytest.mark.parametrize(
    ("content", "source"),
    [
        (b"foo,bar\n1,2\n", "auto"),
        (b"when,party\n2024-01-01,A\n", "auto"),
        (b"\x00\x01binary", "auto"),
        (b"[1, 2]", "csv"),
        (b"name,email\n", "decidim"),
        (b"name,email\n", "consul"),
    ],
)
def test_a_file_we_cannot_recognise_is_said_wholly_in_the_readers_language(
    carol: Client, monkeypatch: Any, content: bytes, source: str
) -> None:
    """UX review 2, item 3: every word of the refusal goes through the catalogue (only the
    file's name and the event log's column names, which are typed as they are, do not), so a
    Welsh page is Welsh throughout; no colon-chained importer English, no path of ours."""
    from sharedspace.imports.jobs import jobs
    from sharedspace.web.views import imports as views

    def marked(text: str) -> str:
        return "«" + text + "»"

    monkeypatch.setattr(jobs, "gettext", marked)
    monkeypatch.setattr(jobs, "ngettext", lambda one, many, n: marked(one if n == 1 else many))
    monkeypatch.setattr(views, "gettext", marked)
    page = send(carol, "bad.csv", content, source=source).content.decode()
    [error] = errors_in(page)
    left = re.sub(r"«[^«»]*»", "", error)
    assert left.strip() == "", error
    assert "docs/" not in error
    help_link = 'id="event-log-help-link"'
    assert (help_link in page) == (source in ("auto", "csv"))
    if source in ("auto", "csv"):
        assert 'href="#event-log"' in page.split(help_link, 1)[1][:200]
        assert 'id="event-log"' in page  # the help it links to


def test_no_file_at_all(carol: Client) -> None:
    response = carol.post(UPLOAD, {"form": "upload", "upload-source": "auto"})
    assert errors_in(response.content.decode()) == ["Choose a file to upload"]


def test_too_big_is_refused_while_it_arrives(carol: Client, settings: Any) -> None:
    settings.SHAREDSPACE_UPLOAD_MAX_BYTES = 1 << 20
    response = send(carol, "big.csv", b"when,party,action,venue\n" + b"x" * (2 << 20))
    errors = errors_in(response.content.decode())
    assert errors == [
        "The file is bigger than 1 MB. Send a smaller file, or split the "
        "records into several files."
    ]
    assert not ImportJob.objects.exists()


def test_too_big_unzipped_is_refused(carol: Client, settings: Any) -> None:
    settings.SHAREDSPACE_UPLOAD_MAX_UNZIPPED_BYTES = 1 << 20
    content = zipped({"log.csv": b"when,party,action,venue\n" + b" " * (2 << 20)})
    errors = errors_in(send(carol, "bomb.zip", content).content.decode())
    assert len(errors) == 1 and "the limit is 1 MB" in errors[0]


# --- progress, failure, skipped rows ----------------------------------------------------------


def _log_with_bad_rows(good: int, bad: int) -> bytes:
    lines = ["when,party,party_kind,action,venue,outcome,amount,reference"]
    lines += [
        f"2024-01-{1 + i % 28:02d},Council,organisation,propose,own,,,P{i}" for i in range(good)
    ]
    lines += [f"not a date,Council,organisation,propose,own,,,B{i}" for i in range(bad)]
    return ("\n".join(lines) + "\n").encode()


def test_progress_is_written_every_n_rows(carol: Client, monkeypatch: Any) -> None:
    send(carol, "log.csv", _log_with_bad_rows(120, 0), source="csv")
    job = only_job()
    seen: list[dict[str, Any]] = []
    save = run._save

    def spy(job_id: Any, **fields: Any) -> None:
        seen.append(fields)
        save(job_id, **fields)

    monkeypatch.setattr(run, "_save", spy)
    assert run.run_job(job.pk, every=25) == JobState.DONE
    counts = [f["rows_read"] for f in seen if "rows_read" in f and "state" not in f]
    assert counts[:4] == [25, 50, 75, 100]
    job.refresh_from_db()
    assert (job.rows_read, job.state) == (120, JobState.DONE)
    assert run.run_job(job.pk) == JobState.DONE  # a task run twice does nothing more


def test_the_page_shows_progress_while_running(carol: Client) -> None:
    send(carol, "log.csv", _log_with_bad_rows(3, 0), source="csv")
    job = only_job()
    ImportJob.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, rows_read=1234, rows_skipped=2, bytes_total=200, bytes_read=50
    )
    page = carol.get(f"/audit-import/{job.pk}/").content.decode()
    assert "Read 1,234 records so far. 2 rows skipped. 25% of the file read." in page
    assert '<progress id="import-progress-bar" max="100" value="25">' in page
    status = carol.get(f"/audit-import/{job.pk}/status/").json()
    assert status["percent"] == 25 and status["finished"] is False
    assert status["text"].startswith("Read 1,234 records so far.")


def test_a_job_that_cannot_finish_says_why(carol: Client) -> None:
    send(carol, "log.csv", _log_with_bad_rows(3, 0), source="csv")
    job = only_job()
    files.delete_upload(job.pk)
    run_worker()
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    page = carol.get(f"/audit-import/{job.pk}/").content.decode()
    assert "We could not audit your file" in page and "no longer there" in page


def test_skipped_rows_first_ones_on_the_page_and_all_in_the_download(carol: Client) -> None:
    send(carol, "log.csv", _log_with_bad_rows(5, 130), source="csv")
    run_worker()
    job = only_job()
    assert (job.state, job.rows_skipped) == (JobState.DONE, 130)
    page = carol.get(f"/audit-import/{job.pk}/").content.decode()
    assert "We skipped 130 rows that we could not read." in page
    assert "The first 20 skipped rows" in page
    assert "log.csv:7" in page and "log.csv:26" in page and "log.csv:27" not in page
    response = carol.get(f"/audit-import/{job.pk}/skipped-rows/")
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    rows = list(csv.reader(io.StringIO(body.decode())))
    assert rows[0] == ["file", "line", "code", "reason"]
    assert len(rows) == 131 and rows[1][:3] == ["log.csv", "7", "bad_date"]
    assert rows[-1][1] == "136"


# --- downloads and who may see ---------------------------------------------------------------


def test_downloads_in_every_format(carol: Client) -> None:
    send(carol, "consul.csv", (DATA / "consul-proposals.csv").read_bytes())
    run_worker()
    job = only_job()
    types = {
        "json": "application/json",
        "csv": "text/csv",
        "html": "text/html",
        "pdf": "application/pdf",
        "pptx": "application/vnd.openxmlformats",
    }
    for fmt, kind in types.items():
        response = carol.get(reverse("web:audit_import_download", args=[job.pk, fmt]))
        assert response.status_code == 200, fmt
        assert response["Content-Type"].startswith(kind)
        assert "attachment" in response["Content-Disposition"]
    body = carol.get(reverse("web:audit_import_download", args=[job.pk, "json"])).content
    assert json.loads(body) == job.report
    assert carol.get(f"/audit-import/{job.pk}/download/exe/").status_code == 404


def test_only_the_uploader_sees_a_job(
    carol: Client, cast: Any, signed_in: Any, client: Client
) -> None:
    send(carol, "consul.csv", (DATA / "consul-proposals.csv").read_bytes())
    run_worker()
    job = only_job()
    sam = signed_in(cast.sam)
    for address in (
        f"/audit-import/{job.pk}/",
        f"/audit-import/{job.pk}/status/",
        f"/audit-import/{job.pk}/download/json/",
        f"/audit-import/{job.pk}/skipped-rows/",
    ):
        assert sam.get(address).status_code == 404, address
        assert client.get(address).status_code == 302, address  # signed out: sign in first
    assert sam.get("/audit-import/not-a-job/").status_code == 404
    assert job.file_name not in sam.get(UPLOAD).content.decode()
    assert job.file_name in carol.get(UPLOAD).content.decode()


def test_the_uploads_list_says_when_as_every_other_page_does(carol: Client) -> None:
    """UX review 2, item 14: "29 November 2026, 06:51", not "Nov. 29, 2026, 6:51 a.m."."""
    send(carol, "log.csv", _log_with_bad_rows(3, 0), source="csv")
    run_worker()
    job = only_job()
    ImportJob.objects.filter(pk=job.pk).update(
        created_at=dt.datetime(2026, 11, 29, 6, 51, tzinfo=dt.UTC)
    )
    page = carol.get(UPLOAD).content.decode()
    assert "29 November 2026, 06:51" in page  # London is on UTC in November
    assert "a.m." not in page and "Nov." not in page
    carol.post(reverse("web:set_language"), {"language": "cy", "next": "/"})
    page = carol.get(UPLOAD).content.decode()
    assert "29 Tachwedd 2026, 06:51" in page and "y.b." not in page


def test_the_report_page_reads_one_row_however_many_records(
    carol: Client, django_assert_max_num_queries: Any
) -> None:
    send(carol, "log.csv", _log_with_bad_rows(400, 40), source="csv")
    run_worker()
    job = only_job()
    with django_assert_max_num_queries(4):  # session, person, job (+ savepoint-free reads)
        assert carol.get(f"/audit-import/{job.pk}/").status_code == 200


def test_the_cli_worker_runs_queued_jobs(carol: Client, capsys: Any) -> None:
    from sharedspace.cli.main import main

    send(carol, "consul.csv", (DATA / "consul-proposals.csv").read_bytes())
    assert main(["worker", "--batch"]) == 0
    assert only_job().state == JobState.DONE
    assert capsys.readouterr().out == ""  # standard output is for results only


def test_a_welsh_reader_reads_the_report_in_welsh_and_downloads_it_in_english(
    carol: Client,
) -> None:
    """The job keeps its report in English (the downloads, like the CLI) and in Welsh (the
    page), built from one reading of the file: same figures, sentences in each language."""
    carol.post(reverse("web:set_language"), {"language": "cy", "next": "/"})
    send(carol, "consul.csv", (DATA / "consul-proposals.csv").read_bytes(), owner="Council",
         claimed="coproduction")
    run_worker()
    job = only_job()
    english, cymraeg = report_of(job), job.translations["cy"]
    for same in ("decisions", "acceptance", "initiative", "measured_approach", "source"):
        if same != "source":
            assert cymraeg[same] == english[same], same
    assert cymraeg["source"]["records_read"] == english["source"]["records_read"]
    with translation.override("en"):
        expected = audit_import(DATA / "consul-proposals.csv", "consul", owner="Council",
                                claimed="coproduction")
    assert english["label_check"] == expected["label_check"]
    assert english["label_check"]["mismatch"] and cymraeg["label_check"]["mismatch"]
    assert cymraeg["label_check"]["reasons"] != english["label_check"]["reasons"]

    page = carol.get(f"/audit-import/{job.pk}/").content.decode()
    for reason in cymraeg["label_check"]["reasons"]:
        assert escape(reason) in page
    for reason in english["label_check"]["reasons"]:
        assert escape(reason) not in page, reason
    body = carol.get(reverse("web:audit_import_download", args=[job.pk, "json"])).content
    assert json.loads(body) == english

    carol.post(reverse("web:set_language"), {"language": "en", "next": "/"})
    page = carol.get(f"/audit-import/{job.pk}/").content.decode()
    assert escape(english["label_check"]["reasons"][0]) in page


def test_the_job_runs_in_english_whatever_language_is_active(carol: Client) -> None:
    """An immediate task backend would run the job inside the uploader's Welsh request: the
    stored `report` is English all the same."""
    send(carol, "consul.csv", (DATA / "consul-proposals.csv").read_bytes(), owner="Council",
         claimed="coproduction")
    job = only_job()
    with translation.override("cy"):
        assert run.run_job(str(job.pk)) == JobState.DONE
    job.refresh_from_db()
    with translation.override("en"):
        expected = audit_import(DATA / "consul-proposals.csv", "consul", owner="Council",
                                claimed="coproduction")
    assert report_of(job)["label_check"] == expected["label_check"]
    assert set(job.translations) == {"cy"}
