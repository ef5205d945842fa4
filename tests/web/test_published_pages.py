"""Published work and critical friends' comments (ADR 36): the public list and a publication's
page (anyone reads; anyone signed in comments, a few times in 15 minutes; a closed space takes
no more), removal by proposal, the proposal form's publish kind, the space's overview, the
history's sentences, and a fixed number of queries however much there is."""

# The interface uses typographic apostrophes, as GOV.UK's style guide does.
# ruff: noqa: RUF001

from __future__ import annotations

import re
from html import unescape

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sharedspace.governance import actions
from sharedspace.governance.actions import content
from sharedspace.governance.models import LedgerEntry, Proposal, Publication, PublicComment
from sharedspace.web import easyread, publications
from sharedspace.web.views import published as views

from .conftest import accept_all, agree_all, errors_in, form_data, pass_proposal

CLOSED = ("The space this work came from is closed, so it takes no more comments. You can "
          "still read it.")


@pytest.fixture
def fran(db):
    """Fran belongs to no group at all: a critical friend."""
    return actions.person_create(email="fran@example.org", name="Fran")


def publish(cast, space, title="What we found", body="We asked 40 people.\nMost want Saturdays."):
    proposal = pass_proposal(cast, space, kind="publish", title=title, body=body)
    return Publication.objects.get(proposal=proposal)


def page_url(item) -> str:
    return reverse("web:publication", args=[item.pk])


def main(html: str) -> str:
    """The page's main content, without the header and footer."""
    return html.split('id="main-content"', 1)[1].split("</main>", 1)[0]


def comment(client, item, body: str):
    return client.post(page_url(item), form_data("comment", body=body))


def welsh(client: Client) -> Client:
    client.post(reverse("web:set_language"), {"language": "cy", "next": "/"})
    return client


