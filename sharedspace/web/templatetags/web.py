"""Template components: every GOV.UK pattern comes from here, never hand-copied per page.

- ``{% field form.x %}`` renders a form field as the GOV.UK input, textarea, radios,
  checkboxes, select or file upload, with its label, hint and error message.
- ``{% component "panel" title=... %}…{% endcomponent %}`` renders a component template
  from ``web/components/`` around the enclosed content.
- ``{% error_summary form other_form %}`` lists every error of the given forms.
- ``{% icon "agree" %}`` draws one of our own SVG icons, hidden from screen readers.
- ``{% easyread "key" %}`` shows the easy-read version of an idea, when easy read is on.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms, template
from django.core.exceptions import NON_FIELD_ERRORS
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.context import Context
from django.template.defaultfilters import linebreaks_filter, linebreaksbr
from django.template.loader import get_template, render_to_string
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .. import easyread, present
from ..forms._base import DateWidget, wrong_parts

register = template.Library()


# --- form fields -------------------------------------------------------------------------


def _kind(widget: forms.Widget) -> str:
    if isinstance(widget, DateWidget):
        return "date_input"
    # CheckboxSelectMultiple is a subclass of RadioSelect in Django: test it first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    if isinstance(widget, forms.FileInput):
        return "file_upload"
    return "input"


def _selected(bound: forms.BoundField) -> set[str]:
    value = bound.value()
    if value is None:
        return set()
    if isinstance(value, (list, tuple)):
        return {str(v) for v in value}
    return {str(value)}


@register.simple_tag(takes_context=True)
def field(context: Context, bound: forms.BoundField, **options: Any) -> SafeString:
    """One form field as the matching GOV.UK component."""
    kind = _kind(bound.field.widget)
    attrs = dict(bound.field.widget.attrs)
    field_id = bound.auto_id
    errors = list(bound.errors)
    selected = _selected(bound)
    items = []
    if kind in ("radios", "checkboxes", "select"):
        choices = getattr(bound.field, "choices", [])
        for index, (value, label) in enumerate(choices):
            items.append(
                {
                    "id": field_id if index == 0 else f"{field_id}-{index}",
                    "value": "" if value is None else str(value),
                    "label": label,
                    "checked": str(value) in selected,
                    "hint": options.get("hints", {}).get(str(value), ""),
                }
            )
    value = bound.value()
    if kind == "input" and isinstance(bound.field.widget, forms.PasswordInput):
        value = ""
    parts = []
    if kind == "date_input":
        widget = bound.field.widget
        assert isinstance(widget, DateWidget)  # noqa: S101 - kind says so
        values = value if isinstance(value, (list, tuple)) else widget.decompress(value)
        labels = {"day": _("Day"), "month": _("Month"), "year": _("Year")}
        # GOV.UK: mark only the boxes the shown error is about (a missing month: the month).
        wrong = wrong_parts(bound.errors.as_data()[0]) if errors else ()
        parts = [
            {"id": f"{field_id}_{part}", "name": f"{bound.html_name}_{part}",
             "label": labels[part], "value": "" if v is None else v,
             "width": 4 if part == "year" else 2, "error": part in wrong}
            for part, v in zip(DateWidget.PARTS, values, strict=False)
        ]
    data = {
        "bound": bound,
        "id": field_id,
        "name": bound.html_name,
        "label": options.get("label", bound.label),
        "heading": options.get("heading", False),
        "hint": options.get("hint", bound.help_text),
        "errors": errors,
        "error": errors[0] if errors else "",
        "value": "" if value is None else value,
        "checked": bool(value) if kind == "checkbox" else False,
        "items": items,
        "parts": parts,
        "required": bound.field.required,
        "input_type": getattr(bound.field.widget, "input_type", "text"),
        "autocomplete": attrs.get("autocomplete", ""),
        "spellcheck": attrs.get("spellcheck", ""),
        "inputmode": attrs.get("inputmode", ""),
        "accept": attrs.get("accept", ""),
        "width": options.get("width", attrs.get("width", "")),
        "rows": attrs.get("rows", 5),
        "inline": options.get("inline", False),
        "small": options.get("small", False),
        "easy_read": context.get("easy_read", False),
    }
    return render_to_string(f"web/components/{kind}.html", data)


# --- error summary -----------------------------------------------------------------------


def form_errors(form: forms.BaseForm) -> list[dict[str, str]]:
    """Each error of a bound form as ``{text, href}``: a link to its field where it has one."""
    found: list[dict[str, str]] = []
    if not form.is_bound:
        return found
    for message in form.non_field_errors():
        found.append({"text": str(message), "href": ""})
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS or name not in form.fields:
            continue
        # A date's error links to the first box it marks (GOV.UK's date input has no input
        # of its own): the month box for a missing month, the day box when all are marked.
        is_date = isinstance(form.fields[name].widget, DateWidget)
        for error in errors.as_data():
            first = "_" + wrong_parts(error)[0] if is_date else ""
            for text in error:
                found.append({"text": str(text), "href": "#" + form[name].auto_id + first})
    return found


@register.inclusion_tag("web/components/error_summary.html")
def error_summary(*sources: Any) -> dict[str, Any]:
    """The GOV.UK error summary over forms and plain messages, at the top of the main content."""
    errors: list[dict[str, str]] = []
    for source in sources:
        if source is None or source == "":
            continue
        if isinstance(source, forms.BaseForm):
            errors.extend(form_errors(source))
        elif isinstance(source, (list, tuple)):
            errors.extend(
                {"text": str(item), "href": ""} if not isinstance(item, dict) else item
                for item in source
            )
    return {"errors": errors}


# --- block components --------------------------------------------------------------------


class ComponentNode(template.Node):
    def __init__(
        self, name: FilterExpression, kwargs: dict[str, FilterExpression], nodelist: NodeList
    ):
        self.name = name
        self.kwargs = kwargs
        self.nodelist = nodelist

    def render(self, context: Context) -> str:
        values = {key: value.resolve(context) for key, value in self.kwargs.items()}
        values["content"] = mark_safe(self.nodelist.render(context))  # noqa: S308 - rendered, escaped
        tpl = get_template(f"web/components/{self.name.resolve(context)}.html")
        return tpl.render(values)


@register.tag("component")
def do_component(parser: Parser, token: Token) -> ComponentNode:
    """``{% component "name" key=value … %}content{% endcomponent %}``."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("component needs a name")
    name = parser.compile_filter(bits[1])
    kwargs = {}
    for bit in bits[2:]:
        key, sep, value = bit.partition("=")
        if not sep:
            raise template.TemplateSyntaxError(f"component arguments are key=value, not {bit}")
        kwargs[key] = parser.compile_filter(value)
    nodelist = parser.parse(("endcomponent",))
    parser.delete_first_token()
    return ComponentNode(name, kwargs, nodelist)


