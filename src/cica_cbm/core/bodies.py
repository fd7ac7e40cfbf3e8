"""Bodies that decide: CICA and its organs, the UN General Assembly, the OSCE, the EU Council, NATO.

Each :class:`Body` knows who decides there on a date (dated accessions and departures, each
with its source and precision), its observers where it has them, the zone of its seat, who
runs its silence procedures (its secretariat or chair), how its documents are numbered, and its
silence policy. :data:`BODIES` maps each body's id to it.

>>> from datetime import date
>>> len(BODIES["UNGA"].members(on=date(2011, 7, 14)))
193
>>> "GBR" in BODIES["EU_COUNCIL"].members(on=date(2020, 2, 1))
False
>>> BODIES["OSCE"].zone
PinnedZone('Europe/Vienna')

References:
    REFERENCE.md "Bodies beyond CICA"; ``data/bodies.json`` and ``data/bodies/*.json`` (sources per
    row); CICA Rules of Procedure (2004, amended 2009) Art. 1.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from datetime import date
from types import MappingProxyType

import attrs

from ._data import DataError, Reader, load
from .clock import PinnedZone, zone
from .errors import InvalidValueError, UnknownBodyError
from .silence.policies import POLICIES, SilencePolicy
from .states import Admission, all_member_states, observers, read_admission

__all__ = ["BODIES", "Body", "Membership", "body"]


@attrs.frozen(slots=True)
class Membership:
    """One state's membership of a body: from when, until when (its last day), and the source."""

    code: str
    name_en: str
    joined: Admission
    until: Admission | None = None
    source: str | None = None

    def member_on(self, day: date, *, certain: bool = True) -> bool:
        """Whether the state was a member on ``day`` (certainly, or possibly)."""
        if certain:
            joined = self.joined.certain_by(day)
            stayed = self.until is None or day <= self.until.earliest
        else:
            joined = self.joined.possible_by(day)
            stayed = self.until is None or day <= self.until.latest
        return joined and stayed


@attrs.frozen(slots=True, eq=False)
class Body:
    """A body that takes decisions by consensus and silence procedure.

    ``chair`` is the id of whoever opens, extends, brings forward and withdraws its silence
    procedures (``"SECRETARIAT"`` for CICA, ``"PGA"`` for the UN General Assembly); ``symbols``
    the regular expressions its document symbols match; ``organ_of`` the body an organ belongs
    to (the CICA Summit, Ministerial Council, SOC and SWG are organs of all the Member States).
    """

    id: str
    name_en: str
    seat: str
    zone_key: str
    chair: str
    chair_title: str
    policy: SilencePolicy
    memberships: tuple[Membership, ...] = attrs.field(repr=False)
    observer_ids: tuple[tuple[str, Admission | None], ...] = attrs.field(repr=False)
    symbols: tuple[str, ...] = attrs.field(repr=False)
    symbol_examples: tuple[str, ...] = attrs.field(repr=False)
    organ_of: str | None = None

    @property
    def zone(self) -> PinnedZone:
        """The zone of the body's seat, from the pinned zone data."""
        return zone(self.zone_key)

    def members(self, on: date, *, certain: bool = True) -> frozenset[str]:
        """The codes of those who decide here on the day ``on``.

        With ``certain`` (the default) a state counts once it certainly was a member (a
        year-only accession counts from 31 December of that year); ``certain=False`` counts
        every state that may have been one.
        """
        day = _day(on)
        return frozenset(m.code for m in self.memberships if m.member_on(day, certain=certain))

    def is_member(self, code: object, on: date, *, certain: bool = True) -> bool:
        """Whether ``code`` decides here on ``on``."""
        day = _day(on)
        return any(m.code == code and m.member_on(day, certain=certain) for m in self.memberships)

    def observers(self, on: date | None = None) -> frozenset[str]:
        """The observers' ids; with ``on``, those whose observer status may have begun by then."""
        if on is None:
            return frozenset(code for code, _ in self.observer_ids)
        day = _day(on)
        return frozenset(
            c for c, since in self.observer_ids if since is None or since.possible_by(day)
        )

    def why_not_member(self, code: object, on: date) -> str:
        """Why ``code`` does not decide here on ``on``: an observer, not (yet) a member, unknown."""
        name = self.id
        if isinstance(code, str) and code in self.observers():
            return f"it is an observer of {name}, and observers take no part in its decisions"
        if isinstance(code, str) and code != code.upper() and self.is_member(code.upper(), on):
            return f"codes are upper case: {code.upper()!r}, not {code!r}"
        if any(m.code == code for m in self.memberships):
            return f"it was not a member of {name} on {on}"
        return f"it is not a member of {name}"

    def check_symbol(self, symbol: object, field: str = "symbol") -> str:
        """``symbol`` if it has the form of this body's document symbols; else an error."""
        if not isinstance(symbol, str) or not symbol.strip():
            raise InvalidValueError(field, symbol, f"a {self.id} document symbol as text")
        if not self.symbols:
            raise InvalidValueError(field, symbol, f"no symbol: {self.id} publishes none")
        if not any(re.fullmatch(pattern, symbol) for pattern in self.symbols):
            shown = ", ".join(repr(e) for e in self.symbol_examples)
            raise InvalidValueError(field, symbol, f"a {self.id} document symbol such as {shown}")
        return symbol

    def __repr__(self) -> str:
        return f"Body({self.id!r})"

    def __reduce__(self) -> tuple[object, ...]:
        return (body, (self.id,))

    def _repr_html_(self) -> str:
        from ..views import html as render  # only notebooks need it: loaded on first use

        return render.body_html(self)


