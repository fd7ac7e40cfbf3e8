"""The errors of cica_cbm: one root, :class:`CbmError`, and a small tree below it.

Every error keeps typed fields beside its message, so that a user interface can react to the
error without parsing text. An error raised for a bad value is also a :class:`ValueError`.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "CbmError",
    "ConflictError",
    "DeserializationError",
    "EventOrderError",
    "InvalidValueError",
    "MalformedNoteNumberError",
    "NaiveDatetimeError",
    "NotAMemberError",
    "NotAPartyError",
    "NotAuthorizedError",
    "PolicyViolationError",
    "ProcedureClosedError",
    "TransitionError",
    "UnknownBodyError",
    "UnknownStateError",
]


class CbmError(Exception):
    """The root of every error that cica_cbm raises on purpose."""


class InvalidValueError(CbmError, ValueError):
    """A value is not allowed: ``field`` names where, ``value`` what, ``allowed`` what may be."""

    def __init__(self, field: str, value: Any, allowed: str) -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        super().__init__(f"{field}: {value!r} is not allowed; expected {allowed}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.field, self.value, self.allowed))


class NaiveDatetimeError(InvalidValueError):
    """A datetime without a time zone was given where an instant is needed."""

    def __init__(self, field: str, value: Any) -> None:
        super().__init__(field, value, "a timezone-aware datetime (an instant)")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.field, self.value))


class MalformedNoteNumberError(InvalidValueError):
    """Text that is not a Secretariat note number such as ``NCT/G/1501``."""

    def __init__(self, value: object) -> None:
        super().__init__(
            "note number",
            value,
            'a series and a serial such as "NCT/G/1501", optionally after "№" or "No."',
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.value,))


class UnknownStateError(CbmError, ValueError, LookupError):
    """A code that names no Member State (or no state known to the registry)."""

    def __init__(
        self, code: Any, known: str = "a CICA Member State's ISO 3166 alpha-3 code"
    ) -> None:
        self.code = code
        self.known = known
        super().__init__(f"state code: {code!r} is unknown; expected {known}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.code, self.known))


class NotAMemberError(CbmError, ValueError):
    """A state that is not a Member State tried to take part in a decision."""

    def __init__(self, code: str, reason: str) -> None:
        self.code = code
        self.reason = reason
        super().__init__(f"{code} may not take part: {reason}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.code, self.reason))


class NotAPartyError(CbmError, ValueError):
    """A state that is not a party to a silence procedure tried to act in it."""

    def __init__(self, code: str, reason: str) -> None:
        self.code = code
        self.reason = reason
        super().__init__(f"{code} is not a party to this procedure: {reason}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.code, self.reason))


class NotAuthorizedError(CbmError):
    """Someone tried to act for another: ``actor`` tried to act for ``subject``; ``why`` not."""

    def __init__(
        self, actor: str, subject: str, action: str, why: str = "each state acts only for itself"
    ) -> None:
        self.actor = actor
        self.subject = subject
        self.action = action
        self.why = why
        super().__init__(f"{actor} may not {action} for {subject}: {why}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.actor, self.subject, self.action, self.why))


class UnknownBodyError(CbmError, KeyError, ValueError):
    """An id that names no shipped body; ``known`` lists those that exist."""

    def __init__(self, id: object, known: list[str]) -> None:
        self.id = id
        self.known = known
        super().__init__(id, known)

    def __str__(self) -> str:
        return f"body: {self.id!r} is not a shipped body; expected one of {', '.join(self.known)}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.id, self.known))


class EventOrderError(CbmError, ValueError):
    """An event was dated before the procedure it belongs to was opened."""

    def __init__(self, event: str, at: Any, opened_at: Any) -> None:
        self.event = event
        self.at = at
        self.opened_at = opened_at
        super().__init__(
            f"{event} at {at.isoformat()} is before the procedure was opened at "
            f"{opened_at.isoformat()}; nothing can happen to a procedure before it is opened"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.event, self.at, self.opened_at))


class ProcedureClosedError(CbmError):
    """An act that needs a pending procedure was tried on one that is already decided."""

    def __init__(self, action: str, status: str, at: Any) -> None:
        self.action = action
        self.status = status
        self.at = at
        super().__init__(
            f"cannot {action} at {at.isoformat()}: the procedure is {status} by then; "
            "only a pending procedure can be extended or withdrawn"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.action, self.status, self.at))


class PolicyViolationError(InvalidValueError):
    """A value breaks the procedure's policy (for example a silence shorter than 72 hours)."""


class TransitionError(CbmError):
    """A status change that the rules do not allow."""

    def __init__(self, subject: str, current: str, target: str, reason: str) -> None:
        self.subject = subject
        self.current = current
        self.target = target
        self.reason = reason
        super().__init__(f"{subject}: cannot move from {current} to {target}: {reason}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.subject, self.current, self.target, self.reason))


class ConflictError(CbmError):
    """Another writer changed the stream first: the expected version no longer holds."""

    def __init__(self, stream: str, expected: int, actual: int) -> None:
        self.stream = stream
        self.expected = expected
        self.actual = actual
        super().__init__(
            f"stream {stream!r}: expected version {expected}, but it is at {actual}; "
            "reload and try again"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.stream, self.expected, self.actual))


class DeserializationError(CbmError, ValueError):
    """A JSON document could not be read: ``errors`` lists ``(path, problem)`` pairs."""

    def __init__(self, target: str, errors: tuple[tuple[str, str], ...]) -> None:
        self.target = target
        self.errors = errors
        listed = "; ".join(f"{path}: {problem}" for path, problem in errors)
        super().__init__(f"cannot read {target}: {listed}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.target, self.errors))
