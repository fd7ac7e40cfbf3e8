"""The timeline of a silence procedure, as a standalone SVG picture.

:func:`timeline_svg` draws one procedure on a time axis in Astana time: the opening, every
comment, amendment and objection, extensions of the deadline, a withdrawal, the deadlines and
the outcome. It uses only the standard library (:mod:`xml.etree.ElementTree` builds the
document, so every piece of text is escaped and the result is well formed). What the engine
*can* do under a policy is the state diagram, in :mod:`cica_cbm.views.diagram`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import attrs

from ..core.clock import ASTANA, english_date, to_utc
from ..core.drafts import Draft, Paper
from ..core.errors import InvalidValueError
from ..core.silence import (
    AmendmentProposed,
    CommentSubmitted,
    DeadlineExtended,
    ObjectionRaised,
    ProcedureOpened,
    ProcedureWithdrawn,
    SilenceProcedure,
    Status,
)
from ._svg import BANDS, BOLD_CHAR, CHAR, COLOURS, clean, num, svg_root, white_page
from .html import effect, horizon
from .wording import due, full_astana_and_utc, readable, short_astana, utc_offset

__all__ = ["timeline_svg"]

_LANE = 17  # the height of a lane of labels
_ASCENT, _DESCENT = 10.0, 3.0  # how far a 12px label reaches above and below its baseline


@attrs.frozen(slots=True)
class _Mark:
    at: datetime
    kind: str
    label: str = attrs.field(converter=clean)
    detail: str = attrs.field(converter=clean)
    top: bool
    faded: bool = False
    index: int | None = None


def _marks(proc: SilenceProcedure, at: datetime) -> list[_Mark]:
    ctx = proc.context(at)
    marks: list[_Mark] = []
    ordered = sorted(enumerate(proc.events), key=lambda pair: (pair[1].at, pair[0]))
    for index, event in ordered:
        what = effect(event, ctx)
        short, full = short_astana(event.at), full_astana_and_utc(event.at)
        if isinstance(event, ProcedureOpened):
            kind, top = "opened", True
            label = f"opened by {event.source}, {short}"
            detail = (
                f"Opened by {event.source} at {full}; "
                f"{len(event.parties)} parties; due {event.deadline.describe()}"
            )
        elif isinstance(event, CommentSubmitted | AmendmentProposed | ObjectionRaised):
            kind, top = event.kind.value, False
            note = f" ({what})" if what not in ("in time",) else ""
            label = f"{event.by} {readable(event.kind)}, {short}{note}"
            detail = f"{event.by}: {readable(event.kind)} at {full} ({what}): {event.text}"
        elif isinstance(event, DeadlineExtended):
            kind, top = "extension", True
            by_note = f" by Note {event.note}" if event.note else ""
            label = f"extended{by_note} to {due(event.to)}"
            detail = (
                f"Deadline extended{by_note} at {full} to {event.to.describe()} "
                f"({full_astana_and_utc(event.to.instant)}) ({what})"
            )
        elif isinstance(event, ProcedureWithdrawn):
            kind, top = "withdrawal", True
            label = f"withdrawn, {short}"
            detail = f"Withdrawn at {full} ({what}): {event.reason}"
        else:
            continue
        # the opening is never faded, even on a timeline shown before it
        faded = event.at > at and not isinstance(event, ProcedureOpened)
        marks.append(_Mark(event.at, kind, label, detail, top=top, faded=faded, index=index))
    return marks


def _tick_label(tick: datetime, fmt: str) -> str:
    """A tick's label in English whatever the locale: "5 Jan 2024" or "5 Jan 13:00"."""
    day = english_date(tick.date(), short=True)
    return day if fmt == "day" else f"{day.rsplit(' ', 1)[0]} {tick:%H:%M}"


def _ticks(start: datetime, end: datetime, slots: int) -> tuple[list[datetime], str]:
    span = end - start
    if span >= timedelta(days=2):
        steps = [timedelta(days=d) for d in (1, 2, 3, 7, 14, 28, 56, 91, 182, 364)]
        fmt = "day"
    else:
        steps = [timedelta(hours=h) for h in (1, 2, 3, 6, 12, 24)]
        fmt = "hour"
    step = next((s for s in steps if span / s <= slots), steps[-1])
    local = start.astimezone(ASTANA)
    if step >= timedelta(days=1):
        tick = local.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    else:
        tick = local.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    ticks = []
    while tick <= end:
        ticks.append(tick)
        tick = (tick + step).astimezone(ASTANA)
        if step >= timedelta(days=1):
            tick = tick.replace(hour=0)
    return ticks, fmt


