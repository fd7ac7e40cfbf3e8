"""The findings in Russian: ``Outcome.explain("ru")``, rule by rule, in the seed's register.

The golden files under ``tests/golden/explain_ru/`` hold the seed's outcome in several
scenarios, read once against the Russian text of Note NCT/G/1501; regenerate them with
``CICA_CBM_REGEN_GOLDEN=1 pytest tests/test_explain_ru.py`` and read the diff.
"""

# Cyrillic letters are the subject of these tests, not look-alikes of Latin ones
# ruff: noqa: RUF001

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings

import cica_cbm as cbm
from cica_cbm import strategies as cst
from cica_cbm.core.clock import ASTANA, UTC, zone
from cica_cbm.core.errors import CbmError, InvalidValueError
from cica_cbm.core.rules import Rule, RuleSet
from cica_cbm.core.silence import SILENCE_RULES, SilenceContext, SilenceProcedure
from cica_cbm.core.silence.events import DeadlineExtended, ProcedureWithdrawn
from cica_cbm.core.silence.findings_ru import SILENCE_RULES_RU, describe_instant_ru
from cica_cbm.core.silence.outcome import Outcome
from cica_cbm.core.silence.policies import POLICIES

GOLDEN = Path(__file__).resolve().parent / "golden" / "explain_ru"


def _astana(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ASTANA)


def _seed() -> SilenceProcedure:
    return cbm.samples.nct_g_1501()


def _approved() -> Outcome:
    proc = _seed()
    return proc.outcome(at=proc.deadline)


def _objection_by_ind() -> Outcome:
    proc = _seed().object(by="IND", at=_astana(2024, 1, 5, 10, 30), text="We object.")
    return proc.outcome(at=proc.deadline)


def _comment_by_chn() -> Outcome:
    proc = _seed().comment(by="CHN", at=_astana(2024, 1, 9, 16, 0), text="A suggestion.")
    return proc.outcome(at=proc.deadline)


def _extension() -> Outcome:
    proc = _seed().extend(to=date(2024, 1, 25), at=_astana(2024, 1, 10, 11, 0), note="NCT/G/1520")
    return proc.outcome(at=_astana(2024, 1, 26))


def _withdrawal() -> Outcome:
    proc = _seed().withdraw(
        at=_astana(2024, 1, 8, 9, 0), reason="a revised draft is to follow", note="NCT/G/1515"
    )
    return proc.outcome(at=proc.deadline)


def _late_objection() -> Outcome:
    proc = _seed().object(by="IND", at=_astana(2024, 1, 12, 9, 15), text="We object.")
    return proc.outcome(at=_astana(2024, 1, 13))


def _two_objectors() -> Outcome:
    proc = _seed().object(by="IND", at=_astana(2024, 1, 5, 10, 30), text="We object.")
    proc = proc.object(by="PAK", at=_astana(2024, 1, 11, 23, 59), text="We object too.")
    return proc.outcome(at=proc.deadline)


def _pending() -> Outcome:
    proc = _seed().comment(by="CHN", at=_astana(2024, 1, 3, 12, 0), text="A suggestion.")
    return proc.outcome(at=_astana(2024, 1, 4, 12, 0))


def _not_open_yet() -> Outcome:
    return _seed().outcome(at=_astana(2023, 12, 12, 9, 0))


