"""The outcome of a procedure at an instant: its status, decision instant and findings."""

from __future__ import annotations

from datetime import datetime

import attrs

from ..rules import Finding, Rule, RuleSet
from .deadlines import Deadline
from .fold import SilenceContext, Status


@attrs.frozen(slots=True)
class Outcome:
    """Where a procedure stands at an instant, and why.

    ``decided_at`` is ``None`` while pending. ``findings`` cite their clauses; the decisive one
    (see :attr:`reason`) says which clause decided the status.
    """

    at: datetime
    status: Status
    decided_at: datetime | None
    deadline: Deadline
    findings: tuple[Finding, ...]

    @property
    def reason(self) -> Finding | None:
        """The finding that decided the status (``None`` while pending)."""
        return next((f for f in self.findings if f.decisive), None)

    @property
    def decided(self) -> bool:
        """Whether the procedure is decided (approved, broken or withdrawn)."""
        return self.status is not Status.PENDING

    def _repr_html_(self) -> str:
        from ...views import html as render  # only notebooks need it: loaded on first use

        return render.outcome_html(self)


def _resolved(clause: str, ctx: SilenceContext) -> str:
    if "{note}" not in clause:
        return clause
    policy = ctx.opening.policy
    if policy.clause.startswith("Note {note}"):
        return clause.format(note=ctx.opening.note.number)
    return policy.cite(ctx.opening.note.number)


def _resolve_clause(finding: Finding, ctx: SilenceContext) -> Finding:
    clause = _resolved(finding.clause, ctx)
    return finding if clause is finding.clause else attrs.evolve(finding, clause=clause)


def findings_of(rules: RuleSet[SilenceContext], ctx: SilenceContext) -> tuple[Finding, ...]:
    """Every rule's findings on ``ctx``, their clauses filled in for this procedure.

    The same findings as resolving each of ``rules.evaluate(ctx)``, but a clause depends only
    on its rule, so it is filled in once per rule instead of copying every finding with
    ``attrs.evolve`` (which cost more than writing the finding's sentence). Rule sets and rules
    of other types than the library's own keep the general path.
    """
    if type(rules) is not RuleSet:
        return tuple(_resolve_clause(f, ctx) for f in rules.evaluate(ctx))
    found: list[Finding] = []
    for rule in rules.rules:
        if type(rule) is not Rule:
            found.extend(_resolve_clause(f, ctx) for f in rule.evaluate(ctx))
            continue
        rule_id, clause, decisive = rule.id, _resolved(rule.clause, ctx), rule.decisive
        found.extend([Finding(rule_id, clause, message, decisive) for message in rule.check(ctx)])
    return tuple(found)
