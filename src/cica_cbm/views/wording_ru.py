"""Words for the Russian tables: statuses, kinds, events, effects, deadlines and clauses.

The HTML tables (:mod:`cica_cbm.views.html`) take ``lang="ru"``; every word they write then
comes from here, in the register of the Russian text of Note NCT/G/1501 ("проект выставляется
на процедуру умолчания", "не позднее 11 января 2024 года", "считается одобренным"). Days and
instants are those of the Russian findings, from
:func:`~cica_cbm.core.silence.findings_ru.long_date_ru` and
:func:`~cica_cbm.core.silence.findings_ru.describe_instant_ru`, so a table and
``Outcome.explain(lang="ru")`` word the same instant alike.

What the library has no Russian for (a user's own text, a policy or rule of the user's own, a
title no source gives in Russian) is shown as recorded and marked, never silently left in
English:

>>> from cica_cbm.core.silence import Status
>>> readable_ru(Status.SILENCE_BROKEN), readable_ru("join_with_statement")
('процедура умолчания прервана', 'присоединяется к консенсусу с заявлением')
>>> clause_ru("Note NCT/G/1501 para 3")
'Нота NCT/G/1501, пункт 3'
"""

# Cyrillic letters are this module's subject, not look-alikes of Latin ones
# ruff: noqa: RUF001, RUF002

from __future__ import annotations

import re
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING

from ..core.clock import ASTANA_ZONE_KEY
from ..core.silence import (
    DeadlineBroughtForward,
    DeadlineExtended,
    ProcedureOpened,
    ProcedureWithdrawn,
)
from ..core.silence.findings_ru import SILENCE_RULES_RU, describe_instant_ru, long_date_ru
from ..core.text import LocalizedText
from .wording import EventWords

if TYPE_CHECKING:
    from ..core.silence import Deadline, Event, SilenceContext, SilencePolicy

__all__ = [
    "MISSING_RU",
    "clause_ru",
    "deadline_ru",
    "effect_ru",
    "event_words_ru",
    "instant_ru",
    "policy_name_ru",
    "readable_ru",
    "text_ru",
]

MISSING_RU = "нет русского текста"
"""The mark beside a text shown as recorded because the library has no Russian for it."""

_WORDS: dict[str, str] = {
    # the outcome of a silence procedure (Status)
    "pending": "процедура продолжается",
    "approved": "проект одобрен",
    "silence_broken": "процедура умолчания прервана",
    "withdrawn": "проект отозван",
    # what a party submits (SubmissionKind)
    "comment": "замечание",
    "amendment": "поправка",
    "objection": "возражение",
    # a position in a consensus (Position)
    "support": "поддерживает",
    "no_objection": "не возражает",
    "abstain": "воздерживается",
    "join_with_statement": "присоединяется к консенсусу с заявлением",
    "object": "возражает",
    # the items of an Action Plan (ItemKind, ItemStatus)
    "lead_measure": "основная мера",
    "further_step": "дальнейший шаг",
    "new_cbm": "новая мера доверия",
    "proposed": "предложено",
    "in_progress": "выполняется",
    "implemented": "выполнено",
    "dropped": "исключено",
    # the kinds of paper (PaperKind)
    "draft_resolution": "проект резолюции",
    "draft_decision": "проект решения",
    "draft_declaration": "проект декларации",
    "draft_statement": "проект заявления",
    "other": "иной документ",
    # how deadlines are given (DeadlineForm), and confidence (Confidence)
    "date": "дата",
    "instant": "точное время",
    "either": "дата или точное время",
    # how precisely a source dates an admission (Precision)
    "day": "день",
    "year": "год",
    "range": "диапазон дат",
    # the notices a note carries (NoticeKind; "silence_broken" as for the status)
    "placement": "выставление проекта на процедуру умолчания",
    "extension": "продление срока",
    "approval": "одобрение проекта",
    "high": "высокая",
    "medium": "средняя",
    "unconfirmed": "не подтверждено",
}
"""Each enum member's value (or name, in lower case) in Russian."""

