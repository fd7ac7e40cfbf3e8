"""Pictures of a silence procedure: a timeline as SVG, and its state diagram as Mermaid text.

:func:`timeline_svg` draws one procedure on a time axis in Astana time: the opening, every
comment, amendment and objection, extensions of the deadline, a withdrawal, the deadlines and
the outcome. It uses only the standard library (:mod:`xml.etree.ElementTree` builds the
document, so every piece of text is escaped and the result is well formed).

:func:`state_diagram` draws what the silence procedure *can* do under a policy. It is not
written by hand: :func:`transitions` opens a probe procedure, tries every act in every status
it can reach, and records what the engine did (the same fold that decides real procedures).
If the rules, the policy or :class:`~cica_cbm.core.silence.Status` change, the diagram changes with
them.

>>> print(state_diagram())  # doctest: +ELLIPSIS
stateDiagram-v2
    direction LR
    ...
    pending --> silence_broken : objection
    ...
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import datetime, timedelta

import attrs

from ..core.clock import ASTANA, english_date, to_utc
from ..core.errors import CbmError, InvalidValueError
from ..core.samples import nct_g_1501_draft, nct_g_1501_note
from ..core.silence import (
    CICA_PRACTICE,
    AmendmentProposed,
    CommentSubmitted,
    Deadline,
    DeadlineExtended,
    DeadlineForm,
    ObjectionRaised,
    ProcedureOpened,
    ProcedureWithdrawn,
    SilencePolicy,
    SilenceProcedure,
    Status,
)
from .html import effect, horizon
from .wording import due, full_astana_and_utc, short_astana, utc_offset

__all__ = [
    "StateDiagram",
    "Transition",
    "state_diagram",
    "state_diagram_svg",
    "timeline_svg",
    "transitions",
]


# --- the state diagram -----------------------------------------------------------------------

START = "[*]"
"""Mermaid's name for the start and the end of a state diagram."""


@attrs.frozen(slots=True)
class Transition:
    """The acts that move a procedure from ``source`` to ``target`` (status values).

    ``source`` is ``"[*]"`` for the opening; ``target`` is ``"[*]"`` for the end of a status
    nothing can leave.
    """

    source: str
    target: str
    acts: tuple[str, ...]


@attrs.frozen(slots=True)
class StateDiagram:
    """What the engine does under ``policy``: its transitions and the acts it refuses."""

    policy: SilencePolicy
    states: tuple[Status, ...]
    transitions: tuple[Transition, ...]
    refused: tuple[tuple[Status, tuple[str, ...]], ...]

    def to_mermaid(self) -> str:
        """The diagram as Mermaid ``stateDiagram-v2`` text."""
        lines = ["stateDiagram-v2", "    direction LR"]
        lines += [f'    state "{s.value.replace("_", " ")}" as {s.value}' for s in self.states]
        lines += [
            f"    {t.source} --> {t.target}" + (f" : {', '.join(t.acts)}" if t.acts else "")
            for t in self.transitions
        ]
        lines += [
            f"    note right of {status.value} : refused: {', '.join(acts)}"
            for status, acts in self.refused
        ]
        return "\n".join(lines)

    def to_svg(self) -> str:
        """The diagram as a standalone SVG picture (see :func:`state_diagram_svg`)."""
        return _diagram_svg(self)


_Act = Callable[[SilenceProcedure, datetime], SilenceProcedure]


def _probe(policy: SilencePolicy) -> tuple[SilenceProcedure, str]:
    """A procedure opened under ``policy`` on the seed's note and draft, and one party."""
    note = nct_g_1501_note()
    opened = datetime(note.date.year, note.date.month, note.date.day, tzinfo=ASTANA)
    days = 28
    if policy.minimum_period is not None:
        days = max(days, policy.minimum_period.days + 2)
    deadline = _later_deadline(policy, opened, days=days)
    probe = SilenceProcedure.open(note, nct_g_1501_draft(), deadline=deadline, policy=policy)
    return probe, sorted(probe.parties)[0]


def _later_deadline(policy: SilencePolicy, after: datetime, days: int) -> Deadline:
    instant = after + timedelta(days=days)
    if policy.deadline_form is DeadlineForm.INSTANT:
        return Deadline.exactly(instant)
    return Deadline.no_later_than(instant.astimezone(ASTANA).date())


