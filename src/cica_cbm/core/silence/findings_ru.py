"""The silence rules in Russian: the same findings as :mod:`.findings`, in the seed's register.

Each rule of :data:`~cica_cbm.core.silence.findings.SILENCE_RULES` has its Russian twin here,
under the same id and yielding as many sentences from the same :class:`SilenceContext`. The
words are those of the Russian text of Note NCT/G/1501: the draft ("проект") is placed under
the silence procedure ("выставляется на процедуру умолчания"), comments are sent "не позднее
11 января 2024 года", and with no objection "до указанной даты" the draft is "considered
approved" ("считается одобренным"); a broken silence is worded as the library's Russian notes
word it ("процедура умолчания прервана").

Dates are written as the Russian notes write them ("11 января 2024 года", CLDR's genitive
month names shipped in ``data/templates/months.json``); an instant is its wall time, date and
place, then UTC: "00:00 12 января 2024 года по времени Астаны (18:00 11 января 2024 года UTC)".
Party codes stay codes, as in English, after "государство-член" (the requesting state is also
named, in Russian, from the shipped names). Shipped policies are named in Russian; a policy of
the user's own keeps its name, in quotation marks. A withdrawal's reason is quoted as recorded
(on one line), since the library has no Russian for a user's own text.

The module is pure: its only input is the context, and the month names it reads once.
"""

# Cyrillic letters are this module's subject, not look-alikes of Latin ones
# ruff: noqa: RUF001, RUF002

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from typing import Any

from .._data import load
from ..clock import ASTANA_ZONE_KEY, UTC, zone
from ..errors import CbmError
from ..rules import Finding, Rule, RuleSet
from ..states import member_state
from .deadlines import Deadline
from .events import (
    SUBMISSION_TYPES,
    DeadlineExtended,
    ProcedureOpened,
    ProcedureWithdrawn,
    Submission,
)
from .fold import SilenceContext, Status
from .policies import POLICIES, SilencePolicy, SubmissionKind

__all__ = ["SILENCE_RULES_RU", "describe_instant_ru", "long_date_ru", "messages_ru"]


# -- dates and instants -------------------------------------------------------------------------


@functools.cache
def _months() -> tuple[str, ...]:
    """CLDR's Russian month names in the genitive ("января"), January first."""
    return load("templates/months.json")["months"]["ru"].strs()


def long_date_ru(day: date) -> str:
    """A day as the Russian notes write it after "от" or "не позднее": "11 января 2024 года".

    >>> long_date_ru(date(2024, 1, 11))
    '11 января 2024 года'
    """
    return f"{day.day} {_months()[day.month - 1]} {day.year} года"


_PLACES = {
    ASTANA_ZONE_KEY: "Астаны",
    "America/New_York": "Нью-Йорка",
    "Europe/Vienna": "Вены",
    "Europe/Brussels": "Брюсселя",
}
"""The seats of the shipped bodies, in the genitive after "по времени"."""


def _wall(moment: datetime) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d} {long_date_ru(moment.date())}"


def describe_instant_ru(instant: datetime, zone_key: str = ASTANA_ZONE_KEY) -> str:
    """An instant in the body's zone, then in UTC, as the Russian findings word it.

    >>> describe_instant_ru(datetime(2024, 1, 11, 18, 0, tzinfo=UTC))
    '00:00 12 января 2024 года по времени Астаны (18:00 11 января 2024 года UTC)'
    """
    place = _PLACES.get(zone_key)
    local = f"по времени {place}" if place is not None else f"по времени зоны {zone_key}"
    return (
        f"{_wall(instant.astimezone(zone(zone_key)))} {local} "
        f"({_wall(instant.astimezone(UTC))} UTC)"
    )


def _at(ctx: SilenceContext, instant: datetime) -> str:
    return describe_instant_ru(instant, ctx.deadline.zone)


def _by(deadline: Deadline) -> str:
    """The deadline after "до" or "с": "11 января 2024 года" or the exact instant."""
    if deadline.stated is not None:
        return long_date_ru(deadline.stated)
    return describe_instant_ru(deadline.instant, deadline.zone)


