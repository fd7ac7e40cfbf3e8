"""The pictures: the SVG timeline of a procedure and the state diagram from the engine."""

from __future__ import annotations

import importlib.util
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import ModuleType

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

import cica_cbm as cbm
from cica_cbm.views._svg import COLOURS
from cica_cbm.views.diagram import (
    StateDiagram,
    Transition,
    state_diagram,
    state_diagram_svg,
    transitions,
)
from cica_cbm.views.html import horizon
from cica_cbm.views.timeline import label_width, timeline_svg

SVG = "{http://www.w3.org/2000/svg}"
ASTANA = cbm.ASTANA
ROOT = Path(__file__).resolve().parent.parent


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def _texts(element: ET.Element) -> list[str]:
    return [t.text or "" for t in element.iter(f"{SVG}text")]


def _event_groups(root: ET.Element) -> dict[int, ET.Element]:
    return {
        int(g.attrib["data-event"]): g for g in root.iter(f"{SVG}g") if "data-event" in g.attrib
    }


def _scenario(proc: cbm.SilenceProcedure) -> cbm.SilenceProcedure:
    return (
        proc.comment(by="CHN", at=datetime(2023, 12, 20, 11, tzinfo=ASTANA), text="c")
        .amend(by="RUS", at=datetime(2023, 12, 21, 9, tzinfo=ASTANA), text="a")
        .extend(to=date(2024, 1, 25), at=datetime(2024, 1, 8, tzinfo=ASTANA), note="NCT/G/1")
        .object(by="IND", at=datetime(2024, 1, 20, 15, tzinfo=ASTANA), text="o")
        .comment(by="KAZ", at=datetime(2024, 1, 28, tzinfo=ASTANA), text="late")
    )


# --- the timeline ----------------------------------------------------------------------------


def test_the_seeds_timeline_is_well_formed_svg(proc: cbm.SilenceProcedure) -> None:
    """The timeline parses as XML, its root is an SVG element with a size and a title."""
    root = _parse(timeline_svg(proc))
    assert root.tag == f"{SVG}svg"
    assert int(root.attrib["width"]) == 1100
    assert float(root.attrib["height"]) > 100
    assert root.find(f"{SVG}title") is not None


def test_the_timeline_names_every_event_with_its_party_and_kind(
    proc: cbm.SilenceProcedure,
) -> None:
    """Each recorded event is a group with its index, a label and a tooltip naming it."""
    story = _scenario(proc)
    root = _parse(timeline_svg(story))
    groups = _event_groups(root)
    assert sorted(groups) == list(range(len(story.events)))
    for index, event in enumerate(story.events):
        group = groups[index]
        label = " ".join(_texts(group))
        tooltip = group.findtext(f"{SVG}title") or ""
        if isinstance(event, cbm.CommentSubmitted | cbm.AmendmentProposed | cbm.ObjectionRaised):
            assert f"{event.by} {event.kind.value}" in label
            assert event.text in tooltip
        elif isinstance(event, cbm.DeadlineExtended):
            assert "extended by Note NCT/G/1" in label
        else:
            assert "opened by Note NCT/G/1501" in label


def test_the_timeline_shows_the_deadlines_and_the_outcome(proc: cbm.SilenceProcedure) -> None:
    """Both deadlines, the one superseded and the one in force, and the outcome are drawn."""
    texts = " | ".join(_texts(_parse(timeline_svg(_scenario(proc)))))
    assert "deadline as opened (superseded): no later than 11 Jan 2024" in texts
    assert "deadline: no later than 25 Jan 2024 (ends 26 Jan 2024 00:00)" in texts
    assert "SILENCE BROKEN at 20 Jan 2024 15:00" in texts
    assert "IND objection, 20 Jan 2024 15:00 (breaks the silence)" in texts
    assert "KAZ comment, 28 Jan 2024 00:00 (late: no effect)" in texts


