"""The group page's download, ``/groups/<id>/export.zip``: the same zip as
``sharedspace export --party ID`` makes, for the group's own members only (DESIGN rules 6
and 7: a group that left a space still gets it), limited to a few a person in 15 minutes."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sharedspace.cli.main import main
from sharedspace.governance import actions
from sharedspace.web.views import parties
from tests.cli.test_export import busy_shared_space, unzip, verify
from tests.governance.conftest import snapshot

from .conftest import CHARTER, accept_all


def url(party) -> str:
    return reverse("web:party_export", args=[party.pk])


def download(client, party) -> bytes:
    response = client.get(url(party))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/zip"
    # Reading it all closes the response, as a server does (the test client's wrapper).
    return b"".join(response.streaming_content)


def by_command(party, tmp_path: Path, capsys) -> bytes:
    """The zip ``sharedspace export`` makes for the party (run in this process)."""
    out = tmp_path / f"cli-{party.pk}.zip"
    capsys.readouterr()
    assert main(["export", "--party", party.pk, "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"{out}\n"
    return out.read_bytes()


def contents(data: bytes) -> list[tuple[str, object]]:
    """Each file's name (in order) and content: JSON files parsed, the README without the
    minute it was made in (the only thing that differs from one export to the next)."""
    files: list[tuple[str, object]] = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            raw = zf.read(info)
            if info.filename.endswith(".json"):
                files.append((info.filename, json.loads(raw)))
            elif info.filename == "README.txt":
                text = raw.decode()
                assert re.search(r"^Made on \d{4}-\d\d-\d\d \d\d:\d\d \(UTC\)", text, re.M)
                files.append((info.filename, re.sub(r"Made on [\d: -]+", "Made on …", text)))
            else:
                files.append((info.filename, raw))
    return files


def test_a_member_downloads_the_same_zip_as_the_command_makes(cast, shared, own, signed_in,
                                                               tmp_path, capsys):
    """Sam's group's download holds the same files, in the same order, with the same
    content as the command's export of that group; it is an attachment named after the
    group and the day, kept by no cache."""
    busy_shared_space(cast, shared)
    response = signed_in(cast.sam).get(url(cast.group))
    assert response.status_code == 200
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="shared-space-self-advocates-{today}.zip"')
    cache = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache
    web = contents(b"".join(response.streaming_content))
    assert web == contents(by_command(cast.group, tmp_path, capsys))
    names = [name for name, _ in web]
    assert f"spaces/{shared.pk}/ledger.jsonl" in names
    assert "verify_ledger.py" in names and "names.json" in names
    # A host's export too: its own space with a guest in it.
    carol = signed_in(cast.carol)
    assert contents(download(carol, cast.council)) == contents(
        by_command(cast.council, tmp_path, capsys))


def test_the_downloaded_ledgers_check_out_with_the_program_in_the_zip(cast, shared, signed_in,
                                                                      tmp_path):
    """Unzipped, the zip's own verify_ledger.py (plain Python, outside the project) says ok
    for every ledger in it."""
    busy_shared_space(cast, shared)
    (tmp_path / "x.zip").write_bytes(download(signed_in(cast.mo), cast.group))
    folder = unzip(tmp_path / "x.zip", tmp_path / "unzipped")
    checked = verify(folder)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # The group's own chain and the shared space's, each "ok", then the total.
    assert checked.stdout.count("ledger.jsonl:") == 2
    assert all(line.startswith("ok:") for line in checked.stdout.splitlines())


def test_only_the_groups_own_members_may_download_it(cast, shared, signed_in, client):
    """Someone in another group, someone who left the group, and an address with no group
    get the site's 404; someone signed out is asked to sign in first; only GET is served."""
    for person in (cast.carol, cast.gil):
        response = signed_in(person).get(url(cast.group))
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()
    actions.party_member_remove(actor=cast.ria, party_id=cast.group.pk, person_id=cast.ria.pk)
    assert signed_in(cast.ria).get(url(cast.group)).status_code == 404
    sam = signed_in(cast.sam)
    assert sam.get("/groups/pty_nothing-here/export.zip").status_code == 404
    response = client.get(url(cast.group))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:sign_in") + "?next=")
    assert sam.post(url(cast.group)).status_code == 405


def test_a_group_that_left_a_space_still_gets_all_of_it(cast, shared, signed_in, tmp_path,
                                                        capsys):
    """Rule 7: after the self-advocates leave the shared space, their members still download
    it, with its whole ledger, marked as a space they held."""
    busy_shared_space(cast, shared)
    actions.space_leave(actor=cast.sam, space_id=shared.pk, party_id=cast.group.pk)
    body = download(signed_in(cast.mo), cast.group)
    files = dict(contents(body))
    space = files[f"spaces/{shared.pk}/space.json"]
    assert isinstance(space, dict)
    assert space["viewer"]["relation"] == "former_holder"
    assert f"spaces/{shared.pk}/ledger.jsonl" in files
    assert contents(body) == contents(by_command(cast.group, tmp_path, capsys))


