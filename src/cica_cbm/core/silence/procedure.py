"""The silence procedure as an immutable, event-sourced aggregate."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from itertools import compress
from operator import attrgetter, not_
from typing import Any

import attrs

from ..authority import acting_for_itself, why_not_member
from ..bodies import Body
from ..bodies import body as lookup_body
from ..clock import ASTANA, UTC, to_astana, to_utc
from ..drafts import Draft, Paper
from ..errors import (
    CbmError,
    EventOrderError,
    InvalidValueError,
    NotAPartyError,
    NotAuthorizedError,
    PolicyViolationError,
    ProcedureClosedError,
)
from ..notes import Note, NoteNumber
from ..rules import RuleSet
from ..states import all_member_states
from ._index import Index
from ._time import END_OF_TIME, utc_instant
from .deadlines import Deadline
from .events import (
    EVENT_TYPES,
    SUBMISSION_TYPES,
    AmendmentProposed,
    CommentSubmitted,
    DeadlineBroughtForward,
    DeadlineExtended,
    Event,
    ObjectionRaised,
    ProcedureOpened,
    ProcedureWithdrawn,
    as_parties,
)
from .findings import SILENCE_RULES
from .fold import SilenceContext, Status, fold
from .outcome import Outcome, deferred
from .policies import SilencePolicy


class _Log:
    """A persistent append-only list: appending shares the past, so recording is O(1)."""

    __slots__ = ("_events", "event", "opening", "prev", "size")

    def __init__(self, event: Event, prev: _Log | None) -> None:
        self.event = event
        self.prev = prev
        if prev is None:
            assert isinstance(event, ProcedureOpened)
            self.opening: ProcedureOpened = event
            self.size: int = 1
        else:
            self.opening = prev.opening
            self.size = prev.size + 1
        self._events: tuple[Event, ...] | None = None

    @classmethod
    def of(cls, events: tuple[Event, ...]) -> _Log:
        assert isinstance(events[0], ProcedureOpened)
        log = cls(events[0], None)
        log.event = events[-1]
        log.size = len(events)
        log._events = events
        return log

    def events(self) -> tuple[Event, ...]:
        if self._events is None:
            chain: list[Event] = []
            node: _Log | None = self
            while node is not None and node._events is None:
                chain.append(node.event)
                node = node.prev
            chain.reverse()
            self._events = (node._events if node is not None else ()) + tuple(chain)  # type: ignore[operator]
        return self._events


_by_instant = attrgetter("at")


@attrs.frozen(slots=True, init=False, eq=False, repr=False)
class SilenceProcedure:
    """A silence procedure: the fold of its events; every command returns a new procedure.

    Build one with :meth:`open` (or :func:`cica_cbm.core.samples.nct_g_1501` for the seed's), or
    from a stream of events with ``SilenceProcedure(events)``, which checks the stream.
    """

    _log: _Log
    _cache: dict[str, Any]

    def __init__(self, events: Iterable[Event]) -> None:
        if isinstance(events, str) or not isinstance(events, Iterable):
            raise InvalidValueError(
                "events", events, "a sequence of events, the first ProcedureOpened"
            )
        stream = tuple(events)
        if not stream or not isinstance(stream[0], ProcedureOpened):
            raise InvalidValueError(
                "events[0]",
                type(stream[0]).__name__ if stream else None,
                "a ProcedureOpened event",
            )
        opening = stream[0]
        _check_opening(opening)
        if not _all_in_order(opening, stream):
            for index, event in enumerate(stream[1:], start=1):
                if not isinstance(event, EVENT_TYPES) or isinstance(event, ProcedureOpened):
                    raise InvalidValueError(
                        f"events[{index}]",
                        type(event).__name__,  # the type says it all; an event's repr runs long
                        "a comment, amendment, objection, extension or withdrawal",
                    )
                _check_event(opening, event)
        object.__setattr__(self, "_log", _Log.of(stream))
        object.__setattr__(self, "_cache", {})

    @classmethod
    def _from_log(cls, log: _Log) -> SilenceProcedure:
        new = object.__new__(cls)
        object.__setattr__(new, "_log", log)
        object.__setattr__(new, "_cache", {})
        return new

    @classmethod
    def open(
        cls,
        note: Note | None,
        draft: Draft | Paper,
        *,
        deadline: Deadline | date | datetime | timedelta,
        at: datetime | None = None,
        parties: Iterable[str] | None = None,
        policy: SilencePolicy | None = None,
        requested_by: str | None = None,
        body: Body | str | None = None,
        revises: SilenceProcedure | str | None = None,
    ) -> SilenceProcedure:
        """Open a procedure: ``note`` places ``draft`` under silence until ``deadline``.

        ``body`` (a :class:`~cica_cbm.core.bodies.Body` or its id) is whose procedure it is;
        a shipped ``policy`` alone implies its body, and CICA is the default. ``parties``
        defaults to the body's members on the opening day and must be among them. ``note`` may
        be ``None`` (a silence set at a meeting); then ``at`` is required. ``at`` defaults to
        the start of the note's date in the body's zone. A date ``deadline`` ends at midnight
        in the body's zone; a ``timedelta`` counts from ``at``. ``revises`` names the earlier
        procedure this one follows (a procedure or its :attr:`key`).
        """
        if note is not None and not isinstance(note, Note):
            raise InvalidValueError("note", note, "a Note, or None for a silence set at a meeting")
        if not isinstance(draft, Draft | Paper):
            raise InvalidValueError("draft", draft, "a Draft (CICA) or a Paper")
        if policy is not None and not isinstance(policy, SilencePolicy):
            raise InvalidValueError("policy", policy, "a SilencePolicy")
        where = lookup_body(body if body is not None else (policy.body if policy else "CICA"))
        if policy is None:
            policy = where.policy
        if at is None and note is None:
            raise InvalidValueError("at", at, "the opening instant when there is no note")
        opened_at = (
            to_utc(at, "at")
            if at is not None
            else datetime.combine(note.date, time(0, 0), tzinfo=where.zone).astimezone(UTC)  # type: ignore[union-attr]
        )
        day = note.date if note is not None else opened_at.astimezone(where.zone).date()
        codes = where.members(on=day) if parties is None else as_parties(parties)
        if isinstance(revises, SilenceProcedure):
            revises = revises.key
        if revises is not None and (not isinstance(revises, str) or not revises):
            raise InvalidValueError("revises", revises, "an earlier SilenceProcedure or its key")
        opening = ProcedureOpened(
            at=opened_at,
            note=note,
            draft=draft,
            parties=codes,
            deadline=Deadline.of(deadline, where.zone_key, opened_at),
            policy=policy,
            requested_by=requested_by,
            revises=revises,
            body=where.id,
        )
        _check_opening(opening)
        return cls._from_log(_Log(opening, None))

    @property
    def key(self) -> str:
        """A stable key for this procedure: body, what opened it and the opening instant.

        >>> import cica_cbm as cbm
        >>> cbm.samples.nct_g_1501().key
        'CICA NCT/G/1501 2023-12-12T18:00Z'
        """
        o = self._opening()
        what = (
            str(o.note.number)
            if o.note is not None
            else (getattr(o.draft, "symbol", None) or "silence")
        )
        return f"{o.body} {what} {o.at:%Y-%m-%dT%H:%M}Z"

    @property
    def body(self) -> Body:
        """The body whose procedure this is."""
        return lookup_body(self._opening().body)

    @property
    def revises(self) -> str | None:
        """The :attr:`key` of the earlier procedure this one follows, if it says so."""
        return self._opening().revises

    # -- what it is --

    @property
    def events(self) -> tuple[Event, ...]:
        """Every event in recording order; the first is the opening."""
        return self._log.events()

    @property
    def opening(self) -> ProcedureOpened:
        """The event that opened the procedure."""
        return self._log.opening

    @property
    def note(self) -> Note | None:
        """The note that opened the procedure (``None`` for a silence set at a meeting)."""
        return self._opening().note

    @property
    def draft(self) -> Draft | Paper:
        """The draft under silence: a CICA Draft, or another body's Paper."""
        return self._opening().draft

    @property
    def parties(self) -> frozenset[str]:
        """The Member States that are parties: the members on the opening date."""
        return self._opening().parties

    @property
    def policy(self) -> SilencePolicy:
        """How this procedure is run."""
        return self._opening().policy

    @property
    def opened_at(self) -> datetime:
        """When the procedure was opened, in Astana time."""
        return self._opening().at.astimezone(ASTANA)

    @property
    def deadline(self) -> datetime:
        """The deadline in force after every recorded change, in the body's zone (Astana's)."""
        return self.terms.local

    @property
    def terms(self) -> Deadline:
        """The deadline in force after every recorded extension, as stated."""
        return self._final().deadline

    def _opening(self) -> ProcedureOpened:
        return self._log.opening

    def _ordered(self) -> list[Event]:
        ordered: list[Event] | None = self._cache.get("ordered")
        if ordered is None:
            ordered = self._cache["ordered"] = sorted(self.events, key=_by_instant)
        return ordered

    def _index(self) -> Index:
        index: Index | None = self._cache.get("index")
        if index is None:
            final = self._final()
            latest = max(event.at for event in self.events)
            index = self._cache["index"] = Index.of(final, latest)
        return index

    def _final(self) -> SilenceContext:
        final: SilenceContext | None = self._cache.get("final")
        if final is None:
            final = self._cache["final"] = fold(self._opening(), self._ordered(), END_OF_TIME)
        return final

    # -- evaluating --

    def context(self, at: datetime) -> SilenceContext:
        """The facts of the procedure at ``at``, from the events at or before it.

        Before the opening the status is ``PENDING`` with nothing recorded, and the pending
        finding says that the procedure is not open yet.
        """
        return fold(self._opening(), self._ordered(), utc_instant(at))

    def outcome(self, at: datetime, *, rules: RuleSet[SilenceContext] = SILENCE_RULES) -> Outcome:
        """Where the procedure stands at ``at``, with findings that cite their clauses.

        Only events at or before ``at`` count. Monotone: once decided, every later instant
        gives the same status and decision instant.

        The status, decision instant and deadline come from the procedure's index, as
        :meth:`status` does; the fold and the findings' sentences wait until the findings (or
        the objectors, late submissions, silent parties or context) are first read.
        """
        if not isinstance(rules, RuleSet):
            raise InvalidValueError("rules", rules, "a RuleSet, e.g. SILENCE_RULES + my_rule")
        instant = utc_instant(at)
        index = self._cache.get("index") or self._index()
        status = index.status if instant >= index.decided_at else Status.PENDING
        # Outcome.on_demand without checking again what is checked here: this runs as often
        # as status() and costs about as much (docs/performance.md)
        return deferred(Outcome, instant, status, (self._context_at, rules, index.decision_at))

    def _context_at(self, instant: datetime) -> SilenceContext:
        return fold(self._opening(), self._ordered(), instant)

    def status(self, at: datetime) -> Status:
        """Just the status at ``at``, from the procedure's index: no fold per question."""
        return self._index().status_at(utc_instant(at))

    def decided_at(self, at: datetime) -> datetime | None:
        """The instant the procedure was decided, if it was by ``at`` (``None`` while pending)."""
        return self._index().decided_at_(utc_instant(at))

    def deadline_at(self, at: datetime) -> Deadline:
        """The deadline in force at ``at`` (extensions and bringings forward up to then)."""
        return self._index().deadline_at(utc_instant(at))

    # -- commands --

    def record(self, event: Event) -> SilenceProcedure:
        """A new procedure with ``event`` recorded; refused events change nothing."""
        if not isinstance(event, EVENT_TYPES) or isinstance(event, ProcedureOpened):
            raise InvalidValueError(
                "event", event, "a comment, amendment, objection, extension or withdrawal"
            )
        _check_event(self._opening(), event)
        if isinstance(event, DeadlineExtended | DeadlineBroughtForward | ProcedureWithdrawn):
            index = self._index()
            status, deadline = index.status_at(event.at), index.deadline_at(event.at)
            action = _ACTIONS[type(event)]
            if status is not Status.PENDING:
                raise ProcedureClosedError(action, status.value, to_astana(event.at))
            if isinstance(event, DeadlineBroughtForward):
                if not self.policy.may_bring_forward:
                    raise PolicyViolationError(
                        "to",
                        event.to.describe(),
                        f"no earlier deadline ({self.policy.name} "
                        "does not bring deadlines forward)",
                    )
                if not event.at <= event.to.instant < deadline.instant:
                    raise InvalidValueError(
                        "to",
                        event.to.describe(),
                        f"a deadline from the act ({to_astana(event.at).isoformat()}) to before "
                        f"the one in force ({deadline.by()})",
                    )
            if isinstance(event, DeadlineExtended):
                if event.to.instant <= deadline.instant:
                    raise InvalidValueError(
                        "to",
                        event.to.describe(),
                        f"a deadline later than the one in force ({deadline.by()})",
                    )
                self.policy.check_deadline(event.to, self._opening().at, "to")
        new = SilenceProcedure._from_log(_Log(event, self._log))
        known: Index | None = self._cache.get("index")
        moved = known.appended(event) if known is not None else None
        if moved is not None:
            new._cache["index"] = moved
        return new

    def comment(
        self, by: str, at: datetime, text: str, *, sent_by: str | None = None
    ) -> SilenceProcedure:
        """Party ``by`` submits a comment or suggestion at ``at``."""
        acting_for_itself(by, sent_by, "comment")
        return self.record(CommentSubmitted(at=at, by=by, text=text))

    def amend(
        self, by: str, at: datetime, text: str, *, sent_by: str | None = None
    ) -> SilenceProcedure:
        """Party ``by`` proposes an amendment at ``at`` (breaks silence under the OSCE's rules)."""
        acting_for_itself(by, sent_by, "propose an amendment")
        return self.record(AmendmentProposed(at=at, by=by, text=text))

    def object(
        self, by: str, at: datetime, text: str, *, sent_by: str | None = None
    ) -> SilenceProcedure:
        """Party ``by`` objects at ``at``; in time, this breaks the silence."""
        acting_for_itself(by, sent_by, "object")
        return self.record(ObjectionRaised(at=at, by=by, text=text))

    def extend(
        self,
        to: Deadline | date | datetime,
        at: datetime,
        *,
        note: NoteNumber | str | None = None,
        by: str | None = None,
    ) -> SilenceProcedure:
        """The body's secretariat or chair (``by``, by default) extends the deadline to ``to``.

        Only while pending, and only to a later deadline; a Member State is refused.
        """
        return self.record(
            DeadlineExtended(at=at, to=Deadline.of(to, self.terms.zone), note=note, by=by)
        )

    def bring_forward(
        self,
        to: Deadline | date | datetime,
        at: datetime,
        *,
        note: NoteNumber | str | None = None,
        by: str | None = None,
    ) -> SilenceProcedure:
        """The chair brings the deadline forward to ``to`` (never before ``at``), where allowed.

        Only under a policy that allows it (the UN General Assembly's); ``to`` equal to ``at``
        ends the silence "effective immediately".
        """
        return self.record(
            DeadlineBroughtForward(at=at, to=Deadline.of(to, self.terms.zone), note=note, by=by)
        )

    def withdraw(
        self,
        at: datetime,
        reason: str,
        *,
        note: NoteNumber | str | None = None,
        by: str | None = None,
    ) -> SilenceProcedure:
        """The body's secretariat or chair (``by``, by default) withdraws the pending procedure."""
        return self.record(ProcedureWithdrawn(at=at, reason=reason, note=note, by=by))

    # -- value semantics --

    def __eq__(self, other: builtins.object) -> bool:
        if not isinstance(other, SilenceProcedure):
            return NotImplemented
        return self is other or self.events == other.events

    def __hash__(self) -> int:
        return hash(self.events)

    def __len__(self) -> int:
        return self._log.size

    def _subject(self) -> str:
        o = self._opening()
        if isinstance(o.draft, Draft) and o.note is not None:
            return f"{o.note.number} on {o.draft.priority_area.id}"
        return f"{o.source} on {o.draft}"

    def __repr__(self) -> str:
        return (
            f"<SilenceProcedure {self._subject()}: "
            f"{len(self)} events, deadline {self.deadline.isoformat()}>"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (SilenceProcedure, (self.events,))

    def _repr_html_(self) -> str:
        from ...views import html as render  # only notebooks need it: loaded on first use

        return render.procedure_html(self)


_ACTIONS = {
    DeadlineExtended: "extend the deadline",
    DeadlineBroughtForward: "bring the deadline forward",
    ProcedureWithdrawn: "withdraw",
}


_SUBMISSION_CLASSES = frozenset(SUBMISSION_TYPES)
_by_party = attrgetter("by")


def _all_in_order(opening: ProcedureOpened, stream: tuple[Event, ...]) -> bool:
    """Whether every event after the opening passes the checks of the constructor's loop.

    The same checks, made over all the submissions at once (C functions mapped over them: no
    earlier than the opening, by a party) and one by one over the few other events. ``False``
    when any fails, and the loop then raises the first failure's own error.
    """
    rest = stream[1:]
    plain = list(map(_SUBMISSION_CLASSES.__contains__, map(type, rest)))
    found = list(compress(rest, plain))
    if found and (
        not opening.parties.issuperset(map(_by_party, found))
        or min(map(_by_instant, found)) < opening.at
    ):
        return False
    try:
        for event in compress(rest, map(not_, plain)):
            if not isinstance(event, EVENT_TYPES) or isinstance(event, ProcedureOpened):
                return False
            _check_event(opening, event)
    except CbmError:
        return False
    return True


def _check_opening(opening: ProcedureOpened) -> None:
    """Refuse an opening that :meth:`SilenceProcedure.open` would refuse, however it was made."""
    where = lookup_body(opening.body)
    on = opening.day
    for code in sorted(opening.parties, key=str):
        if not where.is_member(code, on, certain=False):
            reason = (
                why_not_member(code, on) if where.id == "CICA" else where.why_not_member(code, on)
            )
            raise NotAPartyError(str(code), reason)
    if not opening.parties:
        raise InvalidValueError("parties", opening.parties, f"at least one member of {where.id}")
    if opening.requested_by is not None and opening.requested_by not in opening.parties:
        raise NotAPartyError(opening.requested_by, "only a party may request the procedure")
    if isinstance(opening.draft, Paper) and opening.draft.symbol is not None:
        where.check_symbol(opening.draft.symbol, "draft.symbol")
    if opening.note is not None and where.organ_of is None and where.id != "CICA":
        where.check_symbol(str(opening.note.number), "note.number")
    terms = opening.deadline
    if terms.instant <= opening.at:
        raise InvalidValueError("deadline", terms.describe(), "a deadline after the opening")
    opening.policy.check_deadline(terms, opening.at, "deadline")


def _why_not_party(opening: ProcedureOpened, code: str) -> str:
    where = lookup_body(opening.body)
    if (where.organ_of or where.id) == "CICA":
        if code in {state.code for state in all_member_states()}:
            return "it was not a Member State when the procedure was opened"
        return why_not_member(code)
    if where.is_member(code, opening.day, certain=False):
        return "it is not among the parties named when the procedure was opened"
    return where.why_not_member(code, opening.day)


def _check_event(opening: ProcedureOpened, event: Event) -> None:
    if event.at < opening.at:
        raise EventOrderError(type(event).__name__, to_astana(event.at), to_astana(opening.at))
    if isinstance(event, SUBMISSION_TYPES) and event.by not in opening.parties:
        raise NotAPartyError(event.by, _why_not_party(opening, event.by))
    if isinstance(event, DeadlineExtended | DeadlineBroughtForward | ProcedureWithdrawn):
        chair = lookup_body(opening.body).chair
        if event.by is not None and event.by != chair:
            raise NotAuthorizedError(
                event.by,
                opening.body,
                _ACTIONS[type(event)],
                f"only {chair} runs {opening.body}'s silence procedures",
            )