def _describe(deadline: Deadline) -> str:
    """When submissions are due: "не позднее 11 января 2024 года" or "до" the exact instant."""
    if deadline.stated is not None:
        return f"не позднее {long_date_ru(deadline.stated)}"
    return f"до {describe_instant_ru(deadline.instant, deadline.zone)}"


# -- who and what -------------------------------------------------------------------------------

_PARTY = {"nom": "государство-член", "gen": "государства-члена", "ins": "государством-членом"}


def _party(code: str, case: str = "nom") -> str:
    """A party by its code, as the English names it: "государство-член IND"."""
    return f"{_PARTY[case]} {code}"


def _named(code: str) -> str:
    """A party's code with its shipped Russian name, where it is a Member State: "TUR (Турция)"."""
    try:
        name = member_state(code).name.ru
    except CbmError:
        return code
    return code if not name else f"{code} ({name})"


def _parties(count: int) -> str:
    """By whom the draft is to be approved: "28 государствами-членами", agreeing with 28."""
    one = count % 10 == 1 and count % 100 != 11
    return f"{count} {'государством-членом' if one else 'государствами-членами'}"


# the submission in the nominative, its gender's past ending and pronoun, and what the party did
_KIND: dict[SubmissionKind, tuple[str, str, str, str]] = {
    SubmissionKind.COMMENT: ("замечание", "о", "оно", "представило замечание"),
    SubmissionKind.AMENDMENT: ("поправка", "а", "она", "предложило поправку"),
    SubmissionKind.OBJECTION: ("возражение", "о", "оно", "выдвинуло возражение"),
}

_POLICIES_RU = {
    "CICA practice": "согласно практике СВМДА",
    "CICA strict": "согласно строгому порядку СВМДА",
    "OSCE": "согласно правилам ОБСЕ",
    "UN General Assembly": "согласно правилам Генеральной Ассамблеи ООН",
    "EU Council": "согласно правилам Совета ЕС",
    "NATO": "согласно практике НАТО",
}


def _under(policy: SilencePolicy) -> str:
    """Under the policy: a shipped one named in Russian, the user's own by its name."""
    if POLICIES.get(policy.name) == policy:
        return _POLICIES_RU[policy.name]
    return f"согласно порядку «{policy.name}»"


def _source(opening: ProcedureOpened) -> str:
    """What opened it: "Нота NCT/G/1501", or the silence set without a note."""
    if opening.note is not None:
        return f"Нота {opening.note.number}"
    day = opening.at.astimezone(zone(opening.deadline.zone)).date()
    return f"Процедура умолчания, объявленная {long_date_ru(day)}"


def _by_note(number: object) -> str:
    return f" нотой {number}" if number else ""


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# -- the rules ----------------------------------------------------------------------------------


def _r_opened(ctx: SilenceContext) -> Iterator[str]:
    o = ctx.opening
    head = f"{_source(o)} от {long_date_ru(o.note.date)}:" if o.note else long_date_ru(o.day)
    requested = ""
    if o.requested_by:
        requested = f" по обращению {_party(_named(o.requested_by), 'gen')}"
    yield (
        f"{head} проект выставлен на процедуру умолчания{requested} с целью его "
        f"одобрения {_parties(len(o.parties))}; замечания и возражения направляются "
        f"{_describe(o.deadline)} (процедура умолчания завершается в "
        f"{_at(ctx, o.deadline.instant)})."
    )


def _r_extended(ctx: SilenceContext) -> Iterator[str]:
    for event, before in ctx.extensions:
        note = _by_note(event.note)
        if isinstance(event, DeadlineExtended):
            change = f"продлен{note} с {_by(before)} до {_by(event.to)}"
        else:
            change = f"перенесен на более раннюю дату{note}: с {_by(before)} на {_by(event.to)}"
        yield f"В {_at(ctx, event.at)} срок представления замечаний и предложений {change}."


