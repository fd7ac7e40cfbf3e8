"""The silence procedure: a draft is approved unless a party objects by the deadline.

"If no objections are made by the indicated date, the Concept Paper and Action Plan will be
considered approved" (Note NCT/G/1501 para 3). The procedure is event-sourced: it is the fold
of its events (opened, comment submitted, amendment proposed, objection raised, deadline
extended, procedure withdrawn), which may be recorded out of time order; the fold orders them
by instant, then by recording sequence. Every command returns a new procedure and leaves the
old one as it was; a refused command changes nothing.

How the fold decides, at an instant ``at`` and from the events at or before it:

* an objection in time (strictly before the deadline in force) breaks the silence at its
  instant: ``SILENCE_BROKEN``, terminal;
* a comment or suggestion does not, unless the policy says so (OSCE: an amendment does);
* a withdrawal by the Secretariat while pending: ``WITHDRAWN``;
* with none of these, ``APPROVED`` at the deadline instant;
* whatever arrives once the procedure is decided is kept and reported as late, and changes
  nothing.

References:
    Note NCT/G/1501 paras 2 and 3; REFERENCE.md "Silence procedures elsewhere" (OSCE Rules of
    Procedure 2006 Annex 1(A); EU Council Rules of Procedure Art. 12(2); UN General Assembly
    decision 74/544; NATO practice).
"""

from __future__ import annotations

import builtins
import gc
import re
import string
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from itertools import chain
from operator import attrgetter
from typing import Any, ClassVar, TypeAlias

import attrs

from ._convert import as_enum
from .clock import ASTANA, UTC, end_of_day, english_date, to_astana, to_utc
from .drafts import Draft
from .errors import (
    EventOrderError,
    InvalidValueError,
    NotAPartyError,
    NotAuthorizedError,
    PolicyViolationError,
    ProcedureClosedError,
)
from .notes import Note, NoteNumber
from .rules import Finding, Rule, RuleSet
from .states import _registry, member_states

__all__ = [
    "CICA_PRACTICE",
    "CICA_STRICT",
    "EU_COUNCIL",
    "NATO",
    "OSCE",
    "POLICIES",
    "SILENCE_RULES",
    "UN_GENERAL_ASSEMBLY",
    "AmendmentProposed",
    "CommentSubmitted",
    "Deadline",
    "DeadlineExtended",
    "DeadlineForm",
    "Event",
    "LateSubmission",
    "ObjectionRaised",
    "Outcome",
    "ProcedureOpened",
    "ProcedureWithdrawn",
    "SilenceContext",
    "SilencePolicy",
    "SilenceProcedure",
    "Status",
    "SubmissionKind",
]


# --- time ------------------------------------------------------------------------------------


def _utc(value: object, field: str = "at") -> datetime:
    """``value`` in UTC, refused unless it can also be shown in Astana time."""
    instant = to_utc(value, field)
    if instant.year in (1, 9999):  # only at the ends of the calendar can Astana overflow
        to_astana(instant, field)
    return instant


# Findings name one or two instants each, so this runs once per event in an outcome. The wall
# time comes from the pinned zone's own ZoneInfo (converting in C, where the PinnedZone wrapper
# converts in Python at about seven times the cost; both read the same zone data), and its
# digits are written with %-formatting, a quarter of the time of ``strftime`` for the same
# text. ``strftime`` does not pad years before 1000, so those keep it.
_ASTANA_WALL: Any = getattr(ASTANA, "_zone", ASTANA)


def _minutes(moment: datetime) -> str:
    if moment.year >= 1000:
        return "%04d-%02d-%02d %02d:%02d" % (  # noqa: UP031 - the fastest, see above
            moment.year,
            moment.month,
            moment.day,
            moment.hour,
            moment.minute,
        )
    return f"{moment:%Y-%m-%d %H:%M}"


def _describe_instant(instant: datetime) -> str:
    return (
        f"{_minutes(instant.astimezone(_ASTANA_WALL))} Astana time "
        f"({_minutes(instant.astimezone(UTC))} UTC)"
    )


def _period(span: timedelta) -> str:
    """A duration in words: "72 hours", "90 minutes", "2 days 3:00:00"."""
    seconds = span.total_seconds()
    for unit, size in (("hours", 3600), ("minutes", 60), ("seconds", 1)):
        if seconds % size == 0:
            return f"{int(seconds // size)} {unit}"
    return str(span)


_END_OF_TIME = datetime.max.replace(tzinfo=UTC)


_long_date = english_date


def _silence_policy_deadline_form(value: Any) -> DeadlineForm:
    return as_enum(DeadlineForm, "SilencePolicy.deadline_form", value)


