"""cica_cbm: how the Conference on Interaction and Confidence Building Measures in Asia decides.

Member States, the Secretariat's numbered notes, the drafts of a priority area, the silence
procedure, decisions by consensus. This module is a table of contents: every public name is
re-exported here from the module that defines it.

>>> import cica_cbm as cbm
>>> proc = cbm.samples.nct_g_1501()
>>> proc.outcome(at=proc.deadline).status
<Status.APPROVED: 'approved'>
"""

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .core import samples
from .core.bodies import BODIES, Body, Membership
from .core.catalogue import Catalogue, Dimension, PriorityArea, catalogue, priority_area
from .core.clock import ASTANA, UTC, end_of_day, english_date, to_astana
from .core.drafts import (
    ActionItem,
    ActionPlan,
    ActionSection,
    ConceptPaper,
    Draft,
    ItemKind,
    ItemStatus,
    Paper,
    PaperKind,
    Provision,
)
from .core.errors import (
    CbmError,
    ConflictError,
    DeserializationError,
    EventOrderError,
    InvalidValueError,
    MalformedNoteNumberError,
    NaiveDatetimeError,
    NotAMemberError,
    NotAPartyError,
    NotAuthorizedError,
    PolicyViolationError,
    ProcedureClosedError,
    TransitionError,
    UnknownBodyError,
    UnknownStateError,
)
from .core.notes import Enclosure, Note, NoteNumber, NoteReference, Notice, NoticeKind
from .core.rules import Finding, Rule, RuleSet
from .core.silence import (
    CICA_PRACTICE,
    CICA_STRICT,
    EU_COUNCIL,
    NATO,
    OSCE,
    POLICIES,
    SILENCE_RULES,
    UN_GENERAL_ASSEMBLY,
    AmendmentProposed,
    CommentSubmitted,
    Deadline,
    DeadlineBroughtForward,
    DeadlineExtended,
    DeadlineForm,
    Event,
    LateSubmission,
    ObjectionRaised,
    Outcome,
    ProcedureOpened,
    ProcedureWithdrawn,
    SilenceContext,
    SilencePolicy,
    SilenceProcedure,
    Status,
    SubmissionKind,
    revision_chain,
)
from .core.states import (
    Admission,
    Confidence,
    MemberState,
    Observer,
    ObserverKind,
    Precision,
    is_member,
    member_state,
    member_states,
    observer,
    observers,
)
from .core.text import Language, LocalizedText

# The modules beyond deciding a silence procedure (consensus, the Action Plan in motion, notes
# as documents, pictures, JSON and its Schemas with cattrs) load on first use of one of their
# names, so that ``import cica_cbm`` stays close to the cost of importing its dependencies
# (docs/performance.md). The table says where each name lives; ``from cica_cbm import
# render_note`` works as usual.
if TYPE_CHECKING:
    from .core.agenda import Due, DueKind, upcoming
    from .core.consensus import (
        CONSENSUS_RULES,
        Decision,
        Position,
        Stance,
        Statement,
        consensus,
    )
    from .core.exchange import (
        SECRETARIAT,
        Release,
        SharedItem,
        can_read,
        readers,
    )
    from .core.implementation import (
        TRANSITIONS,
        ApprovalBasis,
        ApprovalError,
        Implementation,
        ItemApproval,
        StatusChange,
        approval_subject,
        items_named,
    )
    from .core.participation import (
        Activity,
        ActivityKind,
        Arrangements,
        FocalArea,
        FocalPoint,
        FocalPointsNetwork,
        ParticipationError,
        TrainingRequest,
        admission_subject,
        bodies_named,
    )
    from .core.records import records
    from .core.recurrence import Recurrence, twice_yearly_seminars, yearly
    from .core.reviews import (
        Review,
        ReviewBody,
        ReviewDue,
        ReviewSchedule,
        overdue_reviews,
        review_due,
    )
    from .edges.serialization import from_json, make_converter, to_json
    from .edges.serialization.schema import json_schema
    from .edges.tables import to_frame, to_ical
    from .views.diagram import state_diagram, state_diagram_svg
    from .views.note_parse import MalformedNoteError, parse_note
    from .views.note_text import (
        approval_note,
        extension_note,
        render_note,
        silence_broken_note,
    )
    from .views.timeline import timeline_svg

