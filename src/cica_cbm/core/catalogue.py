"""The CICA Catalogue of Confidence Building Measures: dimensions and priority areas.

The Catalogue was adopted on 22 October 2004 and updated by the Ministers of Foreign Affairs in
October 2021. Priority areas change over time, so the catalogue is dated data: each edition
says from when it is in force. Coordinators are shipped where a source names them and are
``None`` (unknown) otherwise; an unknown coordinator is never guessed.

References:
    REFERENCE.md "Catalogue of CBMs and priority areas"; Concept Paper, Background.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

import attrs

from ._convert import as_enum
from ._data import DataError, load
from .clock import require_day
from .errors import InvalidValueError
from .states import Confidence, member_state
from .text import LocalizedText

__all__ = ["Catalogue", "Dimension", "PriorityArea", "catalogue", "priority_area"]


def _priority_area_confidence(value: Any) -> Confidence:
    return as_enum(Confidence, "PriorityArea.confidence", value)


@attrs.frozen(slots=True)
class Dimension:
    """One of the Catalogue's five dimensions, e.g. New Challenges and Threats."""

    id: str
    name: LocalizedText


@attrs.frozen(slots=True)
class PriorityArea:
    """A priority area of the Catalogue, with its coordinator where known.

    ``coordinator`` is a Member State's code or ``None`` when unknown; ``co_coordinators`` is a
    tuple of codes, or ``None`` when unknown (an empty tuple would mean "none").
    """

    id: str
    dimension: str
    name: LocalizedText
    coordinator: str | None = None
    co_coordinators: tuple[str, ...] | None = None
    confidence: Confidence = attrs.field(
        default=Confidence.HIGH,
        converter=_priority_area_confidence,
    )
    note: str | None = None

    @property
    def coordinator_known(self) -> bool:
        """Whether a source names the coordinator."""
        return self.coordinator is not None


@attrs.frozen(slots=True)
class Catalogue:
    """One edition of the Catalogue of CBMs, in force from ``updated``."""

    id: str
    title: str
    first_adopted: date
    updated: date
    updated_by: str
    discrepancy: str | None
    dimensions: tuple[Dimension, ...]
    priority_areas: tuple[PriorityArea, ...]

    def priority_area(self, id: str) -> PriorityArea:
        """The priority area with this id; an unknown id is an error that lists the known ones."""
        for area in self.priority_areas:
            if area.id == id:
                return area
        raise InvalidValueError(
            "priority area", id, "one of " + ", ".join(a.id for a in self.priority_areas)
        )

    def in_dimension(self, dimension: str) -> tuple[PriorityArea, ...]:
        """The priority areas of one dimension."""
        return tuple(a for a in self.priority_areas if a.dimension == dimension)

    def _repr_html_(self) -> str:
        from ..views import html as render  # only notebooks need it: loaded on first use

        return render.catalogue_html(self)


@functools.cache
def _editions() -> tuple[Catalogue, ...]:
    editions = []
    for row in load("catalogue.json")["editions"].items():
        dimensions = tuple(
            Dimension(id=d["id"].str(), name=d["name"].text()) for d in row["dimensions"].items()
        )
        dimension_ids = {d.id for d in dimensions}
        areas = []
        for a in row["priority_areas"].items():
            if a["dimension"].str() not in dimension_ids:
                raise a["dimension"].fail("names no dimension of this edition")
            coordinator = a.opt_str("coordinator")
            co = a.get("co_coordinators")
            co_codes = co.strs() if co is not None else None
            for code in (coordinator, *(co_codes or ())):
                if code is not None:
                    member_state(code)  # every coordinator is a Member State
            areas.append(
                PriorityArea(
                    id=a["id"].str(),
                    dimension=a["dimension"].str(),
                    name=a["name"].text(),
                    coordinator=coordinator,
                    co_coordinators=co_codes,
                    confidence=Confidence(a["confidence"].str()),
                    note=a.opt_str("note"),
                )
            )
        editions.append(
            Catalogue(
                id=row["id"].str(),
                title=row["title"].str(),
                first_adopted=row["first_adopted"].date(),
                updated=row["updated"].date(),
                updated_by=row["updated_by"].str(),
                discrepancy=row.opt_str("discrepancy"),
                dimensions=dimensions,
                priority_areas=tuple(areas),
            )
        )
    if not editions:
        raise DataError("catalogue.json", "$.editions", "no edition")
    return tuple(sorted(editions, key=lambda c: c.updated))


def catalogue(on: date | None = None) -> Catalogue:
    """The edition of the Catalogue in force on ``on`` (the latest edition by default).

    Only the October 2021 update is shipped; asking for an earlier day is an error rather than
    a guess at the areas of the 2004 edition.

    >>> catalogue().priority_area("nct-general").coordinator
    'TUR'
    """
    editions = _editions()
    if on is None:
        return editions[-1]
    on = require_day(on, "on", "a datetime.date, or None for the latest edition")
    in_force = [c for c in editions if c.updated <= on]
    if not in_force:
        raise InvalidValueError(
            "on", on, f"a day on or after {editions[0].updated} (no earlier edition is shipped)"
        )
    return in_force[-1]


def priority_area(id: str) -> PriorityArea:
    """A priority area of the latest edition, by id (e.g. ``"nct-general"``)."""
    return catalogue().priority_area(id)