_ITEM_APPROVED = "одобрено"  # an Action Plan item, not a draft


def readable_ru(value: object) -> str:
    """An enum member or a code in Russian words: ``"процедура умолчания прервана"``.

    The twin of :func:`~cica_cbm.views.wording.readable`. A value the library has no Russian
    for is shown as its words, marked: ``"foo bar (нет русского текста)"``.
    """
    keys = [str(value)]
    if isinstance(value, Enum):
        keys = [str(value.value).lower(), value.name.lower()]
        if type(value).__name__ == "ItemStatus" and value.name == "APPROVED":
            return _ITEM_APPROVED
    for key in keys:
        if key in _WORDS:
            return _WORDS[key]
    return f"{keys[-1].replace('_', ' ')} ({MISSING_RU})"


def text_ru(text: LocalizedText) -> str:
    """The Russian of ``text`` where a source gives it, else the English, marked."""
    return text.ru if text.ru else f"{text.en} ({MISSING_RU})"


def instant_ru(instant: datetime, zone_key: str = ASTANA_ZONE_KEY) -> str:
    """An instant as the Russian findings word it: wall time and day at the seat, then UTC.

    >>> from cica_cbm.core.clock import UTC
    >>> instant_ru(datetime(2024, 1, 11, 18, 0, tzinfo=UTC))
    '00:00 12 января 2024 года по времени Астаны (18:00 11 января 2024 года UTC)'
    """
    return describe_instant_ru(instant, zone_key)


def deadline_ru(deadline: Deadline) -> str:
    """When submissions are due, as the note says it: "не позднее 11 января 2024 года"."""
    if deadline.known_to_day and deadline.stated is not None:
        return f"{long_date_ru(deadline.stated)} (час в материалах не указан)"
    if deadline.stated is not None:
        return f"не позднее {long_date_ru(deadline.stated)}"
    return f"до {describe_instant_ru(deadline.instant, deadline.zone)}"


_POLICIES = {
    "CICA practice": "практика СВМДА",
    "CICA strict": "строгий порядок СВМДА",
    "OSCE": "правила ОБСЕ",
    "UN General Assembly": "правила Генеральной Ассамблеи ООН",
    "EU Council": "правила Совета ЕС",
    "NATO": "практика НАТО",
}


def policy_name_ru(policy: SilencePolicy) -> str:
    """A shipped policy named in Russian ("практика СВМДА"); the user's own in quotation marks."""
    from ..core.silence import POLICIES

    if POLICIES.get(policy.name) == policy:
        return _POLICIES[policy.name]
    return f"«{policy.name}»"


_CLAUSES = {
    "OSCE Rules of Procedure (2006), Annex 1(A)": "Правила процедуры ОБСЕ (2006), приложение 1(A)",
    "UN General Assembly decision 74/544": "решение 74/544 Генеральной Ассамблеи ООН",
    "Council of the EU Rules of Procedure, Art. 12(2)": (
        "Правила процедуры Совета ЕС, статья 12(2)"
    ),
    "NATO practice (silence procedure set by the Secretary General)": (
        "практика НАТО (процедуру умолчания объявляет Генеральный секретарь)"
    ),
    "policy set when the procedure was opened: any comment breaks the silence "
    "(not CICA practice as in Note NCT/G/1501)": (
        "порядок, установленный при объявлении процедуры: любое замечание прерывает процедуру "
        "умолчания (не практика СВМДА, как в ноте NCT/G/1501)"
    ),
}
_RU_CLAUSE = {rule.id: rule.clause for rule in SILENCE_RULES_RU}
_PRACTICE = "общая практика консенсуса (Управление по правовым вопросам ООН, 2005 год; ОБСЕ)"
_CONSENSUS_CLAUSES = {
    "Rules of Procedure Art. 1 (quorum of two thirds)": (
        "Правила процедуры, статья 1 (кворум — две трети)"
    ),
    "Concept Paper III.1; Rules of Procedure Art. 1": (
        "Концепция, раздел III.1; Правила процедуры, статья 1"
    ),
    "general consensus practice (UN Office of Legal Affairs, 2005; OSCE)": _PRACTICE,
    "general consensus practice (UN Office of Legal Affairs, 2005; OSCE): interpretative "
    "statements and reservations": f"{_PRACTICE}: заявления о толковании и оговорки",
}
"""The clauses of the consensus rules (:data:`~cica_cbm.core.consensus.CONSENSUS_RULES`)."""
_NOTE_PARA = re.compile(r"Note (\S+) para (\d+)")
_NO_NOTE = " (a silence set without a note)"


