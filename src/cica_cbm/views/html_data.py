"""HTML tables for the reference data and the plan's follow-up, as notebooks show them.

:class:`~cica_cbm.core.states.MemberState`, :class:`~cica_cbm.core.catalogue.Catalogue`,
:class:`~cica_cbm.core.bodies.Body`, :class:`~cica_cbm.core.notes.Note`,
:class:`~cica_cbm.core.drafts.Draft` and :class:`~cica_cbm.core.drafts.Paper`,
:class:`~cica_cbm.core.implementation.Implementation` and
:class:`~cica_cbm.core.reviews.ReviewSchedule` show in Jupyter through the functions here
(their ``_repr_html_`` reaches them through :mod:`cica_cbm.views.html`). Like the tables of a
procedure, they escape every piece of text, write codes as words ("in progress", not
``IN_PROGRESS``) and read no clock.

>>> import cica_cbm as cbm
>>> page = member_state_html(cbm.member_state("KAZ"))
>>> "Republic of Kazakhstan" in page and "high" in page
True
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..core.errors import CbmError
from ..core.silence.findings_ru import long_date_ru
from ..core.states import member_state, observer
from ._html import both, codes, esc, language, row, table, words, wrap
from .wording import readable
from .wording_ru import MISSING_RU, policy_name_ru, text_ru

if TYPE_CHECKING:
    from ..core.bodies import Body
    from ..core.catalogue import Catalogue
    from ..core.drafts import Draft, Paper
    from ..core.implementation import Implementation
    from ..core.notes import Note
    from ..core.reviews import ReviewSchedule
    from ..core.states import Admission, MemberState
    from ..core.text import LocalizedText

__all__ = [
    "body_html",
    "catalogue_html",
    "draft_html",
    "implementation_html",
    "member_state_html",
    "note_html",
    "review_schedule_html",
]


def _languages(text: LocalizedText) -> str:
    """English, then Russian and Kazakh where a source gives them, one per line."""
    lines = [esc(text.en)]
    lines += [f"{tag}: {esc(value)}" for tag, value in (("ru", text.ru), ("kk", text.kk)) if value]
    return "<br>".join(lines)


def _admission(admission: Admission) -> str:
    span = (
        str(admission.earliest)
        if admission.earliest == admission.latest
        else f"between {admission.earliest} and {admission.latest}"
    )
    note = f"<br>{esc(admission.note)}" if admission.note else ""
    return (
        f"{esc(admission.stated)} ({esc(span)}; precision: {words(admission.precision)}, "
        f"confidence: {words(admission.confidence)}){note}"
    )


# --- reference data --------------------------------------------------------------------------


def _admission_ru(admission: Admission) -> str:
    """The admission's days and precision in Russian; the source's own words quoted."""
    span = (
        long_date_ru(admission.earliest)
        if admission.earliest == admission.latest
        else f"между {long_date_ru(admission.earliest)} и {long_date_ru(admission.latest)}"
    )
    note = f"<br>{esc(admission.note)} <em>({esc(MISSING_RU)})</em>" if admission.note else ""
    return (
        f"{esc(span)} (точность: {words(admission.precision, 'ru')}, "
        f"достоверность: {words(admission.confidence, 'ru')}); "
        f"в источнике: «{esc(admission.stated)}»{note}"
    )


def _marked(text: str) -> str:
    """Text the data gives in English only, shown as recorded and marked."""
    return f"{esc(text)} <em>({esc(MISSING_RU)})</em>"


def _member_name_ru(code: str, name_en: str) -> str:
    try:
        name = member_state(code).name.ru
    except CbmError:
        name = None
    return esc(name) if name else _marked(name_en)


def member_state_html(state: MemberState, lang: str = "en") -> str:
    """A Member State: its code, names in each language, and when it joined.

    ``lang="ru"`` writes the table in Russian; the names are shown in every language a
    source gives, as in English.
    """
    if language(lang) == "ru":
        return wrap(
            table(
                f"Государство-член: {text_ru(state.name)} ({state.code})",
                (
                    row("код", f"<code>{esc(state.code)}</code> ({esc(state.alpha2)})"),
                    row("название", _languages(state.name)),
                    row("официальное название", _languages(state.formal_name)),
                    row("принятие в члены", _admission_ru(state.admission)),
                ),
            )
        )
    return wrap(
        table(
            f"Member State: {state.name.en} ({state.code})",
            (
                row("code", f"<code>{esc(state.code)}</code> ({esc(state.alpha2)})"),
                row("name", _languages(state.name)),
                row("formal name", _languages(state.formal_name)),
                row("admission", _admission(state.admission)),
            ),
        )
    )


def catalogue_html(catalogue: Catalogue, lang: str = "en") -> str:
    """The Catalogue of CBMs: its dates, and each dimension's priority areas and coordinators.

    ``lang="ru"``: the table in Russian (:func:`~cica_cbm.views.html_ru.catalogue_html_ru`).
    """
    if language(lang) == "ru":
        from .html_ru import catalogue_html_ru

        return catalogue_html_ru(catalogue)
    summary = table(
        catalogue.title,
        (
            row("id", f"<code>{esc(catalogue.id)}</code>"),
            row("first adopted", esc(catalogue.first_adopted)),
            row("updated", f"{esc(catalogue.updated)} by {esc(catalogue.updated_by)}"),
            *([row("discrepancy", esc(catalogue.discrepancy))] if catalogue.discrepancy else []),
        ),
    )
    parts = [summary]
    for dimension in catalogue.dimensions:
        rows = [
            f"<tr><td><code>{esc(area.id)}</code></td><td>{esc(area.name.en)}</td>"
            f"<td>{codes([area.coordinator]) if area.coordinator else 'not known'}</td>"
            f"<td>{codes(area.co_coordinators or ())}</td>"
            f"<td>{words(area.confidence)}</td></tr>"
            for area in catalogue.in_dimension(dimension.id)
        ]
        parts.append(
            table(
                f"{dimension.name.en}",
                rows,
                ("id", "priority area", "coordinator", "co-coordinators", "confidence"),
            )
        )
    return wrap(*parts)


def body_html(body: Body, lang: str = "en") -> str:
    """A deciding body: seat, chair, policy, and every membership with its dates.

    ``lang="ru"`` writes the headers, the policy and the dates in Russian; the body's name,
    seat and chair, which the data gives in English only, are shown as recorded and marked.
    """
    if language(lang) == "ru":
        return _body_html_ru(body)
    observers = ", ".join(esc(code) for code, _ in body.observer_ids) or "none"
    summary = table(
        f"Body: {body.name_en} ({body.id})",
        (
            row("seat", f"{esc(body.seat)} ({esc(body.zone_key)})"),
            row("chair", f"{esc(body.chair_title)} (<code>{esc(body.chair)}</code>)"),
            row("silence policy", esc(body.policy.name)),
            *([row("organ of", esc(body.organ_of))] if body.organ_of else []),
            row(f"observers ({len(body.observer_ids)})", observers),
            row("document symbols", esc(", ".join(body.symbol_examples)) or "none"),
        ),
    )
    members = table(
        f"Memberships ({len(body.memberships)})",
        (
            f"<tr><td>{codes([m.code])}</td><td>{esc(m.name_en)}</td>"
            f"<td>{_admission(m.joined)}</td>"
            f"<td>{_admission(m.until) if m.until is not None else ''}</td></tr>"
            for m in body.memberships
        ),
        ("code", "name", "joined", "left"),
    )
    return wrap(summary, members)


def _observer_ru(code: str) -> str:
    """An observer's code, with its Russian name where a source gives one (else said so)."""
    try:
        name = observer(code).name.ru
    except CbmError:
        return esc(code)
    return f"{esc(code)} ({esc(name) if name else 'русское название в источниках не найдено'})"


