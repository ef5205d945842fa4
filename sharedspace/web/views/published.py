"""Published work and its critical friends' comments (ADR 36): pages anyone can read.

``/published/`` lists every publication, newest first, a page at a time; each publication
has its own page with its words, who published it and how, and the comments of critical
friends. Anyone signed in may comment (a few times in 15 minutes); the groups that hold the
space may propose removing a comment, from a link beside it. Nothing here shows the space
itself (its title or people) except to someone who may see it.
"""

from __future__ import annotations

from typing import Any, ClassVar
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sharedspace.governance import actions
from sharedspace.governance import exceptions as ex
from sharedspace.governance import policies as pol
from sharedspace.governance.choices import SpaceKind, SpaceState
from sharedspace.governance.models import Publication, PublicComment

from .. import forms as f
from .. import publications as pub
from .. import ratelimit, reads
from ..components import row
from .base import Confirm, FormMap, Page, sign_in_redirect

# Comments per person in a fixed 15-minute window (web/ratelimit.py): plenty for a
# conversation, too few to flood a page.
COMMENT_KIND = "public-comment"
COMMENT_LIMIT = 10

TOO_MANY_COMMENTS = gettext_lazy("You have written a lot of comments in a short time. "
                                 "Wait 15 minutes, then send it again.")
CHOOSE_NAME = gettext_lazy("Everyone can read your comment, with your name. So first, choose "
                           "the name that people will see, then send your comment again.")
CLOSED = gettext_lazy("The space this work came from is closed, so it takes no more "
                      "comments. You can still read it.")


# A critical friend takes back their own comment (ADR 36): asked first, it cannot be undone.
TAKE_BACK = Confirm(
    gettext_lazy("Take back your comment?"),
    gettext_lazy("Your comment is hidden from this page, and the page says that you took it "
                 "back. The history records it. The groups that hold the space keep its words "
                 "in their records."),
    gettext_lazy("Yes, take it back"),
)


class PublishedList(Page):
    """``/published/``: every publication, newest first, ``PAGE_SIZE`` a page (``?page=n``),
    each with its day and the groups that published it. A fixed number of queries."""

    template_name = "web/pages/published.html"
    login_required = False

    def load(self, **kwargs: Any) -> None:
        paginator = Paginator(pub.every_publication(), pub.PAGE_SIZE)
        self.page = paginator.get_page(self.request.GET.get("page"))

    def context(self) -> dict[str, Any]:
        items: list[Publication] = list(self.page.object_list)
        who = pub.publishers(items)
        page = self.page
        return {
            "items": [
                {"publication": p, "how": pub.how_published(p, who.get(p.pk)),
                 "friends": getattr(p, "friends", 0)}
                for p in items
            ],
            "page": page,
            "previous_href": f"?page={page.previous_page_number()}"
            if page.has_previous() else "",
            "next_href": f"?page={page.next_page_number()}" if page.has_next() else "",
        }


