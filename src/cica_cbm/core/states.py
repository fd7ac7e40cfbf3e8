"""Member States and observers of CICA, as dated reference data.

Only Member States take decisions. Observers (states and organisations) never take part in
consensus or silence procedures.

The data ships inside the package (``data/member_states.json``, ``data/observers.json``,
``data/names.json``) and is validated when first used. An admission keeps the precision its
sources give it: a day, a year, or a range of days (Afghanistan: a founder, but whether it
signed in 1999 or joined by 2002 is unconfirmed).

**The rule for dates that are not days.** :func:`member_states` counts a state as a member on a
day only when it certainly was one: on or after the *latest* day its admission can have been
(31 December for a year-only admission). Pass ``certain=False`` to count every state that may
have been a member by then (on or after the *earliest* day).

References:
    REFERENCE.md "Member States (28 since 13 October 2022)" and "Observers".
"""

from __future__ import annotations

import functools
from datetime import MAXYEAR, MINYEAR, date, datetime
from enum import StrEnum
from typing import Any, NamedTuple

import attrs

from ._convert import as_enum, as_whole_number
from ._data import DataError, Reader, load
from .clock import require_day, to_astana
from .errors import InvalidValueError, UnknownStateError
from .text import LocalizedText

__all__ = [
    "Admission",
    "Confidence",
    "MemberState",
    "NameSource",
    "Observer",
    "ObserverKind",
    "Precision",
    "all_member_states",
    "is_member",
    "is_observer",
    "member_state",
    "member_states",
    "observer",
    "observer_name_sources",
    "observers",
]


def _admission_precision(value: Any) -> Precision:
    return as_enum(Precision, "Admission.precision", value)


def _admission_confidence(value: Any) -> Confidence:
    return as_enum(Confidence, "Admission.confidence", value)


class Precision(StrEnum):
    """How precisely a source dates an event."""

    DAY = "day"
    YEAR = "year"
    RANGE = "range"


class Confidence(StrEnum):
    """How sure the sources are: high, medium, or unconfirmed."""

    HIGH = "H"
    MEDIUM = "M"
    UNCONFIRMED = "U"


def _check_bounds(instance: Admission, _: attrs.Attribute[date], latest: date) -> None:
    for field, value in (("earliest", instance.earliest), ("latest", latest)):
        if not isinstance(value, date):
            raise InvalidValueError(f"Admission.{field}", value, "a datetime.date (a calendar day)")
    if latest < instance.earliest:
        raise InvalidValueError(
            "Admission.latest", latest, f"a day on or after earliest ({instance.earliest})"
        )
    if instance.precision is Precision.DAY and latest != instance.earliest:
        raise InvalidValueError("Admission.latest", latest, "the same day as earliest for a day")
    if instance.precision is Precision.YEAR and (
        instance.earliest != date(instance.earliest.year, 1, 1)
        or latest != date(instance.earliest.year, 12, 31)
    ):
        raise InvalidValueError(
            "Admission", (instance.earliest, latest), "1 January to 31 December of one year"
        )


@attrs.frozen(slots=True)
class Admission:
    """When a state was admitted (or became an observer), with its real precision.

    ``earliest`` and ``latest`` bound the day; for a known day they are equal, for a year they
    are 1 January and 31 December. ``stated`` is the date as the source words it.
    """

    stated: str
    earliest: date
    precision: Precision = attrs.field(converter=_admission_precision)
    latest: date = attrs.field(validator=_check_bounds)
    confidence: Confidence = attrs.field(converter=_admission_confidence)
    note: str | None = None

    @classmethod
    def on(cls, day: date, confidence: Confidence = Confidence.HIGH) -> Admission:
        """An admission on a known day."""
        day = require_day(day, "day", "a datetime.date (a calendar day)")
        return cls(day.isoformat(), day, Precision.DAY, day, confidence)

    @classmethod
    def in_year(cls, year: int, confidence: Confidence = Confidence.HIGH) -> Admission:
        """An admission known only to its year."""
        year = as_whole_number("year", year, MINYEAR, MAXYEAR)
        return cls(str(year), date(year, 1, 1), Precision.YEAR, date(year, 12, 31), confidence)

    @property
    def day(self) -> date | None:
        """The day, when the sources give one; ``None`` for a year or a range."""
        return self.earliest if self.precision is Precision.DAY else None

    def certain_by(self, day: date) -> bool:
        """Whether the admission had certainly happened by ``day``."""
        return _day(day, "day") >= self.latest

    def possible_by(self, day: date) -> bool:
        """Whether the admission may have happened by ``day``."""
        return _day(day, "day") >= self.earliest