def _body_html_ru(body: Body) -> str:
    observers = ", ".join(_observer_ru(code) for code, _ in body.observer_ids) or "нет"
    summary = table(
        f"Орган: {body.id}",
        (
            row("название", _marked(body.name_en)),
            row("место пребывания", f"{_marked(body.seat)} (<code>{esc(body.zone_key)}</code>)"),
            row("председатель", f"{_marked(body.chair_title)} (<code>{esc(body.chair)}</code>)"),
            row("процедура умолчания", esc(policy_name_ru(body.policy))),
            *([row("орган", f"<code>{esc(body.organ_of)}</code>")] if body.organ_of else []),
            row(f"наблюдатели ({len(body.observer_ids)})", observers),
            row("условные обозначения документов", esc(", ".join(body.symbol_examples)) or "нет"),
        ),
    )
    members = table(
        f"Членство ({len(body.memberships)})",
        (
            f"<tr><td>{codes([m.code], 'ru')}</td><td>{_member_name_ru(m.code, m.name_en)}</td>"
            f"<td>{_admission_ru(m.joined)}</td>"
            f"<td>{_admission_ru(m.until) if m.until is not None else ''}</td></tr>"
            for m in body.memberships
        ),
        ("код", "название", "вступление", "выход"),
    )
    return wrap(summary, members)


