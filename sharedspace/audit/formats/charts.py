"""Line charts of a count per party per month (participation, initiative over time).

``layout`` computes the picture (pure geometry, used by the web pages' templates too);
``svg`` draws it as a standalone SVG for the HTML and PDF reports. Each line differs by
colour, by dash pattern and by the shape of its points, and a key names it, so colour is never
the only cue; the figures are always given as a table beside the picture as well.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from html import escape
from typing import Any

SERIES_STYLES = (
    ("#1d70b8", "", "circle"),
    ("#d4351c", "10 5", "square"),
    ("#00703c", "3 4", "triangle"),
    ("#4c2c92", "14 4 3 4", "diamond"),
    ("#f47738", "6 6", "circle"),
    ("#505a5f", "2 8", "square"),
)
MAX_SERIES = len(SERIES_STYLES)
MAX_MONTHS = 24
LEFT, RIGHT, TOP, BOTTOM = 60.0, 620.0, 40.0, 240.0


def month_range(months: Sequence[str]) -> list[str]:
    """Every month from the first to the last (so gaps show as 0), at most the last 24."""
    if not months:
        return []
    first, last = min(months), max(months)
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out[-MAX_MONTHS:]


def nice_top(n: int) -> int:
    """The top of the value axis: at least the largest value, a round number."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if n <= step * 4:
            return max(step * math.ceil(max(n, 1) / step), step)
    return int(math.ceil(n / 1000) * 1000)


def marker(shape: str, x: float, y: float) -> str:
    """The points of a marker polygon (a circle is drawn as a circle)."""
    if shape == "square":
        return (
            f"{x - 5:.1f},{y - 5:.1f} {x + 5:.1f},{y - 5:.1f} {x + 5:.1f},{y + 5:.1f} "
            f"{x - 5:.1f},{y + 5:.1f}"
        )
    if shape == "triangle":
        return f"{x:.1f},{y - 6:.1f} {x + 6:.1f},{y + 5:.1f} {x - 6:.1f},{y + 5:.1f}"
    return f"{x:.1f},{y - 7:.1f} {x + 7:.1f},{y:.1f} {x:.1f},{y + 7:.1f} {x - 7:.1f},{y:.1f}"


def order(
    by_party: Mapping[str, Mapping[str, int]], focus: Sequence[str], name: Callable[[str], str]
) -> list[str]:
    """The focus parties first, then the others, the most active first."""
    return [p for p in focus if p in by_party] + sorted(
        (p for p in by_party if p not in focus), key=lambda p: (-sum(by_party[p].values()), name(p))
    )