def _acts(policy: SilencePolicy, party: str) -> tuple[tuple[str, _Act], ...]:
    text = "probe"
    return (
        ("comment", lambda p, t: p.comment(by=party, at=t, text=text)),
        ("amendment", lambda p, t: p.amend(by=party, at=t, text=text)),
        ("objection", lambda p, t: p.object(by=party, at=t, text=text)),
        ("extension", lambda p, t: p.extend(to=_later_deadline(policy, p.deadline, 7), at=t)),
        ("withdrawal", lambda p, t: p.withdraw(at=t, reason=text)),
    )


def transitions(policy: SilencePolicy = CICA_PRACTICE) -> StateDiagram:
    """Find what the engine does under ``policy`` by trying every act in every status.

    From the opening, each act (a comment, an amendment, an objection, an extension, a
    withdrawal, and the deadline passing) is recorded on a probe procedure and the fold's
    status is read back. A submission that the fold keeps as late is labelled "late"; an act
    the engine refuses is listed in ``refused``. Statuses that no act can leave end in
    ``"[*]"``.

    >>> [(t.target, t.acts) for t in transitions().transitions if t.source == "pending"]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('pending', ('comment', 'amendment', 'extension')), ('approved', ('deadline passes',)),
     ('silence_broken', ('objection',)), ('withdrawn', ('withdrawal',))]
    """
    if not isinstance(policy, SilencePolicy):
        raise InvalidValueError("policy", policy, "a SilencePolicy")
    probe, party = _probe(policy)
    start = probe.opening.at
    edges: dict[tuple[str, str], list[str]] = {(START, probe.status(start).value): ["opening"]}
    refused: dict[Status, list[str]] = {}
    seen = {probe.status(start)}
    queue: list[tuple[SilenceProcedure, datetime]] = [(probe, start)]
    while queue:
        proc, now = queue.pop(0)
        source = proc.status(now)
        later = now + timedelta(hours=1)
        tried: list[tuple[str, SilenceProcedure, datetime]] = []
        for name, act in _acts(policy, party):
            try:
                tried.append((name, act(proc, later), later))
            except CbmError:
                refused.setdefault(source, []).append(name)
        if source is Status.PENDING:
            tried.append(("deadline passes", proc, proc.terms.instant))
        for name, after, when in tried:
            ctx = after.context(when)
            late = any(item.event.at == when for item in ctx.late)
            label = f"late {name}" if late else name
            edges.setdefault((source.value, ctx.status.value), []).append(label)
            if ctx.status not in seen:
                seen.add(ctx.status)
                queue.append((after, when))
    for status in seen:
        if all(target == status.value for source, target in edges if source == status.value):
            edges[(status.value, START)] = []
    order = {status.value: index for index, status in enumerate(Status)} | {START: -1}
    found = tuple(
        Transition(source, target, tuple(acts))
        for (source, target), acts in sorted(
            edges.items(),
            key=lambda e: (order[e[0][0]], e[0][1] == START, order[e[0][1]]),
        )
    )
    return StateDiagram(
        policy=policy,
        states=tuple(s for s in Status if s in seen),
        transitions=found,
        refused=tuple((s, tuple(refused[s])) for s in Status if s in refused),
    )


def state_diagram_svg(policy: SilencePolicy = CICA_PRACTICE) -> str:
    """The same state diagram as :func:`state_diagram`, drawn as a standalone SVG picture.

    States are boxes in columns by their distance from the opening; an arrow carries the acts
    that take one status to another, a loop above a box the acts that leave it as it is, and a
    grey note below it the acts the engine refuses there.
    """
    return transitions(policy).to_svg()


def state_diagram(policy: SilencePolicy = CICA_PRACTICE) -> str:
    """The silence procedure under ``policy`` as a Mermaid state diagram, from the engine.

    Paste the text into any Mermaid renderer (GitHub and GitLab render fenced blocks marked
    ``mermaid``); see :func:`transitions` for how it is found.
    """
    return transitions(policy).to_mermaid()


# --- the timeline ----------------------------------------------------------------------------

_FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
_CHAR = 7.0  # the width of a character of 12px text, generously
_LANE = 17
_COLOURS = {
    "opened": "#333333",
    "comment": "#1f77b4",
    "amendment": "#e67e00",
    "objection": "#d62728",
    "extension": "#7b4fb0",
    "withdrawal": "#6b6b6b",
    "deadline": "#555555",
    Status.PENDING.value: "#d4a800",
    Status.APPROVED.value: "#2a9d2a",
    Status.SILENCE_BROKEN.value: "#d62728",
    Status.WITHDRAWN.value: "#6b6b6b",
}
_BANDS = {
    Status.PENDING.value: "#f7e8a6",
    Status.APPROVED.value: "#bfe8bf",
    Status.SILENCE_BROKEN.value: "#f6c1c1",
    Status.WITHDRAWN.value: "#dddddd",
}