def test_events_after_the_instant_shown_are_faded_and_the_outcome_is_the_one_then(
    proc: cbm.SilenceProcedure,
) -> None:
    """Shown at 7 January, the objection of the 20th is drawn faded and the status is pending."""
    at = datetime(2024, 1, 7, tzinfo=ASTANA)
    root = _parse(timeline_svg(_scenario(proc), at))
    groups = _event_groups(root)
    assert groups[4].attrib.get("opacity") == "0.45"
    assert "opacity" not in groups[1].attrib
    texts = " | ".join(_texts(root))
    assert "PENDING at 7 Jan 2024 00:00" in texts
    assert "(after the instant shown)" in texts
    assert any(line.get("class") == "shown-at" for line in root.iter(f"{SVG}line"))


def test_the_timeline_escapes_whatever_a_party_wrote(proc: cbm.SilenceProcedure) -> None:
    """Markup in a comment's text is text in the SVG, never an element."""
    text = '<script>alert("x")</script> & </svg>'
    svg = timeline_svg(proc.comment(by="CHN", at=proc.opened_at + timedelta(days=1), text=text))
    assert "<script>" not in svg
    root = _parse(svg)
    assert not list(root.iter(f"{SVG}script"))
    assert any(text in (title.text or "") for title in root.iter(f"{SVG}title"))


def test_a_timeline_shown_before_the_opening_says_not_open_yet(
    proc: cbm.SilenceProcedure,
) -> None:
    """Before the opening the picture says what the findings say: not open yet, not PENDING."""
    at = proc.opened_at - timedelta(days=3)
    root = _parse(timeline_svg(proc, at))
    texts = " | ".join(_texts(root))
    assert any("Not open yet" in finding.message for finding in proc.outcome(at).findings)
    assert "not open yet at 10 Dec 2023 00:00" in texts
    assert texts.count("not open yet") == 2  # the outcome's label and the subtitle
    assert "PENDING" not in texts


def _label_boxes(root: ET.Element) -> list[tuple[float, float, float, float, str]]:
    """Each label's box (left, top, right, bottom), from its position and estimated width."""
    boxes = []
    for group in root.iter(f"{SVG}g"):
        if "mark" not in group.get("class", "") and "event" not in group.get("class", ""):
            continue
        for text in group.iter(f"{SVG}text"):
            label = text.text or ""
            width = label_width(label, bold=text.get("font-weight") == "bold")
            left = float(text.attrib["x"])
            if text.get("text-anchor") == "end":
                left -= width
            y = float(text.attrib["y"])
            boxes.append((left, y - 10, left + width, y + 3, label))
    return boxes


def _overlapping(boxes: list[tuple[float, float, float, float, str]]) -> list[tuple[str, str]]:
    return [
        (a[4], b[4])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    ]


def _crowd(proc: cbm.SilenceProcedure) -> cbm.SilenceProcedure:
    """Twelve submissions within an hour on 5 January, an objection among them."""
    start = datetime(2024, 1, 5, 10, tzinfo=ASTANA)
    for minute, code in enumerate(sorted(proc.parties)[:12]):
        at = start + timedelta(minutes=5 * minute)
        act = proc.object if minute == 7 else proc.amend if minute % 3 == 0 else proc.comment
        proc = act(by=code, at=at, text="crowded")
    return proc


@pytest.mark.parametrize("width", [400, 720, 1100])
@pytest.mark.parametrize("hour", [None, 10])
def test_labels_of_clustered_events_never_overlap(
    proc: cbm.SilenceProcedure, width: int, hour: int | None
) -> None:
    """Many events within an hour: each label in a lane where no other label's box meets it."""
    crowd = _crowd(proc)
    at = None if hour is None else datetime(2024, 1, 5, hour, 30, tzinfo=ASTANA)
    root = _parse(timeline_svg(crowd, at, width=width))
    boxes = _label_boxes(root)
    assert len(boxes) == len(crowd.events) + 2  # and a deadline and the outcome
    assert _overlapping(boxes) == []