class PublicationPage(Page):
    """``/published/<id>/``: one piece of published work and its critical friends'
    comments, the newest ``COMMENTS_SHOWN`` (``?comments=all``: every one). Reading needs
    no sign-in; commenting does (a POST signed out goes to sign in, then back here)."""

    template_name = "web/pages/publication.html"
    login_required = False
    forms: ClassVar[FormMap] = {"comment": f.PublicCommentForm, "withdraw": f.IdForm}
    confirm: ClassVar[dict[str, Confirm]] = {"withdraw": TAKE_BACK}

    item: Publication

    def load(self, **kwargs: Any) -> None:
        found = pub.publication(kwargs["publication_id"])
        if found is None:
            raise Http404
        self.item = found

    @property
    def signed_in(self) -> bool:
        return bool(self.request.user.is_authenticated)

    @property
    def open_to_comments(self) -> bool:
        return self.item.space.state == SpaceState.ACTIVE

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.signed_in:  # the form is not shown signed out: sign in, then come back
            return sign_in_redirect(request)
        return super().post(request, *args, **kwargs)

    def show_form(self, name: str) -> bool:
        return self.signed_in and self.open_to_comments

    def own_comment(self, comment_id: str) -> PublicComment | None:
        """The viewer's own comment here that is still shown (None for any other)."""
        return PublicComment.objects.filter(
            pk=comment_id, publication=self.item, author_id=self.person.pk,
            removed_at__isnull=True).first()

    def confirm_needed(self, name: str, form: Any) -> bool:
        # Asked only when it would be done; otherwise the refusal is said at once.
        return self.open_to_comments and self.own_comment(form.cleaned_data["id"]) is not None

    def confirm_details(self, name: str, form: Any) -> list[dict[str, Any]]:
        mine = self.own_comment(form.cleaned_data["id"])
        return [row(_("Published work"), self.item.title),
                row(_("Your comment"), Truncator(mine.body if mine else "").chars(300))]

    def viewer_parties(self) -> set[str]:
        """The groups the signed-in viewer belongs to now (one query)."""
        return {m.party_id for m in reads.my_memberships(self.person)}

    def may_propose_removal(self) -> bool:
        """Whether the viewer may propose removing a comment here: someone whose group
        may make proposals in the space (its holders; in an own space, guests the host lets
        propose), while the space is active: as the space's own discussion offers it."""
        return (self.signed_in and self.open_to_comments
                and pol.allowed(pol.require_may_propose, self.person, self.item.space))

    def context(self) -> dict[str, Any]:
        item = self.item
        space = item.space
        who = pub.publishers([item]).get(item.pk)
        every = self.request.GET.get("comments") == "all"
        comments, older = pub.comments(item, every=every,
                                       publishers=who.party_ids if who else (),
                                       viewer=self.person.pk if self.signed_in else "")
        # Someone in a group that published this comments as an insider: told so first.
        ours = self.viewer_parties() if who and self.signed_in else set()
        mine = [name for party, name in who.parties if party in ours] if who else []
        may_remove = self.may_propose_removal()
        here = reverse("web:publication", args=[item.pk])
        sees_space = bool(pub.visible_spaces(self.person, [space.pk]))
        return {
            "publication": item,
            "how": pub.how_published(item, who),
            "shared": space.kind == SpaceKind.SHARED,
            "space": space if sees_space else None,
            "comments": comments,
            "me": self.person.pk if self.signed_in else "",
            "comments_older": older,
            "insider_of": pub.and_list(mine),
            "every_comment": every,
            "open_to_comments": self.open_to_comments,
            "signed_in": self.signed_in,
            "sign_in_href": reverse("web:sign_in") + "?" + urlencode(
                {"next": here + "#comments"}),
            "name_href": reverse("web:account_name") + "?" + urlencode(
                {"next": here + "#write"}),
            "remove_href": reverse("web:proposals", args=[space.pk]) + "?remove="
            if may_remove else "",
            "breadcrumbs": [{"text": _("Published work"), "href": reverse("web:published")}],
        }

    def handle_comment(self, form: f.PublicCommentForm) -> HttpResponse:
        if not self.person.name_chosen:  # sent from a page older than the name page
            form.add_error(None, CHOOSE_NAME)
            return self.render_page({"comment": form}, status=400)
        # Counted first, refused tries too, so the limit cannot be walked around; the count
        # stays when the page says no (a status of 400 or more is not rolled back: ADR 30).
        if not ratelimit.hit(COMMENT_KIND, self.person.pk, limit=COMMENT_LIMIT):
            form.add_error(None, TOO_MANY_COMMENTS)
            return self.render_page({"comment": form}, status=429)
        try:
            actions.public_comment_add(actor=self.person, publication_id=self.item.pk,
                                       body=form.cleaned_data["body"])
        except ex.SpaceClosed:
            # The core's words speak to the space's own people ("…you can still export
            # it"); a critical friend is told what it means for them.
            form.add_error(None, CLOSED)
            self.item.space.refresh_from_db()
            return self.render_page({"comment": form}, status=ex.SpaceClosed.status)
        return self.done(_("Your comment is added. Everyone can read it."),
                         reverse("web:publication", args=[self.item.pk]) + "#comments")

    def handle_withdraw(self, form: f.IdForm) -> HttpResponse:
        if (self.open_to_comments and not PublicComment.objects.filter(
                pk=form.cleaned_data["id"], publication=self.item).exists()):
            raise ex.NotFound  # a comment on other work is taken back from that work's page
        actions.public_comment_withdraw(actor=self.person, comment_id=form.cleaned_data["id"])
        return self.done(_("Your comment is taken back. The page says so."),
                         reverse("web:publication", args=[self.item.pk]) + "#comments")