def _r_comments(ctx: SilenceContext) -> Iterator[str]:
    policy = ctx.opening.policy
    for event in ctx.in_time:
        if event.kind not in policy.breaks_silence:
            noun, _, _, sent = _KIND[event.kind]
            yield (
                f"{_cap(_party(event.by))} {sent} в {_at(ctx, event.at)}, в срок; "
                f"{_under(policy)} {noun} не прерывает процедуру умолчания."
            )


def _r_broken(ctx: SilenceContext) -> Iterator[str]:
    event = ctx.decisive
    if ctx.status is Status.SILENCE_BROKEN and isinstance(event, SUBMISSION_TYPES):
        policy = ctx.opening.policy
        noun, _, _, sent = _KIND[event.kind]
        yield (
            f"{_cap(_party(event.by))} {sent} в {_at(ctx, event.at)}, до истечения срока "
            f"({_describe(ctx.deadline)}); {_under(policy)} {noun} прерывает процедуру "
            "умолчания, поэтому проект не считается одобренным в рамках этой процедуры; "
            "дальнейшее рассмотрение проекта возможно в рамках новой процедуры."
        )


def _r_also_objected(ctx: SilenceContext) -> Iterator[str]:
    event = ctx.decisive
    if ctx.status is not Status.SILENCE_BROKEN or not isinstance(event, SUBMISSION_TYPES):
        return
    breaking = ctx.opening.policy.breaks_silence
    for other in ctx.in_time:
        if other.kind in breaking and other is not event and other.at >= event.at:
            yield _also(ctx, other, event)


def _also(ctx: SilenceContext, other: Submission, first: Submission) -> str:
    noun, ending, _, sent = _KIND[other.kind]
    return (
        f"{_cap(_party(other.by))} также {sent} в {_at(ctx, other.at)}, до истечения срока; "
        f"процедура умолчания уже была прервана {_party(first.by, 'ins')}, а {noun} "
        f"{_party(other.by, 'gen')} зарегистрирован{ending} как поступивш{_ADJ[ending]} в срок."
    )


_ADJ = {"о": "ее", "а": "ая"}


def _r_withdrawn(ctx: SilenceContext) -> Iterator[str]:
    event = ctx.decisive
    if ctx.status is Status.WITHDRAWN and isinstance(event, ProcedureWithdrawn):
        reason = " ".join(event.reason.split())
        why = f"причина: «{reason}»" if reason else "причина не указана"
        yield (
            f"Секретариат отозвал проект с процедуры умолчания{_by_note(event.note)} "
            f"в {_at(ctx, event.at)}; {why}."
        )


def _r_approved(ctx: SilenceContext) -> Iterator[str]:
    if ctx.status is Status.APPROVED:
        yield (
            f"{_source(ctx.opening)}: до {_by(ctx.deadline)} возражений не поступило; проект "
            f"считается одобренным в {_at(ctx, ctx.deadline.instant)}."
        )


def _r_pending(ctx: SilenceContext) -> Iterator[str]:
    opening = ctx.opening
    if ctx.status is Status.PENDING and ctx.at < opening.at:
        source = _source(opening)
        source = source[:1].lower() + source[1:]  # after a colon
        opens = f"{source} открывает процедуру" if opening.note else f"{source}, открывается"
        yield (
            f"По состоянию на {_at(ctx, ctx.at)} процедура еще не открыта: {opens} "
            f"в {_at(ctx, opening.at)}."
        )
    elif ctx.status is Status.PENDING:
        yield (
            f"По состоянию на {_at(ctx, ctx.at)} процедура продолжается: возражений пока не "
            f"поступило; процедура умолчания завершается в {_at(ctx, ctx.deadline.instant)} "
            f"({_describe(ctx.deadline)})."
        )


_CLOSED = {
    Status.APPROVED: "проект одобрен",
    Status.SILENCE_BROKEN: "процедура умолчания прервана",
    Status.WITHDRAWN: "проект отозван",
    Status.PENDING: "процедура продолжается",  # never: a late submission follows a decision
}