def test_the_shown_at_line_stops_short_of_every_label(proc: cbm.SilenceProcedure) -> None:
    """The dashed line of the instant shown is behind the labels and crosses none of them."""
    at = datetime(2024, 1, 5, 10, 30, tzinfo=ASTANA)
    svg = timeline_svg(_crowd(proc), at, width=720)
    root = _parse(svg)
    segments = [line for line in root.iter(f"{SVG}line") if line.get("class") == "shown-at"]
    assert segments
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legend")
    legend_top = min(float(t.attrib["y"]) for t in legend.iter(f"{SVG}text")) - 12
    for line in segments:
        x, y1, y2 = (float(line.attrib[k]) for k in ("x1", "y1", "y2"))
        assert y2 <= legend_top
        for left, top, right, bottom, label in _label_boxes(root):
            crosses = left <= x <= right and y1 < bottom and top < y2
            assert not crosses, label
    first_label = min(svg.find("<text", svg.find("<g class=")), len(svg))
    assert svg.find('class="shown-at"') < first_label  # drawn before, so behind, the labels


@pytest.mark.parametrize(
    ("story", "decided"),
    [
        (lambda p: p, cbm.Status.APPROVED),
        (
            lambda p: p.object(by="IND", at=p.opened_at + timedelta(days=2), text="no"),
            cbm.Status.SILENCE_BROKEN,
        ),
        (
            lambda p: p.withdraw(at=p.opened_at + timedelta(days=2), reason="r"),
            cbm.Status.WITHDRAWN,
        ),
    ],
)
def test_the_legends_outcome_ring_has_the_colour_of_the_status_shown(
    proc: cbm.SilenceProcedure,
    story: Callable[..., cbm.SilenceProcedure],
    decided: cbm.Status,
) -> None:
    """The ring in the key is the ring on the axis: green, red, grey, or yellow while pending."""
    shown = story(proc)
    assert shown.status(at=horizon(shown)) is decided
    assert len({COLOURS[s.value] for s in cbm.Status}) == len(cbm.Status)
    for at in (None, proc.opened_at + timedelta(days=1)):
        root = _parse(timeline_svg(shown, at))
        legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legend")
        ring = next(c for c in legend.iter(f"{SVG}circle") if c.get("fill") == "none")
        expected = shown.status(at=horizon(shown) if at is None else at).value
        assert ring.attrib["stroke"] == COLOURS[expected]
        marks = [g for g in root.iter(f"{SVG}g") if g.get("class") == f"mark {expected}"]
        on_axis = marks[0].find(f"{SVG}circle")
        assert on_axis is not None
        assert on_axis.attrib["stroke"] == ring.attrib["stroke"]


def test_the_timeline_refuses_what_it_cannot_draw(proc: cbm.SilenceProcedure) -> None:
    """A non-procedure, a naive instant and a tiny width are refused with clear errors."""
    with pytest.raises(cbm.InvalidValueError, match=r"procedure: 'proc'.*a SilenceProcedure"):
        timeline_svg("proc")  # type: ignore[arg-type]
    with pytest.raises(cbm.NaiveDatetimeError):
        timeline_svg(proc, datetime(2024, 1, 1))
    with pytest.raises(cbm.InvalidValueError, match=r"width: 100 .*at least 400"):
        timeline_svg(proc, width=100)
    with pytest.raises(cbm.InvalidValueError, match="policy"):
        transitions("OSCE")  # type: ignore[arg-type]


def test_a_withdrawn_procedure_shows_the_withdrawal(proc: cbm.SilenceProcedure) -> None:
    """The withdrawal is labelled and the outcome says withdrawn."""
    gone = proc.withdraw(at=datetime(2023, 12, 22, tzinfo=ASTANA), reason="a revised draft")
    texts = " | ".join(_texts(_parse(timeline_svg(gone))))
    assert "withdrawn, 22 Dec 2023 00:00" in texts
    assert "WITHDRAWN at 22 Dec 2023 00:00" in texts