# --- icons, easy read, money ---------------------------------------------------------------


@register.simple_tag
def icon(name: str, size: str = "") -> SafeString:
    """One of our own simple SVG icons, decorative: the words beside it say the same."""
    return render_to_string(f"web/icons/{name}.svg", {"size": size})


@register.inclusion_tag("web/components/easyread.html", takes_context=True)
def easyread_block(context: Context, key: str) -> dict[str, Any]:
    """The easy-read version of an idea: a picture and short sentences."""
    item = easyread.TEXTS[key]
    return {"show": context.get("easy_read", False), "icon": item.icon, "lines": item.lines}


@register.filter
def person_name(person: Any) -> str:
    """``{{ comment.author|person_name }}``: the name, or "Erased person" in the reader's
    language for someone who erased their personal data."""
    if not hasattr(person, "erased_at"):  # nothing there (a lookup that found nothing)
        return str(person or "")
    return present.person_name(person.name, person.erased_at)


@register.filter
def money(amount: Decimal | str | None, currency: str = "GBP") -> str:
    """An amount with its currency, in the reader's language: £1,234.50."""
    if amount is None:
        return ""
    value = Decimal(str(amount))
    text = number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
    symbols = {"GBP": "£", "EUR": "€", "USD": "$"}
    if currency in symbols:
        return f"{symbols[currency]}{text}"
    return f"{text} {currency}"


@register.filter
def labelled(row: list[dict[str, Any]], head: list[dict[str, Any]]) -> list[tuple[Any, Any]]:
    """``{% for cell, label in row|labelled:head %}``: each cell with its column's heading,
    which a phone shows above the cell when the table is drawn as a stack of cards. A
    visually hidden heading gives no label."""
    labels = [("" if h.get("hidden") else h.get("text", "")) for h in head]
    labels += [""] * (len(row) - len(labels))
    return list(zip(row, labels, strict=False))


@register.filter(is_safe=True, needs_autoescape=True)
def written(text: str, autoescape: bool = True) -> SafeString:
    """Text a person wrote (a comment, a proposal's text, notes): its paragraphs, escaped, in
    a block that takes its direction from the text itself (``dir="auto"``). A comment in
    Urdu or Arabic then reads right to left, and characters that turn the direction of the
    text after them (allowed here, as writers of those languages need them) stop at the
    block's edge: they cannot change how the page around it reads."""
    return format_html('<div class="app-written" dir="auto">{}</div>',
                       linebreaks_filter(text, autoescape))


@register.filter(is_safe=True, needs_autoescape=True)
def written_inline(text: str, autoescape: bool = True) -> SafeString:
    """``written`` for a few words inside a sentence (a position's reason): isolated in a
    ``<bdi>``, so its direction cannot spill into the sentence around it."""
    return format_html("<bdi>{}</bdi>", linebreaksbr(text, autoescape))
