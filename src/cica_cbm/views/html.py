"""HTML tables for notebooks: how an outcome, a procedure, a decision and a plan look in Jupyter.

Jupyter shows an object through its ``_repr_html_``; :class:`~cica_cbm.core.silence.Outcome`,
:class:`~cica_cbm.core.silence.SilenceProcedure`, :class:`~cica_cbm.core.consensus.Decision` and
:class:`~cica_cbm.core.drafts.ActionPlan` delegate theirs to the functions here. Each table shows
who the parties are, who commented or objected and when, the deadline in Astana time and in
UTC, the status and the findings with the clauses they cite. Every piece of text is escaped
with :func:`html.escape`, so a comment's words can never become markup, and codes are written
as words (``silence broken``, ``join with statement``) by
:func:`~cica_cbm.views.wording.readable`. The tables of the reference data and of the plan's
follow-up live in :mod:`cica_cbm.views.html_data`; this module exports them too, so every
``_repr_html_`` in the core loads this one module.

The functions are pure: the same object always gives the same HTML, and nothing reads the
clock. A procedure has no "now"; :func:`procedure_html` shows it at the instant given, or by
default at its *horizon* (see :func:`horizon`), when every recorded event and the deadline in
force have passed.

>>> import cica_cbm as cbm
>>> html = outcome_html(cbm.samples.nct_g_1501().outcome(at=cbm.samples.nct_g_1501().deadline))
>>> "approved</span>" in html and "2024-01-11 18:00 UTC" in html
True
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ..core.clock import UTC
from ..core.drafts import Draft, Paper
from ..core.errors import CbmError, InvalidValueError
from ..core.silence.findings_ru import long_date_ru
from ._html import badge as _badge
from ._html import both as _both
from ._html import codes as _codes
from ._html import esc as _e
from ._html import findings as _findings
from ._html import language as _language
from ._html import row as _row
from ._html import state_name as _state_name
from ._html import table as _table
from ._html import words as _words
from ._html import wrap as _wrap
from .html_data import (
    body_html,
    catalogue_html,
    draft_html,
    implementation_html,
    member_state_html,
    note_html,
    review_schedule_html,
)
from .wording import astana_with_offset, event_words, readable, utc
from .wording_ru import (
    MISSING_RU,
    clause_ru,
    deadline_ru,
    effect_ru,
    event_words_ru,
    instant_ru,
    policy_name_ru,
    readable_ru,
    text_ru,
)

if TYPE_CHECKING:
    from ..core.consensus import Decision
    from ..core.drafts import ActionPlan
    from ..core.silence import Deadline, Event, Outcome, SilenceContext, SilenceProcedure

__all__ = [
    "action_plan_html",
    "body_html",
    "catalogue_html",
    "decision_html",
    "draft_html",
    "effect",
    "horizon",
    "implementation_html",
    "member_state_html",
    "note_html",
    "outcome_html",
    "procedure_html",
    "review_schedule_html",
    "to_html",
]


def _deadline(deadline: Deadline, lang: str = "en") -> str:
    if lang == "ru":
        return f"{_e(deadline_ru(deadline))}<br>{_e(instant_ru(deadline.instant, deadline.zone))}"
    return f"{_e(deadline.describe())}<br>{_both(deadline.instant)}"


def _messages_ru(outcome: Outcome) -> tuple[str, ...] | None:
    """The findings' Russian sentences, one a finding, or ``None`` where the outcome has none."""
    try:
        lines = tuple(outcome.explain(lang="ru").splitlines())
    except CbmError:  # read from JSON: no facts to word anew
        return None
    return lines if len(lines) == len(outcome.findings) else None


# --- an outcome ------------------------------------------------------------------------------