# --- documents -------------------------------------------------------------------------------


def note_html(note: Note, lang: str = "en") -> str:
    """A Note Verbale: number, date, sender and addressees, references, enclosures, notice.

    ``lang="ru"`` writes it in Russian, with the note's Russian texts where the data has them.
    """
    if language(lang) == "ru":
        return _note_html_ru(note)
    references = "; ".join(f"Note {esc(r.number)} of {esc(r.date)}" for r in note.references)
    enclosures = "; ".join(
        esc(e.description.en) + (f" ({e.pages} pages)" if e.pages is not None else "")
        for e in note.enclosures
    )
    rows = [
        row("date", esc(note.date)),
        row("place", _languages(note.place)),
        row("from", _languages(note.sender)),
        row("to", _languages(note.addressees)),
        row("references", references or "none"),
        row("enclosures", enclosures or "none"),
        row("languages", esc(", ".join(language.value for language in note.languages))),
    ]
    notice = note.notice
    if notice is not None:
        rows.append(row("notice", words(notice.kind)))
        rows.append(row("priority area", f"<code>{esc(notice.priority_area)}</code>"))
        for header, code in (
            ("coordinator", notice.coordinator),
            ("requested by", notice.requested_by),
            ("objector", notice.objector),
        ):
            if code is not None:
                rows.append(row(header, codes([code])))
        if notice.deadline is not None:
            rows.append(row("deadline", f"no later than {esc(notice.deadline)}"))
    return wrap(table(f"Note {note.number}", rows))


def _note_html_ru(note: Note) -> str:
    references = "; ".join(
        f"нота {esc(r.number)} от {esc(long_date_ru(r.date))}" for r in note.references
    )
    enclosures = "; ".join(
        esc(text_ru(e.description)) + (f" (на {e.pages} л.)" if e.pages is not None else "")
        for e in note.enclosures
    )
    rows = [
        row("дата", esc(long_date_ru(note.date))),
        row("место", esc(text_ru(note.place))),
        row("от кого", esc(text_ru(note.sender))),
        row("кому", esc(text_ru(note.addressees))),
        row("ссылки", references or "нет"),
        row("приложения", enclosures or "нет"),
        row("языки", esc(", ".join(language.value for language in note.languages))),
    ]
    notice = note.notice
    if notice is not None:
        rows.append(row("уведомление", words(notice.kind, "ru")))
        rows.append(row("приоритетная сфера", f"<code>{esc(notice.priority_area)}</code>"))
        for header, code in (
            ("координатор", notice.coordinator),
            ("по обращению", notice.requested_by),
            ("возражение", notice.objector),
        ):
            if code is not None:
                rows.append(row(header, codes([code], "ru")))
        if notice.deadline is not None:
            rows.append(row("срок", f"не позднее {esc(long_date_ru(notice.deadline))}"))
    return wrap(table(f"Нота {note.number}", rows))


def draft_html(draft: Draft | Paper, lang: str = "en") -> str:
    """A draft: the CICA draft with its area, coordinator and plan, or any other paper.

    ``lang="ru"`` writes the headers and statuses in Russian, the titles from the data's
    Russian where it has them.
    """
    from ..core.drafts import Paper

    if language(lang) == "ru":
        return _draft_html_ru(draft)

    if isinstance(draft, Paper):
        paper = (
            row("kind", words(draft.kind)),
            row("symbol", esc(draft.symbol) if draft.symbol else "none"),
        )
        return wrap(table(f"Paper: {draft.title}", paper))
    plan = draft.action_plan
    counts = Counter(readable(item.status) for item in plan.items)
    statuses = ", ".join(f"{n} {esc(status)}" for status, n in sorted(counts.items()))
    rows = (
        row("title", _languages(draft.title)),
        row("priority area", f"{esc(draft.priority_area.name.en)}"),
        row("coordinator", codes([draft.coordinator.code])),
        row("concept paper", esc(draft.concept_paper.title)),
        row("action plan", f"{esc(plan.title)} ({len(plan.items)} items: {statuses})"),
    )
    return wrap(table(f"Draft: {draft.title.en}", rows))


