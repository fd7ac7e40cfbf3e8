"""The HTML tables in Russian: ``lang="ru"`` for outcomes, procedures, decisions and plans.

The golden files under ``tests/golden/html_ru/`` hold the seed's procedure pending, approved and
broken, read against the Russian text of Note NCT/G/1501; regenerate them with
``CICA_CBM_REGEN_GOLDEN=1 pytest tests/test_html_ru.py`` and read the diff.
"""

# Cyrillic letters are the subject of these tests, not look-alikes of Latin ones
# ruff: noqa: RUF001

from __future__ import annotations

import os
import re
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cica_cbm as cbm
from cica_cbm import strategies as cst
from cica_cbm.core.clock import ASTANA
from cica_cbm.core.drafts import Draft
from cica_cbm.core.errors import InvalidValueError
from cica_cbm.core.silence import (
    DeadlineBroughtForward,
    DeadlineExtended,
    ProcedureWithdrawn,
    SilenceProcedure,
)
from cica_cbm.views.html import (
    action_plan_html,
    decision_html,
    outcome_html,
    procedure_html,
    to_html,
)

GOLDEN = Path(__file__).resolve().parent / "golden" / "html_ru"


def _seed() -> SilenceProcedure:
    return cbm.samples.nct_g_1501()


def _pending() -> str:
    proc = _seed().comment(
        by="CHN", at=datetime(2024, 1, 5, 10, 30, tzinfo=ASTANA), text="China suggests a word."
    )
    return procedure_html(proc, at=datetime(2024, 1, 8, 12, 0, tzinfo=ASTANA), lang="ru")


def _approved() -> str:
    return procedure_html(_seed(), lang="ru")


def _broken() -> str:
    proc = _seed().object(
        by="IND", at=datetime(2024, 1, 5, 10, 30, tzinfo=ASTANA), text="India objects."
    )
    return procedure_html(proc, lang="ru")


@pytest.mark.parametrize(
    ("name", "render"), [("pending", _pending), ("approved", _approved), ("broken", _broken)]
)
def test_the_seeds_procedure_in_russian_is_the_golden_one(name: str, render: object) -> None:
    """The whole table in Russian for the seed's procedure, byte for byte."""
    assert callable(render)
    page = render() + "\n"
    path = GOLDEN / f"{name}.html"
    if os.environ.get("CICA_CBM_REGEN_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")
    assert page == path.read_text(encoding="utf-8")


def test_the_seeds_approval_reads_as_the_note_words_it() -> None:
    """The register of the seed's Russian: "не позднее 11 января 2024 года", "одобр"."""
    page = _approved()
    assert "не позднее 11 января 2024 года" in page
    assert "проект одобрен</span>" in page
    assert "Нота NCT/G/1501 от 13 декабря 2023 года" in page
    assert "00:00 12 января 2024 года по времени Астаны (18:00 11 января 2024 года UTC)" in page
    assert "процедура умолчания прервана</span>" in _broken()
    assert "процедура продолжается</span>" in _pending()


def test_the_findings_read_as_explain_ru() -> None:
    """Each finding's sentence in the table is the one ``explain(lang="ru")`` gives."""
    proc = _seed()
    outcome = proc.outcome(at=proc.deadline)
    page = outcome_html(outcome, lang="ru")
    for line in outcome.explain(lang="ru").splitlines():
        assert line in page


def test_an_outcome_from_json_falls_back_visibly() -> None:
    """No facts to word anew: the English messages are shown, each marked as such."""
    proc = _seed()
    saved = cbm.from_json(cbm.to_json(proc.outcome(at=proc.deadline)), cbm.Outcome)
    page = outcome_html(saved, lang="ru")
    assert page.count("(нет русского текста)") == len(saved.findings)


def test_english_stays_the_default() -> None:
    """Without ``lang`` the tables are the English ones, unchanged."""
    proc = _seed()
    assert procedure_html(proc) == procedure_html(proc, lang="en")
    assert to_html(proc) == procedure_html(proc)
    assert "Secretariat" in procedure_html(proc)


def test_to_html_dispatches_and_refuses_other_languages() -> None:
    """``to_html`` gives each object's table; a language other than en or ru is refused."""
    proc = _seed()
    assert to_html(proc, lang="ru") == procedure_html(proc, lang="ru")
    outcome = proc.outcome(at=proc.deadline)
    assert to_html(outcome, "ru") == outcome_html(outcome, "ru")
    with pytest.raises(InvalidValueError, match="lang"):
        to_html(proc, lang="kk")
    with pytest.raises(ValueError, match="lang"):
        procedure_html(proc, lang="de")
    with pytest.raises(InvalidValueError, match="obj"):
        to_html(42, lang="ru")