def clause_ru(clause: str, rule: str | None = None) -> str:
    """The clause a finding cites, in Russian.

    The note's paragraphs ("Note NCT/G/1501 para 3") and the shipped policies' clauses have
    their Russian; a clause of the library's model takes the Russian twin's (``rule`` names the
    rule), and so do the consensus rules'. A clause of the user's own is shown as recorded,
    marked: ``"my clause (нет русского текста)"``.
    """
    twin = _RU_CLAUSE.get(rule or "")
    if twin is not None and "{note}" not in twin:
        return twin
    match = _NOTE_PARA.fullmatch(clause)
    if match is not None:
        return f"Нота {match.group(1)}, пункт {match.group(2)}"
    if clause in _CLAUSES:
        return _CLAUSES[clause]
    if clause in _CONSENSUS_CLAUSES:
        return _CONSENSUS_CLAUSES[clause]
    if clause.endswith(_NO_NOTE):
        name = clause.removesuffix(_NO_NOTE)
        named = _POLICIES.get(name, f"«{name}»")
        return f"{named} (процедура умолчания объявлена без ноты)"
    return f"{clause} ({MISSING_RU})"


def event_words_ru(event: Event) -> EventWords:
    """``event`` in Russian words, as the table of a procedure's events lists it.

    >>> import cica_cbm as cbm
    >>> event_words_ru(cbm.samples.nct_g_1501().opening).details
    'Нота NCT/G/1501; не позднее 11 января 2024 года'
    """
    if isinstance(event, ProcedureOpened):
        source = f"Нота {event.note.number}" if event.note is not None else "без ноты"
        return EventWords(
            "проект выставлен на процедуру умолчания",
            None,
            f"{source}; {deadline_ru(event.deadline)}",
        )
    number = getattr(event, "note", None)
    note = f" нотой {number}" if number is not None else ""
    if isinstance(event, DeadlineExtended):
        return EventWords("срок продлен", None, f"до: {deadline_ru(event.to)}{note}")
    if isinstance(event, DeadlineBroughtForward):
        return EventWords(
            "срок перенесен на более раннюю дату", None, f"на: {deadline_ru(event.to)}{note}"
        )
    if isinstance(event, ProcedureWithdrawn):
        reason = " ".join(event.reason.split())
        why = f"причина: «{reason}»" if reason else "причина не указана"
        return EventWords("проект отозван", None, f"{why}{note}")
    return EventWords(readable_ru(event.kind), event.by, event.text)


_EFFECTS = {
    "opened": "открывает процедуру",
    "in time": "в срок",
    "breaks the silence": "прерывает процедуру умолчания",
    "withdraws": "отзывает проект",
    "extends the deadline": "продлевает срок",
    "late: no effect": "вне срока: без последствий",
    "no effect": "без последствий",
    "after the instant shown": "после показанного момента",
}


def effect_ru(event: Event, ctx: SilenceContext) -> str:
    """What ``event`` did to the procedure, in Russian: the twin of ``ctx.effect(event)``."""
    said = ctx.effect(event)
    if said == "extends the deadline" and isinstance(event, DeadlineBroughtForward):
        return "переносит срок на более раннюю дату"
    return _EFFECTS.get(said, f"{said} ({MISSING_RU})")