@attrs.frozen(slots=True)
class Deadline:
    """When a silence ends: an instant, and the date as the note states it, if it does.

    "No later than D" ends at 00:00 Astana time on D+1; a submission strictly before that is in
    time. A deadline may instead be an exact instant (the UN General Assembly's 72-hour
    silences, the OSCE's exact expiry time); then ``stated`` is ``None``.
    """

    instant: datetime = attrs.field(converter=_utc)
    stated: date | None = None

    def __attrs_post_init__(self) -> None:
        if self.stated is not None and end_of_day(self.stated) != self.instant:
            raise InvalidValueError(
                "Deadline.instant", self.instant, f"the end of {self.stated} in Astana time"
            )

    @classmethod
    def no_later_than(cls, day: date) -> Deadline:
        """The deadline of "no later than ``day``".

        >>> Deadline.no_later_than(date(2024, 1, 11)).instant.isoformat()
        '2024-01-11T18:00:00+00:00'
        """
        return cls(end_of_day(day), day)

    @classmethod
    def exactly(cls, instant: datetime) -> Deadline:
        """A deadline at an exact aware instant."""
        return cls(instant)

    @classmethod
    def of(cls, value: Deadline | date | datetime) -> Deadline:
        """A deadline from a date ("no later than"), an aware datetime, or a Deadline."""
        if isinstance(value, Deadline):
            return value
        if isinstance(value, datetime):
            return cls.exactly(value)
        if isinstance(value, date):
            return cls.no_later_than(value)
        raise InvalidValueError("deadline", value, "a date, an aware datetime or a Deadline")

    @property
    def local(self) -> datetime:
        """The instant in Astana time."""
        return self.instant.astimezone(ASTANA)

    def by(self) -> str:
        """The deadline after "by": "11 January 2024" or the exact instant."""
        if self.stated is not None:
            return _long_date(self.stated)
        return _describe_instant(self.instant)

    def describe(self) -> str:
        """The deadline in words: "no later than 11 January 2024" or the exact instant."""
        if self.stated is not None:
            return f"no later than {_long_date(self.stated)}"
        return f"at {_describe_instant(self.instant)}"


# --- policies --------------------------------------------------------------------------------


class SubmissionKind(StrEnum):
    """What a party may send during a silence procedure."""

    COMMENT = "comment"
    """A comment or suggestion."""
    AMENDMENT = "amendment"
    """A proposed change to the text (breaks silence under the OSCE's rules)."""
    OBJECTION = "objection"


class DeadlineForm(StrEnum):
    """How a policy's deadlines are given."""

    DATE = "date"
    """Only "no later than D"."""
    INSTANT = "instant"
    """Only an exact instant."""
    EITHER = "either"


def _kinds(value: Iterable[SubmissionKind | str]) -> frozenset[SubmissionKind]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValueError(
            "SilencePolicy.breaks_silence", value, "a set of 'comment', 'amendment', 'objection'"
        )
    return frozenset(as_enum(SubmissionKind, "SilencePolicy.breaks_silence", v) for v in value)


@attrs.frozen(slots=True)
class SilencePolicy:
    """How a body runs its silence procedures; the same engine runs them all.

    ``breaks_silence`` lists what ends the silence (always the objection); ``deadline_form``
    how deadlines are given; ``minimum_period`` the shortest silence allowed, if any; ``clause``
    the source the rules cite, where ``{note}`` stands for the opening note's number.
    """

    name: str
    breaks_silence: frozenset[SubmissionKind] = attrs.field(converter=_kinds)
    deadline_form: DeadlineForm = attrs.field(converter=_silence_policy_deadline_form)
    minimum_period: timedelta | None = attrs.field()
    clause: str = attrs.field()

    @breaks_silence.validator
    def _objection_breaks(self, _: Any, value: frozenset[SubmissionKind]) -> None:
        if SubmissionKind.OBJECTION not in value:
            raise InvalidValueError(
                "SilencePolicy.breaks_silence",
                sorted(v.value for v in value),
                "a set that includes 'objection'",
            )

    @clause.validator
    def _citable(self, _: Any, value: object) -> None:
        allowed = 'a citation, where "{note}" may stand for the note\'s number ("{{" for a brace)'
        if not isinstance(value, str) or not value.strip():
            raise InvalidValueError("SilencePolicy.clause", value, allowed)
        try:
            names = [name for _, name, _, _ in string.Formatter().parse(value) if name is not None]
        except ValueError:
            raise InvalidValueError("SilencePolicy.clause", value, allowed) from None
        if any(re.split(r"[.\[]", name)[0] != "note" for name in names):
            raise InvalidValueError("SilencePolicy.clause", value, allowed)

    @minimum_period.validator
    def _positive(self, _: Any, value: timedelta | None) -> None:
        if value is not None and (not isinstance(value, timedelta) or value <= timedelta(0)):
            raise InvalidValueError(
                "SilencePolicy.minimum_period", value, "a positive timedelta or None"
            )

    def cite(self, note: NoteNumber) -> str:
        """The clause, for the procedure opened by ``note``."""
        return self.clause.format(note=note)

    def check_deadline(self, deadline: Deadline, opened_at: datetime, field: str) -> None:
        """Refuse a deadline that this policy does not allow."""
        if self.deadline_form is DeadlineForm.DATE and deadline.stated is None:
            raise PolicyViolationError(field, deadline.instant, f"a date ({self.name} sets dates)")
        if self.deadline_form is DeadlineForm.INSTANT and deadline.stated is not None:
            raise PolicyViolationError(
                field, deadline.stated, f"an exact instant ({self.name} sets exact times)"
            )
        if self.minimum_period is not None and deadline.instant - opened_at < self.minimum_period:
            raise PolicyViolationError(
                field,
                deadline.instant,
                f"at least {_period(self.minimum_period)} after the opening ({self.name})",
            )