def outcome_html(outcome: Outcome, lang: str = "en") -> str:
    """An outcome as an HTML table: status, when decided, the deadline, the findings.

    ``lang="ru"`` writes it in Russian, as ``outcome.explain(lang="ru")`` words the findings.
    """
    lang = _language(lang)
    status = outcome.status.value
    zone = outcome.deadline.zone
    if lang == "ru":
        decided = (
            _both(outcome.decided_at, lang, zone) if outcome.decided_at is not None else "еще нет"
        )
        summary = _table(
            "Итог процедуры умолчания",
            (
                _row("статус", _badge(status, readable_ru(outcome.status))),
                _row("по состоянию на", _both(outcome.at, lang, zone)),
                _row("решение принято", decided),
                _row("действующий срок", _deadline(outcome.deadline, lang)),
            ),
        )
        return _wrap(summary, _findings(outcome.findings, lang, _messages_ru(outcome)))
    decided = _both(outcome.decided_at) if outcome.decided_at is not None else "not yet"
    summary = _table(
        "Outcome of the silence procedure",
        (
            _row("status", _badge(status, readable(status))),
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
    return (_row("kind", _words(draft.kind)),)


def procedure_html(
    procedure: SilenceProcedure, at: datetime | None = None, lang: str = "en"
) -> str:
    """A procedure as HTML tables: its terms, parties, events and outcome at ``at``.

    ``at`` defaults to the procedure's :func:`horizon`; ``lang="ru"`` writes it in Russian.
    """
    if _language(lang) == "ru":
        return _procedure_html_ru(procedure, at)
    when = horizon(procedure) if at is None else at
    ctx = procedure.context(when)
    outcome = procedure.outcome(when)
    opening = procedure.opening
    draft = opening.draft
    submitted: dict[str, list[str]] = {}
    for event in ctx.in_time:
        submitted.setdefault(event.by, []).append(readable(event.kind))
    for item in ctx.late:
        submitted.setdefault(item.event.by, []).append(f"late {readable(item.event.kind)}")
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
            _row("status", f"{_badge(status, readable(status))} at {_both(when)}"),
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


def _draft_rows_ru(draft: Draft | Paper) -> tuple[str, ...]:
    if isinstance(draft, Draft):
        return (
            _row("приоритетная сфера", _e(text_ru(draft.priority_area.name))),
            _row("координатор", _codes([draft.coordinator.code], "ru")),
        )
    return (_row("вид документа", _words(draft.kind, "ru")),)


def _headline_ru(procedure: SilenceProcedure) -> str:
    opening = procedure.opening
    if opening.note is not None:
        return f"Нота {opening.note.number} от {long_date_ru(opening.note.date)}"
    return f"процедура умолчания, объявленная {long_date_ru(opening.day)}"


def _procedure_html_ru(procedure: SilenceProcedure, at: datetime | None) -> str:
    when = horizon(procedure) if at is None else at
    ctx = procedure.context(when)
    outcome = procedure.outcome(when)
    opening = procedure.opening
    draft = opening.draft
    zone = opening.deadline.zone
    submitted: dict[str, list[str]] = {}
    for event in ctx.in_time:
        submitted.setdefault(event.by, []).append(readable_ru(event.kind))
    for item in ctx.late:
        kind = readable_ru(item.event.kind)
        submitted.setdefault(item.event.by, []).append(f"{kind}, вне срока")
    who = "; ".join(
        f"{_codes([code], 'ru')} ({_e('; '.join(kinds))})"
        for code, kinds in sorted(submitted.items())
    )
    silent = opening.parties - submitted.keys()
    requested = _codes([opening.requested_by], "ru") if opening.requested_by else "не указано"
    status = outcome.status.value
    title = (
        _e(text_ru(draft.title))
        if isinstance(draft, Draft)
        else f"{_e(draft)} <em>({_e(MISSING_RU)})</em>"
    )
    terms = _table(
        f"Процедура умолчания: {_headline_ru(procedure)}",
        (
            _row("проект", title),
            *_draft_rows_ru(draft),
            _row(
                "порядок процедуры",
                f"{_e(policy_name_ru(procedure.policy))} ({_e(clause_ru(ctx.clause))})",
            ),
            _row("по обращению", requested),
            _row("выставлен на процедуру", _both(opening.at, "ru", zone)),
            _row("срок при объявлении", _deadline(opening.deadline, "ru")),
            _row("действующий срок", _deadline(ctx.deadline, "ru")),
            _row(f"участники ({len(opening.parties)})", _codes(opening.parties, "ru")),
            _row("представили замечания или возражения", who or "никто"),
            _row(f"не представили замечаний ({len(silent)})", _codes(silent, "ru") or "нет"),
            _row(
                "статус",
                f"{_badge(status, readable_ru(outcome.status))} по состоянию на "
                f"{_both(when, 'ru', zone)}",
            ),
            _row(
                "решение принято",
                _both(outcome.decided_at, "ru", zone)
                if outcome.decided_at is not None
                else "еще нет",
            ),
        ),
    )
    ordered = sorted(enumerate(procedure.events), key=lambda pair: (pair[1].at, pair[0]))
    rows = []
    for number, (_, recorded) in enumerate(ordered, start=1):
        what, by, details = event_words_ru(recorded)
        by_cell = "Секретариат" if by is None else _codes([by], "ru")
        rows.append(
            f"<tr><td>{number}</td><td>{_e(instant_ru(recorded.at, zone))}</td>"
            f"<td>{_e(what)}</td><td>{by_cell}</td>"
            f"<td>{_e(details)}</td><td>{_e(effect_ru(recorded, ctx))}</td></tr>"
        )
    events = _table(
        "События в порядке времени",
        rows,
        ("№", "время", "событие", "от кого", "подробности", "последствие"),
    )
    return _wrap(terms, events, _findings(outcome.findings, "ru", _messages_ru(outcome)))


# --- a decision ------------------------------------------------------------------------------


def decision_html(decision: Decision, lang: str = "en") -> str:
    """A consensus decision as HTML: adopted or blocked, every position, statements, findings.

    ``lang="ru"`` writes the table in Russian; the findings keep their English messages,
    marked, since the consensus rules have no Russian twins yet.
    """
    if _language(lang) == "ru":
        return _decision_html_ru(decision)
    verdict = "adopted" if decision.adopted else "blocked"
    summary = _table(
        f"Decision by consensus: {decision.subject}"
        if decision.subject
        else "Decision by consensus",
        (
            _row("result", _badge(verdict, verdict)),
            _row(f"members ({len(decision.members)})", _codes(decision.members)),
            _row("objections", _codes(decision.objections) or "none"),
            _row(f"silent ({len(decision.silent)})", _codes(decision.silent) or "none"),
        ),
    )
    positions = _table(
        "Positions",
        (
            f"<tr><td>{_codes([code])}</td><td>{_e(_state_name(code))}</td>"
            f"<td>{_words(position)}</td></tr>"
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
                    f"<tr><td>{_codes([s.by])}</td><td>{_words(s.position)}</td>"
                    f"<td>{_e(s.text)}</td></tr>"
                    for s in decision.statements
                ),
                ("by", "position", "statement"),
            )
        )
    parts.append(_findings(decision.findings))
    return _wrap(*parts)


def _decision_html_ru(decision: Decision) -> str:
    verdict = "adopted" if decision.adopted else "blocked"
    summary = _table(
        f"Решение на основе консенсуса: {decision.subject}"
        if decision.subject
        else "Решение на основе консенсуса",
        (
            _row("итог", _badge(verdict, "принято" if decision.adopted else "не принято")),
            _row(f"члены ({len(decision.members)})", _codes(decision.members, "ru")),
            _row("возражения", _codes(decision.objections, "ru") or "нет"),
            _row(
                f"не высказались ({len(decision.silent)})", _codes(decision.silent, "ru") or "нет"
            ),
        ),
    )
    positions = _table(
        "Позиции",
        (
            f"<tr><td>{_codes([code], 'ru')}</td><td>{_e(_state_name(code, 'ru'))}</td>"
            f"<td>{_words(position, 'ru')}</td></tr>"
            for code, position in decision.positions
        ),
        ("код", "государство-член", "позиция"),
    )
    parts = [summary, positions]
    if decision.statements:
        parts.append(
            _table(
                "Заявления",
                (
                    f"<tr><td>{_codes([s.by], 'ru')}</td><td>{_words(s.position, 'ru')}</td>"
                    f"<td>{_e(s.text)}</td></tr>"
                    for s in decision.statements
                ),
                ("кем", "позиция", "заявление"),
            )
        )
    parts.append(_findings(decision.findings, "ru"))
    return _wrap(*parts)


# --- an action plan --------------------------------------------------------------------------


def action_plan_html(plan: ActionPlan, lang: str = "en") -> str:
    """An Action Plan as HTML: one table per section, each item with its kind and status.

    ``lang="ru"`` writes the headers, kinds and statuses in Russian; the plan's own text is
    shown as recorded (the shipped plan is in English, as CICA adopts its documents).
    """
    if _language(lang) == "ru":
        return _action_plan_html_ru(plan)
    parts = []
    for section in plan.sections:
        rows = [
            f"<tr><td>{_e(item.id)}</td><td>{_words(item.kind)}</td>"
            f"<td>{_badge(item.status.value, readable(item.status))}</td>"
            f"<td>{_e(item.text)}</td></tr>"
            for item in section.items
        ]
        parts.append(
            _table(f"{section.id}. {section.title}", rows, ("item", "kind", "status", "text"))
        )
    head = f"<p><strong>{_e(plan.title)}</strong> ({len(plan.items)} items)</p>"
    return _wrap(head, *parts)


def _action_plan_html_ru(plan: ActionPlan) -> str:
    parts = []
    for section in plan.sections:
        rows = [
            f"<tr><td>{_e(item.id)}</td><td>{_words(item.kind, 'ru')}</td>"
            f"<td>{_badge(item.status.value, readable_ru(item.status))}</td>"
            f"<td>{_e(item.text)}</td></tr>"
            for item in section.items
        ]
        parts.append(
            _table(f"{section.id}. {section.title}", rows, ("пункт", "вид", "статус", "текст"))
        )
    head = f"<p><strong>{_e(plan.title)}</strong> (пунктов: {len(plan.items)})</p>"
    return _wrap(head, *parts)


def to_html(obj: object, lang: str = "en") -> str:
    """Any object the notebooks show, as the HTML of its ``_repr_html_``, in ``lang``.

    ``_repr_html_`` takes no arguments, so a notebook shows English; ``to_html(obj, "ru")``
    gives the same tables in Russian for an outcome, a procedure, a decision, an Action Plan,
    a Member State, a body, a note, a draft, the catalogue, an implementation and a review
    schedule (any other object: its English table, as ``_repr_html_`` gives it).

    >>> import cica_cbm as cbm
    >>> proc = cbm.samples.nct_g_1501()
    >>> "проект одобрен</span>" in to_html(proc.outcome(at=proc.deadline), lang="ru")
    True
    """
    from ..core.bodies import Body
    from ..core.catalogue import Catalogue
    from ..core.consensus import Decision
    from ..core.drafts import ActionPlan
    from ..core.implementation import Implementation
    from ..core.notes import Note
    from ..core.reviews import ReviewSchedule
    from ..core.silence import Outcome, SilenceProcedure
    from ..core.states import MemberState

    lang = _language(lang)
    if isinstance(obj, Outcome):
        return outcome_html(obj, lang)
    if isinstance(obj, SilenceProcedure):
        return procedure_html(obj, lang=lang)
    if isinstance(obj, Decision):
        return decision_html(obj, lang)
    if isinstance(obj, ActionPlan):
        return action_plan_html(obj, lang)
    if isinstance(obj, MemberState):
        return member_state_html(obj, lang)
    if isinstance(obj, Body):
        return body_html(obj, lang)
    if isinstance(obj, Note):
        return note_html(obj, lang)
    if isinstance(obj, Draft | Paper):
        return draft_html(obj, lang)
    if isinstance(obj, Catalogue):
        return catalogue_html(obj, lang)
    if isinstance(obj, Implementation):
        return implementation_html(obj, lang)
    if isinstance(obj, ReviewSchedule):
        return review_schedule_html(obj, lang)
    render = getattr(obj, "_repr_html_", None)
    if render is None:
        raise InvalidValueError("obj", obj, "an object that notebooks show as HTML")
    text: str = render()
    return text
