"""Every form as a plain POST (no JavaScript needed), and refusals in the error summary."""

# The interface uses typographic apostrophes, as GOV.UK's style guide does.
# ruff: noqa: RUF001

from __future__ import annotations

import pytest
from django.urls import reverse

from sharedspace.governance import actions
from sharedspace.governance.models import (
    Comment,
    FundEntry,
    Membership,
    OutsideDecision,
    Party,
    Person,
    Proposal,
    Space,
)

from .conftest import date_parts, errors_in, form_data, hidden_fields


def test_the_core_journey_by_plain_posts(cast, signed_in):
    """Create a shared space, accept it as the other group, propose, object with a reason,
    amend, agree, and see it pass: every step a plain form POST."""
    carol, sam = signed_in(cast.carol), signed_in(cast.sam)
    response = carol.post(reverse("web:space_new"), form_data(
        "space", title="Respite review", purpose="Look at respite together", party=cast.council.pk,
        kind="shared", others=[cast.group.pk], claimed_approach="coproduction",
        charter_purpose="Make respite better",
    ))
    space = Space.objects.get(title="Respite review")
    assert response.status_code == 302 and response["Location"] == f"/spaces/{space.pk}/"
    assert space.state == "forming"
    invitation = space.invitations.get(party=cast.group)
    dashboard = sam.get(reverse("web:dashboard")).content.decode()
    assert "Respite review" in dashboard and "Say yes" in dashboard
    assert sam.post(reverse("web:dashboard"), {"form": "accept", "accept-id": invitation.pk,
                                                 "confirmed": "yes"}
                    ).status_code == 302
    space.refresh_from_db()
    assert space.state == "active"

    response = carol.post(reverse("web:proposals", args=[space.pk]), form_data(
        "proposal", kind="decision", title="Meet at the library", body="Every month",
    ))
    proposal = Proposal.objects.get(space=space)
    assert response["Location"] == reverse("web:proposal", args=[proposal.pk])
    url = reverse("web:proposal", args=[proposal.pk])

    # Object without a reason: refused in the error summary, nothing recorded.
    refused = sam.post(url, form_data("answer", party=cast.group.pk, position="object"))
    assert errors_in(refused.content.decode()) == [
        "Say why you object, and what would make it acceptable"
    ]
    assert not proposal.positions.exists()
    # Sam objects with a reason; under majority rule the group needs two of three.
    for who in (sam, signed_in(cast.mo)):
        assert who.post(url, form_data("answer", party=cast.group.pk, position="object",
                                       reason="Not accessible by bus")).status_code == 302
    assert carol.post(url, form_data("answer", party=cast.council.pk, position="agree")
                      ).status_code == 302
    page = carol.get(url).content.decode()
    assert "Self-advocates objected." in page and "Not accessible by bus" in page
    # Carol amends; every answer resets.
    assert carol.post(url, form_data("amend", title="Meet at the day centre",
                                     body="Every month, by the bus stop")).status_code == 302
    proposal.refresh_from_db()
    assert proposal.version == 2 and proposal.state == "open"
    for who, party in ((carol, cast.council), (sam, cast.group), (signed_in(cast.ria), cast.group)):
        who.post(url, form_data("answer", party=party.pk, position="agree"))
    proposal.refresh_from_db()
    assert proposal.state == "passed"
    page = sam.get(url).content.decode()
    assert "It passed: every group answered, none objected, and at least one agreed." in page


