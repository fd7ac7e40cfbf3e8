"""The table of a strategy for each public type, and :func:`register`, which hands it over."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from ...core.catalogue import Catalogue, Dimension, PriorityArea
from ...core.consensus import ConsensusContext, Decision, Stance, Statement
from ...core.drafts import ActionItem, ActionPlan, ActionSection, ConceptPaper, Draft, Provision
from ...core.notes import Enclosure, Note, NoteNumber, NoteReference, Notice
from ...core.rules import Finding, Rule, RuleSet
from ...core.silence import (
    AmendmentProposed,
    CommentSubmitted,
    Deadline,
    DeadlineExtended,
    LateSubmission,
    ObjectionRaised,
    Outcome,
    ProcedureOpened,
    ProcedureWithdrawn,
    SilenceContext,
    SilencePolicy,
    SilenceProcedure,
)
from ...core.states import Admission, MemberState, Observer
from ...core.text import LocalizedText
from ._actionplan import register as _register_action_plan
from ._catalogue import catalogues, dimensions, priority_areas
from ._consensus import (
    consensus_contexts,
    decisions,
    findings,
    rule_sets,
    rules,
    stances,
    statements,
)
from ._drafts import action_items, action_plans, action_sections, concept_papers, drafts, provisions
from ._errors import _error_builders, errors
from ._notes import enclosures, note_numbers, note_references, notes, notices
from ._procedures import openings, outcomes, procedures, silence_contexts
from ._silence import (
    amendments,
    comments,
    deadlines,
    extensions,
    late_submissions,
    objections,
    silence_policies,
    withdrawals,
)
from ._states import admissions, member_states, observers
from ._text import localized_texts

__all__ = ["register"]


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
    # the Action Plan in motion keeps its strategies beside it, registered with these
    _register_action_plan()