def test_the_timeline_is_the_same_every_time(proc: cbm.SilenceProcedure) -> None:
    """Drawing is deterministic: no clock, no randomness."""
    story = _scenario(proc)
    assert timeline_svg(story) == timeline_svg(story)


def _ticks(proc: cbm.SilenceProcedure) -> list[str]:
    root = _parse(timeline_svg(proc))
    return [t.text or "" for t in root.iter(f"{SVG}text") if t.get("class") == "tick"]


def test_a_one_day_silence_gets_hour_ticks_and_a_long_one_day_ticks() -> None:
    """An OSCE silence of 24 hours is drawn with hours on its axis; the seed's with dates."""
    seed = cbm.samples.nct_g_1501()
    opened = datetime(2024, 1, 2, 9, tzinfo=ASTANA)
    osce = cbm.SilenceProcedure.open(
        seed.note,
        seed.draft,
        deadline=opened + timedelta(hours=24),
        at=opened,
        policy=cbm.OSCE,
        body="CICA",
    )
    hours = _ticks(osce)
    assert len(hours) >= 3
    assert all(tick.endswith(":00") for tick in hours)
    days = _ticks(seed)
    assert len(days) >= 3
    assert all(tick.endswith(("2023", "2024")) for tick in days)


_ACTS = st.sampled_from(["comment", "amend", "object", "extend", "withdraw"])


@st.composite
def _stories(draw: st.DrawFn) -> cbm.SilenceProcedure:
    proc = cbm.samples.nct_g_1501()
    parties = sorted(proc.parties)
    for _ in range(draw(st.integers(0, 8))):
        act = draw(_ACTS)
        at = proc.opened_at + timedelta(hours=draw(st.integers(0, 24 * 50)))
        try:
            if act == "extend":
                proc = proc.extend(
                    to=proc.deadline + timedelta(days=draw(st.integers(1, 9))), at=at
                )
            elif act == "withdraw":
                proc = proc.withdraw(at=at, reason="r")
            else:
                by = draw(st.sampled_from(parties))
                proc = getattr(proc, act)(by=by, at=at, text=draw(st.text(max_size=20)))
        except cbm.CbmError:
            continue
    return proc


@settings(max_examples=40, deadline=None)
@given(story=_stories())
def test_any_procedure_draws_as_well_formed_svg_that_names_every_event(
    story: cbm.SilenceProcedure,
) -> None:
    """Whatever happened, the SVG parses and has one labelled group per recorded event."""
    root = _parse(timeline_svg(story))
    groups = _event_groups(root)
    assert sorted(groups) == list(range(len(story.events)))
    for index, event in enumerate(story.events):
        label = " ".join(_texts(groups[index]))
        assert label
        if isinstance(event, cbm.CommentSubmitted | cbm.AmendmentProposed | cbm.ObjectionRaised):
            assert label.startswith(f"{event.by} {event.kind.value}")
    status = story.status(horizon(story)).value.replace("_", " ").upper()
    assert any(t.startswith(f"{status} at ") for t in _texts(root))


# --- the state diagram -----------------------------------------------------------------------

CICA_DIAGRAM = """\
stateDiagram-v2
    direction LR
    state "pending" as pending
    state "approved" as approved
    state "silence broken" as silence_broken
    state "withdrawn" as withdrawn
    [*] --> pending : opening
    pending --> pending : comment, amendment, extension
    pending --> approved : deadline passes
    pending --> silence_broken : objection
    pending --> withdrawn : withdrawal
    approved --> approved : late comment, late amendment, late objection
    approved --> [*]
    silence_broken --> silence_broken : late comment, late amendment, objection, late objection
    silence_broken --> [*]
    withdrawn --> withdrawn : late comment, late amendment, late objection
    withdrawn --> [*]
    note right of approved : refused: extension, withdrawal
    note right of silence_broken : refused: extension, withdrawal
    note right of withdrawn : refused: extension, withdrawal"""


