"""A small rules engine: each rule is data (an id, the clause it enforces, a check).

A :class:`Rule` looks at a context (the facts of a silence procedure at an instant, or of a
consensus decision) and yields messages; each message becomes a :class:`Finding` that carries
the rule's id and the clause it cites, so every outcome says which clause decided it.

Rules are grouped in a :class:`RuleSet`. The library's own rule sets are
:data:`cica_cbm.core.silence.SILENCE_RULES` and
:data:`cica_cbm.core.consensus.CONSENSUS_RULES`; add a rule of your own (a national
requirement, say) with ``SILENCE_RULES + my_rule`` and pass the result to
``outcome(at, rules=...)``: its findings appear with the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Generic, TypeVar

import attrs

from .errors import InvalidValueError

__all__ = ["Finding", "Rule", "RuleSet"]

C = TypeVar("C")


@attrs.frozen(slots=True)
class Finding:
    """What one rule found: the rule's id, the clause it cites, and a sentence.

    ``decisive`` marks the finding that decided the outcome (approval, broken silence,
    withdrawal, adoption or blocking); the others explain and report.
    """

    rule: str
    clause: str
    message: str
    decisive: bool = False

    def __str__(self) -> str:
        return f"[{self.rule}] {self.message} ({self.clause})"


def _check_id(_: object, __: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        raise InvalidValueError("Rule.id", value, "a non-empty id without surrounding spaces")


@attrs.frozen(slots=True)
class Rule(Generic[C]):
    """One rule: ``check(context)`` yields the sentences this rule finds.

    ``clause`` is the source the rule enforces, e.g. ``"Concept Paper III.1"`` or
    ``"Note NCT/G/1501 para 3"``; ``decisive`` says whether its findings decide the outcome.

    >>> rule = Rule("X-1", "my clause", lambda ctx: [f"saw {ctx}"])
    >>> rule.evaluate("this")
    (Finding(rule='X-1', clause='my clause', message='saw this', decisive=False),)
    """

    id: str = attrs.field(validator=_check_id)
    clause: str
    check: Callable[[C], Iterable[str]] = attrs.field(eq=False)
    decisive: bool = False
    summary: str = ""

    def evaluate(self, context: C) -> tuple[Finding, ...]:
        """The findings of this rule on ``context``."""
        return tuple(
            Finding(self.id, self.clause, message, self.decisive) for message in self.check(context)
        )


def _rules(value: Iterable[Rule[Any]]) -> tuple[Rule[Any], ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValueError("RuleSet.rules", value, "a sequence of Rules")
    return tuple(value)


@attrs.frozen(slots=True)
class RuleSet(Generic[C]):
    """An ordered set of rules with distinct ids, evaluated in order."""

    rules: tuple[Rule[C], ...] = attrs.field(converter=_rules)

    @rules.validator
    def _distinct(
        self, _: attrs.Attribute[tuple[Rule[C], ...]], rules: tuple[Rule[C], ...]
    ) -> None:
        seen: set[str] = set()
        for index, rule in enumerate(rules):
            if not isinstance(rule, Rule):
                raise InvalidValueError(f"RuleSet.rules[{index}]", rule, "a Rule")
            if rule.id in seen:
                raise InvalidValueError("RuleSet rule id", rule.id, "ids that appear once")
            seen.add(rule.id)

    def evaluate(self, context: C) -> tuple[Finding, ...]:
        """Every rule's findings on ``context``, in the order of the rules."""
        return tuple(finding for rule in self.rules for finding in rule.evaluate(context))

    def __add__(self, other: Rule[C] | RuleSet[C]) -> RuleSet[C]:
        extra = other.rules if isinstance(other, RuleSet) else (other,)
        return RuleSet(self.rules + extra)

    def without(self, rule_id: str) -> RuleSet[C]:
        """A copy of the set without the rule ``rule_id``."""
        if rule_id not in self.ids:
            raise InvalidValueError("rule id", rule_id, "one of " + ", ".join(self.ids))
        return RuleSet(tuple(rule for rule in self.rules if rule.id != rule_id))

    @property
    def ids(self) -> tuple[str, ...]:
        """The rules' ids, in order."""
        return tuple(rule.id for rule in self.rules)

    def __iter__(self) -> Iterator[Rule[C]]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)
