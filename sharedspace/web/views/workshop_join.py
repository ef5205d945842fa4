"""Workshop mode for the people in the room: join with the code, say which side you are on,
answer one question a page, then a thank-you page. No account and no sign-in.

Answers are anonymous. The phone keeps a random key in a cookie (``KEY_COOKIE``) so it can
change its answers instead of adding new ones; the core stores only a digest of it, mixed
with the session, and nothing about the request (``sharedspace/workshops/actions.py``).

Two limits by network address (``web/ratelimit.py``, counted under a keyed digest of the
address, never the address itself), both far above what a room sharing one address needs
(docs/adr/0029): wrong codes (``WRONG_CODES`` in 15 minutes), and new people joining one
session (``NEW_PEOPLE`` a day). A right code is never refused to a room; only an address that
has typed ``GUESSING`` wrong codes in 15 minutes, which no room does, gets the same "too many
wrong codes" page for every code it has not joined yet, so a script cannot tell right from
wrong by carrying on.
"""

from __future__ import annotations

import secrets
from typing import Any, ClassVar

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from sharedspace.governance import exceptions as ex
from sharedspace.perception.questions import QUESTIONS
from sharedspace.workshops import actions, codes, selectors, tally
from sharedspace.workshops import exceptions as wex
from sharedspace.workshops.models import Workshop

from .. import ratelimit, reads
from ..forms.workshops import JoinForm, QuestionForm, SideForm
from ..models import RateLimitCount
from .auth import _client_address
from .base import FormMap, Page
from .workshop_live import taking_answers
from .workshop_words import EASY_READ, HINTS, refusal

#: The cookie that lets one phone change its own answers. Sent only to the join pages.
KEY_COOKIE = "workshop_key"
KEY_PATH = "/w/"
KEY_DAYS = 2

#: Wrong codes one address may type in ``CODES_WINDOW`` seconds before it is told to wait.
WRONG_CODES = 30
CODES_WINDOW = 15 * 60
#: Past this many wrong codes in the window, an address is guessing: every code it has not
#: joined gets the same page, right or wrong. A room that mistypes does not come near it.
GUESSING = 300
#: New people one address may add to one session in ``NEW_PEOPLE_WINDOW`` seconds: a room
#: of that size behind one venue's Wi-Fi still fits; a script cannot fill the session alone.
NEW_PEOPLE = 200
NEW_PEOPLE_WINDOW = 24 * 3600
# The rate limit's kinds of try.
WRONG_CODE_KIND = "workshop-wrong-code"
NEW_PERSON_KIND = "workshop-new-person"


def _counted_as(request: HttpRequest, *parts: str) -> str:
    """What the rate limit counts a try under: a keyed digest (with the site's secret) of the
    address and ``parts``, so its table cannot be read back into addresses by trying every
    IPv4 address, nor a session's counter linked to another's."""
    value = ":".join([*parts, _client_address(request)])
    return salted_hmac("sharedspace.workshops.ratelimit", value).hexdigest()


def _guessing(request: HttpRequest) -> bool:
    """Whether this address typed more than ``GUESSING`` wrong codes in its window. Read
    without counting a try (``ratelimit.hit`` always counts one)."""
    key = ratelimit._key(WRONG_CODE_KIND, _counted_as(request))
    return RateLimitCount.objects.filter(
        key=key, ends_at__gt=timezone.now(), count__gt=GUESSING
    ).exists()


def _stopped(
    request: HttpRequest, kind: str, *, status: int, joined: bool = False
) -> HttpResponse:
    """The page for a session that takes no more answers ("closed") or people ("full"), for
    an address that typed too many wrong codes ("codes"), or that added too many people to
    this session ("network"). A closed session thanks only a phone that ``joined`` it: one
    that opens its link afterwards is told it has finished."""
    easy = EASY_READ["closed_joined" if kind == "closed" and joined else kind]
    return render(request, "web/pages/workshop_stopped.html",
                  {"kind": kind, "easy": easy, "joined": joined}, status=status)


