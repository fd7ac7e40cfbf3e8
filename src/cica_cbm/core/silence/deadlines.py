"""A procedure's deadline: "no later than" a day, or an exact instant."""

from __future__ import annotations

from datetime import date, datetime

import attrs

from ..clock import ASTANA, end_of_day
from ..errors import InvalidValueError
from ._time import describe_instant, long_date, utc_instant


@attrs.frozen(slots=True)
class Deadline:
    """When a silence ends: an instant, and the date as the note states it, if it does.

    "No later than D" ends at 00:00 Astana time on D+1; a submission strictly before that is in
    time. A deadline may instead be an exact instant (the UN General Assembly's 72-hour
    silences, the OSCE's exact expiry time); then ``stated`` is ``None``.
    """

    instant: datetime = attrs.field(converter=utc_instant)
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
            return long_date(self.stated)
        return describe_instant(self.instant)

    def describe(self) -> str:
        """The deadline in words: "no later than 11 January 2024" or the exact instant."""
        if self.stated is not None:
            return f"no later than {long_date(self.stated)}"
        return f"at {describe_instant(self.instant)}"
