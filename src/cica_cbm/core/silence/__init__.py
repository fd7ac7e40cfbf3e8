"""The silence procedure: a draft is approved unless a party objects by the deadline.

"If no objections are made by the indicated date, the Concept Paper and Action Plan will be
considered approved" (Note NCT/G/1501 para 3). The procedure is event-sourced: it is the fold
of its events (opened, comment submitted, amendment proposed, objection raised, deadline
extended, procedure withdrawn), which may be recorded out of time order; the fold orders them
by instant, then by recording sequence. Every command returns a new procedure and leaves the
old one as it was; a refused command changes nothing.

How the fold decides, at an instant ``at`` and from the events at or before it:

* an objection in time (strictly before the deadline in force) breaks the silence at its
  instant: ``SILENCE_BROKEN``, terminal;
* a comment or suggestion does not, unless the policy says so (OSCE: an amendment does);
* a withdrawal by the Secretariat while pending: ``WITHDRAWN``;
* with none of these, ``APPROVED`` at the deadline instant;
* whatever arrives once the procedure is decided is kept and reported as late, and changes
  nothing.

References:
    Note NCT/G/1501 paras 2 and 3; REFERENCE.md "Silence procedures elsewhere" (OSCE Rules of
    Procedure 2006 Annex 1(A); EU Council Rules of Procedure Art. 12(2); UN General Assembly
    decision 74/544; NATO practice).
"""

from .chains import revision_chain
from .deadlines import Deadline
from .events import (
    EVENT_TYPES,
    SUBMISSION_TYPES,
    AmendmentProposed,
    CommentSubmitted,
    DeadlineBroughtForward,
    DeadlineExtended,
    Event,
    ObjectionRaised,
    ProcedureOpened,
    ProcedureWithdrawn,
    Submission,
)
from .findings import CLAUSE_CLOSED, CLAUSE_EXTENSION, CLAUSE_WITHDRAWAL, SILENCE_RULES
from .fold import LateSubmission, SilenceContext, Status
from .outcome import Outcome
from .policies import (
    CICA_PRACTICE,
    CICA_STRICT,
    EU_COUNCIL,
    NATO,
    OSCE,
    POLICIES,
    UN_GENERAL_ASSEMBLY,
    DeadlineForm,
    SilencePolicy,
    SubmissionKind,
)
from .procedure import SilenceProcedure

__all__ = [
    "CICA_PRACTICE",
    "CICA_STRICT",
    "CLAUSE_CLOSED",
    "CLAUSE_EXTENSION",
    "CLAUSE_WITHDRAWAL",
    "EU_COUNCIL",
    "EVENT_TYPES",
    "NATO",
    "OSCE",
    "POLICIES",
    "SILENCE_RULES",
    "SUBMISSION_TYPES",
    "UN_GENERAL_ASSEMBLY",
    "AmendmentProposed",
    "CommentSubmitted",
    "Deadline",
    "DeadlineBroughtForward",
    "DeadlineExtended",
    "DeadlineForm",
    "Event",
    "LateSubmission",
    "ObjectionRaised",
    "Outcome",
    "ProcedureOpened",
    "ProcedureWithdrawn",
    "SilenceContext",
    "SilencePolicy",
    "SilenceProcedure",
    "Status",
    "Submission",
    "SubmissionKind",
    "revision_chain",
]