def test_a_refusal_from_the_core_is_shown_in_the_error_summary(cast, shared, signed_in):
    """Owen is not a speaker of the council (rule: speaker): his answer is refused in plain
    words, on the page, with the refusal's status — never a bare 403 page."""
    proposal = actions.proposal_submit(actor=cast.sam, space_id=shared.pk, kind="decision",
                                       title="Pay for taxis")
    response = signed_in(cast.owen).post(
        reverse("web:proposal", args=[proposal.pk]),
        form_data("answer", party=cast.council.pk, position="agree"),
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert errors_in(html) == [
        "This group gives its answer through its speakers. Ask one of them to answer."
    ]
    assert "Pay for taxis" in html, "the whole page is shown around the error"


def test_spending_a_shared_fund_needs_a_passed_proposal(cast, shared, signed_in):
    """Giving needs no one's consent; spending in a shared space without a passed proposal
    is refused with the rule's words."""
    carol = signed_in(cast.carol)
    url = reverse("web:fund", args=[shared.pk])
    assert carol.post(url, form_data("commit", party=cast.council.pk, amount="50")
                      ).status_code == 302
    refused = carol.post(url, form_data("spend", amount="10"))
    assert refused.status_code == 403
    assert errors_in(refused.content.decode()) == [
        "In a shared space this needs a passed proposal: every group answered, no group said no, "
        "and at least one said yes."
    ]
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="spend",
                                       title="Taxis", amount="10")
    for who, party in ((cast.carol, cast.council), (cast.sam, cast.group), (cast.mo, cast.group)):
        proposal.refresh_from_db()
        if proposal.state == "open":
            actions.position_give(actor=who, proposal_id=proposal.pk, party=party.pk,
                                  position="agree")
    assert carol.post(url, form_data("spend", amount="10", proposal=proposal.pk)
                      ).status_code == 302
    withdrawn = carol.post(url, {**form_data("withdraw", party=cast.council.pk, amount="500"),
                                 "confirmed": "yes"})
    assert withdrawn.status_code == 409
    # The refusal says how much the group can take back: £50 given, £10 spent.
    assert errors_in(withdrawn.content.decode()) == ["Council team can take back at most £40.00."]
    assert carol.post(url, {**form_data("withdraw", party=cast.council.pk, amount="5"),
                            "confirmed": "yes"}).status_code == 302
    kinds = sorted(FundEntry.objects.filter(space=shared).values_list("kind", flat=True))
    assert kinds == ["commitment", "spending", "withdrawal"]
    page = carol.get(url).content.decode()
    assert "(acting alone)" in page


def test_outside_decisions_are_recorded_and_answered(cast, shared, signed_in):
    """A holder writes one down; only the named group can confirm or dispute it."""
    url = reverse("web:outside", args=[shared.pk])
    carol = signed_in(cast.carol)
    assert carol.post(url, form_data("record", made_by=cast.group.pk, summary="Budget set",
                                     **date_parts("made_on", "31", "3", "2026"))).status_code == 302
    decision = OutsideDecision.objects.get(space=shared)
    assert str(decision.made_on) == "2026-03-31"
    refused = carol.post(url, form_data("answer", id=decision.pk, answer="confirm"))
    assert refused.status_code == 403
    assert "Only the group this decision is said to come from" in errors_in(
        refused.content.decode())[0]
    sam = signed_in(cast.sam)
    assert f'id="id_answer-answer-{decision.pk}"' in sam.get(url).content.decode()
    assert sam.post(url, form_data("answer", id=decision.pk, answer="dispute",
                                   reason="We never agreed")).status_code == 302
    decision.refresh_from_db()
    assert decision.state == "disputed"


def test_comments_on_spaces_and_proposals(cast, shared, signed_in):
    """Holders comment on the space and on a proposal; an empty comment is a form error."""
    sam = signed_in(cast.sam)
    url = reverse("web:space", args=[shared.pk])
    empty = sam.post(url, form_data("comment", body="  "))
    assert errors_in(empty.content.decode()) == ["Write your comment"]
    assert sam.post(url, form_data("comment", body="Hello all")).status_code == 302
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                       title="Lunch")
    assert sam.post(reverse("web:proposal", args=[proposal.pk]),
                    form_data("comment", body="Vegetarian please")).status_code == 302
    assert Comment.objects.filter(space=shared, proposal=proposal).count() == 1
    assert "Vegetarian please" in sam.get(reverse("web:proposal", args=[proposal.pk])
                                          ).content.decode()


def test_leaving_explains_then_confirms(cast, shared, signed_in):
    """The leave page says what happens (nothing deleted, the space closes with two groups);
    confirming leaves, and the space closes."""
    sam = signed_in(cast.sam)
    url = reverse("web:leave", args=[shared.pk])
    page = sam.get(url).content.decode()
    assert "Nothing is deleted." in page and "the space closes for good" in page
    assert sam.post(url, form_data("leave", party=cast.group.pk)).status_code == 302
    shared.refresh_from_db()
    assert shared.state == "closed"
    assert "This space is closed." in sam.get(reverse("web:space", args=[shared.pk])
                                              ).content.decode()


