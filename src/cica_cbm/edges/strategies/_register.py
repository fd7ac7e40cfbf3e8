"""The table of a strategy for each public type, and :func:`register`, which hands it over."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from ...core.bodies import Body, Membership
from ...core.catalogue import Catalogue, Dimension, PriorityArea
from ...core.consensus import ConsensusContext, Decision, Stance, Statement
from ...core.consensus_acts import ConsensusSought, PositionTaken
from ...core.drafts import (
    ActionItem,
    ActionPlan,
    ActionSection,
    ConceptPaper,
    Draft,
    Paper,
    Provision,
)
from ...core.exchange import SharedItem
from ...core.exchange_acts import ReleaseChanged, Shared
from ...core.notes import Enclosure, Note, NoteNumber, NoteReference, Notice
from ...core.review_acts import ReviewHeld, ReviewScheduleStarted
from ...core.rules import Finding, Rule, RuleSet
from ...core.silence import (
    AmendmentProposed,
    CommentSubmitted,
    Deadline,
    DeadlineBroughtForward,
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
from . import (
    _actionplan,
    _bodies,
    _catalogue,
    _consensus,
    _drafts,
    _errors,
    _notes,
    _procedures,
    _silence,
    _states,
    _streams,
    _text,
)

__all__ = ["register"]


def _strategies() -> dict[type, st.SearchStrategy[Any]]:
    return {
        LocalizedText: _text.localized_texts(),
        NoteNumber: _notes.note_numbers(),
        NoteReference: _notes.note_references(),
        Enclosure: _notes.enclosures(),
        Note: _notes.notes(),
        Notice: _notes.notices(),
        Admission: _states.admissions(),
        MemberState: _states.member_states(),
        Observer: _states.observers(),
        Dimension: _catalogue.dimensions(),
        PriorityArea: _catalogue.priority_areas(),
        Catalogue: _catalogue.catalogues(),
        Provision: _drafts.provisions(),
        ConceptPaper: _drafts.concept_papers(),
        ActionItem: _drafts.action_items(),
        ActionSection: _drafts.action_sections(),
        ActionPlan: _drafts.action_plans(),
        Draft: _drafts.drafts(),
        Paper: _drafts.papers(),
        Body: _bodies.bodies(),
        Membership: _bodies.memberships(),
        Deadline: _silence.deadlines(),
        SilencePolicy: _silence.silence_policies(),
        ProcedureOpened: _procedures.openings(),
        CommentSubmitted: _silence.comments(),
        AmendmentProposed: _silence.amendments(),
        ObjectionRaised: _silence.objections(),
        DeadlineExtended: _silence.extensions(),
        DeadlineBroughtForward: _silence.bring_forwards(),
        ProcedureWithdrawn: _silence.withdrawals(),
        SilenceProcedure: _procedures.procedures(),
        SilenceContext: _procedures.silence_contexts(),
        LateSubmission: _silence.late_submissions(),
        Outcome: _procedures.outcomes(),
        Finding: _consensus.findings(),
        Stance: _consensus.stances(),
        Statement: _consensus.statements(),
        Decision: _consensus.decisions(),
        ConsensusSought: _consensus.consensus_sought(),
        PositionTaken: _consensus.positions_taken(),
        ReviewScheduleStarted: _streams.review_schedule_starts(),
        ReviewHeld: _streams.review_acts_held(),
        Shared: _streams.shared_acts(),
        ReleaseChanged: _streams.release_changes(),
        ConsensusContext: _consensus.consensus_contexts(),
    }


def register() -> None:
    """Register a strategy for each public type with ``st.register_type_strategy``.

    Enums (``Status``, ``Position``, ...) need nothing: Hypothesis samples their members. The
    generic :class:`~cica_cbm.core.rules.Rule` and :class:`~cica_cbm.core.rules.RuleSet` are
    registered as functions of the requested type, as Hypothesis asks of generic classes.
    """
    for cls, strategy in _strategies().items():
        st.register_type_strategy(cls, strategy)
    for cls in _errors._error_builders():
        st.register_type_strategy(cls, _errors.errors(cls))
    st.register_type_strategy(Rule, lambda _thing: _consensus.rules())
    st.register_type_strategy(RuleSet, lambda _thing: _consensus.rule_sets())
    # the Action Plan in motion keeps its strategies beside it, registered with these
    _actionplan.register()
    # a shared item is drawn with a history of changes of release, so its acts are tried too
    st.register_type_strategy(SharedItem, _streams.shared_item_histories())