# characters XML 1.0 cannot carry, even escaped: C0 controls but tab, newline and return
_NOT_XML = dict.fromkeys(
    [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF], "\ufffd"
)


def _clean(text: str) -> str:
    """``text`` with what XML cannot carry replaced by U+FFFD, so the SVG stays well formed."""
    cleaned = text.translate(_NOT_XML)
    return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in cleaned)


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


@attrs.frozen(slots=True)
class _Mark:
    at: datetime
    kind: str
    label: str = attrs.field(converter=_clean)
    detail: str = attrs.field(converter=_clean)
    top: bool
    faded: bool = False
    index: int | None = None


def _marks(proc: SilenceProcedure, at: datetime) -> list[_Mark]:
    ctx = proc.context(at)
    marks: list[_Mark] = []
    ordered = sorted(enumerate(proc.events), key=lambda pair: (pair[1].at, pair[0]))
    for index, event in ordered:
        later = event.at > at
        what = effect(event, ctx)
        if isinstance(event, ProcedureOpened):
            marks.append(
                _Mark(
                    event.at,
                    "opened",
                    f"opened by Note {event.note.number}, {short_astana(event.at)}",
                    f"Opened by Note {event.note.number} at {full_astana_and_utc(event.at)}; "
                    f"{len(event.parties)} parties; due {event.deadline.describe()}",
                    top=True,
                    index=index,
                )
            )
        elif isinstance(event, CommentSubmitted | AmendmentProposed | ObjectionRaised):
            note = f" ({what})" if what not in ("in time",) else ""
            marks.append(
                _Mark(
                    event.at,
                    event.kind.value,
                    f"{event.by} {event.kind.value}, {short_astana(event.at)}{note}",
                    f"{event.by}: {event.kind.value} at {full_astana_and_utc(event.at)} "
                    f"({what}): {event.text}",
                    top=False,
                    faded=later,
                    index=index,
                )
            )
        elif isinstance(event, DeadlineExtended):
            by_note = f" by Note {event.note}" if event.note else ""
            marks.append(
                _Mark(
                    event.at,
                    "extension",
                    f"extended{by_note} to {due(event.to)}",
                    f"Deadline extended{by_note} at {full_astana_and_utc(event.at)} to "
                    f"{event.to.describe()} ({full_astana_and_utc(event.to.instant)}) ({what})",
                    top=True,
                    faded=later,
                    index=index,
                )
            )
        elif isinstance(event, ProcedureWithdrawn):
            marks.append(
                _Mark(
                    event.at,
                    "withdrawal",
                    f"withdrawn, {short_astana(event.at)}",
                    f"Withdrawn at {full_astana_and_utc(event.at)} ({what}): {event.reason}",
                    top=True,
                    faded=later,
                    index=index,
                )
            )
    return marks


def _arrow(group: ET.Element, x1: float, y1: float, x2: float, y2: float) -> None:
    """A grey line from (x1, y1) to (x2, y2) ending in the diagram's arrowhead."""
    ET.SubElement(
        group,
        "line",
        {
            "x1": _num(x1),
            "y1": _num(y1),
            "x2": _num(x2),
            "y2": _num(y2),
            "stroke": "#444444",
            "marker-end": "url(#arrow)",
        },
    )