def _draft_html_ru(draft: Draft | Paper) -> str:
    from ..core.drafts import Paper
    from .wording_ru import readable_ru

    if isinstance(draft, Paper):
        paper = (
            row("вид документа", words(draft.kind, "ru")),
            row("условное обозначение", esc(draft.symbol) if draft.symbol else "нет"),
        )
        return wrap(table(f"Документ: {draft.title}", paper))
    plan = draft.action_plan
    counts = Counter(readable_ru(item.status) for item in plan.items)
    statuses = ", ".join(f"{esc(status)}: {n}" for status, n in sorted(counts.items()))
    rows = (
        row("название", _languages(draft.title)),
        row("приоритетная сфера", esc(text_ru(draft.priority_area.name))),
        row("координатор", codes([draft.coordinator.code], "ru")),
        row("концепция", _marked(draft.concept_paper.title)),
        row("план действий", f"{_marked(plan.title)} (пунктов: {len(plan.items)}; {statuses})"),
    )
    return wrap(table(f"Проект: {text_ru(draft.title)}", rows))


# --- the plan's follow-up --------------------------------------------------------------------


def implementation_html(implementation: Implementation, lang: str = "en") -> str:
    """The Action Plan as implemented: each item's status now, then every change in order.

    ``lang="ru"``: in Russian (:func:`~cica_cbm.views.html_ru.implementation_html_ru`).
    """
    if language(lang) == "ru":
        from .html_ru import implementation_html_ru

        return implementation_html_ru(implementation)
    plan = implementation.plan
    counts = Counter(readable(item.status) for item in plan.items)
    statuses = ", ".join(f"{n} {esc(status)}" for status, n in sorted(counts.items()))
    items = table(
        f"Implementation: {plan.title} ({statuses})",
        (
            f"<tr><td>{esc(item.id)}</td><td>{words(item.kind)}</td>"
            f'<td><span class="status {esc(item.status.value)}">{words(item.status)}</span></td>'
            f"<td>{esc(item.text)}</td></tr>"
            for item in plan.items
        ),
        ("item", "kind", "status", "text"),
    )
    changes = []
    for number, change in enumerate(implementation.history, start=1):
        before = words(change.before) if change.before is not None else "new"
        why = []
        if change.approval is not None:
            why.append(
                f"by {words(change.approval.basis)} {esc(change.approval.reference)}, "
                f"decided {both(change.approval.decided_at)}"
            )
        if change.reason:
            why.append(esc(change.reason))
        changes.append(
            f"<tr><td>{number}</td><td>{both(change.at)}</td><td>{esc(change.item)}</td>"
            f"<td>{before} \u2192 {words(change.after)}</td><td>{'; '.join(why)}</td></tr>"
        )
    history = table(
        f"History ({len(changes)} changes)",
        changes or ['<tr><td colspan="5">no change recorded</td></tr>'],
        ("#", "when", "item", "change", "approval or reason"),
    )
    return wrap(items, history)


def review_schedule_html(schedule: ReviewSchedule, lang: str = "en") -> str:
    """The yearly reviews: when the plan took effect, each year and whether each body reviewed.

    ``lang="ru"``: in Russian (:func:`~cica_cbm.views.html_ru.review_schedule_html_ru`).

    The years shown run to the one after the latest review recorded: the table reads no clock.
    """
    from ..core.reviews import ReviewBody

    if language(lang) == "ru":
        from .html_ru import review_schedule_html_ru

        return review_schedule_html_ru(schedule)
    last = max((schedule.year_of(r.held_on) for r in schedule.reviews), default=0)
    years = []
    for k in range(1, last + 2):
        opens, due = schedule.year(k)
        held = ["held" if schedule.held(body, k) else "not recorded" for body in ReviewBody]
        years.append(
            f"<tr><td>{k}</td><td>{esc(opens)}</td><td>{esc(due)}</td>"
            + "".join(f"<td>{esc(h)}</td>" for h in held)
            + "</tr>"
        )
    head = ("year", "opens", "due by", *(readable(body).upper() for body in ReviewBody))
    held_rows = [
        f"<tr><td>{esc(readable(r.body).upper())}</td><td>{esc(r.held_on)}</td></tr>"
        for r in schedule.reviews
    ]
    return wrap(
        table(f"Review schedule: in effect from {schedule.starts}", years, head),
        table(
            f"Reviews held ({len(held_rows)})",
            held_rows or ['<tr><td colspan="2">none recorded</td></tr>'],
            ("body", "held on"),
        ),
    )
