"""HTML tables for notebooks: how an outcome, a procedure, a decision and a plan look in Jupyter.

Jupyter shows an object through its ``_repr_html_``; :class:`~cica_cbm.core.silence.Outcome`,
:class:`~cica_cbm.core.silence.SilenceProcedure`, :class:`~cica_cbm.core.consensus.Decision` and
:class:`~cica_cbm.core.drafts.ActionPlan` delegate theirs to the functions here. Each table shows
who the parties are, who commented or objected and when, the deadline in Astana time and in
UTC, the status and the findings with the clauses they cite. Every piece of text is escaped
with :func:`html.escape`, so a comment's words can never become markup.

The functions are pure: the same object always gives the same HTML, and nothing reads the
clock. A procedure has no "now"; :func:`procedure_html` shows it at the instant given, or by
default at its *horizon* (see :func:`horizon`), when every recorded event and the deadline in
force have passed.

>>> import cica_cbm as cbm
>>> html = outcome_html(cbm.samples.nct_g_1501().outcome(at=cbm.samples.nct_g_1501().deadline))
>>> "APPROVED" in html and "2024-01-11 18:00 UTC" in html
True
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING

from ..core.clock import UTC
from ..core.drafts import Draft, Paper
from ..core.errors import CbmError
from ..core.rules import Finding
from ..core.states import member_state
from .wording import astana_with_offset, event_words, utc

if TYPE_CHECKING:
    from ..core.consensus import Decision
    from ..core.drafts import ActionPlan
    from ..core.silence import Deadline, Event, Outcome, SilenceContext, SilenceProcedure

__all__ = [
    "action_plan_html",
    "decision_html",
    "effect",
    "horizon",
    "outcome_html",
    "procedure_html",
]

_STYLE = (
    "<style>"
    ".cica-cbm table{border-collapse:collapse;margin:0.3em 0 0.8em 0}"
    ".cica-cbm th,.cica-cbm td{border:1px solid #ccc;padding:0.2em 0.5em;"
    "text-align:left;vertical-align:top}"
    ".cica-cbm code{white-space:nowrap}"
    ".cica-cbm caption{text-align:left;font-weight:bold;padding:0.2em 0}"
    ".cica-cbm .status{font-weight:bold;padding:0 0.3em;border-radius:3px}"
    ".cica-cbm .pending{background:#fff3c4}.cica-cbm .approved{background:#d7f5d7}"
    ".cica-cbm .silence_broken{background:#fbd5d5}.cica-cbm .withdrawn{background:#e2e2e2}"
    ".cica-cbm .adopted{background:#d7f5d7}.cica-cbm .blocked{background:#fbd5d5}"
    "</style>"
)


# --- small pieces ----------------------------------------------------------------------------


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _both(instant: datetime) -> str:
    return f"{_e(astana_with_offset(instant))}<br>{_e(utc(instant))}"


def _badge(css: str, text: str) -> str:
    return f'<span class="status {_e(css)}">{_e(text)}</span>'


def _state_name(code: str) -> str:
    try:
        return member_state(code).name.en
    except CbmError:
        return code


def _codes(codes: Iterable[str]) -> str:
    """Codes, each with the state's name as a tooltip."""
    return ", ".join(
        f'<abbr title="{_e(_state_name(code))}">{_e(code)}</abbr>' for code in sorted(codes)
    )


def _row(header: str, cell: str) -> str:
    """A table row: ``header`` is escaped, ``cell`` must already be HTML."""
    return f"<tr><th>{_e(header)}</th><td>{cell}</td></tr>"


def _table(caption: str, rows: Iterable[str], head: Iterable[str] = ()) -> str:
    heading = "".join(f"<th>{_e(h)}</th>" for h in head)
    thead = f"<thead><tr>{heading}</tr></thead>" if heading else ""
    return f"<table><caption>{_e(caption)}</caption>{thead}<tbody>{''.join(rows)}</tbody></table>"