def test_a_decision_and_a_plan_in_russian() -> None:
    """Positions, results and item kinds in Russian; codes stay codes."""
    decision = cbm.consensus(
        {"KAZ": cbm.Position.SUPPORT, "IND": cbm.Position.OBJECT},
        members=frozenset({"KAZ", "IND", "CHN"}),
    )
    page = decision_html(decision, lang="ru")
    assert "не принято</span>" in page
    assert "возражает" in page
    assert "поддерживает" in page
    plan = cbm.samples.nct_g_1501_draft().action_plan
    assert "основная мера" in action_plan_html(plan, lang="ru")


# -- no English is left ---------------------------------------------------------------------

_LATIN = re.compile(r"[A-Za-z][A-Za-z'-]*")
_ALLOWED = {"UTC", "A", "III"}  # an annex's letter, "приложение 1(A)"; "раздел III.1"


class _Text(HTMLParser):
    """The text of a page, without the style sheet and the codes (rule ids, party codes)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "code", "abbr"):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "code", "abbr"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.text.append(data)


def _own_words(proc: SilenceProcedure) -> list[str]:
    """What the user (or the data) wrote, which the library shows as recorded."""
    opening = proc.opening
    own = [proc.policy.name, proc.policy.clause, proc.context(proc.opened_at).clause]
    draft = opening.draft
    if isinstance(draft, Draft):
        for text in (draft.title, draft.priority_area.name):  # as the data gives them
            own += [text.en, text.ru or ""]
    else:
        own.append(str(draft))
    if opening.note is not None:
        own.append(str(opening.note.number))
    for event in proc.events:
        if isinstance(event, ProcedureWithdrawn):
            own.append(" ".join(event.reason.split()))
        elif isinstance(event, DeadlineExtended | DeadlineBroughtForward):
            pass
        elif hasattr(event, "text"):
            own.append(event.text)
        number = getattr(event, "note", None)
        if number is not None and not hasattr(number, "date"):
            own.append(str(number))
    return sorted((w for w in own if w), key=len, reverse=True)


@settings(max_examples=25, deadline=None)
@given(cst.procedures(max_events=6))
def test_no_english_is_left_in_the_russian_html(proc: SilenceProcedure) -> None:
    """Every header, status, kind, effect and instant is Russian; only codes and own text remain."""
    parser = _Text()
    parser.feed(procedure_html(proc, lang="ru") + outcome_html(proc.outcome(proc.deadline), "ru"))
    text = "\n".join(parser.text)
    text = text.replace("cica_cbm", " ")  # the library's own name, in the model's clauses
    codes = set(proc.parties) | {by for e in proc.events if (by := getattr(e, "by", None))}
    text = re.sub(r"[A-Z]+(?:[/.][A-Za-z0-9]+)+", " ", text)  # note numbers are codes too
    for code in codes:  # party codes stay codes, as in English
        text = re.sub(rf"\b{code}\b", " ", text)
    for own in _own_words(proc):  # as a whole: a comment "C" leaves the C of "UTC" alone
        text = re.sub(rf"(?<!\w){re.escape(own)}(?!\w)", " ", text)
    left = {word for word in _LATIN.findall(text) if word not in _ALLOWED}
    assert left == set(), text


# -- the reference data in Russian ------------------------------------------------------------


def _seed_data() -> dict[str, object]:
    proc = _seed()
    return {
        "member_state": cbm.member_state("KAZ"),
        "note": proc.note,
        "draft": proc.opening.draft,
    }


@pytest.mark.parametrize("name", ["member_state", "note", "draft"])
def test_the_seeds_data_in_russian_is_the_golden_one(name: str) -> None:
    """A Member State, the seed's note and its draft, in Russian, byte for byte."""
    page = to_html(_seed_data()[name], lang="ru") + "\n"
    path = GOLDEN / f"{name}.html"
    if os.environ.get("CICA_CBM_REGEN_GOLDEN"):
        path.write_text(page, encoding="utf-8")
    assert page == path.read_text(encoding="utf-8")


def test_the_seeds_note_reads_as_its_russian_text() -> None:
    """The note's Russian: place, sender, reference and enclosure as the seed words them."""
    page = to_html(_seed().note, lang="ru")
    assert "город Астана" in page
    assert "нота NCT/G/778 от 16 июня 2022 года" in page
    assert "упомянутое (на 4 л.)" in page
    assert "не позднее 11 января 2024 года" in page


@pytest.mark.parametrize("body", sorted(cbm.BODIES))
def test_every_body_in_russian_marks_what_has_no_russian(body: str) -> None:
    """Headers and the policy in Russian; the body's English-only data marked, not hidden."""
    page = to_html(cbm.BODIES[body], lang="ru")
    assert "<th>процедура умолчания</th>" in page
    assert "(нет русского текста)" in page
    assert "Memberships" not in page


# -- the catalogue and the plan's follow-up in Russian --------------------------------------