def _r_late(ctx: SilenceContext) -> Iterator[str]:
    for item in ctx.late:
        event = item.event
        noun, ending, pronoun, _ = _KIND[event.kind]
        yield (
            f"Вне срока: {noun} {_party(event.by, 'gen')} поступил{ending} в "
            f"{_at(ctx, event.at)}, после того как по процедуре было принято решение "
            f"({_CLOSED[item.closed_as]} в {_at(ctx, item.closed_at)}); {pronoun} сохраняется "
            "в материалах процедуры и ничего не меняет."
        )


def _r_without_effect(ctx: SilenceContext) -> Iterator[str]:
    for event in ctx.without_effect:
        if isinstance(event, ProcedureWithdrawn):
            what = "Отзыв проекта"
        elif isinstance(event, DeadlineExtended):
            what = "Продление срока"
        else:
            what = "Перенос срока на более раннюю дату"
        yield (
            f"{what} в {_at(ctx, event.at)} не имеет последствий: решение по процедуре уже было "
            "принято или новый срок не позднее прежнего; это действие сохраняется в материалах "
            "процедуры."
        )


def _cited(
    rule_id: str, check: Any, summary: str, *, decisive: bool = False, para: str = "3"
) -> Rule[SilenceContext]:
    return Rule(rule_id, f"Нота {{note}}, пункт {para}", check, decisive=decisive, summary=summary)


_MODEL = "модель cica_cbm (письменного правила СВМДА нет): "

SILENCE_RULES_RU: RuleSet[SilenceContext] = RuleSet(
    (
        _cited("SILENCE-OPENED", _r_opened, "Нота выставляет проект на процедуру.", para="2"),
        Rule(
            "SILENCE-EXTENDED",
            _MODEL + "Секретариат может продлить срок, пока процедура продолжается",
            _r_extended,
            summary="Срок переносится только на более позднюю дату, пока процедура продолжается.",
        ),
        _cited("SILENCE-COMMENT", _r_comments, "Замечания и предложения не прерывают процедуру."),
        _cited(
            "SILENCE-BROKEN", _r_broken, "Возражение в срок прерывает процедуру.", decisive=True
        ),
        _cited(
            "SILENCE-ALSO-OBJECTED",
            _r_also_objected,
            "Каждое возражение, поступившее в срок, учитывается, а не только первое.",
        ),
        Rule(
            "SILENCE-WITHDRAWN",
            _MODEL + "Секретариат может отозвать проект, пока процедура продолжается",
            _r_withdrawn,
            decisive=True,
            summary="Секретариат может отозвать проект.",
        ),
        _cited(
            "SILENCE-APPROVED",
            _r_approved,
            "Нет возражений до истечения срока: проект одобрен.",
            decisive=True,
        ),
        _cited("SILENCE-PENDING", _r_pending, "До срока, без возражений: процедура продолжается."),
        _cited("SILENCE-LATE", _r_late, "Поступившее вне срока сохраняется и ничего не меняет."),
        Rule(
            "SILENCE-NO-EFFECT",
            _MODEL + "процедура, по которой принято решение, не возобновляется",
            _r_without_effect,
            summary="Действия по завершенной процедуре ничего не меняют.",
        ),
    )
)
"""The Russian twins of :data:`~cica_cbm.core.silence.findings.SILENCE_RULES`, by rule id."""

_CHECKS: dict[str, Callable[[SilenceContext], Iterable[str]]] = {
    rule.id: rule.check for rule in SILENCE_RULES_RU
}


def messages_ru(findings: Iterable[Finding], ctx: SilenceContext) -> tuple[str, ...]:
    """The findings' sentences in Russian, one for each finding, in their order.

    A finding whose rule has a Russian twin takes the twin's sentence on ``ctx`` (the facts the
    findings were made from); a rule of the user's own, without Russian, keeps its English
    message, and so does any finding beyond the number of sentences the twin yields.
    """
    pending: dict[str, Iterator[str]] = {}
    out: list[str] = []
    for finding in findings:
        check = _CHECKS.get(finding.rule)
        if check is None:
            out.append(finding.message)
            continue
        if finding.rule not in pending:
            pending[finding.rule] = iter(tuple(check(ctx)))
        out.append(next(pending[finding.rule], finding.message))
    return tuple(out)