def test_the_cica_state_diagram_is_the_golden_one() -> None:
    """The diagram under CICA practice; if the engine changes, this text must be updated."""
    assert state_diagram() == CICA_DIAGRAM


def test_under_the_osce_an_amendment_breaks_the_silence() -> None:
    """The OSCE's policy moves the amendment from the pending loop to the broken silence."""
    diagram = state_diagram(cbm.OSCE)
    assert "    pending --> pending : comment, extension\n" in diagram
    assert "    pending --> silence_broken : amendment, objection\n" in diagram


def test_a_policy_with_a_long_minimum_period_still_gets_its_diagram() -> None:
    """The probe's deadline respects the policy's minimum period, however long."""
    policy = attrs.evolve(cbm.UN_GENERAL_ASSEMBLY, name="slow", minimum_period=timedelta(days=90))
    assert set(transitions(policy).states) == set(cbm.Status)


def test_the_diagram_follows_a_policy_it_has_never_seen() -> None:
    """A new policy in which comments break silence gets its own diagram, with no code change."""
    policy = attrs.evolve(cbm.CICA_PRACTICE, name="strict", breaks_silence={"objection", "comment"})
    diagram = state_diagram(policy)
    assert "pending --> silence_broken : comment, objection" in diagram
    assert "pending --> pending : amendment, extension" in diagram


@pytest.mark.parametrize("policy", list(cbm.POLICIES.values()), ids=list(cbm.POLICIES))
def test_every_policy_breaks_silence_exactly_by_what_it_lists(policy: cbm.SilencePolicy) -> None:
    """The acts that take pending to silence_broken are the policy's breaks_silence."""
    found = transitions(policy)
    breaking = next(
        t.acts for t in found.transitions if (t.source, t.target) == ("pending", "silence_broken")
    )
    assert set(breaking) == {kind.value for kind in policy.breaks_silence}


@pytest.mark.parametrize("policy", list(cbm.POLICIES.values()), ids=list(cbm.POLICIES))
def test_every_status_is_a_state_of_the_diagram(policy: cbm.SilencePolicy) -> None:
    """Every Status is reachable from the opening, and only pending can be left."""
    found = transitions(policy)
    assert set(found.states) == set(cbm.Status)
    diagram = found.to_mermaid()
    for status in cbm.Status:
        assert f" as {status.value}\n" in diagram
    leaving = {t.source for t in found.transitions if t.source != t.target and t.target != "[*]"}
    assert leaving == {"[*]", "pending"}


def test_a_state_diagram_renders_its_parts_in_mermaid_syntax() -> None:
    """Transitions without acts have no label; refused acts become notes."""
    diagram = StateDiagram(
        policy=cbm.CICA_PRACTICE,
        states=(cbm.Status.PENDING,),
        transitions=(Transition("[*]", "pending", ("opening",)), Transition("pending", "[*]", ())),
        refused=((cbm.Status.PENDING, ("withdrawal",)),),
    )
    assert diagram.to_mermaid().splitlines()[3:] == [
        "    [*] --> pending : opening",
        "    pending --> [*]",
        "    note right of pending : refused: withdrawal",
    ]