SCENARIOS: dict[str, Callable[[], Outcome]] = {
    "approved": _approved,
    "objection_ind": _objection_by_ind,
    "comment_chn": _comment_by_chn,
    "extension": _extension,
    "withdrawal": _withdrawal,
    "late_objection": _late_objection,
    "two_objectors": _two_objectors,
    "pending": _pending,
    "not_open_yet": _not_open_yet,
}


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_the_seeds_outcome_in_russian_is_the_golden_one(name: str) -> None:
    out = SCENARIOS[name]()
    text = out.explain("ru") + "\n"
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("CICA_CBM_REGEN_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
    assert len(text.splitlines()) == len(out.findings)


def test_every_english_rule_has_its_russian_twin_in_the_same_order() -> None:
    assert SILENCE_RULES_RU.ids == SILENCE_RULES.ids
    for en, ru in zip(SILENCE_RULES, SILENCE_RULES_RU, strict=True):
        assert (ru.id, ru.decisive) == (en.id, en.decisive)
        assert ru.summary


def test_the_shipped_policies_are_named_in_russian() -> None:
    for name, policy in POLICIES.items():
        proc = SilenceProcedure.open(
            cbm.samples.nct_g_1501_note(),
            cbm.samples.nct_g_1501_draft(),
            deadline=_astana(2024, 2, 1) if policy.deadline_form == "instant" else date(2024, 2, 1),
            policy=policy,
            body="CICA",
        )
        proc = proc.comment(by="CHN", at=_astana(2023, 12, 20), text="x")
        line = proc.outcome(at=_astana(2023, 12, 21)).explain("ru")
        assert name not in line, line


def test_a_rule_of_ones_own_without_russian_keeps_its_english() -> None:
    mine: Rule[SilenceContext] = Rule(
        "MY-RULE", "my clause", lambda ctx: [f"Seen at {ctx.at:%Y-%m-%d}."]
    )
    proc = _seed()
    out = proc.outcome(at=proc.deadline, rules=SILENCE_RULES + mine)
    lines = out.explain("ru").splitlines()
    assert lines[-1] == "Seen at 2024-01-11."
    assert lines[:-1] == _approved().explain("ru").splitlines()


def test_a_user_rule_under_a_shipped_id_keeps_its_english_beyond_the_russian() -> None:
    twice: Rule[SilenceContext] = Rule(
        "SILENCE-APPROVED", "x", lambda ctx: ["one", "two"], decisive=True
    )
    proc = _seed()
    out = proc.outcome(at=proc.deadline, rules=RuleSet((twice,)))
    lines = out.explain("ru").splitlines()
    assert lines[0].startswith("Нота NCT/G/1501: до 11 января 2024 года")
    assert lines[1] == "two"


def test_an_outcome_read_from_json_cannot_be_explained_in_russian() -> None:
    out = _approved()
    read = Outcome(
        at=out.at,
        status=out.status,
        decided_at=out.decided_at,
        deadline=out.deadline,
        findings=out.findings,
    )
    assert read.explain() == out.explain()
    with pytest.raises(CbmError, match="take the outcome from the procedure"):
        read.explain("ru")


@pytest.mark.parametrize("lang", ["xx", "RU", "kk", "", None])
def test_an_unknown_language_is_refused_naming_the_allowed_ones(lang: object) -> None:
    with pytest.raises(InvalidValueError, match=r"'en' \(English\) or 'ru' \(Russian\)"):
        _approved().explain(lang)  # type: ignore[arg-type]


def test_an_instant_elsewhere_names_its_place_in_russian() -> None:
    at = datetime(2020, 4, 2, 22, 0, tzinfo=UTC)
    assert describe_instant_ru(at, "America/New_York") == (
        "18:00 2 апреля 2020 года по времени Нью-Йорка (22:00 2 апреля 2020 года UTC)"
    )


def test_a_silence_without_a_note_in_new_york_brought_forward() -> None:
    new_york = zone("America/New_York")
    opened = datetime(2020, 3, 30, 18, 0, tzinfo=new_york)
    proc = SilenceProcedure.open(
        None,
        cbm.samples.nct_g_1501_draft(),
        at=opened,
        deadline=timedelta(hours=72),
        policy=cbm.UN_GENERAL_ASSEMBLY,
        body="UNGA",
    )
    noon = datetime(2020, 4, 1, 12, 0, tzinfo=new_york)
    proc = proc.bring_forward(to=noon, at=noon)
    assert proc.outcome(at=opened - timedelta(hours=1)).explain("ru").splitlines()[1] == (
        "По состоянию на 17:00 30 марта 2020 года по времени Нью-Йорка (21:00 30 марта 2020 "
        "года UTC) процедура еще не открыта: процедура умолчания, объявленная 30 марта 2020 "
        "года, открывается в 18:00 30 марта 2020 года по времени Нью-Йорка (22:00 30 марта "
        "2020 года UTC)."
    )
    opening, forward, approved = proc.outcome(at=noon).explain("ru").splitlines()
    assert opening.startswith(
        "30 марта 2020 года проект выставлен на процедуру умолчания с целью его одобрения "
        "193 государствами-членами; замечания и возражения направляются до 18:00 2 апреля"
    )
    assert "срок представления замечаний и предложений перенесен на более раннюю дату: с " in (
        forward
    )
    assert approved.startswith(
        "Процедура умолчания, объявленная 30 марта 2020 года: до 12:00 1 апреля 2020 года"
    )


@pytest.mark.parametrize(
    ("count", "words"),
    [
        (1, "1 государством-членом"),
        (11, "11 государствами-членами"),
        (21, "21 государством-членом"),
        (28, "28 государствами-членами"),
    ],
)
def test_the_number_of_parties_agrees_with_its_noun(count: int, words: str) -> None:
    parties = sorted(s.code for s in cbm.member_states(date(2023, 12, 13)))[:count]
    proc = SilenceProcedure.open(
        cbm.samples.nct_g_1501_note(),
        cbm.samples.nct_g_1501_draft(),
        deadline=date(2024, 1, 11),
        parties=parties,
    )
    assert f"одобрения {words};" in proc.outcome(at=proc.deadline).explain("ru")


# -- every drawn procedure ----------------------------------------------------------------------


def _latin_words(text: str) -> set[str]:
    words = re.findall(r"[^\W\d_]+", text)
    return {w for w in words if any(unicodedata.name(c, "").startswith("LATIN") for c in w)}


def _allowed(out: Outcome) -> tuple[set[str], list[str]]:
    """The Latin words a Russian explanation may hold: codes, UTC; and the texts to cut out."""
    ctx = out.context
    assert ctx is not None
    codes = set(ctx.opening.parties) | {"UTC"}
    cut = [str(n) for n in _note_numbers(out)]
    if isinstance(ctx.decisive, ProcedureWithdrawn):  # the reason, quoted as recorded
        cut.append(f"«{' '.join(ctx.decisive.reason.split())}»")
    return codes, cut


def _note_numbers(out: Outcome) -> list[object]:
    ctx = out.context
    assert ctx is not None
    numbers: list[object] = [] if ctx.opening.note is None else [ctx.opening.note.number]
    for event, _ in ctx.extensions:
        numbers.append(event.note)
    for item in (*ctx.without_effect, ctx.decisive):
        if isinstance(item, DeadlineExtended | ProcedureWithdrawn):
            numbers.append(item.note)
    return [n for n in numbers if n]


@settings(max_examples=150, deadline=None)
@given(cst.outcomes(cst.procedures()))
def test_every_drawn_outcome_has_one_russian_line_per_finding_without_english(
    out: Outcome,
) -> None:
    text = out.explain("ru")
    lines = text.split("\n")
    assert len(lines) == len(out.findings)
    codes, cut = _allowed(out)
    for line in lines:
        for number in sorted(cut, key=len, reverse=True):
            line = line.replace(number, "")
        assert _latin_words(line) <= codes, line


# -- the command line ---------------------------------------------------------------------------


def _status(tmp_path: Path, *extra: str) -> tuple[int, str]:
    import io

    from cica_cbm.edges.cli import main

    path = tmp_path / "seed.json"
    path.write_text(cbm.to_json(_seed()), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main(["status", str(path), "--at", "2024-01-12T00:00+06:00", *extra], out=out, err=err)
    return code, out.getvalue() + err.getvalue()


def test_status_prints_the_findings_in_russian_with_lang_ru(tmp_path: Path) -> None:
    code, text = _status(tmp_path, "--lang", "ru")
    assert code == 0
    russian = _approved().explain("ru").splitlines()
    assert f"  - [SILENCE-OPENED] {russian[0]}\n" in text
    assert f"  * [SILENCE-APPROVED] {russian[1]}\n" in text
    assert _status(tmp_path)[1] == _status(tmp_path, "--lang", "en")[1]  # English by default


def test_status_refuses_a_language_without_findings(tmp_path: Path) -> None:
    code, text = _status(tmp_path, "--lang", "kk")
    assert code == 2
    assert "invalid choice: 'kk'" in text
