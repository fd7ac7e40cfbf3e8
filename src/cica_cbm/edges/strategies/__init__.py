"""Hypothesis strategies for every public type of cica_cbm (needs the ``hypothesis`` extra).

Install ``cica_cbm[hypothesis]`` and the strategies are registered through the ``hypothesis``
entry point, so ``st.from_type(cica_cbm.Note)`` works in any project with no setup. Call the
functions here directly to tune what is drawn::

    from hypothesis import given
    from cica_cbm import strategies as cst

    @given(cst.procedures(policies=cst.silence_policies(shipped_only=True)))
    def test_something(proc): ...

Every value drawn is valid: it is built through the library's own constructors and commands,
so a strategy never yields what the library would refuse. Each docstring says what the
strategy shrinks towards, so a failing example reads as the simplest case that still fails.
Reference data (Member States, shipped observers, the Catalogue's priority areas, the silence
policies) is sampled from what the package ships; nothing is invented about real states.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Any, TypeVar

from hypothesis import strategies as st

from ...core import samples
from ...core.catalogue import Catalogue, Dimension, PriorityArea, catalogue
from ...core.clock import ASTANA, UTC, end_of_day
from ...core.consensus import ConsensusContext, Decision, Position, Stance, Statement, consensus
from ...core.drafts import (
    ActionItem,
    ActionPlan,
    ActionSection,
    ConceptPaper,
    Draft,
    ItemKind,
    ItemStatus,
    Provision,
)
from ...core.errors import (
    CbmError,
    ConflictError,
    DeserializationError,
    EventOrderError,
    InvalidValueError,
    MalformedNoteNumberError,
    NaiveDatetimeError,
    NotAMemberError,
    NotAPartyError,
    NotAuthorizedError,
    PolicyViolationError,
    ProcedureClosedError,
    TransitionError,
    UnknownStateError,
)
from ...core.notes import Enclosure, Note, NoteNumber, NoteReference, Notice
from ...core.rules import Finding, Rule, RuleSet
from ...core.silence import (
    POLICIES,
    AmendmentProposed,
    CommentSubmitted,
    Deadline,
    DeadlineExtended,
    DeadlineForm,
    LateSubmission,
    ObjectionRaised,
    Outcome,
    ProcedureOpened,
    ProcedureWithdrawn,
    SilenceContext,
    SilencePolicy,
    SilenceProcedure,
    Status,
    SubmissionKind,
)
from ...core.states import (
    Admission,
    Confidence,
    MemberState,
    Observer,
    ObserverKind,
    Precision,
    _registry,
)
from ...core.states import member_states as _members_on
from ...core.text import Language, LocalizedText

__all__ = [
    "EARLIEST_DAY",
    "LATEST_DAY",
    "action_items",
    "action_plans",
    "action_sections",
    "admissions",
    "amendments",
    "aware_datetimes",
    "catalogues",
    "comments",
    "concept_papers",
    "consensus_contexts",
    "days",
    "deadlines",
    "decisions",
    "dimensions",
    "drafts",
    "enclosures",
    "errors",
    "events",
    "extensions",
    "findings",
    "instants",
    "late_submissions",
    "localized_texts",
    "member_codes",
    "member_states",
    "member_states_on",
    "note_numbers",
    "note_references",
    "notes",
    "objections",
    "observers",
    "openings",
    "outcomes",
    "parties",
    "positions",
    "priority_areas",
    "procedures",
    "provisions",
    "register",
    "rule_sets",
    "rules",
    "silence_contexts",
    "silence_policies",
    "stances",
    "statements",
    "texts",
    "time_zones",
    "withdrawals",
]

T = TypeVar("T")

EARLIEST_DAY = date(1999, 9, 14)
"""The first day with Member States (the Declaration on Principles); drawn days start here."""
LATEST_DAY = date(2040, 12, 31)
"""The last day drawn by default."""

_EPOCH = datetime(2023, 12, 12, 18, 0, tzinfo=UTC)  # 13 December 2023, 00:00 in Astana
_MICRO = timedelta(microseconds=1)

# --- building blocks -------------------------------------------------------------------------


def texts(*, min_size: int = 1, max_size: int = 40) -> st.SearchStrategy[str]:
    """Text that is not blank, in any script; shrinks towards ``"0"``."""
    return st.text(
        st.characters(exclude_categories=["Cs"]), min_size=min_size, max_size=max_size
    ).filter(lambda s: s.strip() != "")


def days(min_value: date = EARLIEST_DAY, max_value: date = LATEST_DAY) -> st.SearchStrategy[date]:
    """Calendar days from ``min_value`` to ``max_value``; shrinks towards ``min_value``."""
    # st.dates() shrinks towards 2000-01-01; an offset from min_value shrinks towards it
    return st.integers(0, (max_value - min_value).days).map(lambda n: min_value + timedelta(days=n))


def time_zones() -> st.SearchStrategy[tzinfo]:
    """Zones an instant may be written in; shrinks towards UTC.

    UTC, Astana (the pinned zone), and fixed offsets from UTC-12:00 to UTC+14:00 in quarter
    hours, so that nothing may depend on the zone an instant happens to be written in.
    """
    offsets = st.integers(-48, 56).map(lambda q: timezone(timedelta(minutes=15 * q)))
    return st.one_of(st.just(UTC), st.just(ASTANA), offsets)


def instants(
    start: datetime = _EPOCH,
    span: timedelta = timedelta(days=60),
    *,
    zones: st.SearchStrategy[tzinfo] | None = None,
) -> st.SearchStrategy[datetime]:
    """Aware instants from ``start`` to ``start + span``, to the microsecond.

    Each is written in a zone drawn from ``zones`` (by default UTC only). Shrinks towards
    ``start`` in UTC.
    """
    micro = int(span / _MICRO)
    moments = st.integers(0, micro).map(lambda us: start + timedelta(microseconds=us))
    if zones is None:
        return moments.map(lambda t: t.astimezone(UTC))
    return st.tuples(moments, zones).map(lambda pair: pair[0].astimezone(pair[1]))


def aware_datetimes(
    min_value: date = EARLIEST_DAY, max_value: date = LATEST_DAY
) -> st.SearchStrategy[datetime]:
    """Aware datetimes between two days, in any zone of :func:`time_zones`.

    Shrinks towards midnight UTC at the start of ``min_value``.
    """
    start = datetime.combine(min_value, datetime.min.time(), tzinfo=UTC)
    end = datetime.combine(max_value, datetime.min.time(), tzinfo=UTC)
    return instants(start, end - start, zones=time_zones())


def note_numbers(*, series: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[NoteNumber]:
    """Note numbers such as ``NCT/G/1501``; shrinks towards ``A/1``.

    The series is one to three parts of capital letters joined by "/"; the serial is a whole
    number from 1 to 999 999 999.
    """
    if series is None:
        part = st.text(string.ascii_uppercase, min_size=1, max_size=10)
        series = st.lists(part, min_size=1, max_size=3).map("/".join)
    return st.builds(NoteNumber, series, st.integers(1, 999_999_999))


def localized_texts(
    text: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[LocalizedText]:
    """Texts in English, with Russian and Kazakh or not.

    Shrinks towards English only (Russian and Kazakh unknown), each text towards ``"0"``.
    """
    text = text if text is not None else texts()
    return st.builds(LocalizedText, text, st.none() | text, st.none() | text)


# --- reference data --------------------------------------------------------------------------


def member_states(*, on: date | None = None) -> st.SearchStrategy[MemberState]:
    """The shipped Member States (those that may have been members on ``on``, if given).

    Shrinks towards the first by code (``AFG`` among all 28).
    """

    def pool() -> st.SearchStrategy[MemberState]:
        if on is None:
            return st.sampled_from(sorted(_registry().members.values(), key=lambda s: s.code))
        return st.sampled_from(member_states_on(on))

    return st.deferred(pool)


def member_states_on(day: date) -> tuple[MemberState, ...]:
    """The shipped Member States that may have been members on ``day`` (certain or not)."""
    return _members_on(on=day, certain=False)


def member_codes(*, on: date | None = None) -> st.SearchStrategy[str]:
    """Codes of the shipped Member States; shrinks towards the first by code."""
    return member_states(on=on).map(lambda s: s.code)


def parties(on: date = date(2023, 12, 13)) -> st.SearchStrategy[str]:
    """Codes of the Member States on ``on`` (the seed's date by default).

    Shrinks towards the first by code.
    """
    return st.deferred(lambda: st.sampled_from([s.code for s in _members_on(on=on)]))


def admissions() -> st.SearchStrategy[Admission]:
    """Admissions on a day, in a year, or within a range of days, with their confidence.

    Shrinks towards a day admission on :data:`EARLIEST_DAY` with high confidence and no note.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Admission:
        precision = draw(st.sampled_from(Precision))
        confidence = draw(st.sampled_from(Confidence))
        note = draw(st.none() | texts())
        if precision is Precision.DAY:
            day = draw(days())
            return Admission(day.isoformat(), day, precision, day, confidence, note)
        if precision is Precision.YEAR:
            year = draw(st.integers(EARLIEST_DAY.year + 1, LATEST_DAY.year))
            first, last = date(year, 1, 1), date(year, 12, 31)
            return Admission(str(year), first, precision, last, confidence, note)
        first = draw(days())
        last = draw(days(min_value=first))
        stated = f"between {first.isoformat()} and {last.isoformat()}"
        return Admission(stated, first, precision, last, confidence, note)

    return build()


def observers(*, shipped_only: bool = False) -> st.SearchStrategy[Observer]:
    """Observers: the 15 shipped ones, and (unless ``shipped_only``) made-up ones.

    Made-up observers have ids that are no shipped state's code. Shrinks towards the first
    shipped observer (Belarus).
    """
    shipped = st.deferred(
        lambda: st.sampled_from(
            sorted(_registry().observers.values(), key=lambda o: (o.kind.value != "state", o.id))
        )
    )
    if shipped_only:
        return shipped
    made_up = st.builds(
        Observer,
        id=st.text(string.ascii_uppercase, min_size=4, max_size=8).map(lambda s: "X" + s),
        kind=st.sampled_from(ObserverKind),
        name=localized_texts(),
        since=st.none() | admissions(),
    )
    return shipped | made_up


def dimensions() -> st.SearchStrategy[Dimension]:
    """Dimensions of the Catalogue: the five shipped, then made-up ones.

    Shrinks towards the first shipped dimension (Military-Political).
    """
    shipped = st.deferred(lambda: st.sampled_from(catalogue().dimensions))
    made_up = st.builds(Dimension, _ids(), localized_texts())
    return shipped | made_up


def _ids() -> st.SearchStrategy[str]:
    return st.text(string.ascii_lowercase + string.digits + "-.", min_size=1, max_size=12)


def priority_areas() -> st.SearchStrategy[PriorityArea]:
    """Priority areas: the shipped ones, then made-up ones with coordinators or unknown.

    Shrinks towards the first shipped area, New Challenges and Threats (general).
    """
    shipped = st.deferred(lambda: st.sampled_from(catalogue().priority_areas))
    made_up = st.builds(
        PriorityArea,
        id=_ids(),
        dimension=_ids(),
        name=localized_texts(),
        coordinator=st.none() | member_codes(),
        co_coordinators=st.none() | st.lists(member_codes(), unique=True, max_size=4).map(tuple),
        confidence=st.sampled_from(Confidence),
        note=st.none() | texts(),
    )
    return shipped | made_up


def catalogues() -> st.SearchStrategy[Catalogue]:
    """Editions of the Catalogue: the shipped one, then made-up ones.

    A made-up edition's areas belong to its own dimensions. Shrinks towards the shipped
    edition (updated October 2021).
    """

    @st.composite
    def made_up(draw: st.DrawFn) -> Catalogue:
        dims = draw(st.lists(dimensions(), min_size=1, max_size=5, unique_by=lambda d: d.id))
        areas = draw(st.lists(priority_areas(), max_size=5, unique_by=lambda a: a.id))
        areas = [
            PriorityArea(
                a.id,
                draw(st.sampled_from([d.id for d in dims])),
                a.name,
                a.coordinator,
                a.co_coordinators,
                a.confidence,
                a.note,
            )
            for a in areas
        ]
        first = draw(days())
        return Catalogue(
            id=draw(_ids()),
            title=draw(texts()),
            first_adopted=first,
            updated=draw(days(min_value=first)),
            updated_by=draw(texts()),
            discrepancy=draw(st.none() | texts()),
            dimensions=tuple(dims),
            priority_areas=tuple(areas),
        )

    return st.builds(catalogue) | made_up()


# --- notes -----------------------------------------------------------------------------------


def note_references(
    *, before: NoteNumber | None = None, on_or_before: date = LATEST_DAY
) -> st.SearchStrategy[NoteReference]:
    """References to earlier notes, dated on or before ``on_or_before``.

    With ``before``, the number is never ``before`` itself and, in the same series, has a
    lower serial. Shrinks towards ``A/1`` of :data:`EARLIEST_DAY`.
    """

    def earlier(number: NoteNumber) -> bool:
        if before is None:
            return True
        return number != before and (
            number.series != before.series or number.serial < before.serial
        )

    numbers = note_numbers().filter(earlier)
    if before is not None and before.serial > 1:
        same_series = st.integers(1, before.serial - 1).map(lambda n: NoteNumber(before.series, n))
        numbers = same_series | numbers
    return st.builds(NoteReference, numbers, days(max_value=on_or_before))


def enclosures() -> st.SearchStrategy[Enclosure]:
    """Enclosures with a description and pages, or pages not given.

    Shrinks towards an enclosure described as ``"0"`` whose pages are not given.
    """
    return st.builds(Enclosure, localized_texts(), st.none() | st.integers(1, 500))


def _languages() -> st.SearchStrategy[tuple[Language, ...]]:
    others = st.lists(st.sampled_from([Language.RU, Language.KK]), unique=True)
    return others.flatmap(lambda rest: st.permutations([Language.EN, *rest])).map(tuple)


def notes(*, on: st.SearchStrategy[date] | None = None) -> st.SearchStrategy[Note]:
    """Notes of the Secretariat, valid by construction, or the seed's own Note NCT/G/1501.

    References are to earlier notes only; languages include English. Shrinks towards the
    seed's note, then towards a note ``A/1`` of :data:`EARLIEST_DAY` with no references and
    no enclosures, in English only.
    """

    @st.composite
    def made_up(draw: st.DrawFn) -> Note:
        number = draw(note_numbers())
        day = draw(on if on is not None else days())
        refs = draw(
            st.lists(
                note_references(before=number, on_or_before=day),
                max_size=3,
                unique_by=lambda r: r.number,
            )
        )
        return Note(
            number=number,
            date=day,
            place=draw(localized_texts()),
            sender=draw(localized_texts()),
            addressees=draw(localized_texts()),
            references=tuple(refs),
            enclosures=tuple(draw(st.lists(enclosures(), max_size=2))),
            languages=draw(_languages()),
        )

    if on is not None:
        return made_up()
    return st.builds(samples.nct_g_1501_note) | made_up()


# --- drafts ----------------------------------------------------------------------------------


def provisions(part: str = "I", number: int = 1) -> st.SearchStrategy[Provision]:
    """A provision ``part.number`` (e.g. "III.1") with some text; the text shrinks to ``"0"``."""
    return st.builds(Provision, st.just(f"{part}.{number}"), texts(max_size=200))


def _numbered(part: str, max_size: int) -> st.SearchStrategy[tuple[Provision, ...]]:
    return st.lists(texts(max_size=200), max_size=max_size).map(
        lambda items: tuple(Provision(f"{part}.{i}", t) for i, t in enumerate(items, start=1))
    )


def concept_papers() -> st.SearchStrategy[ConceptPaper]:
    """Concept Papers with numbered provisions in parts I to III; shrinks towards empty parts."""
    paragraphs = st.lists(texts(max_size=200), max_size=3).map(tuple)
    return st.builds(
        ConceptPaper,
        title=texts(),
        background=paragraphs,
        priority_directions=_numbered("I", 4),
        goals=_numbered("II", 4),
        principles=_numbered("III", 6),
        approach=paragraphs,
    )


def action_items(*, id: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[ActionItem]:
    """Action Plan items of every kind and status.

    Shrinks towards a proposed lead measure with id ``"0"`` and text ``"0"``.
    """
    return st.builds(
        ActionItem,
        id=id if id is not None else _ids(),
        kind=st.sampled_from(ItemKind),
        text=texts(max_size=200),
        status=st.sampled_from(ItemStatus),
    )


def action_sections() -> st.SearchStrategy[ActionSection]:
    """Action Plan sections whose item ids are distinct; shrinks towards one lead item."""

    @st.composite
    def build(draw: st.DrawFn) -> ActionSection:
        section = draw(st.sampled_from(["i", "ii", "iii", "iv", "v", "vi"]))
        lead = draw(st.lists(action_items(), min_size=1, max_size=2))
        steps = draw(st.lists(action_items(), max_size=4))
        items = [
            ActionItem(f"{section}.{n}", item.kind, item.text, item.status)
            for n, item in enumerate(lead + steps)
        ]
        return ActionSection(
            id=section,
            title=draw(texts()),
            lead=tuple(items[: len(lead)]),
            further_steps_intro=draw(st.none() | texts()),
            further_steps=tuple(items[len(lead) :]),
        )

    return build()


def action_plans() -> st.SearchStrategy[ActionPlan]:
    """Action Plans whose sections have distinct ids; shrinks towards no sections."""
    sections = st.lists(action_sections(), max_size=4, unique_by=lambda s: s.id)
    return st.builds(
        ActionPlan,
        title=texts(),
        preamble=st.lists(texts(max_size=200), max_size=2).map(tuple),
        sections=sections.map(tuple),
    )


def drafts() -> st.SearchStrategy[Draft]:
    """Drafts: the seed's, then made-up ones on any priority area by any Member State.

    Shrinks towards the seed's draft Concept Paper and Action Plan.
    """
    made_up = st.builds(
        Draft,
        title=localized_texts(),
        priority_area=priority_areas(),
        coordinator=member_states(),
        concept_paper=concept_papers(),
        action_plan=action_plans(),
    )
    return st.builds(samples.nct_g_1501_draft) | made_up


# --- silence ---------------------------------------------------------------------------------


def silence_policies(*, shipped_only: bool = True) -> st.SearchStrategy[SilencePolicy]:
    """Silence policies: the shipped ones (CICA practice first), then made-up ones.

    Made-up policies always let an objection break silence. Shrinks towards CICA practice.
    """
    shipped = st.sampled_from(list(POLICIES.values()))
    if shipped_only:
        return shipped
    made_up = st.builds(
        SilencePolicy,
        name=texts(),
        breaks_silence=st.sets(st.sampled_from(SubmissionKind)).map(
            lambda kinds: kinds | {SubmissionKind.OBJECTION}
        ),
        deadline_form=st.sampled_from(DeadlineForm),
        minimum_period=st.none() | st.integers(1, 30 * 86_400).map(lambda s: timedelta(seconds=s)),
        clause=st.text(string.ascii_letters + " .,()", min_size=1, max_size=30).filter(str.strip)
        | st.just("Note {note} para 3"),
    )
    return shipped | made_up


def deadlines(
    *, after: datetime = _EPOCH, form: DeadlineForm = DeadlineForm.EITHER
) -> st.SearchStrategy[Deadline]:
    """Deadlines after ``after``: "no later than" a day, or an exact instant.

    Shrinks towards "no later than" the day of ``after`` in Astana (or the first instant after
    ``after``).
    """
    first_day = after.astimezone(ASTANA).date()
    by_date = st.integers(0, 365).map(lambda n: Deadline.no_later_than(first_day + timedelta(n)))
    exact = st.integers(1, 365 * 86_400 * 10**6).map(
        lambda us: Deadline.exactly(after + timedelta(microseconds=us))
    )
    if form is DeadlineForm.DATE:
        return by_date
    if form is DeadlineForm.INSTANT:
        return exact
    return by_date | exact


def _deadline_for(
    draw: st.DrawFn, policy: SilencePolicy, opened_at: datetime, horizon_days: int = 60
) -> Deadline:
    """A deadline after ``opened_at`` that ``policy`` allows."""
    shortest = policy.minimum_period or _MICRO
    earliest = opened_at + shortest
    forms = {
        DeadlineForm.DATE: ["date"],
        DeadlineForm.INSTANT: ["instant"],
        DeadlineForm.EITHER: ["date", "instant"],
    }[policy.deadline_form]
    if draw(st.sampled_from(forms)) == "date":
        # the first day whose end in Astana is at or after the earliest allowed instant
        day = earliest.astimezone(ASTANA).date()
        while end_of_day(day) < earliest:
            day += timedelta(days=1)
        return Deadline.no_later_than(day + timedelta(days=draw(st.integers(0, horizon_days))))
    micro = draw(st.integers(0, horizon_days * 86_400 * 10**6))
    return Deadline.exactly(earliest + timedelta(microseconds=micro))


def openings() -> st.SearchStrategy[ProcedureOpened]:
    """The opening events of valid procedures (see :func:`procedures`).

    Shrinks towards the seed's opening.
    """
    return procedures(max_events=0).map(lambda proc: proc.opening)


def _submissions(
    cls: Callable[..., T], by: st.SearchStrategy[str] | None, at: st.SearchStrategy[datetime]
) -> st.SearchStrategy[T]:
    return st.builds(cls, at=at, by=by if by is not None else parties(), text=texts(max_size=80))


def comments(
    *, by: st.SearchStrategy[str] | None = None, at: st.SearchStrategy[datetime] | None = None
) -> st.SearchStrategy[CommentSubmitted]:
    """Comments by a party (the seed's parties by default) at an instant.

    Shrinks towards AFG's comment ``"0"`` at the seed's opening.
    """
    return _submissions(CommentSubmitted, by, at if at is not None else instants())


def amendments(
    *, by: st.SearchStrategy[str] | None = None, at: st.SearchStrategy[datetime] | None = None
) -> st.SearchStrategy[AmendmentProposed]:
    """Proposed amendments; shrinks as :func:`comments` does."""
    return _submissions(AmendmentProposed, by, at if at is not None else instants())


def objections(
    *, by: st.SearchStrategy[str] | None = None, at: st.SearchStrategy[datetime] | None = None
) -> st.SearchStrategy[ObjectionRaised]:
    """Objections; shrinks as :func:`comments` does."""
    return _submissions(ObjectionRaised, by, at if at is not None else instants())


def extensions(
    *, at: st.SearchStrategy[datetime] | None = None
) -> st.SearchStrategy[DeadlineExtended]:
    """Deadline extensions, by a note or not.

    Shrinks towards an extension at the seed's opening to "no later than" that day, with no
    note.
    """

    @st.composite
    def build(draw: st.DrawFn) -> DeadlineExtended:
        when = draw(at if at is not None else instants())
        return DeadlineExtended(
            at=when, to=draw(deadlines(after=when)), note=draw(st.none() | note_numbers())
        )

    return build()


def withdrawals(
    *, at: st.SearchStrategy[datetime] | None = None
) -> st.SearchStrategy[ProcedureWithdrawn]:
    """Withdrawals with a reason, by a note or not; shrinks towards reason ``"0"``, no note."""
    return st.builds(
        ProcedureWithdrawn,
        at=at if at is not None else instants(),
        reason=texts(max_size=80),
        note=st.none() | note_numbers(),
    )


def events() -> st.SearchStrategy[Any]:
    """Any event of a silence procedure, the opening included; shrinks towards the opening."""
    return st.one_of(
        openings(), comments(), amendments(), objections(), extensions(), withdrawals()
    )


_COMMANDS = ("comment", "amend", "object", "extend", "withdraw")


@st.composite
def _procedure(
    draw: st.DrawFn,
    policies: st.SearchStrategy[SilencePolicy],
    note_strategy: st.SearchStrategy[Note],
    draft_strategy: st.SearchStrategy[Draft],
    max_events: int,
) -> SilenceProcedure:
    note = draw(note_strategy)
    draft = draw(draft_strategy)
    policy = draw(policies)
    seed = samples.nct_g_1501()
    if (note, draft, policy) == (seed.note, seed.draft, seed.policy) and not draw(st.booleans()):
        return _commands(draw, seed, max_events)  # the seed's own opening
    start_of_day = datetime.combine(note.date, datetime.min.time(), tzinfo=ASTANA)
    opened_at = None
    if draw(st.booleans()):
        opened_at = start_of_day + timedelta(seconds=draw(st.integers(0, 3 * 86_400)))
    effective_open = (opened_at or start_of_day).astimezone(UTC)
    deadline = _deadline_for(draw, policy, effective_open)
    possible = sorted(s.code for s in member_states_on(note.date))
    if not possible:
        possible = sorted(s.code for s in member_states_on(EARLIEST_DAY))
    defaults = [s.code for s in _members_on(on=note.date)]
    chosen: Iterable[str] | None = None
    if draw(st.booleans()) or not defaults:
        chosen = draw(st.sets(st.sampled_from(possible), min_size=1, max_size=len(possible)))
    proc = SilenceProcedure.open(
        note,
        draft,
        deadline=deadline,
        at=opened_at,
        parties=chosen,
        policy=policy,
        body="CICA",
        requested_by=draw(st.none() | st.sampled_from(sorted(chosen or defaults))),
    )
    return _commands(draw, proc, max_events)


def _commands(draw: st.DrawFn, proc: SilenceProcedure, max_events: int) -> SilenceProcedure:
    """``proc`` after up to ``max_events`` valid commands at random instants."""
    policy = proc.policy
    effective_open = proc.opening.at
    codes = sorted(proc.parties)
    count = draw(st.integers(0, max_events))
    for _ in range(count):
        horizon = proc.terms.instant + timedelta(days=30)
        when = draw(_instants_around(effective_open, horizon, proc.terms.instant))
        command = draw(st.sampled_from(_COMMANDS))
        if command in ("comment", "amend", "object"):
            by = draw(st.sampled_from(codes))
            text = draw(texts(max_size=40))
            proc = getattr(proc, command)(by=by, at=when, text=text)
            continue
        ctx = proc.context(when)
        if ctx.status is not Status.PENDING:
            continue  # only a pending procedure can be extended or withdrawn
        if command == "withdraw":
            proc = proc.withdraw(
                at=when, reason=draw(texts(max_size=40)), note=draw(st.none() | note_numbers())
            )
        else:
            later = _deadline_for(draw, policy, ctx.deadline.instant, horizon_days=30)
            proc = proc.extend(to=later, at=when, note=draw(st.none() | note_numbers()))
    return proc


def _instants_around(
    start: datetime, end: datetime, deadline: datetime
) -> st.SearchStrategy[datetime]:
    """Instants from ``start`` to ``end``, often exactly at or just before ``deadline``."""
    span = int((end - start) / _MICRO)
    anywhere = st.integers(0, span).map(lambda us: start + timedelta(microseconds=us))
    edges = st.sampled_from([deadline - _MICRO, deadline, deadline + _MICRO])
    return st.tuples(anywhere | edges, time_zones()).map(lambda p: p[0].astimezone(p[1]))


def procedures(
    *,
    policies: st.SearchStrategy[SilencePolicy] | None = None,
    notes: st.SearchStrategy[Note] | None = None,
    drafts: st.SearchStrategy[Draft] | None = None,
    max_events: int = 12,
) -> st.SearchStrategy[SilenceProcedure]:
    """Valid silence procedures, built through the library's commands.

    Opened by a note on a draft under a policy (the shipped ones by default), with the members
    on the note's date as parties or a subset of them, a deadline the policy allows; then up to
    ``max_events`` comments, amendments, objections, extensions and withdrawals by random
    parties at random instants, written in random zones: in time, exactly at the deadline, late,
    and recorded out of time order. Extensions and withdrawals are drawn only where the
    procedure is pending at their instant, as the library demands.

    Shrinks towards the seed's procedure under CICA practice with nothing submitted.
    """
    return _procedure(
        policies if policies is not None else silence_policies(),
        notes if notes is not None else _procedure_notes(),
        drafts if drafts is not None else _procedure_drafts(),
        max_events,
    )


def _procedure_notes() -> st.SearchStrategy[Note]:
    seed = st.builds(samples.nct_g_1501_note)
    return seed | notes(on=days(max_value=date(2030, 12, 31)))


def _procedure_drafts() -> st.SearchStrategy[Draft]:
    seed = st.builds(samples.nct_g_1501_draft)
    return seed | drafts()


def silence_contexts(
    procs: st.SearchStrategy[SilenceProcedure] | None = None,
) -> st.SearchStrategy[SilenceContext]:
    """The facts of a procedure at an instant; shrinks towards the seed at its opening."""
    return _at_some_instant(procs, lambda proc, at: proc.context(at))


def outcomes(
    procs: st.SearchStrategy[SilenceProcedure] | None = None,
) -> st.SearchStrategy[Outcome]:
    """Outcomes of procedures at instants from their opening to a month after the deadline.

    Shrinks towards the seed's outcome at its opening (pending).
    """
    return _at_some_instant(procs, lambda proc, at: proc.outcome(at))


def _at_some_instant(
    procs: st.SearchStrategy[SilenceProcedure] | None,
    fn: Callable[[SilenceProcedure, datetime], T],
) -> st.SearchStrategy[T]:
    @st.composite
    def build(draw: st.DrawFn) -> T:
        proc = draw(procs if procs is not None else procedures())
        opened = proc.opened_at
        end = max(e.at for e in proc.events) + timedelta(days=30)
        end = max(end, proc.terms.instant + timedelta(days=30))
        return fn(proc, draw(_instants_around(opened, end, proc.terms.instant)))

    return build()


def late_submissions() -> st.SearchStrategy[LateSubmission]:
    """Submissions received after a procedure was decided, kept without effect.

    Shrinks towards AFG's comment ``"0"`` received as the procedure was approved, at the
    seed's opening instant.
    """

    @st.composite
    def build(draw: st.DrawFn) -> LateSubmission:
        closed_as = draw(
            st.sampled_from([Status.APPROVED, Status.SILENCE_BROKEN, Status.WITHDRAWN])
        )
        closed_at = draw(instants())
        when = st.integers(0, 30 * 86_400 * 10**6).map(
            lambda us: closed_at + timedelta(microseconds=us)
        )
        event: CommentSubmitted | AmendmentProposed | ObjectionRaised = draw(
            comments(at=when) | amendments(at=when) | objections(at=when)
        )
        return LateSubmission(event, closed_at, closed_as)

    return build()


# --- consensus and rules ---------------------------------------------------------------------


def positions() -> st.SearchStrategy[Position]:
    """Positions on a proposed decision; shrinks towards SUPPORT."""
    return st.sampled_from(Position)


def stances() -> st.SearchStrategy[Stance]:
    """Positions with words on record or none; JOIN_WITH_STATEMENT always has its statement.

    Shrinks towards SUPPORT with no statement.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Stance:
        position = draw(positions())
        if position is Position.JOIN_WITH_STATEMENT:
            return Stance(position, draw(texts(max_size=80)))
        return Stance(position, draw(st.none() | texts(max_size=80)))

    return build()


def statements() -> st.SearchStrategy[Statement]:
    """Statements a Member State put on record; shrinks towards AFG's SUPPORT with ``"0"``."""
    return st.builds(Statement, member_codes(), positions(), texts(max_size=80))


def decisions(*, quorum: st.SearchStrategy[bool] | None = None) -> st.SearchStrategy[Decision]:
    """Decisions taken by :func:`~cica_cbm.core.consensus.consensus` among some Member States.

    The members are a non-empty set of the shipped codes; some take positions (plain or with
    words), others stay silent. Shrinks towards AFG alone, silent, with no quorum check
    (adopted).
    """

    @st.composite
    def build(draw: st.DrawFn) -> Decision:
        members = draw(st.sets(member_codes(), min_size=1, max_size=28))
        taken = draw(
            st.dictionaries(
                st.sampled_from(sorted(members)), positions() | stances(), max_size=len(members)
            )
        )
        fixed = {
            code: Stance(Position.JOIN_WITH_STATEMENT, "(statement)")
            if value is Position.JOIN_WITH_STATEMENT
            else value
            for code, value in taken.items()
        }
        return consensus(
            fixed,
            members=members,
            quorum=draw(quorum if quorum is not None else st.booleans()),
            subject=draw(st.none() | texts(max_size=40)),
        )

    return build()


def consensus_contexts() -> st.SearchStrategy[ConsensusContext]:
    """The facts a consensus rule looks at, from a drawn decision; shrinks as decisions do."""

    def context(quorum: bool) -> st.SearchStrategy[ConsensusContext]:
        return decisions(quorum=st.just(quorum)).map(
            lambda d: ConsensusContext(
                d.subject, d.members, d.positions, d.statements, d.objections, quorum
            )
        )

    return st.booleans().flatmap(context)


def findings() -> st.SearchStrategy[Finding]:
    """Findings with a rule id, a clause and a message.

    Shrinks towards a non-decisive finding of rule ``"0"`` citing ``"0"``.
    """
    return st.builds(
        Finding,
        rule=_rule_ids(),
        clause=texts(max_size=60),
        message=texts(max_size=120),
        decisive=st.booleans(),
    )


def _rule_ids() -> st.SearchStrategy[str]:
    return st.text(string.ascii_uppercase + string.digits + "-", min_size=1, max_size=20)


def rules(
    *, messages: st.SearchStrategy[Sequence[str]] | None = None
) -> st.SearchStrategy[Rule[Any]]:
    """Rules whose check yields a fixed list of messages whatever the context.

    Shrinks towards a non-decisive rule ``"0"`` that finds nothing.
    """
    found = messages if messages is not None else st.lists(texts(max_size=60), max_size=3)

    def make(rule_id: str, clause: str, said: Sequence[str], decisive: bool) -> Rule[Any]:
        fixed = tuple(said)
        return Rule(rule_id, clause, lambda _ctx: fixed, decisive=decisive, summary=clause)

    return st.builds(make, _rule_ids(), texts(max_size=60), found, st.booleans())


def rule_sets() -> st.SearchStrategy[RuleSet[Any]]:
    """Rule sets with distinct ids; shrinks towards the empty set."""
    return st.lists(rules(), max_size=5, unique_by=lambda r: r.id).map(RuleSet)


# --- errors --------------------------------------------------------------------------------


def _error_builders() -> dict[type[CbmError], st.SearchStrategy[CbmError]]:
    word = texts(max_size=30)
    value = st.none() | st.integers() | word | st.dates()
    moment = aware_datetimes()
    return {
        CbmError: st.builds(CbmError, word),
        InvalidValueError: st.builds(InvalidValueError, word, value, word),
        NaiveDatetimeError: st.builds(NaiveDatetimeError, word, st.datetimes()),
        MalformedNoteNumberError: st.builds(MalformedNoteNumberError, word),
        PolicyViolationError: st.builds(PolicyViolationError, word, value, word),
        UnknownStateError: st.builds(UnknownStateError, word),
        NotAMemberError: st.builds(NotAMemberError, word, word),
        NotAPartyError: st.builds(NotAPartyError, word, word),
        NotAuthorizedError: st.builds(NotAuthorizedError, word, word, word),
        EventOrderError: st.builds(EventOrderError, word, moment, moment),
        ProcedureClosedError: st.builds(
            ProcedureClosedError, word, st.sampled_from(Status).map(str), moment
        ),
        TransitionError: st.builds(TransitionError, word, word, word, word),
        ConflictError: st.builds(ConflictError, word, st.integers(0), st.integers(0)),
        DeserializationError: st.builds(
            DeserializationError, word, st.lists(st.tuples(word, word), min_size=1).map(tuple)
        ),
    }


def errors(
    kind: type[CbmError] = CbmError,
) -> st.SearchStrategy[CbmError]:
    """Errors of cica_cbm that are ``kind`` or below it, with typed fields filled in.

    Shrinks towards the first such class in the order of :mod:`cica_cbm.core.errors` (for the
    default, a bare ``CbmError("0")``).
    """
    return st.one_of(
        [strategy for cls, strategy in _error_builders().items() if issubclass(cls, kind)]
    )


# --- registration ----------------------------------------------------------------------------


def notices() -> st.SearchStrategy[Notice]:
    """What a procedure's note states, for each kind of note, in a shipped priority area.

    Each kind carries exactly its own facts. Shrinks towards a placement notice in the first
    priority area, coordinated and requested by the first Member State, due on
    :data:`EARLIEST_DAY`.
    """
    area = st.sampled_from([a.id for a in catalogue().priority_areas])
    code = member_codes()
    return st.one_of(
        st.builds(Notice.placement, area, coordinator=code, requested_by=code, deadline=days()),
        st.builds(Notice.extension, area, days()),
        st.builds(Notice.silence_broken, area, code),
        st.builds(Notice.approval, area, days()),
    )


def _strategies() -> dict[type, st.SearchStrategy[Any]]:
    return {
        LocalizedText: localized_texts(),
        NoteNumber: note_numbers(),
        NoteReference: note_references(),
        Enclosure: enclosures(),
        Note: notes(),
        Notice: notices(),
        Admission: admissions(),
        MemberState: member_states(),
        Observer: observers(),
        Dimension: dimensions(),
        PriorityArea: priority_areas(),
        Catalogue: catalogues(),
        Provision: provisions(),
        ConceptPaper: concept_papers(),
        ActionItem: action_items(),
        ActionSection: action_sections(),
        ActionPlan: action_plans(),
        Draft: drafts(),
        Deadline: deadlines(),
        SilencePolicy: silence_policies(),
        ProcedureOpened: openings(),
        CommentSubmitted: comments(),
        AmendmentProposed: amendments(),
        ObjectionRaised: objections(),
        DeadlineExtended: extensions(),
        ProcedureWithdrawn: withdrawals(),
        SilenceProcedure: procedures(),
        SilenceContext: silence_contexts(),
        LateSubmission: late_submissions(),
        Outcome: outcomes(),
        Finding: findings(),
        Stance: stances(),
        Statement: statements(),
        Decision: decisions(),
        ConsensusContext: consensus_contexts(),
    }


def register() -> None:
    """Register a strategy for each public type with ``st.register_type_strategy``.

    Enums (``Status``, ``Position``, ...) need nothing: Hypothesis samples their members. The
    generic :class:`~cica_cbm.core.rules.Rule` and :class:`~cica_cbm.core.rules.RuleSet` are
    registered as functions of the requested type, as Hypothesis asks of generic classes.
    """
    for cls, strategy in _strategies().items():
        st.register_type_strategy(cls, strategy)
    for cls in _error_builders():
        st.register_type_strategy(cls, errors(cls))
    st.register_type_strategy(Rule, lambda _thing: rules())
    st.register_type_strategy(RuleSet, lambda _thing: rule_sets())
    # the Action Plan in motion keeps its strategies beside it, loaded with it
    from . import _actionplan as _strategies_actionplan

    _strategies_actionplan.register()


register()
_LOADED = True