_LAZY: dict[str, str] = {
    "CONSENSUS_RULES": "core.consensus",
    "Decision": "core.consensus",
    "Position": "core.consensus",
    "Stance": "core.consensus",
    "Statement": "core.consensus",
    "consensus": "core.consensus",
    "Due": "core.agenda",
    "DueKind": "core.agenda",
    "upcoming": "core.agenda",
    "records": "core.records",
    "to_frame": "edges.tables",
    "to_ical": "edges.tables",
    "TRANSITIONS": "core.implementation",
    "ApprovalBasis": "core.implementation",
    "ApprovalError": "core.implementation",
    "Implementation": "core.implementation",
    "ItemApproval": "core.implementation",
    "StatusChange": "core.implementation",
    "approval_subject": "core.implementation",
    "items_named": "core.implementation",
    "Recurrence": "core.recurrence",
    "Review": "core.reviews",
    "ReviewBody": "core.reviews",
    "ReviewDue": "core.reviews",
    "ReviewSchedule": "core.reviews",
    "overdue_reviews": "core.reviews",
    "review_due": "core.reviews",
    "twice_yearly_seminars": "core.recurrence",
    "yearly": "core.recurrence",
    "MalformedNoteError": "views.note_parse",
    "approval_note": "views.note_text",
    "extension_note": "views.note_text",
    "parse_note": "views.note_parse",
    "render_note": "views.note_text",
    "silence_broken_note": "views.note_text",
    "SECRETARIAT": "core.exchange",
    "Release": "core.exchange",
    "SharedItem": "core.exchange",
    "can_read": "core.exchange",
    "readers": "core.exchange",
    "Activity": "core.participation",
    "ActivityKind": "core.participation",
    "Arrangements": "core.participation",
    "FocalArea": "core.participation",
    "FocalPoint": "core.participation",
    "FocalPointsNetwork": "core.participation",
    "ParticipationError": "core.participation",
    "TrainingRequest": "core.participation",
    "admission_subject": "core.participation",
    "bodies_named": "core.participation",
    "state_diagram": "views.diagram",
    "state_diagram_svg": "views.diagram",
    "timeline_svg": "views.timeline",
    "json_schema": "edges.serialization.schema",
    "from_json": "edges.serialization",
    "make_converter": "edges.serialization",
    "to_json": "edges.serialization",
}

__all__ = [
    "ASTANA",
    "BODIES",
    "CICA_PRACTICE",
    "CICA_STRICT",
    "CONSENSUS_RULES",
    "EU_COUNCIL",
    "NATO",
    "OSCE",
    "POLICIES",
    "SECRETARIAT",
    "SILENCE_RULES",
    "TRANSITIONS",
    "UN_GENERAL_ASSEMBLY",
    "UTC",
    "ActionItem",
    "ActionPlan",
    "ActionSection",
    "Activity",
    "ActivityKind",
    "Admission",
    "AmendmentProposed",
    "ApprovalBasis",
    "ApprovalError",
    "Arrangements",
    "Body",
    "Catalogue",
    "CbmError",
    "CommentSubmitted",
    "ConceptPaper",
    "Confidence",
    "ConflictError",
    "Deadline",
    "DeadlineBroughtForward",
    "DeadlineExtended",
    "DeadlineForm",
    "Decision",
    "DeserializationError",
    "Dimension",
    "Draft",
    "Due",
    "DueKind",
    "Enclosure",
    "Event",
    "EventOrderError",
    "Finding",
    "FocalArea",
    "FocalPoint",
    "FocalPointsNetwork",
    "Implementation",
    "InvalidValueError",
    "ItemApproval",
    "ItemKind",
    "ItemStatus",
    "Language",
    "LateSubmission",
    "LocalizedText",
    "MalformedNoteError",
    "MalformedNoteNumberError",
    "MemberState",
    "Membership",
    "NaiveDatetimeError",
    "NotAMemberError",
    "NotAPartyError",
    "NotAuthorizedError",
    "Note",
    "NoteNumber",
    "NoteReference",
    "Notice",
    "NoticeKind",
    "ObjectionRaised",
    "Observer",
    "ObserverKind",
    "Outcome",
    "Paper",
    "PaperKind",
    "ParticipationError",
    "PolicyViolationError",
    "Position",
    "Precision",
    "PriorityArea",
    "ProcedureClosedError",
    "ProcedureOpened",
    "ProcedureWithdrawn",
    "Provision",
    "Recurrence",
    "Release",
    "Review",
    "ReviewBody",
    "ReviewDue",
    "ReviewSchedule",
    "Rule",
    "RuleSet",
    "SharedItem",
    "SilenceContext",
    "SilencePolicy",
    "SilenceProcedure",
    "Stance",
    "Statement",
    "Status",
    "StatusChange",
    "SubmissionKind",
    "TrainingRequest",
    "TransitionError",
    "UnknownBodyError",
    "UnknownStateError",
    "__version__",
    "admission_subject",
    "approval_note",
    "approval_subject",
    "bodies_named",
    "can_read",
    "catalogue",
    "consensus",
    "end_of_day",
    "english_date",
    "extension_note",
    "from_json",
    "is_member",
    "items_named",
    "json_schema",
    "make_converter",
    "member_state",
    "member_states",
    "observer",
    "observers",
    "overdue_reviews",
    "parse_note",
    "priority_area",
    "readers",
    "records",
    "render_note",
    "review_due",
    "revision_chain",
    "samples",
    "silence_broken_note",
    "state_diagram",
    "state_diagram_svg",
    "timeline_svg",
    "to_astana",
    "to_frame",
    "to_ical",
    "to_json",
    "twice_yearly_seminars",
    "upcoming",
    "yearly",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cica_cbm' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"cica_cbm.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