@attrs.frozen(slots=True)
class MemberState:
    """A Member State of CICA: the only kind of party that takes decisions.

    ``code`` is ISO 3166-1 alpha-3. ``name`` is the common name, ``formal_name`` the formal one
    (where no source has a formal name, the common name is kept), both in en/ru/kk.
    """

    code: str
    alpha2: str
    name: LocalizedText
    formal_name: LocalizedText
    admission: Admission
    name_sources: str = attrs.field(default="", eq=False, repr=False)

    def member_on(self, day: date, *, certain: bool = True) -> bool:
        """Whether this state was a member on ``day`` (see the module's rule)."""
        if certain:
            return self.admission.certain_by(day)
        return self.admission.possible_by(day)

    def __str__(self) -> str:
        return f"{self.name.en} ({self.code})"

    def _repr_html_(self) -> str:
        from ..views import html as render  # only notebooks need it: loaded on first use

        return render.member_state_html(self)


class ObserverKind(StrEnum):
    """An observer is a state or an international organisation."""

    STATE = "state"
    ORGANISATION = "organisation"


@attrs.frozen(slots=True)
class Observer:
    """An observer of CICA: never a party to consensus or a silence procedure.

    ``since`` is ``None`` where no source dates the observer status.
    """

    id: str
    kind: ObserverKind
    name: LocalizedText
    since: Admission | None = None

    def __str__(self) -> str:
        return f"{self.name.en} ({self.id}, observer)"

    def name_in(self, lang: str) -> str:
        """The name in ``lang`` (``"en"``, ``"ru"``, ``"kk"``); never a guess.

        Where no source gives the name in ``lang``, the English name is returned and says so:
        ``"League of Arab States (no ru name in the sources)"``; see
        :func:`observer_name_sources` for where each name comes from.

        >>> observer("UN").name_in("kk")
        'Біріккен Ұлттар Ұйымы'
        >>> observer("LAS").name_in("ru")
        'League of Arab States (no ru name in the sources)'
        """
        value = self.name.get(lang)
        return value if value is not None else f"{self.name.en} (no {lang} name in the sources)"


class NameSource(NamedTuple):
    """Where an observer's name in one language comes from, or why no name is known."""

    lang: str
    """``"ru"`` or ``"kk"``."""
    name: str | None
    """The name, or ``None`` where no source gives one."""
    source: str | None
    """The source cited (with its address), or ``None`` with :attr:`unknown` saying why."""
    confidence: Confidence | None
    """How sure the source is; ``None`` where the name is unknown or the data gives no grade."""
    unknown: str | None = None
    """Why the name is not known, where it is not."""


def read_admission(reader: Reader) -> Admission:
    """An admission as the shipped data files write one (stated, earliest, latest, ...)."""
    try:
        return Admission(
            stated=reader["stated"].str(),
            earliest=reader["earliest"].date(),
            precision=Precision(reader["precision"].str()),
            latest=reader["latest"].date(),
            confidence=Confidence(reader["confidence"].str()),
            note=reader.opt_str("note"),
        )
    except (InvalidValueError, ValueError) as exc:
        if isinstance(exc, DataError):
            raise
        raise reader.fail(str(exc)) from None


@attrs.frozen(slots=True)
class _Registry:
    members: dict[str, MemberState]
    observers: dict[str, Observer]
    name_sources: dict[str, tuple[NameSource, ...]]


def _name_sources(row: Reader, name: LocalizedText) -> tuple[NameSource, ...]:
    """An organisation's names in ru and kk, each with its source or the reason it is unknown."""
    found = []
    for lang in ("ru", "kk"):
        entry = row["name_sources"][lang]
        value = name.get(lang)
        unknown = entry.opt_str("unknown")
        if value is None:
            if unknown is None or entry.get("source") is not None:
                raise entry.fail(f"no {lang} name: expected only 'unknown' with the reason")
            found.append(NameSource(lang, None, None, None, unknown))
            continue
        if unknown is not None:
            raise entry.fail(f"a {lang} name is given: 'unknown' must be absent")
        try:
            confidence = Confidence(entry["confidence"].str())
        except ValueError:
            raise entry["confidence"].fail("expected 'H', 'M' or 'U'") from None
        found.append(NameSource(lang, value, entry["source"].str(), confidence))
    return tuple(found)