def _text_of(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return " ".join(" ".join(parser.text).split())


def test_the_catalogue_in_russian_marks_the_areas_without_russian() -> None:
    """The seed's area in Russian; an area the data names in English only is marked."""
    page = to_html(cbm.catalogue(), lang="ru")
    assert "Новые вызовы и угрозы (общие)" in page
    assert "Combating terrorism (нет русского текста)" in _text_of(page)
    assert "22 октября 2004 года" in page


def test_the_implementation_in_russian() -> None:
    """Statuses, the basis of an approval and its instant in Russian."""
    proc = _seed()
    impl = cbm.Implementation.of(cbm.samples.nct_g_1501_draft().action_plan).approve_covered(
        by=proc, at=proc.deadline
    )
    page = to_html(impl, lang="ru")
    assert "по процедуре умолчания" in page
    assert "предложено \u2192 одобрено" in _text_of(page)
    assert "00:00 12 января 2024 года по времени Астаны" in page
    empty = to_html(cbm.Implementation.of(cbm.samples.nct_g_1501_draft().action_plan), "ru")
    assert "изменений нет" in empty


def test_the_review_schedule_in_russian() -> None:
    """Each year's days in Russian; the bodies stay codes (SWG, SOC)."""
    schedule = cbm.ReviewSchedule(date(2024, 1, 12)).record(
        cbm.Review(cbm.ReviewBody.SWG, date(2024, 6, 1))
    )
    text = _text_of(to_html(schedule, lang="ru"))
    assert "план действует с 12 января 2024 года" in text
    assert "1 12 января 2024 года 11 января 2025 года проведен не отмечен" in text
    assert "1 июня 2024 года" in text


def test_the_cica_observers_are_named_in_russian_where_a_source_names_them() -> None:
    """The body's observers: the UN in Russian; the League of Arab States said to have none."""
    page = to_html(cbm.BODIES["CICA"], lang="ru")
    assert "UN (Организация Объединенных Наций)" in page
    assert "LAS (русское название в источниках не найдено)" in page


# -- hostile languages ------------------------------------------------------------------------

_RENDERERS = (
    lambda lang: procedure_html(_seed(), lang=lang),
    lambda lang: outcome_html(_seed().outcome(_seed().deadline), lang),
    lambda lang: to_html(cbm.member_state("KAZ"), lang),
    lambda lang: to_html(cbm.catalogue(), lang),
    lambda lang: to_html(cbm.BODIES["CICA"], lang),
)


@given(
    st.one_of(st.text(max_size=5), st.none(), st.integers(), st.lists(st.text(max_size=2))).filter(
        lambda v: v not in ("en", "ru")
    ),
    st.sampled_from(_RENDERERS),
)
def test_a_language_other_than_en_or_ru_is_refused_on_one_line(lang: object, render) -> None:  # type: ignore[no-untyped-def]
    """Anything but "en" or "ru" is a one-line InvalidValueError naming ``lang``."""
    with pytest.raises(InvalidValueError) as caught:
        render(lang)
    message = str(caught.value)
    assert message.startswith("lang")
    assert "\n" not in message


def test_every_consensus_clause_has_its_russian() -> None:
    """The clauses the consensus rules cite are all worded in Russian, none left in English."""
    from cica_cbm.views.wording_ru import clause_ru

    for rule in cbm.CONSENSUS_RULES:
        said = clause_ru(rule.clause, rule.id)
        assert "нет русского текста" not in said
        assert not re.search(r"[A-Za-z]{2,}", said.replace("III", "")), said


def test_a_clause_of_ones_own_is_marked() -> None:
    """A clause the library has no Russian for is shown as recorded, and says so."""
    from cica_cbm.views.wording_ru import clause_ru

    assert clause_ru("my own clause") == "my own clause (нет русского текста)"


@settings(max_examples=40, deadline=None)
@given(cst.decisions())
def test_no_english_is_left_in_the_russian_html_of_a_decision(decision: cbm.Decision) -> None:
    """Headers, results and positions in Russian; the findings' English marked, codes kept."""
    parser = _Text()
    parser.feed(decision_html(decision, lang="ru"))
    text = "\n".join(parser.text)
    assert text.count("(нет русского текста)") == len(decision.findings)
    for message in sorted((f.message for f in decision.findings), key=len, reverse=True):
        text = text.replace(message, " ")  # the library's English, marked (checked above)
    for code in sorted(decision.members | {c for c, _ in decision.positions}):
        text = re.sub(rf"\b{re.escape(code)}\b", " ", text)
    own = [s.text for s in decision.statements] + [decision.subject or ""]
    for words in sorted((w for w in own if w), key=len, reverse=True):
        text = text.replace(words, " ")
    left = {word for word in _LATIN.findall(text) if word not in _ALLOWED}
    assert left == set(), text