def _wrap(*parts: str) -> str:
    return f'<div class="cica-cbm">{_STYLE}{"".join(parts)}</div>'


def _findings(findings: Iterable[Finding]) -> str:
    rows = [
        f"<tr><td>{'&#9733;' if f.decisive else ''}</td><td><code>{_e(f.rule)}</code></td>"
        f"<td>{_e(f.message)}</td><td>{_e(f.clause)}</td></tr>"
        for f in findings
    ]
    return _table("Findings (\u2605 decisive)", rows, ("", "rule", "finding", "clause"))


def _deadline(deadline: Deadline) -> str:
    return f"{_e(deadline.describe())}<br>{_both(deadline.instant)}"


# --- an outcome ------------------------------------------------------------------------------


def outcome_html(outcome: Outcome) -> str:
    """An outcome as an HTML table: status, when decided, the deadline, the findings."""
    status = outcome.status.value
    decided = _both(outcome.decided_at) if outcome.decided_at is not None else "not yet"
    summary = _table(
        "Outcome of the silence procedure",
        (
            _row("status", _badge(status, status.upper())),
            _row("evaluated at", _both(outcome.at)),
            _row("decided at", decided),
            _row("deadline in force", _deadline(outcome.deadline)),
        ),
    )
    return _wrap(summary, _findings(outcome.findings))


# --- a procedure -----------------------------------------------------------------------------


def horizon(procedure: SilenceProcedure) -> datetime:
    """The instant by which every recorded event and the deadline in force have passed.

    Tables and timelines show a procedure at this instant unless told otherwise: it needs no
    clock, and the outcome there no longer changes with the recorded events.

    >>> import cica_cbm as cbm
    >>> proc = cbm.samples.nct_g_1501()
    >>> horizon(proc) == proc.deadline
    True
    """
    latest = max(event.at for event in procedure.events)
    return max(latest, procedure.terms.instant).astimezone(UTC)


def effect(event: Event, ctx: SilenceContext) -> str:
    """What ``event`` did to the procedure, as the fold saw it in ``ctx``.

    One of ``"opened"``, ``"in time"``, ``"breaks the silence"``, ``"withdraws"``,
    ``"extends the deadline"``, ``"late: no effect"``, ``"no effect"``, or
    ``"after the instant shown"`` for events later than ``ctx.at``: the words of
    :meth:`~cica_cbm.core.silence.SilenceContext.effect`, where the fold's facts are read.
    """
    return ctx.effect(event)


def _draft_rows(draft: Draft | Paper) -> tuple[str, ...]:
    if isinstance(draft, Draft):
        return (
            _row("priority area", _e(draft.priority_area.name.en)),
            _row("coordinator", _codes([draft.coordinator.code])),
        )
    return (_row("kind", _e(draft.kind.value.replace("_", " "))),)