def layout(
    by_party: Mapping[str, Mapping[str, int]],
    months: Sequence[str],
    parties: Sequence[str],
    name: Callable[[str], str],
) -> dict[str, Any]:
    """The geometry of the chart: axes, ticks, month labels and one line per party (at most
    six: the table beside it holds every party). Months with no record count 0."""
    axis = month_range(list(months))
    drawn = list(parties)[:MAX_SERIES]
    top = nice_top(max((by_party[p].get(m, 0) for p in drawn for m in axis), default=0))
    step = (RIGHT - LEFT) / (len(axis) - 1) if len(axis) > 1 else 0.0

    def x_of(i: int) -> float:
        return LEFT + i * step if len(axis) > 1 else (LEFT + RIGHT) / 2

    def y_of(v: int) -> float:
        return BOTTOM - (BOTTOM - TOP) * v / top

    series = []
    for k, p in enumerate(drawn):
        colour, dash, shape = SERIES_STYLES[k]
        points = [(x_of(i), y_of(by_party[p].get(m, 0))) for i, m in enumerate(axis)]
        key_y = 300 + 26 * k
        series.append(
            {
                "party": p,
                "name": name(p),
                "colour": colour,
                "dash": dash,
                "shape": shape,
                "points": " ".join(f"{x:.1f},{y:.1f}" for x, y in points),
                "markers": [
                    {"x": f"{x:.1f}", "y": f"{y:.1f}", "poly": marker(shape, x, y)}
                    for x, y in points
                ],
                "key_y": key_y,
                "key_line_y": key_y - 4,
                "key_marker": marker(shape, 90, key_y - 4),
            }
        )
    every = max(1, math.ceil(len(axis) / 8))
    ticks = sorted({0, top // 2 if top % 2 == 0 else 0, top})
    return {
        "axis": axis,
        "empty": not axis,
        "one_month": len(axis) == 1,
        "more_parties": len(parties) > MAX_SERIES,
        "height": 300 + 26 * len(series),
        "series": series,
        "ticks": [{"y": f"{y_of(v):.1f}", "v": v} for v in ticks],
        "months": [
            {"x": f"{x_of(i):.1f}", "label": m}
            for i, m in enumerate(axis)
            if i % every == 0 or i == len(axis) - 1
        ],
        "left": LEFT,
        "right": RIGHT,
        "top": TOP,
        "bottom": BOTTOM,
        "tick_x": LEFT - 8,
        "month_y": BOTTOM + 22,
        "axis_label_y": BOTTOM + 44,
        "desc": "; ".join(
            f"{name(p)}: " + ", ".join(f"{m} {by_party[p].get(m, 0)}" for m in axis) for p in drawn
        ),
    }


def svg(
    chart: Mapping[str, Any], *, ident: str, title: str, measure: str, month_word: str = "Month"
) -> str:
    """The chart as a standalone SVG with a title and a description."""
    e = escape
    out = [
        f"<svg role='img' aria-labelledby='{ident}-title {ident}-desc' "
        f"viewBox='0 0 660 {chart['height']}' width='100%' xmlns='http://www.w3.org/2000/svg'>"
        f"<title id='{ident}-title'>{e(title)}</title>"
        f"<desc id='{ident}-desc'>{e(measure)}. {e(chart['desc'])}</desc>"
        f"<text x='14' y='24' font-size='15'>{e(measure)}</text>"
        f"<line x1='{LEFT}' y1='{BOTTOM}' x2='{RIGHT}' y2='{BOTTOM}' stroke='#0b0c0c' "
        "stroke-width='2'/>"
        f"<line x1='{LEFT}' y1='{TOP}' x2='{LEFT}' y2='{BOTTOM}' stroke='#0b0c0c' "
        "stroke-width='2'/>"
    ]
    for t in chart["ticks"]:
        out.append(
            f"<text x='{chart['tick_x']}' y='{t['y']}' text-anchor='end' "
            f"dominant-baseline='middle' font-size='14'>{t['v']}</text>"
            f"<line x1='{LEFT}' y1='{t['y']}' x2='{RIGHT}' y2='{t['y']}' "
            "stroke='#b1b4b6' stroke-width='1'/>"
        )
    for m in chart["months"]:
        out.append(
            f"<text x='{m['x']}' y='{chart['month_y']}' text-anchor='middle' "
            f"font-size='13'>{e(m['label'])}</text>"
        )
    out.append(
        f"<text x='340' y='{chart['axis_label_y']}' text-anchor='middle' "
        f"font-size='14'>{e(month_word)}</text>"
    )
    for s in chart["series"]:
        dash = f" stroke-dasharray='{s['dash']}'" if s["dash"] else ""
        if not chart["one_month"]:
            out.append(
                f"<polyline points='{s['points']}' fill='none' stroke='{s['colour']}' "
                f"stroke-width='3'{dash}/>"
            )
        for p in s["markers"]:
            out.append(_marker_svg(s, p["x"], p["y"], p["poly"]))
        out.append(
            f"<line x1='60' y1='{s['key_line_y']}' x2='120' y2='{s['key_line_y']}' "
            f"stroke='{s['colour']}' stroke-width='3'{dash}/>"
            + _marker_svg(s, "90", str(s["key_line_y"]), s["key_marker"])
            + f"<text x='132' y='{s['key_y']}' font-size='15'>{e(s['name'])}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def _marker_svg(series: Mapping[str, Any], x: str, y: str, poly: str) -> str:
    if series["shape"] == "circle":
        return f"<circle cx='{x}' cy='{y}' r='5' fill='{series['colour']}'/>"
    return f"<polygon points='{poly}' fill='{series['colour']}'/>"


def month_rows(
    by_party: Mapping[str, Mapping[str, int]], axis: Sequence[str], parties: Sequence[str]
) -> list[list[Any]]:
    """The table beside the chart: one row a month, one column a party."""
    return [[m, *(by_party[p].get(m, 0) for p in parties)] for m in axis]
