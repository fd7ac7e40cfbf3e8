"""cica_cbm: how the Conference on Interaction and Confidence Building Measures in Asia decides.

Member States, the Secretariat's numbered notes, the drafts of a priority area, the silence
procedure, decisions by consensus. This module is a table of contents: every public name is
re-exported here from the module that defines it.

>>> import cica_cbm as cbm
>>> proc = cbm.samples.nct_g_1501()
>>> proc.outcome(at=proc.deadline).status
<Status.APPROVED: 'approved'>
"""

from importlib.metadata import PackageNotFoundError, version

from . import samples
from .catalogue import Catalogue, Dimension, PriorityArea, catalogue, priority_area
from .clock import ASTANA, UTC, end_of_day, to_astana
from .consensus import CONSENSUS_RULES, Decision, Position, Stance, Statement, consensus
from .documents import (
    MalformedNoteError,
    approval_note,
    extension_note,
    parse_note,
    render_note,
    silence_broken_note,
)
from .drafts import (
    ActionItem,
    ActionPlan,
    ActionSection,
    ConceptPaper,
    Draft,
    ItemKind,
    ItemStatus,
    Provision,
)
from .errors import (
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
    UnknownStateError,
)
from .notes import Enclosure, Note, NoteNumber, NoteReference, Notice, NoticeKind
from .rules import Finding, Rule, RuleSet
from .serialization import from_json, make_converter, to_json
from .silence import (
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
)
from .states import (
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
from .text import Language, LocalizedText
from .timeline import state_diagram, state_diagram_svg, timeline_svg

try:
    __version__ = version("cica_cbm")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "ASTANA",
    "CICA_PRACTICE",
    "CICA_STRICT",
    "CONSENSUS_RULES",
    "EU_COUNCIL",
    "NATO",
    "OSCE",
    "POLICIES",
    "SILENCE_RULES",
    "UN_GENERAL_ASSEMBLY",
    "UTC",
    "ActionItem",
    "ActionPlan",
    "ActionSection",
    "Admission",
    "AmendmentProposed",
    "Catalogue",
    "CbmError",
    "CommentSubmitted",
    "ConceptPaper",
    "Confidence",
    "ConflictError",
    "Deadline",
    "DeadlineExtended",
    "DeadlineForm",
    "Decision",
    "DeserializationError",
    "Dimension",
    "Draft",
    "Enclosure",
    "Event",
    "EventOrderError",
    "Finding",
    "InvalidValueError",
    "ItemKind",
    "ItemStatus",
    "Language",
    "LateSubmission",
    "LocalizedText",
    "MalformedNoteError",
    "MalformedNoteNumberError",
    "MemberState",
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
    "PolicyViolationError",
    "Position",
    "Precision",
    "PriorityArea",
    "ProcedureClosedError",
    "ProcedureOpened",
    "ProcedureWithdrawn",
    "Provision",
    "Rule",
    "RuleSet",
    "SilenceContext",
    "SilencePolicy",
    "SilenceProcedure",
    "Stance",
    "Statement",
    "Status",
    "SubmissionKind",
    "TransitionError",
    "UnknownStateError",
    "__version__",
    "approval_note",
    "catalogue",
    "consensus",
    "end_of_day",
    "extension_note",
    "from_json",
    "is_member",
    "make_converter",
    "member_state",
    "member_states",
    "observer",
    "observers",
    "parse_note",
    "priority_area",
    "render_note",
    "samples",
    "silence_broken_note",
    "state_diagram",
    "state_diagram_svg",
    "timeline_svg",
    "to_astana",
    "to_json",
]