def test_only_a_coordinator_can_leave(cast, shared, signed_in):
    """Mo is a member, not a coordinator: the page says so and a POST is refused."""
    mo = signed_in(cast.mo)
    url = reverse("web:leave", args=[shared.pk])
    assert "Only a coordinator of your group can do this." in mo.get(url).content.decode()
    refused = mo.post(url, form_data("leave", party=cast.group.pk))
    assert refused.status_code == 403
    assert errors_in(refused.content.decode()) == [
        "Only a coordinator of the group can do this for the group."
    ]


def test_proposing_a_charter_change(cast, shared, signed_in):
    """The charter page proposes a new charter; it changes only when the proposal passes."""
    carol = signed_in(cast.carol)
    response = carol.post(reverse("web:charter", args=[shared.pk]), form_data(
        "charter", title="Add payment", purpose="Make the day service better together.",
        payment="£14 an hour",
    ))
    proposal = Proposal.objects.get(space=shared, kind="charter")
    assert response["Location"] == reverse("web:proposal", args=[proposal.pk])
    assert proposal.charter["payment"] == "£14 an hour"
    assert "£14 an hour" in carol.get(reverse("web:proposal", args=[proposal.pk])).content.decode()


def test_own_space_guests_are_invited_and_removed(cast, own, signed_in):
    """The host invites a guest (it joins only when its coordinator says yes) and can stop
    involving a guest; the history says so."""
    carol = signed_in(cast.carol)
    url = reverse("web:space", args=[own.pk])
    assert carol.post(url, form_data("invite", party=cast.outsiders.pk)).status_code == 302
    invitation = own.invitations.get(party=cast.outsiders, state="open")
    olive = signed_in(cast.olive)
    assert "Say yes" in olive.get(url).content.decode()
    assert olive.post(url, {"form": "decline", "decline-id": invitation.pk}).status_code == 302
    # Asked first, naming the group; done only after "Yes".
    asked = carol.post(url, {"form": "remove", "remove-id": cast.guests.pk}).content.decode()
    assert "Stop involving Carers forum?" in asked
    # The group can be invited again: not said to be beyond undoing.
    assert "You can invite them again later." in asked and "cannot be undone" not in asked
    assert own.tenures.filter(party=cast.guests, ended_at__isnull=True).exists()
    assert carol.post(url, hidden_fields(asked)).status_code == 302
    history = carol.get(reverse("web:history", args=[own.pk])).content.decode()
    assert "Council team stopped involving Carers forum." in history


def test_a_guest_cannot_remove_a_guest(cast, own, signed_in):
    """Only the host runs its own space: the refusal names the rule."""
    refused = signed_in(cast.gil).post(reverse("web:space", args=[own.pk]),
                                       {"form": "remove", "remove-id": cast.guests.pk})
    assert refused.status_code == 403
    assert errors_in(refused.content.decode()) == [
        "Only the group that holds this space can do this here."
    ]


def test_groups_are_made_and_run_by_their_coordinators(cast, signed_in):
    """Make a group, add a member with a role, change the rule; members cannot."""
    carol = signed_in(cast.carol)
    response = carol.post(reverse("web:party_new"), form_data(
        "party", name="Health board", kind="organisation", decision_rule="all",
        power_sources=["money", "mandate"],
    ))
    party = Party.objects.get(name="Health board")
    assert response["Location"] == reverse("web:party", args=[party.pk])
    url = reverse("web:party", args=[party.pk])
    assert carol.post(url, form_data("member", email="new@example.org", roles=["speaker"])
                      ).status_code == 302
    membership = Membership.objects.get(party=party, person__email="new@example.org")
    assert membership.is_speaker and not membership.is_coordinator
    assert carol.post(url, form_data("rule", decision_rule="majority", quorum="2",
                                     power_sources=["money"])).status_code == 302
    party.refresh_from_db()
    assert (party.decision_rule, party.quorum, party.power_sources) == ("majority", 2, ["money"])
    refused = signed_in(cast.sam).post(reverse("web:party", args=[cast.council.pk]),
                                       form_data("rule", decision_rule="all"))
    assert refused.status_code == 403