def _wrap(text: str, limit: int) -> list[str]:
    """``text`` in lines of at most ``limit`` characters, broken at spaces where possible."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > limit:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


def label_width(label: str, *, bold: bool = False) -> float:
    """The width a label of 12px text is given, generously: what lanes keep apart."""
    return len(label) * (BOLD_CHAR if bold else CHAR)


def _gaps(y1: float, y2: float, blocked: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The parts of the span from ``y1`` to ``y2`` outside every ``blocked`` span."""
    parts = []
    cursor = y1
    for top, bottom in sorted(blocked):
        if top > cursor:
            parts.append((cursor, min(top, y2)))
        cursor = max(cursor, bottom)
        if cursor >= y2:
            break
    if cursor < y2:
        parts.append((cursor, y2))
    return [(a, b) for a, b in parts if b - a > 1]


def _lanes(items: list[tuple[float, float]]) -> list[int]:
    """Give each (start, end) span the first lane where it does not overlap another."""
    ends: list[float] = []
    lanes = []
    for start, end in items:
        lane = next((i for i, last in enumerate(ends) if start > last + 8), len(ends))
        if lane == len(ends):
            ends.append(end)
        else:
            ends[lane] = end
        lanes.append(lane)
    return lanes


def _subject(draft: Draft | Paper) -> str:
    return draft.priority_area.name.en if isinstance(draft, Draft) else str(draft)


