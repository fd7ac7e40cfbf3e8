"""The catalogue and the plan's follow-up as HTML tables in Russian.

:func:`~cica_cbm.views.html_data.catalogue_html`,
:func:`~cica_cbm.views.html_data.implementation_html` and
:func:`~cica_cbm.views.html_data.review_schedule_html` take ``lang="ru"`` and come here: the
same tables, with Russian headers, statuses, bases and days ("11 января 2024 года"). Names the
data gives in Russian are shown in Russian; what it gives in English only (most priority
areas, the plan's own text, a change's reason) is shown as recorded and marked
"нет русского текста", never silently left in English.

>>> import cica_cbm as cbm
>>> "Каталог мер доверия" in catalogue_html_ru(cbm.catalogue())
True
"""

# Cyrillic letters are this module's subject, not look-alikes of Latin ones
# ruff: noqa: RUF001

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..core.silence.findings_ru import long_date_ru
from ._html import both, codes, esc, row, table, words, wrap
from .wording_ru import MISSING_RU, readable_ru, text_ru

if TYPE_CHECKING:
    from ..core.catalogue import Catalogue
    from ..core.implementation import Implementation
    from ..core.reviews import ReviewSchedule

__all__ = ["catalogue_html_ru", "implementation_html_ru", "review_schedule_html_ru"]


def _marked(text: str) -> str:
    return f"{esc(text)} <em>({esc(MISSING_RU)})</em>"


def catalogue_html_ru(catalogue: Catalogue) -> str:
    """The Catalogue of CBMs in Russian: its dates, each dimension's areas and coordinators."""
    summary = table(
        "Каталог мер доверия СВМДА",
        (
            row("название в данных", _marked(catalogue.title)),
            row("код", f"<code>{esc(catalogue.id)}</code>"),
            row("впервые принят", esc(long_date_ru(catalogue.first_adopted))),
            row(
                "обновлен",
                f"{esc(long_date_ru(catalogue.updated))}: {_marked(catalogue.updated_by)}",
            ),
            *(
                [row("расхождение в источниках", _marked(catalogue.discrepancy))]
                if catalogue.discrepancy
                else []
            ),
        ),
    )
    parts = [summary]
    for dimension in catalogue.dimensions:
        rows = [
            f"<tr><td><code>{esc(area.id)}</code></td><td>{esc(text_ru(area.name))}</td>"
            f"<td>{codes([area.coordinator], 'ru') if area.coordinator else 'не известен'}</td>"
            f"<td>{codes(area.co_coordinators or (), 'ru')}</td>"
            f"<td>{words(area.confidence, 'ru')}</td></tr>"
            for area in catalogue.in_dimension(dimension.id)
        ]
        parts.append(
            table(
                f"Измерение: {text_ru(dimension.name)}",
                rows,
                ("код", "приоритетная сфера", "координатор", "сокоординаторы", "достоверность"),
            )
        )
    return wrap(*parts)


_BASES = {
    "consensus": "решением на основе консенсуса",
    "silence_procedure": "по процедуре умолчания",
}


def implementation_html_ru(implementation: Implementation) -> str:
    """The Action Plan as implemented, in Russian: each item's status, then every change."""
    plan = implementation.plan
    counts = Counter(readable_ru(item.status) for item in plan.items)
    statuses = ", ".join(f"{esc(status)}: {n}" for status, n in sorted(counts.items()))
    items = table(
        f"Выполнение плана действий ({statuses})",
        (
            f"<tr><td>{esc(item.id)}</td><td>{words(item.kind, 'ru')}</td>"
            f'<td><span class="status {esc(item.status.value)}">'
            f"{words(item.status, 'ru')}</span></td>"
            f"<td>{_marked(item.text)}</td></tr>"
            for item in plan.items
        ),
        ("пункт", "вид", "статус", "текст"),
    )
    changes = []
    for number, change in enumerate(implementation.history, start=1):
        before = words(change.before, "ru") if change.before is not None else "новый пункт"
        why = []
        if change.approval is not None:
            basis = _BASES.get(change.approval.basis.value, words(change.approval.basis, "ru"))
            why.append(
                f"{esc(basis)} ({esc(change.approval.reference)}), "
                f"решение принято {both(change.approval.decided_at, 'ru')}"
            )
        if change.reason:
            why.append(f"«{esc(change.reason)}»")
        changes.append(
            f"<tr><td>{number}</td><td>{both(change.at, 'ru')}</td><td>{esc(change.item)}</td>"
            f"<td>{before} \u2192 {words(change.after, 'ru')}</td><td>{'; '.join(why)}</td></tr>"
        )
    history = table(
        f"Изменения (всего: {len(changes)})",
        changes or ['<tr><td colspan="5">изменений нет</td></tr>'],
        ("№", "когда", "пункт", "изменение", "одобрение или причина"),
    )
    return wrap(items, history)


def review_schedule_html_ru(schedule: ReviewSchedule) -> str:
    """The yearly reviews in Russian: each year and whether each body reviewed the plan.

    The years shown run to the one after the latest review recorded: the table reads no clock.
    """
    from ..core.reviews import ReviewBody

    last = max((schedule.year_of(r.held_on) for r in schedule.reviews), default=0)
    years = []
    for k in range(1, last + 2):
        opens, due = schedule.year(k)
        held = ["проведен" if schedule.held(body, k) else "не отмечен" for body in ReviewBody]
        years.append(
            f"<tr><td>{k}</td><td>{esc(long_date_ru(opens))}</td><td>{esc(long_date_ru(due))}</td>"
            + "".join(f"<td>{esc(h)}</td>" for h in held)
            + "</tr>"
        )
    head = ("год", "начало", "срок", *(body.value.upper() for body in ReviewBody))
    held_rows = [
        f"<tr><td><code>{esc(r.body.value.upper())}</code></td>"
        f"<td>{esc(long_date_ru(r.held_on))}</td></tr>"
        for r in schedule.reviews
    ]
    return wrap(
        table(f"Ежегодные обзоры: план действует с {long_date_ru(schedule.starts)}", years, head),
        table(
            f"Проведенные обзоры (всего: {len(held_rows)})",
            held_rows or ['<tr><td colspan="2">не отмечены</td></tr>'],
            ("орган", "дата"),
        ),
    )
