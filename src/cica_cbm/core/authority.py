"""Who may act: the one place where the core asks whether a code may act, and for whom.

Every act names its actor. A state acts only for itself (Concept Paper III.3 and III.4: each
state decides its own participation and contribution); only a Member State takes part in
decisions and silence procedures (CICA Rules of Procedure Art. 1; observers take no part).
"""

from __future__ import annotations

from datetime import date

from .errors import NotAuthorizedError
from .states import is_member, is_observer, member_state

__all__ = ["SECRETARIAT", "acting_for_itself", "why_not_member"]

SECRETARIAT = "SECRETARIAT"
"""The id of the CICA Secretariat, as a reader of shared items and as the one who records."""


def why_not_member(code: object, on: date | None = None) -> str:
    """Why ``code`` cannot act as a CICA Member State (on the day ``on``, when given).

    >>> why_not_member("USA")[:38]
    'CICA lists it among its observers, and'
    >>> why_not_member("ind")
    "codes are upper case: 'IND', not 'ind'"
    >>> why_not_member("KWT", date(2020, 1, 1))
    'it was not a Member State on 2020-01-01'
    """
    if is_observer(code):
        return (
            "CICA lists it among its observers, and observers take no part in decisions or "
            "silence procedures"
        )
    if isinstance(code, str) and code != code.upper() and _listed(code.upper()):
        return f"codes are upper case: {code.upper()!r}, not {code!r}"
    if isinstance(code, str) and _listed(code):
        if on is not None and not is_member(code, on, certain=False):
            return f"it was not a Member State on {on}"
        return "it is a Member State"
    return "it is not a CICA Member State"


def _listed(code: str) -> bool:
    try:
        member_state(code)
    except ValueError:
        return False
    return True


def acting_for_itself(state: str, by: str | None, action: str) -> None:
    """Refuse ``by`` doing ``action`` for ``state``: a state acts only for itself.

    ``by`` of ``None`` means the state acts itself. Raises :class:`NotAuthorizedError`.
    """
    if by is not None and by != state:
        raise NotAuthorizedError(str(by), state, action)