def timeline_svg(
    procedure: SilenceProcedure, at: datetime | None = None, *, width: int = 1100
) -> str:
    """The procedure on a time axis in Astana time, as a standalone SVG document.

    Shown at ``at`` (default: the procedure's :func:`~cica_cbm.views.html.horizon`): events after
    it are drawn faded, the outcome is the one at ``at``. Every event is a ``<g>`` with
    ``data-event`` (its recording index), a label and a ``<title>`` tooltip with the instant in
    Astana time and UTC.

    >>> import cica_cbm as cbm
    >>> svg = timeline_svg(cbm.samples.nct_g_1501())
    >>> svg.startswith("<svg") and "APPROVED" in svg
    True
    """
    if not isinstance(procedure, SilenceProcedure):
        raise InvalidValueError("procedure", procedure, "a SilenceProcedure")
    if not isinstance(width, int) or isinstance(width, bool) or width < 400:
        raise InvalidValueError("width", width, "a whole number of pixels, at least 400")
    when = horizon(procedure) if at is None else to_utc(at, "at")
    ctx = procedure.context(when)
    status = ctx.status.value
    # before the opening the findings say "not open yet", and so does the picture
    not_open = when < procedure.opening.at
    marks = _marks(procedure, when)

    deadlines = [(procedure.opening.deadline, "deadline as opened")]
    deadlines += [
        (event.to, "extended deadline")
        for event in procedure.events
        if isinstance(event, DeadlineExtended)
    ]
    end_state = ctx.decided_at if ctx.decided_at is not None else when
    start = procedure.opening.at
    first = min(start, when)
    stop = max([when, *(d.instant for d, _ in deadlines), *(m.at for m in marks)])
    pad = max((stop - first) * 0.04, timedelta(hours=1))
    lo, hi = first - pad, stop + pad
    left, right = 30.0, float(width) - 30.0

    def x(instant: datetime) -> float:
        return left + (instant - lo) / (hi - lo) * (right - left)

    for deadline, name in deadlines:
        in_force = deadline == ctx.deadline
        why = "superseded" if deadline.instant < ctx.deadline.instant else "not in force"
        marks.append(
            _Mark(
                deadline.instant,
                "deadline",
                f"{'deadline' if in_force else f'{name} ({why})'}: {due(deadline)}"
                + (f" (ends {short_astana(deadline.instant)})" if deadline.stated else ""),
                f"{name.capitalize()}: {deadline.describe()} = "
                f"{full_astana_and_utc(deadline.instant)}"
                + ("" if in_force else f" ({why} at the instant shown)"),
                top=True,
                faded=not in_force,
            )
        )
    shout = "not open yet" if not_open else readable(ctx.status).upper()
    outcome_label = (
        f"{shout} at {short_astana(ctx.decided_at)}"
        if ctx.decided_at is not None
        else f"{shout} at {short_astana(when)}"
    )
    marks.append(
        _Mark(
            end_state,
            status,
            outcome_label,
            f"Status at {full_astana_and_utc(when)}: "
            + ("not open yet" if not_open else readable(ctx.status)),
            top=True,
        )
    )

    # labels: right of their mark if they fit, else left of it, else as far right as they fit;
    # each in the first lane on its side of the axis where it overlaps no other label
    placed: list[tuple[_Mark, float, tuple[float, str], int]] = []
    spans_by_mark: list[tuple[bool, int, tuple[float, float]]] = []
    for top in (True, False):
        side = sorted((m for m in marks if m.top is top), key=lambda m: (m.at, m.kind))
        spans = []
        anchors = []
        for mark in side:
            mx, w = x(mark.at), label_width(mark.label, bold=mark.kind in BANDS)
            if mx + 3 + w <= width - 5:
                spans.append((mx + 3, mx + 3 + w))
                anchors.append((mx + 3, "start"))
            elif mx - 3 - w >= 5:
                spans.append((mx - 3 - w, mx - 3))
                anchors.append((mx - 3, "end"))
            else:
                start_x = max(5.0, width - 5 - w)
                spans.append((start_x, start_x + w))
                anchors.append((start_x, "start"))
        for mark, text_at, span, lane in zip(side, anchors, spans, _lanes(spans), strict=True):
            placed.append((mark, x(mark.at), text_at, lane))
            spans_by_mark.append((mark.top, lane, span))
    top_lanes = 1 + max((lane for m, _, _, lane in placed if m.top), default=0)
    bottom_lanes = 1 + max((lane for m, _, _, lane in placed if not m.top), default=-1)

    opening = procedure.opening
    title = f"Silence procedure, {opening.headline}: {_subject(opening.draft)}"
    subtitle = (
        f"{opening.policy.name}; {len(opening.parties)} parties; times in Astana "
        f"({utc_offset(opening.at)}); shown at {full_astana_and_utc(when)}: {shout}"
    )
    title_lines = _wrap(clean(title), int((width - 2 * left) / 8.6))
    subtitle_lines = _wrap(clean(subtitle), int((width - 2 * left) / CHAR))
    header = 22 + 19 * len(title_lines) + 16 * len(subtitle_lines)
    axis = header + 18 + top_lanes * _LANE + 14
    bottom_first = axis + 46
    legend_y = bottom_first + bottom_lanes * _LANE + 22
    height = legend_y + 22

    svg = svg_root(width, height, title)
    white_page(svg)
    line_y = 22.0
    for line in title_lines:
        ET.SubElement(
            svg, "text", {"class": "title", "x": num(left), "y": num(line_y), "font-size": "15"}
        ).text = line
        line_y += 19
    line_y -= 2
    for line in subtitle_lines:
        ET.SubElement(
            svg,
            "text",
            {"class": "subtitle", "x": num(left), "y": num(line_y), "fill": "#444444"},
        ).text = line
        line_y += 16

    # the axis, coloured pending until the decision and by the status after it
    bands = [(start, end_state, Status.PENDING.value), (end_state, hi, status)]
    for band_start, band_end, band in bands:
        if band_end > band_start and (band != Status.PENDING.value or band_start == start):
            ET.SubElement(
                svg,
                "rect",
                {
                    "class": f"band {band}",
                    "x": num(x(band_start)),
                    "y": num(axis - 5),
                    "width": num(max(x(band_end) - x(band_start), 1.0)),
                    "height": "10",
                    "fill": BANDS[band],
                },
            )
    ET.SubElement(
        svg,
        "line",
        {
            "x1": num(left),
            "x2": num(right),
            "y1": num(axis),
            "y2": num(axis),
            "stroke": "#888888",
        },
    )
    ticks, fmt = _ticks(lo, hi, max(2, int((right - left) // 110)))
    for tick in ticks:
        tx = x(tick)
        if not 40 <= tx <= width - 40:
            continue  # its label would be cut at the edge
        ET.SubElement(
            svg,
            "line",
            {
                "x1": num(tx),
                "x2": num(tx),
                "y1": num(axis + 5),
                "y2": num(axis + 10),
                "stroke": "#888888",
            },
        )
        ET.SubElement(
            svg,
            "text",
            {
                "class": "tick",
                "x": num(tx),
                "y": num(axis + 24),
                "text-anchor": "middle",
                "font-size": "11",
                "fill": "#666666",
            },
        ).text = _tick_label(tick, fmt)

    def baseline(top: bool, lane: int) -> float:
        return axis - 24 - lane * _LANE if top else bottom_first + lane * _LANE

    if at is not None:
        # drawn behind the labels, and broken off short of every label it would cross
        shown_x = x(when)
        blocked = [
            (baseline(top, lane) - _ASCENT - 2, baseline(top, lane) + _DESCENT + 2)
            for top, lane, (x0, x1) in spans_by_mark
            if x0 - 2 <= shown_x <= x1 + 2
        ]
        for y1, y2 in _gaps(header, legend_y - 16, blocked):  # and above the legend
            ET.SubElement(
                svg,
                "line",
                {
                    "class": "shown-at",
                    "x1": num(shown_x),
                    "x2": num(shown_x),
                    "y1": num(y1),
                    "y2": num(y2),
                    "stroke": "#000000",
                    "stroke-dasharray": "2 3",
                },
            )

    # deeper lanes first: a leader line crosses only the labels nearer the axis, and those,
    # drawn later with their halo, stay legible
    for mark, mx, (text_x, anchor), lane in sorted(placed, key=lambda p: -p[3]):
        colour = COLOURS[mark.kind]
        attributes = {"class": f"mark {mark.kind}"}
        if mark.index is not None:
            attributes["class"] = f"event {mark.kind}"
            attributes["data-event"] = str(mark.index)
        if mark.faded:
            attributes["opacity"] = "0.45"
        group = ET.SubElement(svg, "g", attributes)
        ET.SubElement(group, "title").text = mark.detail
        ly = baseline(mark.top, lane)
        if mark.top:
            line_from, line_to = axis - 7, ly + 4
        else:
            line_from, line_to = axis + 7, ly - 12
        ET.SubElement(
            group,
            "line",
            {
                "x1": num(mx),
                "x2": num(mx),
                "y1": num(line_from),
                "y2": num(line_to),
                "stroke": colour,
                "stroke-width": "1",
                **({"stroke-dasharray": "4 3"} if mark.kind == "deadline" else {}),
            },
        )
        _marker(group, mark.kind, mx, axis, colour)
        ET.SubElement(
            group,
            "text",
            {
                "x": num(text_x),
                "y": num(ly),
                "text-anchor": anchor,
                "fill": colour,
                # a white halo keeps the label legible where a leader line crosses it
                "stroke": "#ffffff",
                "stroke-width": "3",
                "paint-order": "stroke",
                **({"font-weight": "bold"} if mark.kind in BANDS else {}),
            },
        ).text = mark.label

    _legend(svg, left, legend_y, status)
    return ET.tostring(svg, encoding="unicode")


def _marker(group: ET.Element, kind: str, mx: float, my: float, colour: str) -> None:
    if kind == "comment":
        ET.SubElement(group, "circle", {"cx": num(mx), "cy": num(my), "r": "5", "fill": colour})
    elif kind == "amendment":
        points = [(mx, my - 6), (mx + 6, my), (mx, my + 6), (mx - 6, my)]
        _polygon(group, points, colour)
    elif kind == "objection":
        _polygon(group, [(mx - 6, my - 6), (mx + 6, my - 6), (mx, my + 6)], colour)
    elif kind == "deadline":
        ET.SubElement(
            group,
            "line",
            {
                "x1": num(mx),
                "x2": num(mx),
                "y1": num(my - 9),
                "y2": num(my + 9),
                "stroke": colour,
                "stroke-width": "3",
            },
        )
    elif kind in BANDS:
        ET.SubElement(
            group,
            "circle",
            {
                "cx": num(mx),
                "cy": num(my),
                "r": "9",
                "fill": "none",
                "stroke": colour,
                "stroke-width": "3",
            },
        )
    else:  # opened, extension, withdrawal: the Secretariat's acts
        ET.SubElement(
            group,
            "rect",
            {
                "x": num(mx - 5),
                "y": num(my - 5),
                "width": "10",
                "height": "10",
                "fill": colour,
            },
        )


def _polygon(group: ET.Element, points: list[tuple[float, float]], colour: str) -> None:
    ET.SubElement(
        group,
        "polygon",
        {"points": " ".join(f"{num(px)},{num(py)}" for px, py in points), "fill": colour},
    )


def _legend(svg: ET.Element, left: float, y: float, status: str) -> None:
    """The key to the marks; the outcome's ring in the colour of the status shown."""
    group = ET.SubElement(svg, "g", {"class": "legend", "font-size": "11"})
    entries = (
        ("opened", "Secretariat's act"),
        ("comment", "comment"),
        ("amendment", "amendment"),
        ("objection", "objection"),
        ("deadline", "deadline"),
        (status, "outcome"),
    )
    cursor = left + 6
    for kind, text in entries:
        _marker(group, kind, cursor, y - 4, COLOURS[kind])
        ET.SubElement(group, "text", {"x": num(cursor + 14), "y": num(y)}).text = text
        cursor += 30 + len(text) * 6.5
