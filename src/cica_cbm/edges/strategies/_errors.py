"""Strategies for the errors of cica_cbm, each class with its typed fields filled in."""

from __future__ import annotations

from hypothesis import strategies as st

from ...core.errors import (
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
from ...core.silence import Status
from ._text import texts
from ._time import aware_datetimes

__all__ = ["errors"]


def _error_builders() -> dict[type[CbmError], st.SearchStrategy[CbmError]]:
    word = texts(max_size=30)
    value = st.none() | st.integers() | word | st.dates()
    moment = aware_datetimes()
    return {
        CbmError: st.builds(CbmError, word),
        InvalidValueError: st.builds(InvalidValueError, word, value, word),
        NaiveDatetimeError: st.builds(NaiveDatetimeError, word, st.datetimes()),
        MalformedNoteNumberError: st.builds(MalformedNoteNumberError, word),
        PolicyViolationError: st.builds(PolicyViolationError, word, value, word),
        UnknownStateError: st.builds(UnknownStateError, word),
        UnknownBodyError: st.builds(UnknownBodyError, word, st.lists(word, max_size=3)),
        NotAMemberError: st.builds(NotAMemberError, word, word),
        NotAPartyError: st.builds(NotAPartyError, word, word),
        NotAuthorizedError: st.builds(NotAuthorizedError, word, word, word),
        EventOrderError: st.builds(EventOrderError, word, moment, moment),
        ProcedureClosedError: st.builds(
            ProcedureClosedError, word, st.sampled_from(Status).map(str), moment
        ),
        TransitionError: st.builds(TransitionError, word, word, word, word),
        ConflictError: st.builds(ConflictError, word, st.integers(0), st.integers(0)),
        DeserializationError: st.builds(
            DeserializationError, word, st.lists(st.tuples(word, word), min_size=1).map(tuple)
        ),
    }


def errors(
    kind: type[CbmError] = CbmError,
) -> st.SearchStrategy[CbmError]:
    """Errors of cica_cbm that are ``kind`` or below it, with typed fields filled in.

    Shrinks towards the first such class in the order of :mod:`cica_cbm.core.errors` (for the
    default, a bare ``CbmError("0")``).
    """
    return st.one_of(
        [strategy for cls, strategy in _error_builders().items() if issubclass(cls, kind)]
    )
