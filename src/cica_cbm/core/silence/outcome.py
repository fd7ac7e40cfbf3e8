"""The outcome of a procedure at an instant: its status, decision instant and findings."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import attrs

from .._convert import as_instance
from ..errors import CbmError, InvalidValueError
from ..rules import Finding, Rule, RuleSet
from .deadlines import Deadline
from .events import SUBMISSION_TYPES, Submission
from .findings_ru import messages_ru
from .fold import SilenceContext, Status


def _codes(value: Iterable[str]) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValueError("Outcome codes", value, "a collection of state codes")
    codes = frozenset(value)
    if not all(isinstance(code, str) and code for code in codes):
        raise InvalidValueError("Outcome codes", sorted(map(repr, codes)), "state codes as text")
    return codes


def _submissions(value: Iterable[Submission]) -> tuple[Submission, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValueError("Outcome.late", value, "a collection of submissions")
    items = tuple(value)
    if not all(isinstance(item, SUBMISSION_TYPES) for item in items):
        raise InvalidValueError("Outcome.late", items, "comments, amendments and objections")
    return items


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
    objectors: frozenset[str] = attrs.field(default=frozenset(), converter=_codes)
    """Every party whose objection (or other silence-breaking submission) was in time."""
    late: tuple[Submission, ...] = attrs.field(default=(), converter=_submissions)
    """The submissions that came once the procedure was decided: kept, without effect."""
    silent: frozenset[str] = attrs.field(default=frozenset(), converter=_codes)
    """The parties that had submitted nothing by :attr:`at`."""
    context: SilenceContext | None = attrs.field(default=None, eq=False, repr=False)
    """The facts the findings were made from (``None`` for an outcome read from JSON)."""

    @classmethod
    def of(cls, ctx: SilenceContext, findings: tuple[Finding, ...]) -> Outcome:
        """The outcome of the facts ``ctx``, with their ``findings``."""
        as_instance(SilenceContext, "ctx", ctx)
        breaking = ctx.opening.policy.breaks_silence
        submitted = {event.by for event in ctx.in_time}
        submitted.update(item.event.by for item in ctx.late)
        return cls(
            at=ctx.at,
            status=ctx.status,
            decided_at=ctx.decided_at,
            deadline=ctx.deadline,
            findings=findings,
            objectors=frozenset(e.by for e in ctx.in_time if e.kind in breaking),
            late=tuple(item.event for item in ctx.late),
            silent=ctx.opening.parties - submitted,
            context=ctx,
        )

    def explain(self, lang: str = "en") -> str:
        """The findings as text, one a line, in English (``"en"``) or Russian (``"ru"``).

        The Russian is worded anew from :attr:`context` by the Russian twins of the rules
        (:mod:`cica_cbm.core.silence.findings_ru`); a rule of your own without a Russian twin
        keeps its English message. An outcome read from JSON has no context, so it is explained
        in English only: take the outcome from the procedure for Russian.

        >>> import cica_cbm as cbm
        >>> proc = cbm.samples.nct_g_1501()
        >>> print(proc.outcome(at=proc.deadline).explain())  # doctest: +ELLIPSIS
        Note NCT/G/1501 of 13 December 2023 placed the draft under the silence procedure ...
        >>> print(proc.outcome(at=proc.deadline).explain("ru"))  # doctest: +ELLIPSIS
        Нота NCT/G/1501 от 13 декабря 2023 года: проект выставлен на процедуру умолчания ...
        """
        if lang == "en":
            return "\n".join(f.message for f in self.findings)
        if lang == "ru":
            if self.context is None:
                raise CbmError(
                    "Outcome.explain(lang='ru'): this outcome carries no facts to word the "
                    "findings in Russian (an outcome read from JSON has none); take the outcome "
                    "from the procedure, procedure.outcome(at=...), and explain that one"
                )
            return "\n".join(messages_ru(self.findings, self.context))
        raise InvalidValueError("lang", lang, "'en' (English) or 'ru' (Russian)")

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
    note = ctx.opening.note
    if policy.clause.startswith("Note {note}") and note is not None:
        return clause.format(note=note.number)
    return policy.cite(None if note is None else note.number)


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