def procedure_html(procedure: SilenceProcedure, at: datetime | None = None) -> str:
    """A procedure as HTML tables: its terms, parties, events and outcome at ``at``.

    ``at`` defaults to the procedure's :func:`horizon`.
    """
    when = horizon(procedure) if at is None else at
    ctx = procedure.context(when)
    outcome = procedure.outcome(when)
    opening = procedure.opening
    draft = opening.draft
    submitted: dict[str, list[str]] = {}
    for event in ctx.in_time:
        submitted.setdefault(event.by, []).append(event.kind.value)
    for item in ctx.late:
        submitted.setdefault(item.event.by, []).append(f"late {item.event.kind.value}")
    who = "; ".join(
        f"{_codes([code])} ({_e(', '.join(kinds))})" for code, kinds in sorted(submitted.items())
    )
    silent = opening.parties - submitted.keys()
    requested = _codes([opening.requested_by]) if opening.requested_by else "not stated"
    status = outcome.status.value
    terms = _table(
        f"Silence procedure: {opening.headline}",
        (
            _row("draft", _e(opening.title)),
            *_draft_rows(draft),
            _row("policy", f"{_e(procedure.policy.name)} ({_e(ctx.clause)})"),
            _row("requested by", requested),
            _row("opened", _both(opening.at)),
            _row("deadline as opened", _deadline(opening.deadline)),
            _row("deadline in force", _deadline(ctx.deadline)),
            _row(f"parties ({len(opening.parties)})", _codes(opening.parties)),
            _row("commented or objected", who or "nobody"),
            _row(f"silent ({len(silent)})", _codes(silent) or "none"),
            _row("status", f"{_badge(status, status.upper())} at {_both(when)}"),
            _row(
                "decided at",
                _both(outcome.decided_at) if outcome.decided_at is not None else "not yet",
            ),
        ),
    )
    ordered = sorted(enumerate(procedure.events), key=lambda pair: (pair[1].at, pair[0]))
    rows = []
    for number, (_, recorded) in enumerate(ordered, start=1):
        what, by, details = event_words(recorded)
        by_cell = "Secretariat" if by is None else _codes([by])
        rows.append(
            f"<tr><td>{number}</td><td>{_e(astana_with_offset(recorded.at))}</td>"
            f"<td>{_e(utc(recorded.at))}</td><td>{_e(what)}</td><td>{by_cell}</td>"
            f"<td>{_e(details)}</td><td>{_e(effect(recorded, ctx))}</td></tr>"
        )
    events = _table(
        "Events in time order",
        rows,
        ("#", "Astana time", "UTC", "event", "by", "details", "effect"),
    )
    return _wrap(terms, events, _findings(outcome.findings))


# --- a decision ------------------------------------------------------------------------------


def decision_html(decision: Decision) -> str:
    """A consensus decision as HTML: adopted or blocked, every position, statements, findings."""
    verdict = "adopted" if decision.adopted else "blocked"
    summary = _table(
        f"Decision by consensus: {decision.subject}"
        if decision.subject
        else "Decision by consensus",
        (
            _row("result", _badge(verdict, verdict.upper())),
            _row(f"members ({len(decision.members)})", _codes(decision.members)),
            _row("objections", _codes(decision.objections) or "none"),
            _row(f"silent ({len(decision.silent)})", _codes(decision.silent) or "none"),
        ),
    )
    positions = _table(
        "Positions",
        (
            f"<tr><td>{_codes([code])}</td><td>{_e(_state_name(code))}</td>"
            f"<td>{_e(position.value)}</td></tr>"
            for code, position in decision.positions
        ),
        ("code", "Member State", "position"),
    )
    parts = [summary, positions]
    if decision.statements:
        parts.append(
            _table(
                "Statements on record",
                (
                    f"<tr><td>{_codes([s.by])}</td><td>{_e(s.position.value)}</td>"
                    f"<td>{_e(s.text)}</td></tr>"
                    for s in decision.statements
                ),
                ("by", "position", "statement"),
            )
        )
    parts.append(_findings(decision.findings))
    return _wrap(*parts)


# --- an action plan --------------------------------------------------------------------------


def action_plan_html(plan: ActionPlan) -> str:
    """An Action Plan as HTML: one table per section, each item with its kind and status."""
    parts = []
    for section in plan.sections:
        rows = [
            f"<tr><td>{_e(item.id)}</td><td>{_e(item.kind.value.replace('_', ' '))}</td>"
            f"<td>{_badge(item.status.value, item.status.value.replace('_', ' '))}</td>"
            f"<td>{_e(item.text)}</td></tr>"
            for item in section.items
        ]
        parts.append(
            _table(f"{section.id}. {section.title}", rows, ("item", "kind", "status", "text"))
        )
    head = f"<p><strong>{_e(plan.title)}</strong> ({len(plan.items)} items)</p>"
    return _wrap(head, *parts)