def test_space_form_errors_are_listed_and_linked(cast, signed_in):
    """Missing fields are each listed in the error summary with a link to the field."""
    response = signed_in(cast.carol).post(reverse("web:space_new"),
                                          form_data("space", kind="shared"))
    html = response.content.decode()
    errors = errors_in(html)
    assert "Enter a name for the space" in errors and "Say what the space is for" in errors
    # A shared space's own needs are listed at once with the rest, not on the next try.
    assert "Choose at least one other group." in errors
    assert "Write why you work together: a shared space needs a charter." in errors
    assert 'href="#id_space-title"' in html and 'href="#id_space-charter_purpose"' in html
    shared = signed_in(cast.carol).post(reverse("web:space_new"), form_data(
        "space", title="T", purpose="P", party=cast.council.pk, kind="shared",
        claimed_approach="coproduction", others=[cast.group.pk],
    ))
    assert errors_in(shared.content.decode()) == [
        "Write why you work together: a shared space needs a charter."
    ]


def test_a_person_without_a_coordinator_role_cannot_make_spaces(cast, signed_in):
    """Owen coordinates no group: the page says who can make a space."""
    page = signed_in(cast.owen).get(reverse("web:space_new")).content.decode()
    assert "Only a group’s coordinator can make a space for it." in page


def test_the_host_changes_its_own_space_settings(cast, own, signed_in):
    """The host decides what guests may do; a guest cannot change it."""
    url = reverse("web:space", args=[own.pk])
    carol = signed_in(cast.carol)
    assert 'name="settings-guest_permissions"' in carol.get(url).content.decode()
    assert carol.post(url, form_data("settings", guest_permissions=["view"],
                                     claimed_approach="informing")).status_code == 302
    own.refresh_from_db()
    assert (own.guest_permissions, own.claimed_approach) == (["view"], "informing")
    gil = signed_in(cast.gil)
    assert 'name="settings-guest_permissions"' not in gil.get(url).content.decode()
    refused = gil.post(url, form_data("settings", guest_permissions=["view", "propose"],
                                      claimed_approach="coproduction"))
    assert refused.status_code == 403
    own.refresh_from_db()
    assert own.guest_permissions == ["view"]


@pytest.mark.parametrize(
    ("written", "amount"),
    [("1200.50", "1200.50"), ("£1,200.50", "1200.50"), ("1,200", "1200"), ("£ 40", "40"),
     ("  £12,345,678.9 ", "12345678.9")],
)
def test_an_amount_may_be_written_with_a_pound_sign_and_commas(written, amount):
    from decimal import Decimal

    from sharedspace.web.forms._base import AmountField

    assert AmountField(decimal_places=2, max_digits=14).clean(written) == Decimal(amount)


@pytest.mark.parametrize("written", ["1,20", "12,34.5", "£", "ten pounds", "1.2.3", "$40", "€40"])
def test_an_amount_that_is_not_clear_is_still_refused(written):
    from django.core.exceptions import ValidationError

    from sharedspace.web.forms._base import AmountField

    with pytest.raises(ValidationError):
        AmountField(decimal_places=2, max_digits=14).clean(written)


@pytest.mark.parametrize(("parts", "expected"), [
    (("31", "12", "2026"), "2026-12-31"), (("1", "2", "2027"), "2027-02-01"),
    ((" 09 ", "03", "2026"), "2026-03-09"), (("", "", ""), None),
])
def test_a_date_from_three_boxes(parts, expected):
    from sharedspace.web.forms._base import DateInputField

    found = DateInputField(required=False, subject="The day").clean(list(parts))
    assert (found.isoformat() if found else None) == expected


@pytest.mark.parametrize(("parts", "message", "wrong"), [
    (("31", "", "2026"), "The day must include a month", ("month",)),
    (("", "", "2026"), "The day must include a day and month", ("day", "month")),
    (("31", "2", "2026"), "The day must be a real date", ("day", "month", "year")),
    (("1", "May", "2026"), "The day must be a real date", ("month",)),
    (("1", "5", "26"), "Year must include 4 numbers", ("year",)),
])
def test_a_date_that_is_not_right_says_what_to_fix(parts, message, wrong):
    """GOV.UK's date messages, each naming the boxes to mark (`wrong_parts`)."""
    from django.core.exceptions import ValidationError

    from sharedspace.web.forms._base import DateInputField, wrong_parts

    with pytest.raises(ValidationError) as error:
        DateInputField(required=False, subject="The day").clean(list(parts))
    assert error.value.messages == [message]
    assert wrong_parts(error.value) == wrong
    # An error from elsewhere (a rule such as "not in the future") marks every box.
    assert wrong_parts(ValidationError("Not in the future")) == ("day", "month", "year")