CICA_PRACTICE = SilencePolicy(
    name="CICA practice",
    breaks_silence={SubmissionKind.OBJECTION},
    deadline_form=DeadlineForm.EITHER,
    minimum_period=None,
    clause="Note {note} para 3",
)
"""CICA's practice (the seed): an objection by the date breaks silence; comments do not."""

CICA_STRICT = attrs.evolve(
    CICA_PRACTICE,
    name="CICA strict",
    clause=(
        "policy set when the procedure was opened: any comment breaks the silence "
        "(not CICA practice as in Note NCT/G/1501)"
    ),
    breaks_silence={SubmissionKind.OBJECTION, SubmissionKind.AMENDMENT, SubmissionKind.COMMENT},
)
"""A procedure opened with the policy that any comment or suggestion breaks the silence."""

OSCE = SilencePolicy(
    name="OSCE",
    breaks_silence={SubmissionKind.OBJECTION, SubmissionKind.AMENDMENT},
    deadline_form=DeadlineForm.INSTANT,
    minimum_period=None,
    clause="OSCE Rules of Procedure (2006), Annex 1(A)",
)
"""The OSCE: an objection or an amendment breaks silence; the expiry is an exact time."""

UN_GENERAL_ASSEMBLY = SilencePolicy(
    name="UN General Assembly",
    breaks_silence={SubmissionKind.OBJECTION},
    deadline_form=DeadlineForm.INSTANT,
    minimum_period=timedelta(hours=72),
    clause="UN General Assembly decision 74/544",
)
"""The UN General Assembly (2020): at least 72 hours, to an exact New York time."""

EU_COUNCIL = SilencePolicy(
    name="EU Council",
    breaks_silence={SubmissionKind.OBJECTION},
    deadline_form=DeadlineForm.EITHER,
    minimum_period=None,
    clause="Council of the EU Rules of Procedure, Art. 12(2)",
)
"""The Council of the EU: an objection by a member of the Council breaks silence."""

NATO = SilencePolicy(
    name="NATO",
    breaks_silence={SubmissionKind.OBJECTION},
    deadline_form=DeadlineForm.EITHER,
    minimum_period=None,
    clause="NATO practice (silence procedure set by the Secretary General)",
)
"""NATO practice: a formal letter of objection by an Ally breaks silence."""

POLICIES: dict[str, SilencePolicy] = {
    p.name: p for p in (CICA_PRACTICE, CICA_STRICT, OSCE, UN_GENERAL_ASSEMBLY, EU_COUNCIL, NATO)
}
"""The shipped policies by name."""


# --- events ----------------------------------------------------------------------------------