@functools.cache
def _registry() -> _Registry:
    names = load("names.json")["states"]
    members: dict[str, MemberState] = {}
    for row in load("member_states.json")["member_states"].items():
        code = row["code"].str()
        if code in members:
            raise row.fail(f"{code} is listed twice")
        entry = names[code]
        name = entry["name"].text()
        if name.en != row["name_en"].str():
            raise entry.fail(f"English name {name.en!r} differs from {row['name_en'].value!r}")
        members[code] = MemberState(
            code=code,
            alpha2=entry["alpha2"].str(),
            name=name,
            formal_name=entry["formal_name"].text(),
            admission=read_admission(row["admission"]),
            name_sources="; ".join(
                f"{k}: {entry['sources'][k].str()}" for k in ("name", "formal_name")
            ),
        )
    observed: dict[str, Observer] = {}
    sources: dict[str, tuple[NameSource, ...]] = {}
    file = load("observers.json")
    for row in file["states"].items():
        code = row["code"].str()
        since = row.get("since")
        name = names[code]["name"].text()
        observed[code] = Observer(
            id=code,
            kind=ObserverKind.STATE,
            name=name,
            since=read_admission(since) if since else None,
        )
        cited = names[code]["sources"]["name"].str()  # names.json grades no confidence
        sources[code] = tuple(
            NameSource(lang, name.get(lang), cited if name.get(lang) else None, None)
            for lang in ("ru", "kk")
        )
    for row in file["organisations"].items():
        since = row.get("since")
        name = row["name"].text()
        observed[row["id"].str()] = Observer(
            id=row["id"].str(),
            kind=ObserverKind.ORGANISATION,
            name=name,
            since=read_admission(since) if since else None,
        )
        sources[row["id"].str()] = _name_sources(row, name)
    both = members.keys() & observed.keys()
    if both:
        raise DataError("observers.json", "$", f"{sorted(both)} are also Member States")
    return _Registry(members=members, observers=observed, name_sources=sources)


def _day(value: object, field: str) -> date:
    """A day; an aware datetime stands for its calendar day in Astana."""
    if not isinstance(value, date):
        raise InvalidValueError(field, value, "a datetime.date")
    if isinstance(value, datetime):
        # an instant's calendar day in Astana is meant; a naive datetime names no instant
        return to_astana(value, field).date()
    return value


def member_states(on: date, *, certain: bool = True) -> tuple[MemberState, ...]:
    """The Member States on the day ``on``, sorted by code.

    >>> len(member_states(on=date(2023, 12, 13)))
    28
    >>> [s.code for s in member_states(on=date(2011, 6, 1)) if s.code in {"BHR", "KHM"}]
    []
    >>> [s.code for s in member_states(on=date(2011, 6, 1), certain=False) if s.code == "BHR"]
    ['BHR']
    """
    day = _day(on, "on")
    return tuple(state for state in all_member_states() if state.member_on(day, certain=certain))


def member_state(code: str) -> MemberState:
    """The Member State with ISO 3166-1 alpha-3 ``code``; any other code is an error.

    >>> member_state("TUR").name.ru
    'Турция'
    """
    try:
        return _registry().members[code]
    except (KeyError, TypeError):
        if isinstance(code, str) and code in _registry().observers:
            raise UnknownStateError(code, "a Member State's code; this is an observer") from None
        if isinstance(code, str) and code.upper() in _registry().members:
            raise UnknownStateError(
                code, f"an upper-case ISO 3166 alpha-3 code: {code.upper()!r}, not {code!r}"
            ) from None
        raise UnknownStateError(code) from None


def all_member_states() -> tuple[MemberState, ...]:
    """Every state the shipped data lists as a Member State, whenever admitted, sorted by code.

    >>> len(all_member_states())
    28
    """
    return tuple(state for _, state in sorted(_registry().members.items()))


def is_observer(code: object) -> bool:
    """Whether ``code`` names one of CICA's observers (a state or an organisation)."""
    return isinstance(code, str) and code in _registry().observers


def is_member(code: str, on: date, *, certain: bool = True) -> bool:
    """Whether ``code`` names a Member State on the day ``on``."""
    state = _registry().members.get(code) if isinstance(code, str) else None
    return state is not None and state.member_on(_day(on, "on"), certain=certain)


def observers() -> tuple[Observer, ...]:
    """The observers as the shipped data lists them (10 states, 5 organisations), states first.

    Each group is sorted by id; ``Observer.since`` says from when, where a source dates it.
    """
    return tuple(
        sorted(
            _registry().observers.values(),
            key=lambda o: (o.kind is ObserverKind.ORGANISATION, o.id),
        )
    )


def observer(id: str) -> Observer:
    """The observer with this id (a state's alpha-3 code, or e.g. ``"OSCE"``)."""
    try:
        return _registry().observers[id]
    except (KeyError, TypeError):
        raise UnknownStateError(id, "an observer's code, e.g. 'USA' or 'OSCE'") from None


def observer_name_sources(id: str) -> tuple[NameSource, ...]:
    """Where the observer's names in Russian and Kazakh come from, or why they are unknown.

    >>> [(s.lang, s.confidence) for s in observer_name_sources("UN")]
    [('ru', <Confidence.HIGH: 'H'>), ('kk', <Confidence.HIGH: 'H'>)]
    >>> observer_name_sources("TURKPA")[0].name is None
    True
    """
    observer(id)  # refuses an unknown id, as observer() does
    return _registry().name_sources[id]