def _svg_root(width: float, height: float, title: str) -> ET.Element:
    """An ``<svg>`` element of that size, titled for screen readers and tooltips."""
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "width": _num(width),
            "height": _num(height),
            "viewBox": f"0 0 {_num(width)} {_num(height)}",
            "role": "img",
            "aria-label": _clean(title),
            "font-family": _FONT,
            "font-size": "12",
        },
    )
    ET.SubElement(svg, "title").text = _clean(title)
    return svg


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
    shout = status.replace("_", " ").upper()
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
            f"Status at {full_astana_and_utc(when)}: {status}",
            top=True,
        )
    )

    # labels: right of their mark if they fit, else left of it, else as far right as they fit;
    # each in the first lane on its side of the axis where it overlaps no other label
    placed: list[tuple[_Mark, float, tuple[float, str], int]] = []
    for top in (True, False):
        side = sorted((m for m in marks if m.top is top), key=lambda m: (m.at, m.kind))
        spans = []
        anchors = []
        for mark in side:
            mx, w = x(mark.at), len(mark.label) * _CHAR
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
        for mark, text_at, lane in zip(side, anchors, _lanes(spans), strict=True):
            placed.append((mark, x(mark.at), text_at, lane))
    top_lanes = 1 + max((lane for m, _, _, lane in placed if m.top), default=0)
    bottom_lanes = 1 + max((lane for m, _, _, lane in placed if not m.top), default=-1)

    opening = procedure.opening
    title = (
        f"Silence procedure, Note {opening.note.number} of "
        f"{english_date(opening.note.date)}: {opening.draft.priority_area.name.en}"
    )
    subtitle = (
        f"{opening.policy.name}; {len(opening.parties)} parties; times in Astana "
        f"({utc_offset(opening.at)}); shown at {full_astana_and_utc(when)}: {shout}"
    )
    title_lines = _wrap(_clean(title), int((width - 2 * left) / 8.6))
    subtitle_lines = _wrap(_clean(subtitle), int((width - 2 * left) / _CHAR))
    header = 22 + 19 * len(title_lines) + 16 * len(subtitle_lines)
    axis = header + 18 + top_lanes * _LANE + 14
    bottom_first = axis + 46
    legend_y = bottom_first + bottom_lanes * _LANE + 22
    height = legend_y + 22

    svg = _svg_root(width, height, title)
    ET.SubElement(
        svg, "rect", {"width": "100%", "height": "100%", "fill": "#ffffff"}
    )  # a white page in dark viewers
    line_y = 22.0
    for line in title_lines:
        ET.SubElement(
            svg, "text", {"class": "title", "x": _num(left), "y": _num(line_y), "font-size": "15"}
        ).text = line
        line_y += 19
    line_y -= 2
    for line in subtitle_lines:
        ET.SubElement(
            svg,
            "text",
            {"class": "subtitle", "x": _num(left), "y": _num(line_y), "fill": "#444444"},
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
                    "x": _num(x(band_start)),
                    "y": _num(axis - 5),
                    "width": _num(max(x(band_end) - x(band_start), 1.0)),
                    "height": "10",
                    "fill": _BANDS[band],
                },
            )
    ET.SubElement(
        svg,
        "line",
        {
            "x1": _num(left),
            "x2": _num(right),
            "y1": _num(axis),
            "y2": _num(axis),
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
                "x1": _num(tx),
                "x2": _num(tx),
                "y1": _num(axis + 5),
                "y2": _num(axis + 10),
                "stroke": "#888888",
            },
        )
        ET.SubElement(
            svg,
            "text",
            {
                "class": "tick",
                "x": _num(tx),
                "y": _num(axis + 24),
                "text-anchor": "middle",
                "font-size": "11",
                "fill": "#666666",
            },
        ).text = _tick_label(tick, fmt)

    if at is not None:
        ET.SubElement(
            svg,
            "line",
            {
                "class": "shown-at",
                "x1": _num(x(when)),
                "x2": _num(x(when)),
                "y1": _num(header),
                "y2": _num(height - 30),
                "stroke": "#000000",
                "stroke-dasharray": "2 3",
            },
        )

    # deeper lanes first: a leader line crosses only the labels nearer the axis, and those,
    # drawn later with their halo, stay legible
    for mark, mx, (text_x, anchor), lane in sorted(placed, key=lambda p: -p[3]):
        colour = _COLOURS[mark.kind]
        attributes = {"class": f"mark {mark.kind}"}
        if mark.index is not None:
            attributes["class"] = f"event {mark.kind}"
            attributes["data-event"] = str(mark.index)
        if mark.faded:
            attributes["opacity"] = "0.45"
        group = ET.SubElement(svg, "g", attributes)
        ET.SubElement(group, "title").text = mark.detail
        if mark.top:
            ly = axis - 24 - lane * _LANE
            line_from, line_to = axis - 7, ly + 4
        else:
            ly = bottom_first + lane * _LANE
            line_from, line_to = axis + 7, ly - 12
        ET.SubElement(
            group,
            "line",
            {
                "x1": _num(mx),
                "x2": _num(mx),
                "y1": _num(line_from),
                "y2": _num(line_to),
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
                "x": _num(text_x),
                "y": _num(ly),
                "text-anchor": anchor,
                "fill": colour,
                # a white halo keeps the label legible where a leader line crosses it
                "stroke": "#ffffff",
                "stroke-width": "3",
                "paint-order": "stroke",
                **({"font-weight": "bold"} if mark.kind in _BANDS else {}),
            },
        ).text = mark.label

    _legend(svg, left, legend_y)
    return ET.tostring(svg, encoding="unicode")