def _party_code(_: Any, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value:
        raise InvalidValueError(attribute.name, value, "a Member State's code")


def _text(_: Any, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise InvalidValueError(attribute.name, value, "a string")


def _parties(value: Iterable[str]) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValueError("parties", value, "a collection of Member State codes")
    return frozenset(value)


@attrs.frozen(slots=True)
class ProcedureOpened:
    """The Secretariat placed ``draft`` under the silence procedure by ``note``."""

    at: datetime = attrs.field(converter=_utc)
    note: Note
    draft: Draft
    parties: frozenset[str] = attrs.field(converter=_parties)
    deadline: Deadline
    policy: SilencePolicy = CICA_PRACTICE
    requested_by: str | None = None


@attrs.frozen(slots=True)
class _Submitted:
    """What every submission carries: when, by which party, and its text."""

    at: datetime = attrs.field(converter=_utc)
    by: str = attrs.field(validator=_party_code)
    text: str = attrs.field(validator=_text)

    kind: ClassVar[SubmissionKind]


@attrs.frozen(slots=True)
class CommentSubmitted(_Submitted):
    """A party submitted a comment or suggestion on the draft."""

    kind = SubmissionKind.COMMENT


@attrs.frozen(slots=True)
class AmendmentProposed(_Submitted):
    """A party proposed an amendment to the text."""

    kind = SubmissionKind.AMENDMENT


@attrs.frozen(slots=True)
class ObjectionRaised(_Submitted):
    """A party objected to the draft."""

    kind = SubmissionKind.OBJECTION


def _optional_number(value: NoteNumber | str | None) -> NoteNumber | None:
    if value is None or isinstance(value, NoteNumber):
        return value
    return NoteNumber.parse(value)


@attrs.frozen(slots=True)
class DeadlineExtended:
    """The Secretariat extended the deadline, by a note if one is named."""

    at: datetime = attrs.field(converter=_utc)
    to: Deadline
    note: NoteNumber | None = attrs.field(default=None, converter=_optional_number)


@attrs.frozen(slots=True)
class ProcedureWithdrawn:
    """The Secretariat withdrew the procedure (for instance, a revised draft is to follow)."""

    at: datetime = attrs.field(converter=_utc)
    reason: str = attrs.field(validator=_text)
    note: NoteNumber | None = attrs.field(default=None, converter=_optional_number)


Submission: TypeAlias = CommentSubmitted | AmendmentProposed | ObjectionRaised
Event: TypeAlias = (
    ProcedureOpened
    | CommentSubmitted
    | AmendmentProposed
    | ObjectionRaised
    | DeadlineExtended
    | ProcedureWithdrawn
)
"""Any event of a silence procedure; JSON carries it as a union tagged by ``"type"``."""
_SUBMISSIONS = (CommentSubmitted, AmendmentProposed, ObjectionRaised)
_EVENT_TYPES = (ProcedureOpened, *_SUBMISSIONS, DeadlineExtended, ProcedureWithdrawn)


# --- the fold --------------------------------------------------------------------------------


class Status(StrEnum):
    """Where a silence procedure stands."""

    PENDING = "pending"
    APPROVED = "approved"
    SILENCE_BROKEN = "silence_broken"
    WITHDRAWN = "withdrawn"


@attrs.frozen(slots=True)
class LateSubmission:
    """A submission received once the procedure was decided: kept, and without effect."""

    event: Submission
    closed_at: datetime
    closed_as: Status


@attrs.frozen(slots=True)
class SilenceContext:
    """The facts of a procedure at an instant: what the silence rules look at."""

    at: datetime
    opening: ProcedureOpened
    status: Status
    decided_at: datetime | None
    deadline: Deadline
    decisive: Event | None
    extensions: tuple[tuple[DeadlineExtended, Deadline], ...]
    in_time: tuple[Submission, ...]
    late: tuple[LateSubmission, ...]
    without_effect: tuple[DeadlineExtended | ProcedureWithdrawn, ...]

    @property
    def clause(self) -> str:
        """The policy's clause for this procedure."""
        return self.opening.policy.cite(self.opening.note.number)


# How the fold sees each event type: a submission that keeps or breaks the silence (by the
# policy), an extension, a withdrawal, or the opening (which only starts the clock). Looking the
# exact type up in a dict costs about as much as a tuple loop comparing small integers; the
# isinstance chain it replaces cost twice that, and ``event.kind in breaking`` hashed an enum in
# Python for every event. Subclasses of the event types take the slow path, with the same result.
_KEEPS, _BREAKS, _EXTENDS, _WITHDRAWS, _OPENS = range(5)
_DISPATCH: dict[frozenset[SubmissionKind], dict[type, int]] = {}


def _dispatch(breaking: frozenset[SubmissionKind]) -> dict[type, int]:
    table = _DISPATCH.get(breaking)
    if table is None:
        table = {cls: _BREAKS if cls.kind in breaking else _KEEPS for cls in _SUBMISSIONS}
        table.update({DeadlineExtended: _EXTENDS, ProcedureWithdrawn: _WITHDRAWS})
        table[ProcedureOpened] = _OPENS
        table = _DISPATCH.setdefault(breaking, table)
    return table


def _code(event: Event, breaking: frozenset[SubmissionKind]) -> int:
    if isinstance(event, _SUBMISSIONS):
        return _BREAKS if event.kind in breaking else _KEEPS
    if isinstance(event, DeadlineExtended):
        return _EXTENDS
    if isinstance(event, ProcedureWithdrawn):
        return _WITHDRAWS
    return _OPENS


def _fold(opening: ProcedureOpened, ordered: Iterable[Event], at: datetime) -> SilenceContext:
    """Decide the procedure at ``at`` from its events in (instant, sequence) order.

    Two loops: the first runs while the procedure is pending, the second once it is decided,
    when every submission is late and every extension or withdrawal is without effect.
    """
    breaking = opening.policy.breaks_silence
    table = _dispatch(breaking)
    status = Status.PENDING
    decided_at: datetime | None = None
    deadline = opening.deadline
    limit = deadline.instant
    decisive: Event | None = None
    extensions: list[tuple[DeadlineExtended, Deadline]] = []
    in_time: list[Submission] = []
    late: list[LateSubmission] = []
    without_effect: list[DeadlineExtended | ProcedureWithdrawn] = []
    events = iter(ordered)
    pending_event: Event | None = None  # the event that found the deadline passed
    for event in events:
        when = event.at
        if when > at:
            break
        if when >= limit:
            status, decided_at, pending_event = Status.APPROVED, limit, event
            break
        code = table.get(type(event))
        if code is None:
            code = _code(event, breaking)
        if code == _KEEPS:
            in_time.append(event)  # type: ignore[arg-type]
        elif code == _BREAKS:
            status, decided_at, decisive = Status.SILENCE_BROKEN, when, event
            in_time.append(event)  # type: ignore[arg-type]
            break
        elif code == _EXTENDS:
            to = event.to  # type: ignore[union-attr]
            if to.instant > limit:
                extensions.append((event, deadline))  # type: ignore[arg-type]
                deadline, limit = to, to.instant
            else:
                without_effect.append(event)  # type: ignore[arg-type]
        elif code == _WITHDRAWS:
            status, decided_at, decisive = Status.WITHDRAWN, when, event
            break
    if status is not Status.PENDING:
        assert decided_at is not None
        for event in events if pending_event is None else chain((pending_event,), events):
            if event.at > at:
                break
            code = table.get(type(event))
            if code is None:
                code = _code(event, breaking)
            if code <= _BREAKS:
                late.append(LateSubmission(event, decided_at, status))  # type: ignore[arg-type]
            elif code != _OPENS:
                without_effect.append(event)  # type: ignore[arg-type]
    elif at >= limit:
        status, decided_at = Status.APPROVED, limit
    return SilenceContext(
        at=at,
        opening=opening,
        status=status,
        decided_at=decided_at,
        deadline=deadline,
        decisive=decisive,
        extensions=tuple(extensions),
        in_time=tuple(in_time),
        late=tuple(late),
        without_effect=tuple(without_effect),
    )


# --- the rules -------------------------------------------------------------------------------


_WHAT = {
    SubmissionKind.COMMENT: "a comment",
    SubmissionKind.AMENDMENT: "an amendment",
    SubmissionKind.OBJECTION: "an objection",
}
_SENT = {
    SubmissionKind.COMMENT: "submitted a comment",
    SubmissionKind.AMENDMENT: "proposed an amendment",
    SubmissionKind.OBJECTION: "raised an objection",
}


def _what(event: Submission) -> str:
    """The submission with its article: "a comment", "an amendment", "an objection"."""
    return _WHAT[event.kind]


def _sent(event: Submission) -> str:
    """What the party did: "submitted a comment", "proposed an amendment", "raised an objection"."""
    return _SENT[event.kind]


def _r_opened(ctx: SilenceContext) -> Iterator[str]:
    o = ctx.opening
    requested = f" at the request of {o.requested_by}" if o.requested_by else ""
    yield (
        f"Note {o.note.number} of {_long_date(o.note.date)} placed the draft under the silence "
        f"procedure{requested} for {len(o.parties)} parties; comments and objections are due "
        f"{o.deadline.describe()} (the silence ends at {_describe_instant(o.deadline.instant)})."
    )


def _r_extended(ctx: SilenceContext) -> Iterator[str]:
    for event, before in ctx.extensions:
        by_note = f" by Note {event.note}" if event.note else ""
        yield (
            f"At {_describe_instant(event.at)} the deadline was extended{by_note} from "
            f"{before.by()} to {event.to.by()}."
        )


def _r_comments(ctx: SilenceContext) -> Iterator[str]:
    policy = ctx.opening.policy
    breaking, name = policy.breaks_silence, policy.name
    for event in ctx.in_time:
        kind = event.kind
        if kind not in breaking:
            what = _WHAT[kind]
            yield (
                f"{event.by} {_SENT[kind]} at {_describe_instant(event.at)}, in time; "
                f"under {name} {what} does not break the silence."
            )


def _r_broken(ctx: SilenceContext) -> Iterator[str]:
    event = ctx.decisive
    if ctx.status is Status.SILENCE_BROKEN and isinstance(event, _SUBMISSIONS):
        yield (
            f"{event.by} {_sent(event)} at {_describe_instant(event.at)}, before the deadline "
            f"({ctx.deadline.describe()}); under {ctx.opening.policy.name} {_what(event)} breaks "
            "the silence, so the draft is not approved under this procedure; a new procedure is "
            "the way forward."
        )


def _r_withdrawn(ctx: SilenceContext) -> Iterator[str]:
    event = ctx.decisive
    if ctx.status is Status.WITHDRAWN and isinstance(event, ProcedureWithdrawn):
        by_note = f" by Note {event.note}" if event.note else ""
        yield (
            f"The Secretariat withdrew the procedure{by_note} at {_describe_instant(event.at)}: "
            f"{event.reason}"
        )


def _r_approved(ctx: SilenceContext) -> Iterator[str]:
    if ctx.status is Status.APPROVED:
        yield (
            f"Note {ctx.opening.note.number}: no objection by {ctx.deadline.by()}; the draft "
            f"is considered approved at {_describe_instant(ctx.deadline.instant)}."
        )


def _r_pending(ctx: SilenceContext) -> Iterator[str]:
    if ctx.status is Status.PENDING and ctx.at < ctx.opening.at:
        yield (
            f"Not open yet at {_describe_instant(ctx.at)}: Note {ctx.opening.note.number} opens "
            f"the procedure at {_describe_instant(ctx.opening.at)}."
        )
    elif ctx.status is Status.PENDING:
        yield (
            f"Pending at {_describe_instant(ctx.at)}: no objection so far; the silence ends "
            f"at {_describe_instant(ctx.deadline.instant)} ({ctx.deadline.describe()})."
        )


def _r_late(ctx: SilenceContext) -> Iterator[str]:
    for item in ctx.late:
        event = item.event
        yield (
            f"Late: {event.by}'s {event.kind.value} at {_describe_instant(event.at)} came after "
            f"the procedure was decided ({item.closed_as.value} at "
            f"{_describe_instant(item.closed_at)}); "
            "it is kept on record and changes nothing."
        )


def _r_without_effect(ctx: SilenceContext) -> Iterator[str]:
    for event in ctx.without_effect:
        what = "extension" if isinstance(event, DeadlineExtended) else "withdrawal"
        yield (
            f"The {what} at {_describe_instant(event.at)} has no effect: the procedure was "
            f"already decided or the new deadline was not later; it is kept on record."
        )


def _cited(
    rule_id: str, check: Any, summary: str, *, decisive: bool = False, para: str = "3"
) -> Rule[SilenceContext]:
    return Rule(rule_id, f"Note {{note}} para {para}", check, decisive=decisive, summary=summary)


# The note says nothing of extensions, withdrawals or what follows a decision, and no written
# CICA rule on the silence procedure is known (REFERENCE.md): these rules are the library's
# model of the Secretariat's practice, and their findings say so instead of citing the note.
CLAUSE_EXTENSION = "cica_cbm model: the Secretariat may extend while pending (no written CICA rule)"
CLAUSE_WITHDRAWAL = (
    "cica_cbm model: the Secretariat may withdraw while pending (no written CICA rule)"
)
CLAUSE_CLOSED = "cica_cbm model: a decided procedure does not reopen (no written CICA rule)"


SILENCE_RULES: RuleSet[SilenceContext] = RuleSet(
    (
        _cited("SILENCE-OPENED", _r_opened, "The note places the draft under silence.", para="2"),
        Rule(
            "SILENCE-EXTENDED",
            CLAUSE_EXTENSION,
            _r_extended,
            summary="The deadline moves only later, while pending.",
        ),
        _cited("SILENCE-COMMENT", _r_comments, "Comments and suggestions do not break silence."),
        _cited("SILENCE-BROKEN", _r_broken, "An objection in time breaks silence.", decisive=True),
        Rule(
            "SILENCE-WITHDRAWN",
            CLAUSE_WITHDRAWAL,
            _r_withdrawn,
            decisive=True,
            summary="The Secretariat may withdraw.",
        ),
        _cited(
            "SILENCE-APPROVED",
            _r_approved,
            "No objection by the deadline: approved.",
            decisive=True,
        ),
        _cited("SILENCE-PENDING", _r_pending, "Before the deadline, with no objection: pending."),
        _cited("SILENCE-LATE", _r_late, "Late submissions are kept and change nothing."),
        Rule(
            "SILENCE-NO-EFFECT",
            CLAUSE_CLOSED,
            _r_without_effect,
            summary="Acts on a decided procedure change nothing.",
        ),
    )
)
"""The rules of the silence procedure, in the order their findings are reported.

A rule's clause may contain ``{note}``; it is filled with the opening note's number, or replaced
by the policy's own clause for procedures that do not follow CICA practice.
"""


# --- the outcome -----------------------------------------------------------------------------


@attrs.frozen(slots=True)
class Outcome:
    """Where a procedure stands at an instant, and why.

    ``decided_at`` is ``None`` while pending. ``findings`` cite their clauses; the decisive one
    (see :attr:`reason`) says which clause decided the status.
    """

    at: datetime
    status: Status
    decided_at: datetime | None
    deadline: Deadline
    findings: tuple[Finding, ...]

    @property
    def reason(self) -> Finding | None:
        """The finding that decided the status (``None`` while pending)."""
        return next((f for f in self.findings if f.decisive), None)

    @property
    def decided(self) -> bool:
        """Whether the procedure is decided (approved, broken or withdrawn)."""
        return self.status is not Status.PENDING

    def _repr_html_(self) -> str:
        from ..views import html as render  # only notebooks need it: loaded on first use

        return render.outcome_html(self)


def _resolved(clause: str, ctx: SilenceContext) -> str:
    if "{note}" not in clause:
        return clause
    policy = ctx.opening.policy
    if policy.clause.startswith("Note {note}"):
        return clause.format(note=ctx.opening.note.number)
    return policy.cite(ctx.opening.note.number)


def _resolve_clause(finding: Finding, ctx: SilenceContext) -> Finding:
    clause = _resolved(finding.clause, ctx)
    return finding if clause is finding.clause else attrs.evolve(finding, clause=clause)


def _findings(rules: RuleSet[SilenceContext], ctx: SilenceContext) -> tuple[Finding, ...]:
    """Every rule's findings on ``ctx``, their clauses filled in for this procedure.

    The same findings as resolving each of ``rules.evaluate(ctx)``, but a clause depends only
    on its rule, so it is filled in once per rule instead of copying every finding with
    ``attrs.evolve`` (which cost more than writing the finding's sentence). Rule sets and rules
    of other types than the library's own keep the general path.
    """
    if type(rules) is not RuleSet:
        return tuple(_resolve_clause(f, ctx) for f in rules.evaluate(ctx))
    found: list[Finding] = []
    for rule in rules.rules:
        if type(rule) is not Rule:
            found.extend(_resolve_clause(f, ctx) for f in rule.evaluate(ctx))
            continue
        rule_id, clause, decisive = rule.id, _resolved(rule.clause, ctx), rule.decisive
        found.extend([Finding(rule_id, clause, message, decisive) for message in rule.check(ctx)])
    return tuple(found)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a bulk step (an outcome, reading or writing JSON).

    These steps make an object or two per event (findings, late submissions; events when
    reading) and keep them all to the end, so the collector's passes find nothing to free, yet
    each full pass walks every live object, the procedure's own events included: on a procedure
    of a million events they took about half of the time of an outcome. Cyclic garbage made
    meanwhile (by a caller's own rule, say) is collected once the collector runs again. A
    collector the caller paused stays paused.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


# --- the procedure ---------------------------------------------------------------------------


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
        for index, event in enumerate(stream[1:], start=1):
            if not isinstance(event, _EVENT_TYPES) or isinstance(event, ProcedureOpened):
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
        note: Note,
        draft: Draft,
        *,
        deadline: Deadline | date | datetime,
        at: datetime | None = None,
        parties: Iterable[str] | None = None,
        policy: SilencePolicy = CICA_PRACTICE,
        requested_by: str | None = None,
    ) -> SilenceProcedure:
        """Open a procedure: ``note`` places ``draft`` under silence until ``deadline``.

        ``parties`` defaults to the Member States on the note's date; ``at`` to the start of
        that date in Astana (a note gives only its date).
        """
        if not isinstance(note, Note):
            raise InvalidValueError("note", note, "a Note")
        if not isinstance(draft, Draft):
            raise InvalidValueError("draft", draft, "a Draft")
        if not isinstance(policy, SilencePolicy):
            raise InvalidValueError("policy", policy, "a SilencePolicy")
        opened_at = (
            to_utc(at, "at")
            if at is not None
            else datetime.combine(note.date, time(0, 0), tzinfo=ASTANA).astimezone(UTC)
        )
        if parties is None:
            codes = frozenset(s.code for s in member_states(on=note.date))
        else:
            codes = _parties(parties)
        opening = ProcedureOpened(
            at=opened_at,
            note=note,
            draft=draft,
            parties=codes,
            deadline=Deadline.of(deadline),
            policy=policy,
            requested_by=requested_by,
        )
        _check_opening(opening)
        return cls._from_log(_Log(opening, None))

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
    def note(self) -> Note:
        """The note that opened the procedure."""
        return self._opening().note

    @property
    def draft(self) -> Draft:
        """The draft under silence."""
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
        """The deadline in force after every recorded extension, in Astana time."""
        return self.terms.instant.astimezone(ASTANA)

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

    def _final(self) -> SilenceContext:
        final: SilenceContext | None = self._cache.get("final")
        if final is None:
            final = self._cache["final"] = _fold(self._opening(), self._ordered(), _END_OF_TIME)
        return final

    # -- evaluating --

    def context(self, at: datetime) -> SilenceContext:
        """The facts of the procedure at ``at``, from the events at or before it.

        Before the opening the status is ``PENDING`` with nothing recorded, and the pending
        finding says that the procedure is not open yet.
        """
        return _fold(self._opening(), self._ordered(), _utc(at))

    def outcome(self, at: datetime, *, rules: RuleSet[SilenceContext] = SILENCE_RULES) -> Outcome:
        """Where the procedure stands at ``at``, with findings that cite their clauses.

        Only events at or before ``at`` count. Monotone: once decided, every later instant
        gives the same status and decision instant.
        """
        if not isinstance(rules, RuleSet):
            raise InvalidValueError("rules", rules, "a RuleSet, e.g. SILENCE_RULES + my_rule")
        with _collector_paused():
            ctx = self.context(at)
            return Outcome(
                at=ctx.at,
                status=ctx.status,
                decided_at=ctx.decided_at,
                deadline=ctx.deadline,
                findings=_findings(rules, ctx),
            )

    def status(self, at: datetime) -> Status:
        """Just the status at ``at``."""
        return self.context(at).status

    # -- commands --

    def record(self, event: Event) -> SilenceProcedure:
        """A new procedure with ``event`` recorded; refused events change nothing."""
        if not isinstance(event, _EVENT_TYPES) or isinstance(event, ProcedureOpened):
            raise InvalidValueError(
                "event", event, "a comment, amendment, objection, extension or withdrawal"
            )
        _check_event(self._opening(), event)
        if isinstance(event, DeadlineExtended | ProcedureWithdrawn):
            ctx = self.context(event.at)
            action = "extend the deadline" if isinstance(event, DeadlineExtended) else "withdraw"
            if ctx.status is not Status.PENDING:
                raise ProcedureClosedError(action, ctx.status.value, to_astana(event.at))
            if isinstance(event, DeadlineExtended):
                if event.to.instant <= ctx.deadline.instant:
                    raise InvalidValueError(
                        "to",
                        event.to.describe(),
                        f"a deadline later than the one in force ({ctx.deadline.by()})",
                    )
                self.policy.check_deadline(event.to, self._opening().at, "to")
        return SilenceProcedure._from_log(_Log(event, self._log))

    def comment(
        self, by: str, at: datetime, text: str, *, sent_by: str | None = None
    ) -> SilenceProcedure:
        """Party ``by`` submits a comment or suggestion at ``at``."""
        _acting_for_itself(by, sent_by, "comment")
        return self.record(CommentSubmitted(at=at, by=by, text=text))

    def amend(
        self, by: str, at: datetime, text: str, *, sent_by: str | None = None
    ) -> SilenceProcedure:
        """Party ``by`` proposes an amendment at ``at`` (breaks silence under the OSCE's rules)."""
        _acting_for_itself(by, sent_by, "propose an amendment")
        return self.record(AmendmentProposed(at=at, by=by, text=text))

    def object(
        self, by: str, at: datetime, text: str, *, sent_by: str | None = None
    ) -> SilenceProcedure:
        """Party ``by`` objects at ``at``; in time, this breaks the silence."""
        _acting_for_itself(by, sent_by, "object")
        return self.record(ObjectionRaised(at=at, by=by, text=text))

    def extend(
        self, to: Deadline | date | datetime, at: datetime, *, note: NoteNumber | str | None = None
    ) -> SilenceProcedure:
        """The Secretariat extends the deadline to ``to`` (a date or an aware instant).

        Only while pending, and only to a later deadline.
        """
        return self.record(DeadlineExtended(at=at, to=Deadline.of(to), note=note))

    def withdraw(
        self, at: datetime, reason: str, *, note: NoteNumber | str | None = None
    ) -> SilenceProcedure:
        """The Secretariat withdraws the pending procedure."""
        return self.record(ProcedureWithdrawn(at=at, reason=reason, note=note))

    # -- value semantics --

    def __eq__(self, other: builtins.object) -> bool:
        if not isinstance(other, SilenceProcedure):
            return NotImplemented
        return self is other or self.events == other.events

    def __hash__(self) -> int:
        return hash(self.events)

    def __len__(self) -> int:
        return self._log.size

    def __repr__(self) -> str:
        return (
            f"<SilenceProcedure {self.note.number} on {self.draft.priority_area.id}: "
            f"{len(self)} events, deadline {self.deadline.isoformat()}>"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (SilenceProcedure, (self.events,))

    def _repr_html_(self) -> str:
        from ..views import html as render  # only notebooks need it: loaded on first use

        return render.procedure_html(self)


def _why_not_member(code: object) -> str:
    registry = _registry()
    if isinstance(code, str) and code in registry.observers:
        return (
            "CICA lists it among its observers, and observers take no part in decisions or "
            "silence procedures"
        )
    if isinstance(code, str) and code.upper() in registry.members:
        return f"codes are upper case: {code.upper()!r}, not {code!r}"
    return "it is not a CICA Member State"


def _check_opening(opening: ProcedureOpened) -> None:
    """Refuse an opening that :meth:`SilenceProcedure.open` would refuse, however it was made."""
    members = _registry().members
    on = opening.note.date
    for code in sorted(opening.parties):
        state = members.get(code)
        if state is None:
            raise NotAPartyError(str(code), _why_not_member(code))
        if not state.member_on(on, certain=False):
            raise NotAPartyError(code, f"it was not a Member State on {on}")
    if not opening.parties:
        raise InvalidValueError("parties", opening.parties, "at least one Member State")
    if opening.requested_by is not None and opening.requested_by not in opening.parties:
        raise NotAPartyError(opening.requested_by, "only a party may request the procedure")
    terms = opening.deadline
    if terms.instant <= opening.at:
        raise InvalidValueError("deadline", terms.describe(), "a deadline after the opening")
    opening.policy.check_deadline(terms, opening.at, "deadline")


def _check_event(opening: ProcedureOpened, event: Event) -> None:
    if event.at < opening.at:
        raise EventOrderError(type(event).__name__, to_astana(event.at), to_astana(opening.at))
    if isinstance(event, _SUBMISSIONS) and event.by not in opening.parties:
        if event.by in _registry().members:
            reason = "it was not a Member State when the procedure was opened"
        else:
            reason = _why_not_member(event.by)
        raise NotAPartyError(event.by, reason)


def _acting_for_itself(by: str, sent_by: str | None, action: str) -> None:
    if sent_by is not None and sent_by != by:
        raise NotAuthorizedError(sent_by, by, action)