def test_the_state_diagram_svg_draws_every_state_and_transition() -> None:
    """One box per status, one group per transition naming its acts, refused acts as notes."""
    found = transitions()
    root = _parse(found.to_svg())
    boxes = [g.attrib["data-state"] for g in root.iter(f"{SVG}g") if "data-state" in g.attrib]
    assert boxes == [s.value for s in cbm.Status]
    drawn = [
        (g.attrib["data-from"], g.attrib["data-to"], g.findtext(f"{SVG}title") or "")
        for g in root.iter(f"{SVG}g")
        if "data-from" in g.attrib
    ]
    assert [(a, b) for a, b, _ in drawn] == [(t.source, t.target) for t in found.transitions]
    for (_, _, title), t in zip(drawn, found.transitions, strict=True):
        assert title.endswith(": " + ", ".join(t.acts))
    texts = _texts(root)
    assert texts.count("refused: extension, withdrawal") == 3
    assert "amendment, objection" in _texts(_parse(state_diagram_svg(cbm.OSCE)))


# --- the pictures in the docs ----------------------------------------------------------------


def _draw_pictures() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "draw_pictures", ROOT / "scripts/draw_pictures.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_pictures_in_the_docs_are_what_the_code_draws() -> None:
    """docs/images holds exactly what scripts/draw_pictures.py would write today."""
    pictures = _draw_pictures().pictures()
    for name, text in pictures.items():
        path = ROOT / "docs" / "images" / name
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.name} is stale: run python scripts/draw_pictures.py"
        )


# --- the diagram against random runs of the engine -------------------------------------------


class DiagramMachine(RuleBasedStateMachine):
    """Random acts on the seed's procedure: every status change must be a drawn transition."""

    def __init__(self) -> None:
        super().__init__()
        self.proc = cbm.samples.nct_g_1501()
        self.now = self.proc.opened_at
        self.diagram = transitions(self.proc.policy)
        self.edges = {(t.source, t.target): set(t.acts) for t in self.diagram.transitions}
        self.refused = {status.value: set(acts) for status, acts in self.diagram.refused}

    def _act(self, name: str, hours: int, act: Callable[[datetime], cbm.SilenceProcedure]) -> None:
        self.now += timedelta(hours=hours)
        before = self.proc.status(self.now).value
        try:
            after_proc = act(self.now)
        except cbm.CbmError:
            assert name in self.refused.get(before, set())
            return
        after = after_proc.status(self.now).value
        # compared in UTC: Python never equates an Astana time in the hour repeated on
        # 29 February 2024 (UTC+6 to UTC+5) with a time in another zone (PEP 495)
        now = self.now.astimezone(UTC)
        late = any(item.event.at == now for item in after_proc.context(self.now).late)
        assert (f"late {name}" if late else name) in self.edges[(before, after)]
        self.proc = after_proc

    @rule(kind=st.sampled_from(["comment", "amend", "object"]), hours=st.integers(1, 24 * 12))
    def submit(self, kind: str, hours: int) -> None:
        name = {"comment": "comment", "amend": "amendment", "object": "objection"}[kind]
        act = getattr(self.proc, kind)
        self._act(name, hours, lambda at: act(by="KAZ", at=at, text="t"))

    @rule(hours=st.integers(1, 24 * 12), days=st.integers(1, 20))
    def extend(self, hours: int, days: int) -> None:
        self._act(
            "extension",
            hours,
            lambda at: self.proc.extend(to=self.proc.deadline + timedelta(days=days), at=at),
        )

    @rule(hours=st.integers(1, 24 * 12))
    def withdraw(self, hours: int) -> None:
        self._act("withdrawal", hours, lambda at: self.proc.withdraw(at=at, reason="r"))

    @rule(hours=st.integers(1, 24 * 30))
    def wait(self, hours: int) -> None:
        before = self.proc.status(self.now).value
        self.now += timedelta(hours=hours)
        after = self.proc.status(self.now).value
        if after != before:
            assert "deadline passes" in self.edges[(before, after)]

    @invariant()
    def the_status_is_a_state_of_the_diagram(self) -> None:
        assert self.proc.status(self.now) in self.diagram.states


DiagramMachine.TestCase.settings = settings(max_examples=30, stateful_step_count=12, deadline=None)
test_the_diagram_holds_for_random_runs_of_the_engine = DiagramMachine.TestCase