def wrong_code(request: HttpRequest) -> HttpResponse:
    """A code no session has: "could not find" (404), until this address has typed
    ``WRONG_CODES`` wrong codes in 15 minutes; then "too many wrong codes" (429)."""
    if ratelimit.hit(WRONG_CODE_KIND, _counted_as(request), limit=WRONG_CODES,
                     window=CODES_WINDOW):
        return not_found(request)
    return _stopped(request, "codes", status=429)


def not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "web/pages/workshop_not_found.html",
                  {"easy": EASY_READ["not_found"]}, status=404)


class JoinStart(Page):
    """``/w/``: a box for the code."""

    login_required = False
    once_keys = False  # sending a code twice is harmless, and keeps nothing (ADR 29)
    template_name = "web/pages/workshop_join.html"
    forms: ClassVar[FormMap] = {"code": JoinForm}

    def context(self) -> dict[str, Any]:
        return {"easy": EASY_READ["join"], "anonymous_page": True}

    def handle_code(self, form: JoinForm) -> HttpResponse:
        # A code no session has gets the plain "could not find" page, at its own address,
        # where it counts as a wrong code (``wrong_code``): once, not here as well.
        return redirect("web:workshop_side", code=form.cleaned_data["code"])


class ParticipantPage(Page):
    """A page of one session, found by its code alone. No sign-in; never kept in a cache."""

    login_required = False
    # Joining and answering give the same result when repeated, and a once-only key would
    # keep a time and a page for every answer (ADR 29: nothing of the kind is kept).
    once_keys = False
    workshop: Workshop

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        found = selectors.by_code(codes.normalise(kwargs["code"]))
        key = request.COOKIES.get(KEY_COOKIE, "")
        response: HttpResponseBase
        if found is None:
            response = wrong_code(request)
        else:
            mine = selectors.mine(found, key)
            if mine.side is None and _guessing(request):
                # The page a wrong code gets: a script guessing codes learns nothing more.
                response = _stopped(request, "codes", status=429)
            elif not taking_answers(found):
                response = _stopped(request, "closed", status=200,
                                    joined=mine.side is not None)
            else:
                self.workshop, self.key, self.mine = found, key, mine
                response = super().dispatch(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response

    def url(self, name: str, *args: Any) -> str:
        return reverse(f"web:{name}", args=[self.workshop.code, *args])

    def act(self, form: Any, call: Any) -> HttpResponse | None:
        """Call the core; a session that closed meanwhile, or is full, gets its own page; any
        other refusal goes on the form. None when it went through."""
        try:
            call()
        except (wex.WorkshopClosed, ex.SpaceClosed, ex.SpaceNotActive):
            return _stopped(self.request, "closed", status=409,
                            joined=self.mine.side is not None)
        except wex.WorkshopFull:
            return _stopped(self.request, "full", status=409)
        except ex.GovernanceError as error:
            form.add_error(None, refusal(error))
            return self.render_page({form.prefix: form}, status=error.status)
        return None

    def base_context(self) -> dict[str, Any]:
        # No "Sign in" in the menu: no one needs an account here (the header reads it).
        return {"workshop": self.workshop, "space_title": self.workshop.space.title,
                "anonymous_page": True}


class SidePage(ParticipantPage):
    """``/w/<code>/``: which side are you on? (Also where a phone changes its side.)"""

    template_name = "web/pages/workshop_side.html"
    forms: ClassVar[FormMap] = {"side": SideForm}

    def form_kwargs(self, name: str) -> dict[str, Any]:
        sides = selectors.sides(self.workshop.space)
        names = reads.party_names(sides)
        choices = [(s, names.get(s, s)) for s in sides if s != tally.UNSURE]
        return {"sides": [*choices, (tally.UNSURE, _("I am not sure"))]}

    def make_form(self, name: str, data: Any = None) -> SideForm:
        form = SideForm(data, prefix=name, **self.form_kwargs(name))
        if data is None and self.mine.side:
            form.initial["side"] = self.mine.side
        return form

    def context(self) -> dict[str, Any]:
        context = self.base_context()
        context.update(easy=EASY_READ["side"], joined=self.mine.side is not None)
        return context

    def handle_side(self, form: SideForm) -> HttpResponse:
        if self.mine.side is None and not ratelimit.hit(
            NEW_PERSON_KIND, _counted_as(self.request, self.workshop.pk),
            limit=NEW_PEOPLE, window=NEW_PEOPLE_WINDOW,
        ):
            return _stopped(self.request, "network", status=429)
        key = self.key or secrets.token_urlsafe(32)
        refused = self.act(form, lambda: actions.participant_join(
            workshop_id=self.workshop.pk, key=key, side=form.cleaned_data["side"]))
        if refused is not None:
            return refused
        response = redirect(self.url("workshop_question", 1))
        response.set_cookie(
            KEY_COOKIE, key, max_age=KEY_DAYS * 24 * 3600, path=KEY_PATH, httponly=True,
            samesite="Lax", secure=settings.SESSION_COOKIE_SECURE,
        )
        return response


class QuestionPage(ParticipantPage):
    """``/w/<code>/<n>/``: one question a page, with its picture; skip, go back, change."""

    template_name = "web/pages/workshop_question.html"
    forms: ClassVar[FormMap] = {"answer": QuestionForm}

    def load(self, **kwargs: Any) -> None:
        self.number = kwargs["number"]
        if not 1 <= self.number <= len(QUESTIONS):
            raise Http404
        self.question = QUESTIONS[self.number - 1]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.mine.side is None:  # not joined yet (or the cookie is gone): sides first
            return redirect(self.url("workshop_side"))
        return super().get(request, *args, **kwargs)

    def form_kwargs(self, name: str) -> dict[str, Any]:
        sides = [s for s in selectors.sides(self.workshop.space) if s != tally.UNSURE]
        names = reads.party_names(sides)
        return {"question": self.question, "parties": [(s, names.get(s, s)) for s in sides]}

    def make_form(self, name: str, data: Any = None) -> QuestionForm:
        form = QuestionForm(data, prefix=name, **self.form_kwargs(name))
        if self.question.key in HINTS:  # the perception check's hint does not fit here
            form.fields["answer"].help_text = str(HINTS[self.question.key])
        if data is None and self.question.key in self.mine.answers:
            form.initial["answer"] = self.mine.answers[self.question.key]
        return form

    def next_url(self) -> str:
        if self.number < len(QUESTIONS):
            return self.url("workshop_question", self.number + 1)
        return self.url("workshop_thanks")

    def context(self) -> dict[str, Any]:
        context = self.base_context()
        context.update(
            easy=EASY_READ["question"],
            question=self.question,
            number=self.number,
            count=len(QUESTIONS),
            back=self.url("workshop_question", self.number - 1)
            if self.number > 1 else self.url("workshop_side"),
            skip=self.next_url(),
        )
        return context

    def handle_answer(self, form: QuestionForm) -> HttpResponse:
        if self.mine.side is None:  # the cookie went away meanwhile: sides first
            return redirect(self.url("workshop_side"))
        refused = self.act(form, lambda: actions.answer_give(
            workshop_id=self.workshop.pk, key=self.key, question=self.question.key,
            answer=form.cleaned_data["answer"]))
        return refused or redirect(self.next_url())


class ThanksPage(ParticipantPage):
    """``/w/<code>/thanks/``: thank you; change your answers while the session is open."""

    template_name = "web/pages/workshop_thanks.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.mine.side is None:
            return redirect(self.url("workshop_side"))
        return super().get(request, *args, **kwargs)

    def context(self) -> dict[str, Any]:
        context = self.base_context()
        context.update(
            easy=EASY_READ["thanks"],
            answered=len(self.mine.answers),
            count=len(QUESTIONS),
            change=self.url("workshop_question", 1),
        )
        return context