def test_downloading_changes_nothing(cast, shared, signed_in):
    """A GET: the governance records are the same before and after."""
    busy_shared_space(cast, shared)
    sam = signed_in(cast.sam)
    before = snapshot()
    download(sam, cast.group)
    assert snapshot() == before


def test_a_few_downloads_then_a_page_asking_to_wait(cast, signed_in, monkeypatch):
    """Past the limit in 15 minutes: a plain page (429) saying to wait, with a way back;
    another person of the group is not held up."""
    monkeypatch.setattr(parties, "EXPORT_LIMIT", 2)
    sam = signed_in(cast.sam)
    download(sam, cast.group)
    download(sam, cast.group)
    response = sam.get(url(cast.group))
    assert response.status_code == 429
    html = response.content.decode()
    assert "Wait 15 minutes, then try again." in html
    assert reverse("web:party", args=[cast.group.pk]) in html
    download(signed_in(cast.mo), cast.group)


def test_the_group_page_offers_the_download_to_its_members_only(cast, shared, signed_in):
    """The section and its link are on the group's page for its members, not for others;
    the leave page's export sentence links to the same download."""
    page = signed_in(cast.sam).get(reverse("web:party", args=[cast.group.pk])).content.decode()
    assert "Download everything your group can read" in page
    assert ("a small program anyone can use to check the record has not been changed"
            in page)
    assert f'href="{url(cast.group)}"' in page
    other = signed_in(cast.carol).get(reverse("web:party", args=[cast.group.pk]))
    assert "Download everything your group can read" not in other.content.decode()
    assert url(cast.group) not in other.content.decode()
    leave = signed_in(cast.sam).get(reverse("web:leave", args=[shared.pk])).content.decode()
    assert f'href="{url(cast.group)}"' in leave
    assert "Download everything Self-advocates can read (zip file)" in leave


def test_the_temporary_file_is_gone_once_sent(cast, signed_in, monkeypatch):
    """The zip is built in a file with no name, closed (and so deleted) with the response."""
    import tempfile

    made = []
    real = tempfile.TemporaryFile

    def temporary_file():
        made.append(real())
        return made[-1]

    monkeypatch.setattr(parties.tempfile, "TemporaryFile", temporary_file)
    response = signed_in(cast.sam).get(url(cast.group))
    (file,) = made
    assert not file.closed
    b"".join(response.streaming_content)  # the test client closes it once read
    assert file.closed


def grow(cast, shared, n: int) -> None:
    """n more of everything in the shared space: proposals with positions, votes and an
    amendment, comments, money, outside decisions, meetings with agenda, notes and actions."""
    for i in range(n):
        proposal = actions.proposal_submit(actor=cast.sam, space_id=shared.pk, kind="decision",
                                           title=f"Idea {i}", body="At ten.")
        actions.proposal_amend(actor=cast.sam, proposal_id=proposal.pk, title=f"Idea {i}b",
                               body="At eleven.")
        actions.position_give(actor=cast.carol, proposal_id=proposal.pk,
                              party=cast.council.pk, position="agree")
        actions.position_give(actor=cast.mo, proposal_id=proposal.pk, party=cast.group.pk,
                              position="agree")
        actions.comment_add(actor=cast.mo, space_id=shared.pk, body=f"Comment {i}")
        actions.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk,
                            amount="10")
        actions.outside_decision_record(actor=cast.sam, space_id=shared.pk,
                                        made_by=cast.outsiders.pk, summary=f"Decided {i}")
        meeting = actions.meeting_schedule(
            actor=cast.carol, space_id=shared.pk, title=f"Meeting {i}",
            starts_at=timezone.now() - dt.timedelta(hours=i + 1))
        actions.agenda_add(actor=cast.mo, meeting_id=meeting.pk, title=f"Item {i}")
        actions.notes_record(actor=cast.sam, meeting_id=meeting.pk, body="Agreed.")


def add_space(cast, n: int) -> None:
    space = actions.space_create(actor=cast.carol, title=f"More {n}", purpose="More",
                                 claimed_approach="co-design", charter=CHARTER,
                                 holders=[cast.council.pk, cast.group.pk])
    accept_all(space, cast)


def queries(client, party) -> int:
    with CaptureQueriesContext(connection) as ctx:
        download(client, party)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("on", ["group", "council"])
def test_query_count_grows_with_spaces_only(on, cast, shared, own, signed_in, monkeypatch):
    """The download's queries do not grow with what a space holds (proposals, votes,
    comments, money, meetings, ledger entries). They grow by the same number for each space
    the group can see, because the zip is written one space at a time so that a big record
    never has to be held in memory at once (ADR 7)."""
    monkeypatch.setattr(parties, "EXPORT_LIMIT", 100)
    party, person = (cast.group, cast.sam) if on == "group" else (cast.council, cast.carol)
    client = signed_in(person)
    queries(client, party)  # the download count's first row is made once
    grow(cast, shared, 1)
    small = queries(client, party)
    grow(cast, shared, 5)
    assert queries(client, party) == small
    add_space(cast, 1)
    one_more = queries(client, party)
    add_space(cast, 2)
    two_more = queries(client, party)
    per_space = one_more - small
    assert two_more - one_more == per_space
    assert per_space <= 15