def test_a_date_error_links_to_its_day_box(cast, shared, signed_in):
    """GOV.UK's date input: three labelled boxes in a fieldset; the error summary links to
    the first box; what was typed comes back."""
    html = signed_in(cast.carol).post(reverse("web:meetings", args=[shared.pk]), form_data(
        "schedule", title="Tea", **date_parts("day", "31", "2", "2026"), time="10:00",
    )).content.decode()
    assert 'href="#id_schedule-day_day"' in html
    assert 'class="govuk-date-input" id="id_schedule-day"' in html
    for part, value in (("day", "31"), ("month", "2"), ("year", "2026")):
        assert f'id="id_schedule-day_{part}" name="schedule-day_{part}" type="text" ' \
               f'inputmode="numeric" value="{value}"' in html


def test_an_outside_decision_cannot_be_dated_in_the_future(cast, shared, signed_in):
    import datetime as dt

    from django.utils import timezone

    later = timezone.localdate() + dt.timedelta(days=400)
    page = signed_in(cast.carol).post(reverse("web:outside", args=[shared.pk]), form_data(
        "record", made_by=cast.outsiders.pk, summary="The board chose the date.",
        **date_parts("made_on", str(later.day), str(later.month), str(later.year)),
    ))
    assert "The day it was decided cannot be in the future" in errors_in(page.content.decode())
    assert not OutsideDecision.objects.exists()


def test_groups_with_the_same_looking_name_can_be_told_apart_in_every_list(cast, own,
                                                                          signed_in):
    """Anyone can make a group, and names are not unique. A second "council team" (another
    case, another spacing) is told apart from the real one by its kind and the day it was
    made, in the lists where a host picks a group; a name used once is shown as it is."""
    from django.utils import timezone
    from django.utils.formats import date_format

    actions.person_create(email="copy@example.org", name="Copy")
    copier = Person.objects.get(email="copy@example.org")
    copy = actions.party_create(actor=copier, name="council  TEAM", kind="people",
                                decision_rule="majority")
    sam = signed_in(cast.sam)
    # The groups to share a space with are listed on the shared space's step.
    page = sam.get(reverse("web:space_new"), {"kind": "shared"}).content.decode()
    real_day = date_format(timezone.localtime(cast.council.created_at), "j F Y")
    copy_day = date_format(timezone.localtime(copy.created_at), "j F Y")
    assert f"Council team (organisation, made on {real_day})" in page
    assert f"council  TEAM (people with lived experience, made on {copy_day})" in page
    assert ">Carers forum<" in page or "Carers forum</label>" in page
    # The host's invitation list for its own space says the same.
    page = signed_in(cast.carol).get(reverse("web:space", args=[own.pk])).content.decode()
    assert f"council  TEAM (people with lived experience, made on {copy_day})" in page


@pytest.mark.parametrize(("written", "message"), [
    ("-5", "The amount must be more than zero."),
    ("50.555", "Write the pence with 2 numbers, like 120.50"),
    ("1234567890123", "That amount is too large"),
    ("ten", "Write the amount as a number, like 120.50"),
])
def test_amount_errors_are_ours_in_plain_words_in_both_languages(written, message):
    """Never Django's "Ensure this value is greater than or equal to 0." (nor its Welsh)."""
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from sharedspace.web.forms._base import AmountField

    field = AmountField(decimal_places=2, max_digits=14, min_value=0)
    with pytest.raises(ValidationError) as caught:
        field.clean(written)
    assert caught.value.messages == [message]
    with translation.override("cy"):
        with pytest.raises(ValidationError) as caught:
            field.clean(written)
        welsh = caught.value.messages[0]  # lazy: read in the language of the page
    assert welsh != message and "Sicrhewch" not in welsh and "Ensure" not in welsh


def test_a_copy_with_an_invisible_joiner_is_still_told_apart(cast, signed_in):
    """A zero-width non-joiner is allowed (some scripts need it), but it does not make a
    copy of "Carers forum" look different in the lists."""
    actions.person_create(email="copy2@example.org", name="Copy")
    copier = Person.objects.get(email="copy2@example.org")
    actions.party_create(actor=copier, name="Carers\u200c forum", kind="people",
                         decision_rule="majority")
    page = signed_in(cast.sam).get(reverse("web:space_new"), {"kind": "shared"}
                                   ).content.decode()
    assert page.count("Carers forum (people with lived experience, made on") == 1
    assert "Carers\u200c forum (people with lived experience, made on" in page
