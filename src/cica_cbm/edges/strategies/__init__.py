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

The strategies live in private modules beside this one, a module a subject (days and instants,
states, the Catalogue, notes, drafts, silence events, procedures, consensus and rules, errors,
the Action Plan in motion); this module is their public face and registers them on import.
"""

from __future__ import annotations

from ._actionplan import activities, focal_point_networks, implementations, review_schedules
from ._bodies import bodies, memberships
from ._catalogue import catalogues, dimensions, priority_areas
from ._consensus import (
    consensus_contexts,
    consensus_sought,
    decisions,
    findings,
    positions,
    positions_taken,
    rule_sets,
    rules,
    stances,
    statements,
)
from ._drafts import (
    action_items,
    action_plans,
    action_sections,
    concept_papers,
    drafts,
    papers,
    provisions,
)
from ._errors import errors
from ._notes import enclosures, note_numbers, note_references, notes
from ._notes import notices as notices
from ._procedures import events, openings, outcomes, procedures, silence_contexts
from ._register import register
from ._silence import (
    amendments,
    bring_forwards,
    comments,
    deadlines,
    extensions,
    late_submissions,
    objections,
    silence_policies,
    withdrawals,
)
from ._states import admissions, member_codes, member_states, member_states_on, observers, parties
from ._streams import (
    release_changes,
    review_acts_held,
    review_schedule_starts,
    shared_acts,
    shared_item_histories,
)
from ._text import localized_texts, texts
from ._time import EARLIEST_DAY, LATEST_DAY, aware_datetimes, days, instants, time_zones

# named again here so that the reference documents them: Sphinx reads a name's docstring from
# the module that makes it public, and these are the days every strategy draws within
EARLIEST_DAY = EARLIEST_DAY
"""The first day with Member States (the Declaration on Principles); drawn days start here."""
LATEST_DAY = LATEST_DAY
"""The last day drawn by default."""

__all__ = [
    "EARLIEST_DAY",
    "LATEST_DAY",
    "action_items",
    "action_plans",
    "action_sections",
    "activities",
    "admissions",
    "amendments",
    "aware_datetimes",
    "bodies",
    "bring_forwards",
    "catalogues",
    "comments",
    "concept_papers",
    "consensus_contexts",
    "consensus_sought",
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
    "focal_point_networks",
    "implementations",
    "instants",
    "late_submissions",
    "localized_texts",
    "member_codes",
    "member_states",
    "member_states_on",
    "memberships",
    "note_numbers",
    "note_references",
    "notes",
    "objections",
    "observers",
    "openings",
    "outcomes",
    "papers",
    "parties",
    "positions",
    "positions_taken",
    "priority_areas",
    "procedures",
    "provisions",
    "register",
    "release_changes",
    "review_acts_held",
    "review_schedule_starts",
    "review_schedules",
    "rule_sets",
    "rules",
    "shared_acts",
    "shared_item_histories",
    "silence_contexts",
    "silence_policies",
    "stances",
    "statements",
    "texts",
    "time_zones",
    "withdrawals",
]


register()
_LOADED = True