def _marker(group: ET.Element, kind: str, mx: float, my: float, colour: str) -> None:
    if kind == "comment":
        ET.SubElement(group, "circle", {"cx": _num(mx), "cy": _num(my), "r": "5", "fill": colour})
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
                "x1": _num(mx),
                "x2": _num(mx),
                "y1": _num(my - 9),
                "y2": _num(my + 9),
                "stroke": colour,
                "stroke-width": "3",
            },
        )
    elif kind in _BANDS:
        ET.SubElement(
            group,
            "circle",
            {
                "cx": _num(mx),
                "cy": _num(my),
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
                "x": _num(mx - 5),
                "y": _num(my - 5),
                "width": "10",
                "height": "10",
                "fill": colour,
            },
        )


def _polygon(group: ET.Element, points: list[tuple[float, float]], colour: str) -> None:
    ET.SubElement(
        group,
        "polygon",
        {"points": " ".join(f"{_num(px)},{_num(py)}" for px, py in points), "fill": colour},
    )


def _legend(svg: ET.Element, left: float, y: float) -> None:
    group = ET.SubElement(svg, "g", {"class": "legend", "font-size": "11"})
    entries = (
        ("opened", "Secretariat's act"),
        ("comment", "comment"),
        ("amendment", "amendment"),
        ("objection", "objection"),
        ("deadline", "deadline"),
        (Status.APPROVED.value, "outcome"),
    )
    cursor = left + 6
    for kind, text in entries:
        _marker(group, kind, cursor, y - 4, _COLOURS[kind])
        ET.SubElement(group, "text", {"x": _num(cursor + 14), "y": _num(y)}).text = text
        cursor += 30 + len(text) * 6.5


# --- the state diagram as a picture ----------------------------------------------------------

_BOX_W, _BOX_H = 150.0, 36.0
_COLUMN = 420.0
_ROW = 128.0