# --- reading: no sign-in needed ----------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "cy"])
def test_anyone_reads_the_list_and_the_work_without_signing_in(cast, shared, language):
    """Signed out, in English and Welsh: the list names the work, its day and the groups that
    published it, together; the work's page shows its words with their line breaks, and a
    link to sign in that comes back to the comments, never a form."""
    item = publish(cast, shared)
    client = Client()
    if language == "cy":
        welsh(client)
    listing = client.get(reverse("web:published"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert f'<html lang="{language}"' in html
    assert f'href="{page_url(item)}">What we found</a>' in html
    if language == "en":
        assert ("by Council team and Self-advocates together: every group agreed."
                in unescape(html))
    response = client.get(page_url(item))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<p>We asked 40 people.<br>Most want Saturdays.</p>" in html
    assert 'name="form" value="comment"' not in html
    signin = re.search(r'href="([^"]+)" data-sign-in', html)
    assert signin is not None
    assert unescape(signin.group(1)) == (
        "/sign-in/?next=" + page_url(item).replace("/", "%2F") + "%23comments")
    assert "data-space-link" not in html and shared.title not in html
    assert f'<html lang="{language}"' in html


def test_the_sign_in_link_returns_to_the_work(cast, shared, fran):
    """The sign-in page keeps where to go next: the emailed link leads back to the work."""
    from django.core import mail

    item = publish(cast, shared)
    html = Client().get(page_url(item)).content.decode()
    href = unescape(re.search(r'href="([^"]+)" data-sign-in', html).group(1))
    client = Client()
    client.post(href, form_data("email", email="fran@example.org"))
    link = re.search(r"http://\S+/sign-in/link/\?\S+", str(mail.outbox[-1].body)).group(0)
    landed = client.get(link, follow=True)
    response = client.post(landed.redirect_chain[-1][0],
                           {"form": "link", "next": page_url(item) + "#comments"})
    assert response.status_code == 302
    assert response["Location"] == page_url(item) + "#comments"


def test_a_publication_that_does_not_exist_is_not_found(db):
    assert Client().get(reverse("web:publication", args=["pub_missing"])).status_code == 404


def test_nothing_published_yet(db):
    html = Client().get(reverse("web:published")).content.decode()
    assert "Nothing has been published yet." in html


def test_the_list_is_newest_first_a_page_at_a_time(cast, shared, monkeypatch):
    """Newest first; with more than a page, "Older work" leads to the next page, which leads
    back; a page number past the end shows the last page."""
    monkeypatch.setattr(publications, "PAGE_SIZE", 2)
    for n in range(5):
        publish(cast, shared, title=f"Work {n}")
    client = Client()
    first = client.get(reverse("web:published")).content.decode()
    titles = re.findall(r'/">(Work \d)</a></h2>', first)
    assert titles == ["Work 4", "Work 3"]
    assert 'href="?page=2" rel="next"' in first and 'rel="prev"' not in first
    assert "Page 1 of 3" in first
    last = client.get(reverse("web:published") + "?page=99").content.decode()
    assert re.findall(r'/">(Work \d)</a></h2>', last) == ["Work 0"]
    assert 'href="?page=2" rel="prev"' in last and 'rel="next"' not in last


def test_the_footer_and_the_home_page_lead_to_published_work(db):
    html = Client().get(reverse("web:home")).content.decode()
    assert html.count(f'href="{reverse("web:published")}"') == 2  # the home page and footer


# --- how it was published: said honestly -------------------------------------------------------


def test_an_own_space_publishes_alone_and_says_so(cast, own):
    item = publish(cast, own)
    html = unescape(Client().get(page_url(item)).content.decode())
    assert "by Council team in its own space." in html
    assert "together" not in main(html).split("</h1>", 1)[1].split("</p>", 1)[0]


def test_a_group_that_stood_aside_is_not_said_to_agree(cast, shared):
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="publish",
                                       title="Our report", body="Words")
    actions.position_give(actor=cast.carol, proposal_id=proposal.pk, party=cast.council.pk,
                          position="stand_aside")
    for who in (cast.sam, cast.mo):
        actions.position_give(actor=who, proposal_id=proposal.pk, party=cast.group.pk,
                              position="agree")
    item = Publication.objects.get(proposal=proposal)
    html = unescape(Client().get(page_url(item)).content.decode())
    assert ("by Council team and Self-advocates together: every group answered, and none "
            "said no." in html)
    assert "every group agreed" not in html


def test_the_groups_named_are_those_that_held_the_space_when_it_was_published(cast, own):
    """The council published in its own space; the carers forum holds it too now. The work
    still says the council published it, alone: the forum had no say in it."""
    item = publish(cast, own)
    pass_proposal(cast, own, kind="add_holder", party=cast.guests.pk)
    accept_all(own, cast)
    assert set(own.tenures.filter(role="holder", ended_at__isnull=True)
               .values_list("party_id", flat=True)) == {cast.council.pk, cast.guests.pk}
    html = unescape(Client().get(page_url(item)).content.decode())
    assert "by Council team in its own space." in html
    assert "Carers forum" not in main(html)


def test_the_space_is_linked_only_for_those_who_may_see_it(cast, shared, signed_in, fran):
    item = publish(cast, shared)
    carol = signed_in(cast.carol).get(page_url(item)).content.decode()
    assert f'href="{reverse("web:space", args=[shared.pk])}" data-space-link' in carol
    for who in (cast.olive, fran):  # a group with no part in the space, and no group
        html = signed_in(who).get(page_url(item)).content.decode()
        assert "data-space-link" not in html and shared.title not in html


# --- commenting as a critical friend -----------------------------------------------------------


def test_a_critical_friend_comments_without_javascript(cast, shared, signed_in, fran):
    """Fran, in no group, sees her name beside the form, posts a comment (a plain form), is
    sent back to the comments and reads it there, with her name; the space's chain has it."""
    item = publish(cast, shared)
    client = signed_in(fran)
    html = client.get(page_url(item)).content.decode()
    assert "Your comment will show your name: Fran." in html
    response = comment(client, item, "Who did you not ask?\nCarers, maybe.")
    assert response.status_code == 302
    assert response["Location"] == page_url(item) + "#comments"
    html = client.get(page_url(item)).content.decode()
    assert "Your comment is added. Everyone can read it." in html
    assert "<p>Who did you not ask?<br>Carers, maybe.</p>" in html
    assert re.search(r"Fran, \d+ \w+ \d{4}, \d\d:\d\d", html)
    saved = PublicComment.objects.get()
    assert (saved.author_id, saved.publication_id) == (fran.pk, item.pk)
    assert LedgerEntry.objects.filter(chain=shared.pk, action="public_comment.add").count() == 1


def test_a_comment_sent_twice_is_added_once(cast, shared, signed_in, fran):
    item = publish(cast, shared)
    client = signed_in(fran)
    data = form_data("comment", body="Once only")
    client.post(page_url(item), data)
    again = client.post(page_url(item), data)
    assert again.status_code == 302
    assert PublicComment.objects.count() == 1


def test_a_post_signed_out_goes_to_sign_in_and_writes_nothing(cast, shared):
    item = publish(cast, shared)
    response = Client().post(page_url(item), form_data("comment", body="Hello"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:sign_in") + "?next=")
    assert not PublicComment.objects.exists()


def test_an_empty_or_too_long_comment_is_said_in_the_error_summary(cast, shared, signed_in,
                                                                  fran):
    item = publish(cast, shared)
    client = signed_in(fran)
    empty = comment(client, item, "  ")
    assert errors_in(empty.content.decode()) == ["Write your comment"]
    long = comment(client, item, "x" * 5001)
    assert errors_in(long.content.decode()) == ["Use at most 5,000 characters"]
    assert ("x" * 5001) in long.content.decode()  # what was typed is kept to shorten
    assert not PublicComment.objects.exists()


def test_a_closed_space_takes_no_more_comments_and_says_so(cast, shared, signed_in, fran):
    """Once the space is closed the work stays readable, the form is gone and the page says
    why; a form sent from a page drawn before gets the refusal in the error summary, in
    words for a critical friend, with what was typed kept."""
    item = publish(cast, shared)
    client = signed_in(fran)
    data = form_data("comment", body="Late thoughts")
    pass_proposal(cast, shared, kind="close")
    html = client.get(page_url(item)).content.decode()
    assert CLOSED in unescape(html) and 'name="form" value="comment"' not in html
    assert "data-sign-in" not in Client().get(page_url(item)).content.decode()
    response = client.post(page_url(item), data)
    assert response.status_code == 409
    assert errors_in(response.content.decode()) == [CLOSED]
    assert "Late thoughts" in response.content.decode()
    assert not PublicComment.objects.exists()


def test_comments_are_limited_per_person(cast, shared, signed_in, fran, monkeypatch):
    """Past the limit in 15 minutes the page says so plainly and adds nothing; another
    person may still comment."""
    monkeypatch.setattr(views, "COMMENT_LIMIT", 2)
    item = publish(cast, shared)
    client = signed_in(fran)
    for n in range(2):
        assert comment(client, item, f"Thought {n}").status_code == 302
    response = comment(client, item, "One too many")
    assert response.status_code == 429
    assert errors_in(response.content.decode()) == [
        "You have written a lot of comments in a short time. Wait 15 minutes, then send it "
        "again."]
    assert PublicComment.objects.count() == 2
    assert comment(signed_in(cast.olive), item, "Mine").status_code == 302
    assert views.COMMENT_LIMIT == 2 and PublicComment.objects.count() == 3


def test_the_default_limit_is_ten_in_fifteen_minutes():
    from sharedspace.web import ratelimit

    assert views.COMMENT_LIMIT == 10 and ratelimit.WINDOW_SECONDS == 15 * 60


def test_user_text_is_escaped_everywhere(cast, shared, signed_in, fran):
    """A title, a body and a comment holding HTML are shown as text, never as markup."""
    item = publish(cast, shared, title="<i>Title</i>", body="<script>alert(1)</script>")
    comment(signed_in(fran), item, '<img src=x onerror="alert(2)">')
    for url in (page_url(item), reverse("web:published")):
        html = Client().get(url).content.decode()
        assert "<script>alert(1)" not in html and "<img src=x" not in html
        assert "<i>Title</i>" not in html and "&lt;i&gt;Title&lt;/i&gt;" in html
    html = Client().get(page_url(item)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in html


def test_an_erased_friend_is_an_erased_person(cast, shared, signed_in, fran):
    item = publish(cast, shared)
    comment(signed_in(fran), item, "Still here")
    actions.person_erase(actor=fran, person_id=fran.pk)
    html = Client().get(page_url(item)).content.decode()
    assert "Still here" in html and "Erased person, " in html and "Fran" not in main(html)


def test_the_newest_comments_are_shown_and_every_one_on_asking(cast, shared, fran,
                                                                monkeypatch):
    monkeypatch.setattr(publications, "COMMENTS_SHOWN", 3)
    item = publish(cast, shared)
    for n in range(5):
        actions.public_comment_add(actor=fran, publication_id=item.pk, body=f"Thought {n}")
    html = Client().get(page_url(item)).content.decode()
    assert re.findall(r"<p>(Thought \d)</p>", html) == ["Thought 2", "Thought 3", "Thought 4"]
    assert 'href="?comments=all#comments"' in html
    every = Client().get(page_url(item) + "?comments=all").content.decode()
    assert re.findall(r"<p>(Thought \d)</p>", every) == [f"Thought {n}" for n in range(5)]
    assert 'href="?comments=all#comments"' not in every


# --- removing a comment: by proposal, its words never shown again ------------------------------


def test_the_remove_link_is_only_for_those_who_may_propose(cast, shared, own, signed_in, fran):
    """In the shared space, people of both holding groups see "Propose removing this
    comment" beside it; the friend, another group and people signed out do not. In the own
    space a guest the host lets propose sees it; once the host takes that away, it does not."""
    item = publish(cast, shared)
    said = actions.public_comment_add(actor=fran, publication_id=item.pk, body="Hmm")
    href = f'{reverse("web:proposals", args=[shared.pk])}?remove={said.pk}#remove'
    for who in (cast.carol, cast.owen, cast.mo):
        assert f'href="{href}"' in signed_in(who).get(page_url(item)).content.decode(), who
    for client in (signed_in(fran), signed_in(cast.olive), signed_in(cast.gil), Client()):
        assert 'data-remove="' not in client.get(page_url(item)).content.decode()

    board = publish(cast, own, title="Board report")
    theirs = actions.public_comment_add(actor=fran, publication_id=board.pk, body="Hmm")
    assert f"?remove={theirs.pk}#remove" in signed_in(cast.gil).get(
        page_url(board)).content.decode()
    actions.space_settings_update(actor=cast.carol, space_id=own.pk,
                                  guest_permissions=["view", "comment"])
    assert 'data-remove="' not in signed_in(cast.gil).get(page_url(board)).content.decode()


def test_removing_a_friends_comment_by_proposal(cast, shared, signed_in, fran):
    """From the link, the proposals page shows the friend's comment and a form whose title
    names the critical friend; the proposal names it; once every group agrees the page says
    it was hidden, and its words never appear again (they stay in the record)."""
    item = publish(cast, shared)
    said = actions.public_comment_add(actor=fran, publication_id=item.pk,
                                      body="Rude words about Sam")
    carol = signed_in(cast.carol)
    url = reverse("web:proposals", args=[shared.pk]) + f"?remove={said.pk}"
    html = unescape(carol.get(url).content.decode())
    assert "Fran wrote as a critical friend on the published work “What we found”" in html
    assert 'value="Remove a critical friend’s comment by Fran"' in html
    assert f'name="remove_content-content" value="{said.pk}"' in html
    response = carol.post(url, form_data("remove_content", content=said.pk,
                                         title="Remove a critical friend’s comment by Fran",
                                         body="It names a person"))
    assert response.status_code == 302
    proposal = Proposal.objects.get(kind="remove_content")
    assert proposal.public_comment_id == said.pk and proposal.content_id is None
    shown = unescape(carol.get(response["Location"]).content.decode())
    assert "A critical friend’s comment to remove" in shown and "Rude words about Sam" in shown
    assert f'href="{page_url(item)}#{said.pk}"' in shown
    agree_all(cast, proposal)
    for client in (Client(), carol, signed_in(fran)):
        html = unescape(client.get(page_url(item)).content.decode())
        assert "Rude words about Sam" not in html
        assert ("was hidden. The groups that hold the space decided this together." in html)
        assert 'data-remove="' not in html
    assert "Rude words about Sam" not in unescape(carol.get(response["Location"]).content.decode())
    assert PublicComment.objects.get().body == "Rude words about Sam"  # kept, not deleted


def test_only_the_author_of_a_hidden_comment_reads_the_reason_given(cast, shared, signed_in,
                                                                    fran):
    """The reason written on the removal proposal (the form tells its writer who reads it)
    is shown to the comment's author, and to no one else; a comment taken back has none."""
    item = publish(cast, shared)
    said = actions.public_comment_add(actor=fran, publication_id=item.pk, body="Names Sam")
    kept = actions.public_comment_add(actor=fran, publication_id=item.pk, body="Taken back")
    carol = signed_in(cast.carol)
    form = unescape(carol.get(reverse("web:proposals", args=[shared.pk])
                              + f"?remove={said.pk}").content.decode())
    assert "the person who wrote it will read what you write here" in form
    pass_proposal(cast, shared, kind="remove_content", content=said.pk,
                  body="It names a person who did not agree to be named.")
    actions.public_comment_withdraw(actor=fran, comment_id=kept.pk)
    html = unescape(signed_in(fran).get(page_url(item)).content.decode())
    assert html.count("data-hidden-reason") == 1
    assert "The reason they gave:" in html
    assert "It names a person who did not agree to be named." in html
    for client in (Client(), carol, signed_in(cast.olive)):
        html = unescape(client.get(page_url(item)).content.decode())
        assert "did not agree to be named" not in html and "data-hidden-reason" not in html


def test_an_own_space_says_its_host_hid_the_comment(cast, own, fran):
    item = publish(cast, own)
    said = actions.public_comment_add(actor=fran, publication_id=item.pk, body="Gone soon")
    pass_proposal(cast, own, kind="remove_content", content=said.pk)
    html = unescape(Client().get(page_url(item)).content.decode())
    assert "Gone soon" not in html
    assert "was hidden. The group whose space it is decided this." in html


def test_another_spaces_comment_is_not_offered_for_removal(cast, shared, own, signed_in, fran):
    item = publish(cast, own)
    said = actions.public_comment_add(actor=fran, publication_id=item.pk, body="Elsewhere")
    html = signed_in(cast.sam).get(
        reverse("web:proposals", args=[shared.pk]) + f"?remove={said.pk}").content.decode()
    assert 'name="form" value="remove_content"' not in html and "Elsewhere" not in html


# --- the proposal form, the proposal page and the space's overview -----------------------------


def test_publish_is_offered_with_a_hint_and_needs_words(cast, shared, signed_in):
    carol = signed_in(cast.carol)
    url = reverse("web:proposals", args=[shared.pk])
    html = carol.get(url).content.decode()
    assert 'name="proposal-kind" type="radio" value="publish"' in html
    assert ("The title and text will be public if it passes. Anyone can read them, and anyone "
            "signed in can comment.") in html
    response = carol.post(url, form_data("proposal", kind="publish", title="Report", body=""))
    assert errors_in(response.content.decode()) == ["Write the work you want to publish."]
    assert not Proposal.objects.filter(kind="publish").exists()
    assert 'value="publish" checked' in carol.get(url + "?kind=publish").content.decode()


def test_a_publish_proposal_says_what_passing_does_then_links_to_the_work(cast, shared, own,
                                                                         signed_in):
    carol = signed_in(cast.carol)
    response = carol.post(reverse("web:proposals", args=[shared.pk]),
                          form_data("proposal", kind="publish", title="Our report",
                                    body="What we learned"))
    proposal = Proposal.objects.get(kind="publish")
    html = unescape(carol.get(response["Location"]).content.decode())
    assert ("If every group answers and none says no, the title and text are published on a "
            "public page, as they read then." in html)
    assert "Published work cannot be taken back." in html
    assert "data-publication-link" not in html
    agree_all(cast, proposal)
    item = Publication.objects.get()
    html = carol.get(response["Location"]).content.decode()
    assert f'href="{page_url(item)}" data-publication-link' in html
    blocked = actions.proposal_submit(actor=cast.carol, space_id=own.pk, kind="publish",
                                      title="Not this", body="No")
    actions.proposal_withdraw(actor=cast.carol, proposal_id=blocked.pk)
    html = carol.get(reverse("web:proposal", args=[blocked.pk])).content.decode()
    assert "This work was not published." in html


def test_an_own_space_proposal_names_the_host_that_decides(cast, own, signed_in):
    proposal = actions.proposal_submit(actor=cast.gil, space_id=own.pk, kind="publish",
                                       title="Carers’ view", body="More notice")
    html = unescape(signed_in(cast.gil).get(
        reverse("web:proposal", args=[proposal.pk])).content.decode())
    assert "If Council team agrees, the title and text are published on a public page" in html


def test_the_overview_lists_the_spaces_work_only_once_there_is_some(cast, shared, signed_in):
    carol = signed_in(cast.carol)
    url = reverse("web:space", args=[shared.pk])
    assert 'id="published-title"' not in carol.get(url).content.decode()
    item = publish(cast, shared)
    html = carol.get(url).content.decode()
    assert 'id="published-title"' in html
    assert f'href="{page_url(item)}">What we found</a>' in html
    assert "?kind=publish#new" in html  # Carol may propose: publishing more is one link away


# --- the history --------------------------------------------------------------------------------


def test_the_history_says_what_was_published_commented_and_hidden(cast, shared, signed_in,
                                                                  fran):
    item = publish(cast, shared, title="Our findings")
    said = actions.public_comment_add(actor=fran, publication_id=item.pk, body="Hmm")
    pass_proposal(cast, shared, kind="remove_content", content=said.pk, title="Hide the rude one")
    response = signed_in(cast.carol).get(reverse("web:history", args=[shared.pk]))
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "The work “Our findings” was published. Anyone can read it now." in html
    assert "Fran commented on the published work “Our findings” as a critical friend." in html
    assert ("The comment by Fran on the published work “Our findings” was hidden, by the "
            "proposal “Hide the rude one” that passed.") in html
    assert f'href="{page_url(item)}#{said.pk}"' in html
    assert html.count(f'href="{page_url(item)}"') >= 2  # publishing, and the hiding
    assert '<span class="govuk-visually-hidden">: Our findings</span>' in html
    assert "Something happened" not in html


# --- easy read -----------------------------------------------------------------------------------


def test_easy_read_says_it_in_short_sentences(cast, shared, own):
    """With easy read on, the list and the work's page say the idea in easy read; a shared
    space's work says no group hides a comment alone, an own space's that its host may."""
    item = publish(cast, shared)
    board = publish(cast, own, title="Board report")
    client = Client()
    client.cookies["easy_read"] = "1"
    listing = unescape(client.get(reverse("web:published")).content.decode())
    assert all(str(line) in listing for line in easyread.TEXTS["published"].lines)
    html = unescape(client.get(page_url(item)).content.decode())
    assert all(str(line) in html for line in easyread.TEXTS["critical_friends"].lines)
    assert str(easyread.TEXTS["friends_hidden_shared"].lines[0]) in html
    html = unescape(client.get(page_url(board)).content.decode())
    assert str(easyread.TEXTS["friends_hidden_own"].lines[0]) in html
    assert "app-easy-read-block" not in Client().get(page_url(item)).content.decode()


# --- a fixed number of queries -------------------------------------------------------------------


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def test_the_list_uses_a_fixed_number_of_queries(cast, shared, own, signed_in, fran,
                                                 monkeypatch):
    """With 2 publications or 25 (more than a page), each with comments, and with groups
    that joined and left: the same number of queries, signed in or not."""
    monkeypatch.setattr(content, "PUBLIC_COMMENTS_PER_WINDOW", 1000)  # one busy friend
    urls = [reverse("web:published"), reverse("web:published") + "?page=2"]

    def grow(n: int) -> None:
        for i in range(n):
            item = publish(cast, shared if i % 2 else own, title=f"Work {i}")
            actions.public_comment_add(actor=fran, publication_id=item.pk, body="Hmm")

    grow(2)
    clients = [Client(), signed_in(fran)]
    small = [queries(c, u) for c in clients for u in urls[:1]]
    grow(23)
    large = [queries(c, u) for c in clients for u in urls[:1]]
    assert large == small
    assert max(large) <= 8
    assert queries(clients[0], urls[1]) == small[0]


def test_a_publication_page_uses_a_fixed_number_of_queries(cast, shared, signed_in, fran,
                                                            monkeypatch):
    """With 2 comments or 41 (more than are shown; some removed): the same number of queries,
    for someone signed out, a friend and a holder who may propose removing comments."""
    monkeypatch.setattr(content, "PUBLIC_COMMENTS_PER_WINDOW", 1000)  # one busy friend
    item = publish(cast, shared)
    url = page_url(item)
    actions.public_comment_add(actor=fran, publication_id=item.pk, body="First")
    gone = actions.public_comment_add(actor=fran, publication_id=item.pk, body="Gone")
    pass_proposal(cast, shared, kind="remove_content", content=gone.pk)
    clients = [Client(), signed_in(fran), signed_in(cast.carol)]
    small = [queries(c, u) for c in clients for u in (url, url + "?comments=all")]
    for n in range(39):
        said = actions.public_comment_add(actor=cast.olive if n % 2 else fran,
                                          publication_id=item.pk, body=f"More {n}")
        if n % 10 == 0:
            pass_proposal(cast, shared, kind="remove_content", content=said.pk)
    large = [queries(c, u) for c in clients for u in (url, url + "?comments=all")]
    assert large == small
    assert max(large) <= 14


def test_the_overview_uses_a_fixed_number_of_queries_however_much_is_published(
        cast, shared, signed_in):
    carol = signed_in(cast.carol)
    url = reverse("web:space", args=[shared.pk])
    publish(cast, shared)
    small = queries(carol, url)
    for n in range(12):  # more than the overview lists
        publish(cast, shared, title=f"Work {n}")
    assert queries(carol, url) == small
    html = carol.get(url).content.decode()
    assert html.count('href="/published/pub_') == publications.ON_SPACE_PAGE
    assert f'href="{reverse("web:published")}">All published work</a>' in html


def test_a_comment_its_author_took_back_is_not_said_to_be_hidden_by_the_groups(cast, shared,
                                                                                fran):
    """A comment removed with no passed proposal naming it (its author took it back) says
    so, never that the groups hid it; its words are not shown either."""
    from django.utils import timezone

    item = publish(cast, shared)
    said = actions.public_comment_add(actor=fran, publication_id=item.pk, body="Second thoughts")
    PublicComment.objects.filter(pk=said.pk).update(removed_at=timezone.now())
    html = unescape(Client().get(page_url(item)).content.decode())
    assert "Second thoughts" not in html
    assert "was taken back by the person who wrote it." in html
    assert "decided this" not in html


def test_a_friend_takes_back_their_own_comment_after_being_asked(cast, shared, signed_in,
                                                                 fran):
    """Beside her own comment only, Fran has "Take back your comment"; it asks first, then
    the comment is hidden and the page says she took it back; the chain has the entry."""
    from .conftest import hidden_fields

    item = publish(cast, shared)
    mine = actions.public_comment_add(actor=fran, publication_id=item.pk, body="Too hasty")
    actions.public_comment_add(actor=cast.olive, publication_id=item.pk, body="Olive's")
    client = signed_in(fran)
    html = client.get(page_url(item)).content.decode()
    assert html.count('name="withdraw-id"') == 1
    assert f'name="withdraw-id" value="{mine.pk}"' in html
    olive = signed_in(cast.olive).get(page_url(item)).content.decode()
    assert olive.count('name="withdraw-id"') == 1 and f'value="{mine.pk}"' not in olive
    asked = client.post(page_url(item), form_data("withdraw", id=mine.pk))
    assert asked.status_code == 200 and "Take back your comment?" in asked.content.decode()
    assert "Too hasty" in asked.content.decode()
    assert PublicComment.objects.get(pk=mine.pk).removed_at is None  # asked, not done
    done = client.post(page_url(item), {**hidden_fields(asked.content.decode()),
                                        "confirmed": "yes"})
    assert done.status_code == 302 and done["Location"] == page_url(item) + "#comments"
    html = unescape(Client().get(page_url(item)).content.decode())
    assert "Too hasty" not in html and "was taken back by the person who wrote it." in html
    assert "Olive's" in html
    assert LedgerEntry.objects.filter(chain=shared.pk,
                                      action="public_comment.withdraw").count() == 1


def test_no_one_takes_back_another_persons_comment(cast, shared, signed_in, fran):
    item = publish(cast, shared)
    theirs = actions.public_comment_add(actor=fran, publication_id=item.pk, body="Mine")
    response = signed_in(cast.olive).post(page_url(item), form_data("withdraw", id=theirs.pk))
    assert errors_in(response.content.decode()) == [
        "Only the person who wrote this comment can take it back."]
    assert PublicComment.objects.get().removed_at is None


# --- after the security review ------------------------------------------------------------------


def test_a_newcomer_chooses_a_name_before_commenting(cast, shared, signed_in):
    """A new account's name is taken from its email until the person chooses one: the page
    asks for a name first instead of showing the form, and a form sent from an older page
    is refused with its words kept, so no comment ever shows an email's first half."""
    item = publish(cast, shared)
    newcomer = actions.person_for_email("jane.q.private1977@example.org")
    client = signed_in(newcomer)
    html = main(client.get(page_url(item)).content.decode())
    assert "data-choose-name" in html and 'name="comment-body"' not in html
    assert reverse("web:account_name") in html
    response = comment(client, item, "My view")
    assert response.status_code == 400
    (error,) = errors_in(response.content.decode())
    assert "choose the name that people will see" in unescape(error)
    assert "My view" in response.content.decode()
    assert not PublicComment.objects.exists()


def test_a_comment_on_other_work_is_not_taken_back_from_this_page(cast, shared, signed_in,
                                                                  fran):
    first, second = publish(cast, shared, title="One"), publish(cast, shared, title="Two")
    elsewhere = actions.public_comment_add(actor=fran, publication_id=second.pk, body="Hm")
    response = signed_in(fran).post(page_url(first), form_data("withdraw", id=elsewhere.pk))
    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.removed_at is None


def test_every_comment_means_the_newest_ones_when_there_are_very_many(cast, shared, fran,
                                                                    monkeypatch):
    """``?comments=all`` shows the newest ``COMMENTS_ALL`` (here 3), says that older ones are
    left out, and offers no link to itself."""
    monkeypatch.setattr(publications, "COMMENTS_ALL", 3)
    item = publish(cast, shared)
    for i in range(5):
        actions.public_comment_add(actor=fran, publication_id=item.pk, body=f"Point {i}")
    html = main(Client().get(page_url(item) + "?comments=all").content.decode())
    assert [f"Point {i}" in html for i in range(5)] == [False, False, True, True, True]
    assert "This shows the newest comments only." in html and "data-every-comment" not in html


def test_the_erase_page_lists_only_work_whose_comments_can_still_be_taken_back(
        cast, shared, own, signed_in, fran):
    """Once a space has closed, nothing in it changes (rule 8), so a comment on its work can
    no longer be taken back: the erase page does not send the person there."""
    open_work, closed_work = publish(cast, own, title="Still open"), publish(cast, shared,
                                                                              title="Closed")
    for item in (open_work, closed_work):
        actions.public_comment_add(actor=fran, publication_id=item.pk, body="Hm")
    pass_proposal(cast, shared, kind="close")
    html = signed_in(fran).get(reverse("web:account_erase")).content.decode()
    assert page_url(open_work) in html and page_url(closed_work) not in html


def test_a_comment_by_a_member_of_a_publishing_group_says_so(cast, shared, signed_in, fran):
    """Praise from inside must not read as an outside voice: a comment by someone who was
    in a group that published the work says so, and that person is told before writing."""
    item = publish(cast, shared)
    actions.public_comment_add(actor=cast.owen, publication_id=item.pk, body="Great work")
    actions.public_comment_add(actor=fran, publication_id=item.pk, body="Who did you ask?")
    html = unescape(main(Client().get(page_url(item)).content.decode()))
    assert ("Not a critical friend: a member of Council team, which published this work."
            in html)
    assert html.count("Not a critical friend") == 1
    assert "data-insider" in signed_in(cast.owen).get(page_url(item)).content.decode()
    assert "data-insider" not in signed_in(fran).get(page_url(item)).content.decode()


def test_welsh_says_ac_before_a_vowel():
    from django.utils import translation

    with translation.override("cy"):
        assert publications.and_list(["Lleisiau Ni", "Aberhafod"]) == "Lleisiau Ni ac Aberhafod"
        assert publications.and_list(["Aberhafod", "Lleisiau Ni"]) == "Aberhafod a Lleisiau Ni"
    with translation.override("en"):
        assert publications.and_list(["A", "B", "Ollie"]) == "A, B and Ollie"


def test_a_comment_taken_back_before_a_removal_passed_says_it_was_taken_back(cast, shared,
                                                                            fran):
    item = publish(cast, shared)
    mine = actions.public_comment_add(actor=fran, publication_id=item.pk, body="Oops")
    late = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="remove_content",
                                   title="Remove it", content=mine.pk)
    actions.public_comment_withdraw(actor=fran, comment_id=mine.pk)
    assert agree_all(cast, late).state == "passed"
    html = main(Client().get(page_url(item)).content.decode())
    assert "taken back by the person who wrote it" in html
    assert "decided this together" not in html


def test_the_dashboard_leads_a_critical_friend_to_published_work(cast, shared, signed_in,
                                                                 fran):
    """Someone in no group is shown where published work is; once they comment, the work
    they commented on is listed."""
    html = signed_in(fran).get(reverse("web:dashboard")).content.decode()
    assert "data-published-link" in html and 'id="commented"' not in html
    item = publish(cast, shared)
    actions.public_comment_add(actor=fran, publication_id=item.pk, body="Hm")
    html = signed_in(fran).get(reverse("web:dashboard")).content.decode()
    assert 'id="commented"' in html and page_url(item) + "#comments" in html
    assert "data-published-link" not in signed_in(cast.carol).get(
        reverse("web:dashboard")).content.decode()


def test_an_open_removal_is_said_beside_the_comment_and_its_author_is_told(cast, shared,
                                                                         signed_in, fran):
    """While the groups decide, everyone reads that they are deciding (holders get the
    proposal, not a second "propose removing" link); once hidden, its author is told the
    comment was theirs."""
    item = publish(cast, shared)
    said = actions.public_comment_add(actor=fran, publication_id=item.pk, body="Sharp words")
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk,
                                       kind="remove_content", title="Hide it", content=said.pk)
    public = main(Client().get(page_url(item)).content.decode())
    assert f'data-removal-open="{said.pk}"' in public
    assert reverse("web:proposal", args=[proposal.pk]) not in public
    holder = main(signed_in(cast.carol).get(page_url(item)).content.decode())
    assert reverse("web:proposal", args=[proposal.pk]) in holder
    assert f'data-remove="{said.pk}"' not in holder
    agree_all(cast, proposal)
    assert "Your comment written on" in signed_in(fran).get(page_url(item)).content.decode()
    assert "Your comment written on" not in Client().get(page_url(item)).content.decode()


def test_the_publish_form_asks_for_the_work_itself(cast, shared, signed_in):
    """Chosen from "Propose publishing more work" (or sent back with an error), the text box
    asks for the work itself, which will be public as written; the kind comes first."""
    client = signed_in(cast.carol)
    url = reverse("web:proposals", args=[shared.pk])
    html = main(client.get(url + "?kind=publish").content.decode())
    assert "The work to publish" in html and "these exact words are" in html
    assert html.index('name="proposal-kind"') < html.index('name="proposal-body"')
    assert "The work to publish" not in main(client.get(url).content.decode())
    sent = client.post(url, form_data("proposal", kind="publish", title="Findings", body=""))
    assert "The work to publish" in sent.content.decode()


def test_a_removal_proposal_says_whose_comment_on_which_work_and_what_passing_does(
        cast, shared, signed_in, fran):
    item = publish(cast, shared, title="Our findings")
    said = actions.public_comment_add(actor=fran, publication_id=item.pk, body="Sharp words")
    first = actions.proposal_submit(actor=cast.carol, space_id=shared.pk,
                                    kind="remove_content", title="Hide it", content=said.pk)
    second = actions.proposal_submit(actor=cast.carol, space_id=shared.pk,
                                     kind="remove_content", title="Hide it too",
                                     content=said.pk)
    carol = signed_in(cast.carol)
    html = unescape(main(carol.get(reverse("web:proposal", args=[first.pk])).content.decode()))
    assert "Written by" in html and "Fran," in html and "Our findings" in html
    assert "Sharp words" in html and "which says that the groups hid it" in html
    agree_all(cast, first)
    html = unescape(main(carol.get(reverse("web:proposal", args=[first.pk])).content.decode()))
    assert "This comment is now hidden." in html and "Our findings" in html
    assert "Sharp words" not in html
    html = unescape(main(carol.get(reverse("web:proposal", args=[second.pk])).content.decode()))
    assert "Passing this proposal changes nothing" in html
