"""The acts a review schedule is made of: the schedule started, and each review held.

A :class:`~cica_cbm.core.reviews.ReviewSchedule` is the fold of its acts:

* :class:`ReviewScheduleStarted`, the founding act: the Secretariat records that the plan's
  yearly review runs from ``on``, the day the plan took effect (for the seed, the day its
  silence procedure approved it). The Action Plan says who reviews, not who keeps the record;
  this library has the Secretariat record it, as it keeps the Conference's other records and
  numbers its notes. Anyone else is refused.
* :class:`ReviewHeld`: ``by`` (the SWG or the SOC, :class:`ReviewBody`) reviewed the plan's
  implementation on ``on``, a day on or after the schedule started.

References:
    Action Plan preamble ("reviewed every year by Special Working Group and Senior Officials
    Committee").
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any, TypeAlias

import attrs

from ._convert import as_enum
from .authority import SECRETARIAT
from .clock import require_day
from .errors import InvalidValueError

__all__ = ["ReviewAct", "ReviewBody", "ReviewHeld", "ReviewScheduleStarted"]


class ReviewBody(StrEnum):
    """The bodies that review the Action Plan every year."""

    SWG = "swg"
    """The Special Working Group (reports to the SOC)."""
    SOC = "soc"
    """The Senior Officials Committee."""


def _recorder(_: Any, __: Any, value: object) -> None:
    if not isinstance(value, str) or not value:
        raise InvalidValueError("ReviewScheduleStarted.by", value, f"{SECRETARIAT!r}")


def _started_on(_: Any, __: Any, value: Any) -> None:
    require_day(value, "ReviewScheduleStarted.on", "a datetime.date (a calendar day)")


@attrs.frozen(slots=True)
class ReviewScheduleStarted:
    """The founding act: ``by`` (the Secretariat) records the review year running from ``on``."""

    on: date = attrs.field(validator=_started_on)
    by: str = attrs.field(default=SECRETARIAT, validator=_recorder)


def _reviewer(value: object) -> ReviewBody:
    return as_enum(ReviewBody, "ReviewHeld.by", value)


def _held_on(_: Any, __: Any, value: Any) -> None:
    require_day(value, "ReviewHeld.on", "a datetime.date (a calendar day)")


@attrs.frozen(slots=True)
class ReviewHeld:
    """``by`` (the SWG or the SOC) reviewed the plan's implementation on ``on``."""

    by: ReviewBody = attrs.field(converter=_reviewer)
    on: date = attrs.field(validator=_held_on)


ReviewAct: TypeAlias = ReviewScheduleStarted | ReviewHeld
"""Any act of a review schedule."""
