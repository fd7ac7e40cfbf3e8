"""Silence policies: what breaks the silence, how deadlines are given, what the rules cite."""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

import attrs

from .._convert import as_enum, as_instance
from ..clock import require_aware
from ..errors import InvalidValueError, PolicyViolationError
from ..notes import NoteNumber
from ._time import period
from .deadlines import Deadline


def _silence_policy_deadline_form(value: Any) -> DeadlineForm:
    return as_enum(DeadlineForm, "SilencePolicy.deadline_form", value)


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


def _body_id(_: Any, __: Any, value: object) -> None:
    if not isinstance(value, str) or not value:
        raise InvalidValueError("SilencePolicy.body", value, "a body's id, e.g. 'CICA' or 'UNGA'")


def _flag(_: Any, __: Any, value: object) -> None:
    if not isinstance(value, bool):
        raise InvalidValueError("SilencePolicy.may_bring_forward", value, "true or false")


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
    body: str = attrs.field(default="CICA", validator=_body_id)
    """The id of the body whose procedure this is (a key of ``cica_cbm.BODIES``)."""
    may_bring_forward: bool = attrs.field(default=False, validator=_flag)
    """Whether the chair may bring a deadline forward (the UN General Assembly's President did)."""

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

    def cite(self, note: NoteNumber | None) -> str:
        """The clause, for the procedure opened by ``note`` (``None``: set without a note)."""
        if note is None and "{note}" in self.clause:
            return f"{self.name} (a silence set without a note)"
        return self.clause.format(note=note)

    def check_deadline(self, deadline: Deadline, opened_at: datetime, field: str) -> None:
        """Refuse a deadline that this policy does not allow.

        A deadline known only to its day is a record of an exact instant that is not on record:
        every form of deadline admits it.
        """
        as_instance(Deadline, field, deadline)
        require_aware(opened_at, "opened_at")
        if deadline.known_to_day:
            return
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
                f"at least {period(self.minimum_period)} after the opening ({self.name})",
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
    body="OSCE",
)
"""The OSCE: an objection or an amendment breaks silence; the expiry is an exact time."""

UN_GENERAL_ASSEMBLY = SilencePolicy(
    name="UN General Assembly",
    breaks_silence={SubmissionKind.OBJECTION},
    deadline_form=DeadlineForm.INSTANT,
    minimum_period=timedelta(hours=72),
    clause="UN General Assembly decision 74/544",
    body="UNGA",
    may_bring_forward=True,
)
"""The UN General Assembly (2020): at least 72 hours, to an exact New York time."""

EU_COUNCIL = SilencePolicy(
    name="EU Council",
    breaks_silence={SubmissionKind.OBJECTION},
    deadline_form=DeadlineForm.EITHER,
    minimum_period=None,
    clause="Council of the EU Rules of Procedure, Art. 12(2)",
    body="EU_COUNCIL",
)
"""The Council of the EU: an objection by a member of the Council breaks silence."""

NATO = SilencePolicy(
    name="NATO",
    breaks_silence={SubmissionKind.OBJECTION},
    deadline_form=DeadlineForm.EITHER,
    minimum_period=None,
    clause="NATO practice (silence procedure set by the Secretary General)",
    body="NATO",
)
"""NATO practice: a formal letter of objection by an Ally breaks silence."""

POLICIES: dict[str, SilencePolicy] = {
    p.name: p for p in (CICA_PRACTICE, CICA_STRICT, OSCE, UN_GENERAL_ASSEMBLY, EU_COUNCIL, NATO)
}
"""The shipped policies by name."""
