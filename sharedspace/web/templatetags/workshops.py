"""``{% space_workshops %}``: the workshops of the space a perception check page is about,
each linking to its answers (and, while open, to its projector page), and the way to run one.

A tag, so the perception check's page lists them without its view knowing about workshops.
It reads through the workshop selectors with the page's viewer: one query after the check.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.context import Context
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sharedspace.workshops import selectors

from ..components import cell
from ..views.workshop_live import taking_answers
from ..views.workshops import workshop_state

register = template.Library()


@register.inclusion_tag("web/pages/workshop_list.html", takes_context=True)
def space_workshops(context: Context) -> dict[str, Any]:
    space = context["space"]
    found = selectors.workshops_overview(viewer=context["request"].user, space_id=space.pk)
    rows = []
    for workshop, people in found:
        workshop.space = space  # the page's own row: no query to see whether it is active
        started = date_format(timezone.localtime(workshop.opened_at), "j F Y, H:i")
        rows.append([
            cell(started, href=reverse("web:workshop_results", args=[workshop.pk])),
            cell(workshop_state(workshop)),
            cell(people, numeric=True),
            cell(_("Show on the big screen"),
                 href=reverse("web:workshop", args=[workshop.pk]),
                 hidden_text=_("the workshop started on %(day)s") % {"day": started})
            if taking_answers(workshop) else cell(""),
        ])
    return {
        "rows": rows,
        "head": [
            cell(_("Started")),
            cell(_("State")),
            cell(_("People who answered"), numeric=True),
            {"text": _("Big screen"), "hidden": True},
        ],
        "can_run": bool(context.get("can_manage")) and bool(context.get("active")),
        "open_href": reverse("web:workshop_open", args=[space.pk]),
    }