def _diagram_svg(diagram: StateDiagram) -> str:
    """Lay the diagram out in columns (distance from the opening) and draw it."""
    moves = [t for t in diagram.transitions if t.source != t.target and START not in t.target]
    depth: dict[str, int] = {START: 0}
    frontier = [START]
    while frontier:
        following = []
        for name in frontier:
            for t in moves:
                if t.source == name and t.target not in depth:
                    depth[t.target] = depth[name] + 1
                    following.append(t.target)
        frontier = following
    states = [s.value for s in diagram.states]
    columns: dict[int, list[str]] = {}
    for name in states:
        columns.setdefault(depth.get(name, 1), []).append(name)
    rows = max(len(names) for names in columns.values())
    top = 60.0
    height = top + rows * _ROW + 10
    centre: dict[str, tuple[float, float]] = {}
    for column, names in columns.items():
        offset = (rows - len(names)) * _ROW / 2
        for row, name in enumerate(names):
            cx = column * _COLUMN - _COLUMN / 2 - 20
            centre[name] = (cx, top + offset + row * _ROW + _ROW / 2 + 12)
    loops = {t.source: len(", ".join(t.acts)) * _CHAR / 2 for t in diagram.transitions}
    width = int(max(centre[n][0] + max(_BOX_W / 2 + 70, loops.get(n, 0.0)) for n in states) + 15)
    first = columns[min(columns)][0]
    start_at = (centre[first][0] - _BOX_W / 2 - 80, centre[first][1])

    title = f"The silence procedure under {diagram.policy.name}: what each act does"
    svg = _svg_root(width, height, title)
    defs = ET.SubElement(svg, "defs")
    arrow = ET.SubElement(
        defs,
        "marker",
        {
            "id": "arrow",
            "viewBox": "0 0 10 10",
            "refX": "9",
            "refY": "5",
            "markerWidth": "8",
            "markerHeight": "8",
            "orient": "auto-start-reverse",
        },
    )
    ET.SubElement(arrow, "path", {"d": "M0,0 L10,5 L0,10 z", "fill": "#444444"})
    ET.SubElement(svg, "rect", {"width": "100%", "height": "100%", "fill": "#ffffff"})
    ET.SubElement(svg, "text", {"x": "20", "y": "24", "font-size": "15"}).text = _clean(title)

    def label(parent: ET.Element, lx: float, ly: float, text: str, **extra: str) -> None:
        ET.SubElement(
            parent,
            "text",
            {
                "x": _num(lx),
                "y": _num(ly),
                "text-anchor": "middle",
                "stroke": "#ffffff",
                "stroke-width": "4",
                "paint-order": "stroke",
                **extra,
            },
        ).text = _clean(text)

    edges = ET.SubElement(svg, "g", {"class": "transitions"})
    nodes = ET.SubElement(svg, "g", {"class": "states"})
    labels = ET.SubElement(svg, "g", {"class": "labels"})
    for t in diagram.transitions:
        group = ET.SubElement(edges, "g", {"class": "transition", "data-from": t.source})
        group.set("data-to", t.target)
        acts = ", ".join(t.acts)
        ET.SubElement(group, "title").text = _clean(f"{t.source} -> {t.target}: {acts}")
        if t.source == START:
            tx, ty = centre[t.target]
            x1, y1, x2, y2 = start_at[0] + 7, start_at[1], tx - _BOX_W / 2, ty
            _arrow(group, x1, y1, x2, y2)
            label(labels, (x1 + x2) / 2, y1 - 8, acts, fill="#444444")
        elif t.target == START:
            sx, sy = centre[t.source]
            ex = sx + _BOX_W / 2 + 48
            _arrow(group, sx + _BOX_W / 2, sy, ex - 10, sy)
            ET.SubElement(
                group,
                "circle",
                {"cx": _num(ex), "cy": _num(sy), "r": "8", "fill": "none", "stroke": "#222222"},
            )
            ET.SubElement(group, "circle", {"cx": _num(ex), "cy": _num(sy), "r": "4.5"})
        elif t.source == t.target:
            sx, sy = centre[t.source]
            box_top = sy - _BOX_H / 2
            ET.SubElement(
                group,
                "path",
                {
                    "d": f"M{_num(sx - 30)},{_num(box_top)} C{_num(sx - 30)},{_num(box_top - 34)} "
                    f"{_num(sx + 30)},{_num(box_top - 34)} {_num(sx + 30)},{_num(box_top)}",
                    "fill": "none",
                    "stroke": "#444444",
                    "marker-end": "url(#arrow)",
                },
            )
            label(labels, sx, box_top - 32, acts, fill="#444444")
        else:
            sx, sy = centre[t.source]
            tx, ty = centre[t.target]
            x1, y1, x2, y2 = sx + _BOX_W / 2, sy, tx - _BOX_W / 2, ty
            _arrow(group, x1, y1, x2, y2)
            fraction = 0.4
            label(
                labels,
                x1 + (x2 - x1) * fraction,
                y1 + (y2 - y1) * fraction - 6,
                acts,
                fill=_COLOURS.get(t.target, "#444444"),
                **{"font-weight": "bold"},
            )
    ET.SubElement(
        nodes,
        "circle",
        {"class": "start", "cx": _num(start_at[0]), "cy": _num(start_at[1]), "r": "7"},
    )
    refused = {status.value: acts for status, acts in diagram.refused}
    for name in states:
        cx, cy = centre[name]
        group = ET.SubElement(nodes, "g", {"class": f"state {name}", "data-state": name})
        ET.SubElement(
            group,
            "rect",
            {
                "x": _num(cx - _BOX_W / 2),
                "y": _num(cy - _BOX_H / 2),
                "width": _num(_BOX_W),
                "height": _num(_BOX_H),
                "rx": "8",
                "fill": _BANDS.get(name, "#eeeeee"),
                "stroke": _COLOURS.get(name, "#444444"),
                "stroke-width": "2",
            },
        )
        ET.SubElement(
            group,
            "text",
            {
                "x": _num(cx),
                "y": _num(cy + 5),
                "text-anchor": "middle",
                "font-size": "14",
                "font-weight": "bold",
            },
        ).text = name.replace("_", " ")
        if name in refused:
            label(
                labels,
                cx,
                cy + _BOX_H / 2 + 18,
                f"refused: {', '.join(refused[name])}",
                fill="#888888",
                **{"font-style": "italic"},
            )
    return ET.tostring(svg, encoding="unicode")
