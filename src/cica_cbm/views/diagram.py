"""The state diagram of the silence procedure, found by the engine: Mermaid text and SVG.

:func:`state_diagram` draws what the silence procedure *can* do under a policy. It is not
written by hand: :func:`transitions` opens a probe procedure, tries every act in every status
it can reach, and records what the engine did (the same fold that decides real procedures).
If the rules, the policy or :class:`~cica_cbm.core.silence.Status` change, the diagram changes with
them. :func:`state_diagram_svg` draws the same diagram as a standalone SVG picture, with only
the standard library (:mod:`xml.etree.ElementTree`).

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

from ..core.clock import ASTANA
from ..core.errors import CbmError, InvalidValueError
from ..core.samples import nct_g_1501_draft, nct_g_1501_note
from ..core.silence import (
    CICA_PRACTICE,
    Deadline,
    DeadlineForm,
    SilencePolicy,
    SilenceProcedure,
    Status,
)
from ._svg import BANDS, CHAR, COLOURS, arrow, arrowhead, clean, num, svg_root, white_page

__all__ = [
    "StateDiagram",
    "Transition",
    "state_diagram",
    "state_diagram_svg",
    "transitions",
]


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
    probe = SilenceProcedure.open(
        note, nct_g_1501_draft(), deadline=deadline, policy=policy, body="CICA"
    )
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
        if source is Status.SILENCE_BROKEN:
            # before the deadline a further objection is on the record; from it on, late
            deadline = proc.terms.instant
            for name, act in _acts(policy, party)[:3]:
                tried.append((name, act(proc, deadline), deadline))
        for name, after, when in tried:
            ctx = after.context(when)
            late = any(item.event.at == when for item in ctx.late)
            label = f"late {name}" if late else name
            labels = edges.setdefault((source.value, ctx.status.value), [])
            if label not in labels:
                labels.append(label)
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


# --- the diagram as a picture ----------------------------------------------------------------

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
    loops = {t.source: len(", ".join(t.acts)) * CHAR / 2 for t in diagram.transitions}
    width = int(max(centre[n][0] + max(_BOX_W / 2 + 70, loops.get(n, 0.0)) for n in states) + 15)
    first = columns[min(columns)][0]
    start_at = (centre[first][0] - _BOX_W / 2 - 80, centre[first][1])

    title = f"The silence procedure under {diagram.policy.name}: what each act does"
    svg = svg_root(width, height, title)
    arrowhead(svg)
    white_page(svg)
    ET.SubElement(svg, "text", {"x": "20", "y": "24", "font-size": "15"}).text = clean(title)

    def label(parent: ET.Element, lx: float, ly: float, text: str, **extra: str) -> None:
        ET.SubElement(
            parent,
            "text",
            {
                "x": num(lx),
                "y": num(ly),
                "text-anchor": "middle",
                "stroke": "#ffffff",
                "stroke-width": "4",
                "paint-order": "stroke",
                **extra,
            },
        ).text = clean(text)

    edges = ET.SubElement(svg, "g", {"class": "transitions"})
    nodes = ET.SubElement(svg, "g", {"class": "states"})
    labels = ET.SubElement(svg, "g", {"class": "labels"})
    for t in diagram.transitions:
        group = ET.SubElement(edges, "g", {"class": "transition", "data-from": t.source})
        group.set("data-to", t.target)
        acts = ", ".join(t.acts)
        ET.SubElement(group, "title").text = clean(f"{t.source} -> {t.target}: {acts}")
        if t.source == START:
            tx, ty = centre[t.target]
            x1, y1, x2, y2 = start_at[0] + 7, start_at[1], tx - _BOX_W / 2, ty
            arrow(group, x1, y1, x2, y2)
            label(labels, (x1 + x2) / 2, y1 - 8, acts, fill="#444444")
        elif t.target == START:
            sx, sy = centre[t.source]
            ex = sx + _BOX_W / 2 + 48
            arrow(group, sx + _BOX_W / 2, sy, ex - 10, sy)
            ET.SubElement(
                group,
                "circle",
                {"cx": num(ex), "cy": num(sy), "r": "8", "fill": "none", "stroke": "#222222"},
            )
            ET.SubElement(group, "circle", {"cx": num(ex), "cy": num(sy), "r": "4.5"})
        elif t.source == t.target:
            sx, sy = centre[t.source]
            box_top = sy - _BOX_H / 2
            ET.SubElement(
                group,
                "path",
                {
                    "d": f"M{num(sx - 30)},{num(box_top)} C{num(sx - 30)},{num(box_top - 34)} "
                    f"{num(sx + 30)},{num(box_top - 34)} {num(sx + 30)},{num(box_top)}",
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
            arrow(group, x1, y1, x2, y2)
            fraction = 0.4
            label(
                labels,
                x1 + (x2 - x1) * fraction,
                y1 + (y2 - y1) * fraction - 6,
                acts,
                fill=COLOURS.get(t.target, "#444444"),
                **{"font-weight": "bold"},
            )
    ET.SubElement(
        nodes,
        "circle",
        {"class": "start", "cx": num(start_at[0]), "cy": num(start_at[1]), "r": "7"},
    )
    refused = {status.value: acts for status, acts in diagram.refused}
    for name in states:
        cx, cy = centre[name]
        group = ET.SubElement(nodes, "g", {"class": f"state {name}", "data-state": name})
        ET.SubElement(
            group,
            "rect",
            {
                "x": num(cx - _BOX_W / 2),
                "y": num(cy - _BOX_H / 2),
                "width": num(_BOX_W),
                "height": num(_BOX_H),
                "rx": "8",
                "fill": BANDS.get(name, "#eeeeee"),
                "stroke": COLOURS.get(name, "#444444"),
                "stroke-width": "2",
            },
        )
        ET.SubElement(
            group,
            "text",
            {
                "x": num(cx),
                "y": num(cy + 5),
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