def _day(value: object) -> date:
    if not isinstance(value, date):
        raise InvalidValueError("on", value, "a datetime.date")
    return value if type(value) is date else date(value.year, value.month, value.day)


def _cica_memberships() -> tuple[Membership, ...]:
    return tuple(
        Membership(code=s.code, name_en=s.name.en, joined=s.admission, source="member_states.json")
        for s in all_member_states()
    )


def _cica_observers() -> tuple[tuple[str, Admission | None], ...]:
    return tuple((o.id, o.since) for o in observers())


def _memberships(
    file: str,
) -> tuple[tuple[Membership, ...], tuple[tuple[str, Admission | None], ...]]:
    reader = load(file)
    rows = list(reader["members"].items())
    ends = {}
    for row in rows:
        until = row.get("until")
        if until is not None:
            ends[row["code"].str()] = read_admission(until)
    members: list[Membership] = []
    seen: set[str] = set()
    for row in rows:
        code = row["code"].str()
        if code in seen:
            raise row.fail(f"{code} is listed twice")
        seen.add(code)
        joined = read_admission(row["joined"])
        continues = row.opt_str("continues")
        if continues is not None:
            # one continuous seat under two names: the successor decides from the day after
            if continues not in ends:
                raise row.fail(f"continues {continues!r}, which has no 'until'")
            last = ends[continues]
            joined = attrs.evolve(
                joined,
                earliest=date.fromordinal(last.earliest.toordinal() + 1),
                latest=date.fromordinal(last.latest.toordinal() + 1),
                precision=last.precision,
                note=f"continues {continues}'s seat; {joined.note or ''}".rstrip("; "),
            )
        ended = ends.get(code)
        members.append(Membership(code, row["name_en"].str(), joined, ended, row.opt_str("source")))
    seen_observers = []
    for row in reader["observers"].items():
        since = row.get("since")
        seen_observers.append((row["code"].str(), read_admission(since) if since else None))
    return tuple(members), tuple(seen_observers)


def _body(row: Reader, policies: Mapping[str, SilencePolicy]) -> Body:
    body_id = row["id"].str()
    file = row["members"].str()
    if file == "member_states.json":
        memberships, watchers = _cica_memberships(), _cica_observers()
    else:
        memberships, watchers = _memberships(file)
    policy_name = row["policy"].str()
    if policy_name not in policies:
        raise row["policy"].fail(f"no shipped policy {policy_name!r}")
    policy = policies[policy_name]
    if policy.body != (row.opt_str("organ_of") or body_id):
        policy = attrs.evolve(policy, body=body_id)
    symbols = row["symbols"].strs() if row["symbols"].value else ()
    for pattern in symbols:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise row["symbols"].fail(f"{pattern!r} is not a regular expression: {exc}") from None
    examples = row["symbol_examples"].strs() if row["symbol_examples"].value else ()
    for example in examples:
        if not any(re.fullmatch(p, example) for p in symbols):
            raise row["symbol_examples"].fail(f"{example!r} matches none of the symbols")
    try:
        zone(row["zone"].str())
    except InvalidValueError as exc:
        raise row["zone"].fail(str(exc)) from None
    return Body(
        id=body_id,
        name_en=row["name_en"].str(),
        seat=row["seat"].str(),
        zone_key=row["zone"].str(),
        chair=row["chair"]["id"].str(),
        chair_title=row["chair"]["title"].str(),
        policy=policy,
        memberships=memberships,
        observer_ids=watchers,
        symbols=symbols,
        symbol_examples=examples,
        organ_of=row.opt_str("organ_of"),
    )


class _Bodies(Mapping[str, Body]):
    """The shipped bodies, read and validated on first use."""

    @functools.cached_property
    def _table(self) -> Mapping[str, Body]:
        policies = {p.name: p for p in POLICIES.values()}
        table: dict[str, Body] = {}
        for row in load("bodies.json")["bodies"].items():
            made = _body(row, policies)
            if made.id in table:
                raise DataError("bodies.json", row.path, f"{made.id} is listed twice")
            table[made.id] = made
        return MappingProxyType(table)

    def __getitem__(self, key: str) -> Body:
        try:
            return self._table[key]
        except (KeyError, TypeError):
            raise UnknownBodyError(key, sorted(self._table)) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    def __repr__(self) -> str:
        return f"BODIES({', '.join(self._table)})"


BODIES: Mapping[str, Body] = _Bodies()
"""Every shipped body by id: CICA and its organs, UNGA, OSCE, EU_COUNCIL and NATO."""


def body(id: str | Body) -> Body:
    """The shipped body ``id`` (a Body is returned as it is); an unknown id is an error."""
    if isinstance(id, Body):
        return id
    return BODIES[id]
