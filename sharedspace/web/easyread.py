"""The easy-read texts: one idea per sentence, 15 words at most, each with a picture.

Written for this service (not generated). ``tests/web/test_easyread.py`` checks every
sentence, in English and Welsh, for its length and for being one sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MAX_WORDS = 15

#: A group's name in an easy-read sentence is cut to this many words (and "…"), so the
#: sentence stays within MAX_WORDS however long the name (``NAMED``, ``named``).
NAME_WORDS = 5


@dataclass(frozen=True)
class EasyRead:
    icon: str
    lines: tuple[Promise | str, ...]


TEXTS: dict[str, EasyRead] = {
    "about": EasyRead("shared_space", (
        _("Shared Space helps groups work together."),
        _("It shows who really decides things."),
        _("It keeps a record that everyone can check."),
    )),
    "my_space": EasyRead("my_space", (
        _("My space is our own group's space."),
        _("We decide what happens here."),
        _("We can invite other groups in as guests."),
    )),
    # Shown when the host cannot be named; NAMED["your_space"] names it.
    "your_space": EasyRead("your_space", (
        _("This space belongs to another group."),
        _("Your group is a guest here."),
        _("They decide what happens."),
        _("They can stop involving us at any time."),
    )),
    "shared_guest": EasyRead("your_space", (
        _("This space belongs to the groups that hold it."),
        _("Your group is a guest here."),
        _("Those groups decide together what happens."),
        _("Together they can stop involving your group."),
    )),
    # DESIGN §4 rules 5, 7 and 10, as they are: not "every group must agree".
    "shared_space": EasyRead("shared_space", (
        _("A shared space belongs to all the groups in it."),
        _("Every group must answer."),
        _("Nothing is decided if a group says no."),
        _("At least one group must say yes."),
        _("No group can throw another group out."),
        _("A group can take back its own money that is not spent."),
        _("It can do that alone, but the record shows it."),
        _("Any group can choose to leave."),
    )),
    "sign_in": EasyRead("invitation", (
        _("Write your email address."),
        _("We send you an email with a link."),
        _("Click the link to sign in."),
        _("You do not need a password."),
    )),
    "dashboard": EasyRead("my_space", (
        _("This page shows all your spaces."),
        _("They are in three lists."),
        _("Your own spaces, spaces where you are guests, and shared spaces."),
    )),
    "invitations": EasyRead("invitation", (
        _("Another group has invited your group."),
        _("You can say yes or no."),
        _("Nobody can join your group to a space without your answer."),
    )),
    # A shared space's; an own space's is NAMED["proposals_own"] (SpacePage.easy_by_kind).
    "proposals": EasyRead("decision", (
        _("A proposal is an idea for the space to decide."),
        _("Each group that holds the space must answer."),
        _("A group can agree, object or stand aside."),
    )),
    "agree": EasyRead("agree", (
        _("Agree means yes, we are happy with this."),
    )),
    "object": EasyRead("object", (
        _("Object means no, not like this."),
        _("You must say why."),
        _("Say what would make it OK for you."),
    )),
    "stand_aside": EasyRead("stand_aside", (
        _("Stand aside means we will not stop it."),
        _("But we do not want to join in."),
    )),
    # A shared space's; an own space's is NAMED["outcome_own"].
    "outcome": EasyRead("decision", (
        _("In a shared space a proposal passes when no group objects."),
        _("At least one group must agree."),
        _("If a group does not answer, nothing is decided."),
    )),
    "views": EasyRead("your_space", (
        _("Guests can give their views."),
        _("Their views are shown to everyone."),
        _("But only the host decides."),
    )),
    "money": EasyRead("money", (
        _("This is the money for this space."),
        _("Everyone in the space can see it."),
        _("It shows who gave money and what was spent."),
        _("In a shared space, no money is spent if a group says no."),
        _("And at least one group must say yes."),
        _("A group can take back its own money that is not spent."),
    )),
    "outside": EasyRead("meeting", (
        _("Some decisions are made somewhere else."),
        _("We write them down here so everyone knows."),
        _("The group that made the decision can say if it is right."),
    )),
    "outside_named": EasyRead("decision", (
        _("Another group wrote down decisions made somewhere else."),
        _("They say your group made these decisions."),
        _("Your group can say if that is right."),
        _("A coordinator or speaker of your group gives the answer."),
    )),
    "outside_decision": EasyRead("decision", (
        _("Another group wrote down this decision."),
        _("They say your group made it."),
        _("Say yes if your group made this decision."),
        _("Say no if that is not what your group decided."),
        _("Only a coordinator or speaker can answer for your group."),
    )),
    "meetings": EasyRead("meeting", (
        _("Here you can plan meetings of this space."),
        _("The agenda is the list of things to talk about."),
        _("Anyone who can make proposals can add to the agenda."),
        _("Notes say what was said at the meeting."),
        _("Action points say who will do what, and by when."),
    )),
    "meeting": EasyRead("meeting", (
        _("This page is about one meeting."),
        _("It says when and where the meeting is."),
        _("You can add things to talk about to the agenda."),
        _("After the meeting, someone writes the notes here."),
        _("Action points say who will do what."),
    )),
    "learning_set": EasyRead("meeting", (
        _("This page is about one action learning set."),
        _("A few people each bring a question from their work."),
        _("The group asks them questions to help them think."),
        _("Each presenter chooses what they will do next."),
        _("At the next set, they say what they did and learned."),
    )),
    "history": EasyRead("record", (
        _("This is the record of everything important in this space."),
        _("Nobody can change the record."),
        _("The computer checks that nothing was changed."),
    )),
    "leave": EasyRead("leave", (
        _("Your group can leave this space at any time."),
        _("Nothing is deleted when you leave."),
        _("You can still read what you could read before."),
        _("A shared space closes when fewer than two groups are left."),
    )),
    "stopped_involving": EasyRead("stop", (
        _("Those who decide here stopped involving your group."),
        _("Your group cannot take part here any more."),
        _("You can still read this space."),
    )),
    "left_space": EasyRead("leave", (
        _("Your group left this space."),
        _("Your group cannot take part here any more."),
        _("You can still read this space."),
    )),
    "stop_involving": EasyRead("stop", (
        _("You can stop involving a guest group at any time."),
        _("They do not have to agree."),
        _("They cannot take part any more."),
        _("They can still read this space, also what happens later."),
        _("The history shows that you stopped involving them."),
    )),
    # A shared space's; an own space's is NAMED["charter_own"].
    "charter": EasyRead("record", (
        _("The charter is the agreement of a shared space."),
        _("It says how the groups work together."),
        _("Every group must answer."),
        _("It changes only if no group says no, and one says yes."),
    )),
    "comments": EasyRead("meeting", (
        _("Here people can talk about the work."),
        _("Everyone in the space can read what you write."),
    )),
    # For someone whose group may read the discussion but not write in it now (its group
    # left, or the space is closed); NAMED["comments_read"] says who did not allow it.
    "comments_read": EasyRead("meeting", (
        _("Here people can talk about the work."),
        _("Your group can read it."),
        _("Your group cannot write here now."),
    )),
    "party": EasyRead("meeting", (
        _("This page is about your group."),
        _("It shows who is in the group."),
        _("It shows how your group makes decisions."),
    )),
    "new_space": EasyRead("shared_space", (
        _("You can make a space for your own group."),
        _("Or you can make a shared space with other groups."),
        _("A shared space starts when every group says yes."),
    )),
    "perception": EasyRead("shared_space", (
        _("A perception check asks everyone the same questions about power."),
        _("Each person answers on their own, for their own group."),
        _("Then we see how each group sees things."),
        _("We can ask again later to see what changed."),
    )),
    "perception_answer": EasyRead("my_space", (
        _("Say who you think has the power."),
        _("There are no wrong answers."),
        _("Nobody sees your name next to your answers."),
        _("You can skip a question."),
        _("You can change your answers until the check is closed."),
    )),
    "perception_results": EasyRead("record", (
        _("Here you see each group's answers side by side."),
        _("We show where the groups see things differently."),
        _("We also show what the record says."),
    )),
    "tokens": EasyRead("record", (
        _("A token lets another computer program use your account."),
        _("You only need one to connect another program."),
        _("Keep it secret, like a password."),
        _("You can stop a token at any time."),
    )),
    "erase": EasyRead("leave", (
        _("You can take your name and email out of Shared Space."),
        _("What you did stays in the record, without your name."),
        _("Your comments on published work stay for everyone to read."),
        _("You leave all your groups."),
        _("You cannot sign in to this account again."),
        _("You cannot undo this."),
    )),
    "audit_import": EasyRead("record", (
        _("Some groups work together on another website."),
        _("You can send us the records from that website."),
        _("We check who really had power there."),
        _("It can take a few minutes for a big file."),
    )),
    "audit_import_report": EasyRead("decision", (
        _("This report shows who really decided things."),
        _("Some rows in the file could not be read."),
        _("We tell you which rows, and why."),
    )),
    "audit_import_csv": EasyRead("record", (
        _("You can write your own record in a spreadsheet."),
        _("Each row says when, which group, what it did, and where."),
        _("Download our example to see how."),
        _("Save your sheet as a CSV file and send it to us."),
    )),
    "audit_import_nothing_read": EasyRead("stop", (
        _("We could not read any records in this file."),
        _("So we cannot measure anything."),
        _("Check your file, then send it again."),
    )),
    # The power audit in easy read (web/views/auditeasy.py): each word of the ladder in plain
    # words, said where the audit first uses it.
    "audit_informing": EasyRead("record", (
        _("Informing means one group tells others what it has decided."),
    )),
    "audit_consultation": EasyRead("record", (
        _("Consultation means one group asks what others think, then decides alone."),
    )),
    "audit_engagement": EasyRead("record", (
        _("Engagement means others can suggest ideas, but one group still decides."),
    )),
    "audit_co-design": EasyRead("record", (
        _("Co-design means groups plan together, but one group has more power."),
    )),
    "audit_coproduction": EasyRead("record", (
        _("Coproduction means all the groups share power and decide together as equals."),
    )),
    "your_name": EasyRead("my_space", (
        _("Write the name you want people to see."),
        _("People in your groups see this name."),
        _("Everyone sees it on your comments on published work."),
        _("You can keep the name we wrote for you."),
        _("You can change it later."),
    )),
    "page_expired": EasyRead("stop", (
        _("Sorry, this did not work."),
        _("The page was open for too long."),
        _("Or you signed in on another page."),
        _("Go back and load the page again."),
        _("Then try again."),
    )),
    # Every confirm page's own easy read names its buttons, so it is in confirm.html; a
    # Confirm(…, easy_read=key) adds one of these about what the action does.
    "call_off": EasyRead("meeting", (
        _("The meeting will not happen."),
        _("Nobody can add anything to it after this."),
        _("Everyone in the space can see that it will not happen."),
    )),
    "how_we_decide": EasyRead("decision", (
        _("Your group decides its own answer."),
        _("Each member can give an answer."),
        _("The group answer shows when enough members have answered."),
    )),
    # The space overview's "Workshops" part (web/partials/space_workshops.html).
    "workshops": EasyRead("meeting", (
        _("A workshop asks everyone in the room the same questions."),
        _("People answer on their phones."),
        _("They do not need an account."),
        _("Nobody sees who gave which answer."),
        _("Then you see each side's answers next to each other."),
    )),
    # The dashboard's list of workshops open now.
    "workshops_open": EasyRead("meeting", (
        _("A workshop is open now in a space you are part of."),
        _("People answer on their phones."),
        _("Show the big screen so people can join."),
        _("Nobody sees who gave which answer."),
    )),
    # Published work and critical friends (ADR 36): the list, one piece of work, a proposal.
    "published": EasyRead("knowledge", (
        _("Here groups share their work with everyone."),
        _("In a shared space, no group can publish alone."),
        _("Anyone can read the work."),
        _("Anyone signed in can write a comment on it."),
    )),
    "critical_friends": EasyRead("understand", (
        _("This work is public."),
        _("A critical friend is someone from outside the work."),
        _("They say honestly what they think of it."),
        _("Anyone signed in can write a comment."),
        _("Everyone can see your comment and your name."),
    )),
    "friends_hidden_shared": EasyRead("stop", (
        _("The groups can hide a comment only if no group says no."),
        _("The page then says that a comment was hidden."),
    )),
    "friends_hidden_own": EasyRead("stop", (
        _("The group that owns the space can hide a comment."),
        _("The page then says that a comment was hidden."),
    )),
    "publish": EasyRead("knowledge", (
        _("If this is agreed, everyone can read it."),
        _("Anyone signed in can write a comment on it."),
        _("Nobody can take it back after that."),
    )),
}


#: Easy-read texts that name a group: ``%(who)s`` is filled in by ``named``, the name cut
#: to NAME_WORDS words. ``tests/web/test_easyread.py`` checks them with the longest name.
NAMED: dict[str, EasyRead] = {
    "your_space": EasyRead("your_space", (
        _("This space belongs to %(who)s."),
        _("Your group is a guest here."),
        _("%(who)s decides what happens."),
        _("%(who)s can stop involving your group at any time."),
    )),
    # In an own space only the host decides: the proposals, a proposal's outcome and the
    # charter say so, never "each group gives its answer" (TEXTS has the shared space's).
    "proposals_own": EasyRead("decision", (
        _("A proposal is an idea for the space to decide."),
        _("Only %(who)s decides here."),
        _("Answers from guests are views, not decisions."),
    )),
    "outcome_own": EasyRead("decision", (
        _("Only %(who)s decides here."),
        _("If %(who)s says yes, it is agreed."),
        _("If %(who)s says no, it is stopped."),
        _("Answers from guests are views, not decisions."),
    )),
    "charter_own": EasyRead("record", (
        _("The charter says how this space works."),
        _("Only %(who)s can change it."),
    )),
    # For someone whose group may read the discussion but not write in it: who decided.
    "comments_read": EasyRead("meeting", (
        _("Here people can talk about the work."),
        _("Your group can read it."),
        _("%(who)s did not let guests write here."),
    )),
}

#: Where easy read is on, a proposal's state in words a self-advocate uses. "Lapsed" is
#: "Ended with no decision", never "ran out of time": a proposal closed early lapses too.
STATES: dict[str, Promise] = {
    "open": _("Still open"),
    "passed": _("Agreed"),
    "blocked": _("Stopped: a group said no"),
    "lapsed": _("Ended with no decision"),
    "withdrawn": _("Taken back"),
}

#: In an own space only the host can say no: its easy-read state names it (``%(who)s``, cut
#: to NAME_WORDS words), not "a group".
OWN_STATES: dict[str, Promise] = {
    "blocked": _("Stopped: %(who)s said no"),
}

#: Where easy read is on, the parts of a space whose usual names are jargon.
TABS: dict[str, Promise] = {
    "outside": _("Decided somewhere else"),
    "perception": _("What we think about power"),
    "audit": _("Who really decides"),
    "charter": _("Our agreement"),
}


def short_name(name: str) -> str:
    """A group's name cut to NAME_WORDS words, with "…" when it was longer."""
    words = str(name).split()
    return " ".join(words[:NAME_WORDS]) + ("…" if len(words) > NAME_WORDS else "")


def named(key: str, who: str) -> EasyRead:
    """``NAMED[key]`` with ``who`` (a group's name, or words like "The groups holding this
    space") in its sentences."""
    item = NAMED[key]
    return EasyRead(item.icon, tuple(
        str(line) % {"who": short_name(who)} for line in item.lines
    ))
