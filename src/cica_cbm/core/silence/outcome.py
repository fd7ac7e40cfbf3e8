"""The outcome of a procedure at an instant: its status, decision instant and findings."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from datetime import datetime
from itertools import repeat
from typing import TYPE_CHECKING, Any

import attrs

from .._convert import as_instance
from .._gc import collector_paused
from ..errors import CbmError, InvalidValueError
from ..rules import Finding, Rule, RuleSet
from .deadlines import Deadline
from .events import SUBMISSION_TYPES, Submission
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


class _Deferred:
    """Where an outcome's findings will come from, until they are first read."""

    __slots__ = ("_source",)


_DECISION = frozenset({"decided_at", "deadline"})
_ON_DEMAND = frozenset({"findings", "objectors", "late", "silent", "context"}) | _DECISION
"""The fields of an outcome from :meth:`Outcome.on_demand` that are filled when first read."""


@attrs.frozen(slots=True)
class Outcome(_Deferred):
    """Where a procedure stands at an instant, and why.

    ``decided_at`` is ``None`` while pending. ``findings`` cite their clauses; the decisive one
    (see :attr:`reason`) says which clause decided the status.

    An outcome from :meth:`SilenceProcedure.outcome` answers its status, decision instant and
    deadline at once, from the procedure's index; its findings, objectors, late submissions,
    silent parties and context are worked out, all together, the first time one of them is
    read (or the outcome is compared, hashed, shown, pickled or written). They are the same
    values either way: an outcome stays a frozen value.
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
        objectors, late, silent = _parties(ctx)
        return cls(
            at=ctx.at,
            status=ctx.status,
            decided_at=ctx.decided_at,
            deadline=ctx.deadline,
            findings=findings,
            objectors=objectors,
            late=late,
            silent=silent,
            context=ctx,
        )

    @classmethod
    def on_demand(
        cls,
        at: datetime,
        status: Status,
        context: Callable[[datetime], SilenceContext],
        rules: RuleSet[SilenceContext],
        decision: Callable[[datetime], tuple[datetime | None, Deadline]] | None = None,
    ) -> Outcome:
        """The outcome at ``at`` whose status is known now and whose findings wait to be read.

        ``context(at)`` gives the facts at ``at`` (a fold) and ``rules`` word them, the first
        time :attr:`findings`, :attr:`objectors`, :attr:`late`, :attr:`silent` or
        :attr:`context` is read; ``decision(at)``, if given, gives :attr:`decided_at` and
        :attr:`deadline` without the fold. ``status`` and ``decision`` must answer as that
        fold decides (the procedure's index does). Then the outcome is the one :meth:`of`
        makes from those facts and findings.

        >>> import cica_cbm as cbm
        >>> proc = cbm.samples.nct_g_1501()
        >>> out = proc.outcome(at=proc.deadline)  # no fold, no sentence yet
        >>> out.status, out.reason.rule  # the findings are worded here
        (<Status.APPROVED: 'approved'>, 'SILENCE-APPROVED')
        """
        if not callable(context):
            raise InvalidValueError("context", context, "a function giving the facts at `at`")
        if not isinstance(rules, RuleSet):
            raise InvalidValueError("rules", rules, "a RuleSet, e.g. SILENCE_RULES + my_rule")
        if decision is not None and not callable(decision):
            raise InvalidValueError("decision", decision, "a function, or None")
        return deferred(cls, at, status, (context, rules, decision))

    if not TYPE_CHECKING:  # for the type checker an Outcome has its fields and nothing else

        def __getattr__(self, name: str) -> Any:
            # called only for a slot not yet filled: the fields on demand, on first read
            source = getattr(self, "_source", None) if name in _ON_DEMAND else None
            if source is None:
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
            context, rules, decision = source
            if name in _DECISION and decision is not None:
                decided_at, deadline = decision(self.at)
                _set_decided_at(self, decided_at)
                _set_deadline(self, deadline)
            else:
                self._fill(context, rules)
            return object.__getattribute__(self, name)

    def _fill(
        self, context: Callable[[datetime], SilenceContext], rules: RuleSet[SilenceContext]
    ) -> None:
        with collector_paused():
            ctx = context(self.at)
            findings = findings_of(rules, ctx)
            objectors, late, silent = _parties(ctx)
        put = object.__setattr__
        if _unset(self, "decided_at"):  # else read from the index already: the same values
            put(self, "decided_at", ctx.decided_at)
            put(self, "deadline", ctx.deadline)
        put(self, "findings", findings)
        put(self, "objectors", objectors)
        put(self, "late", late)
        put(self, "silent", silent)
        put(self, "context", ctx)
        put(self, "_source", None)

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
            from .findings_ru import messages_ru  # the Russian loads when first asked for

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


_new = object.__new__
_set_at, _set_status, _set_decided_at, _set_deadline = (
    Outcome.__dict__[name].__set__ for name in ("at", "status", "decided_at", "deadline")
)
_set_source = _Deferred.__dict__["_source"].__set__


def _unset(outcome: Outcome, name: str) -> bool:
    try:
        object.__getattribute__(outcome, name)
    except AttributeError:
        return True
    return False


def deferred(
    cls: type[Outcome],
    at: datetime,
    status: Status,
    source: tuple[
        Callable[[datetime], SilenceContext],
        RuleSet[SilenceContext],
        Callable[[datetime], tuple[datetime | None, Deadline]] | None,
    ],
) -> Outcome:
    """:meth:`Outcome.on_demand` for arguments already checked: ``source`` is its last three.

    An outcome is asked for as often as a status, so this sets three slots and nothing more.
    """
    new = _new(cls)
    _set_at(new, at)
    _set_status(new, status)
    _set_source(new, source)
    return new


def _parties(
    ctx: SilenceContext,
) -> tuple[frozenset[str], tuple[Submission, ...], frozenset[str]]:
    """The objectors, the late submissions and the silent parties of the facts ``ctx``."""
    breaking = ctx.opening.policy.breaks_silence
    submitted = {event.by for event in ctx.in_time}
    submitted.update(item.event.by for item in ctx.late)
    return (
        frozenset(e.by for e in ctx.in_time if e.kind in breaking),
        tuple(item.event for item in ctx.late),
        ctx.opening.parties - submitted,
    )


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
        found.extend(_made(rule_id, clause, decisive, list(rule.check(ctx))))
    return tuple(found)


# A Finding has four plain fields, set by its generated __init__ one by one in Python; for the
# thousands of findings of a long procedure they are set, field by field over all of them, by
# the slots' own setters mapped in C, which gives the same findings at a third of the cost.
# Should Finding ever check or convert a field, every finding goes through __init__ again.
_FIELDS = ("rule", "clause", "message", "decisive")
_PLAIN = [a.name for a in attrs.fields(Finding)] == list(_FIELDS) and all(
    a.validator is None and a.converter is None for a in attrs.fields(Finding)
)
_PLAIN = _PLAIN and not hasattr(Finding, "__attrs_post_init__")
_SETTERS = tuple(Finding.__dict__[name].__set__ for name in _FIELDS) if _PLAIN else ()


def _made(rule_id: str, clause: str, decisive: bool, messages: list[str]) -> list[Finding]:
    """The findings of one rule, a message each: ``Finding(rule_id, clause, message, decisive)``."""
    if not _SETTERS or len(messages) < 8:
        return [Finding(rule_id, clause, message, decisive) for message in messages]
    made: list[Finding] = list(map(object.__new__, repeat(Finding, len(messages))))
    set_rule, set_clause, set_message, set_decisive = _SETTERS
    deque(map(set_rule, made, repeat(rule_id)), 0)
    deque(map(set_clause, made, repeat(clause)), 0)
    deque(map(set_message, made, messages), 0)
    deque(map(set_decisive, made, repeat(decisive)), 0)
    return made
