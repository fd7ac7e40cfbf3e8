"""Notes: numbers as written, ordering within a series, references only to earlier notes."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cica_cbm as cbm
from cica_cbm.edges import strategies as cst

SEED_TEXT = (Path(__file__).parent / "seed" / "000_87b70e4a617b81a8.txt").read_text("utf-8")
NOTE = cbm.samples.nct_g_1501_note()
EN = cbm.LocalizedText("x")


@given(cst.note_numbers(), st.sampled_from(["", "№", "№ ", "No. ", "No.", "  "]))
def test_a_number_parses_in_each_written_form(number: cbm.NoteNumber, prefix: str) -> None:
    assert cbm.NoteNumber.parse(f"{prefix}{number}") == number
    assert str(cbm.NoteNumber.parse(str(number))) == str(number)


@pytest.mark.parametrize("text", ["№NCT/G/1501", "No. NCT/G/1501", "NCT/G/1501", "№ NCT/G/1501"])
def test_the_seeds_number_parses_as_written(text: str) -> None:
    number = cbm.NoteNumber.parse(text)
    assert (number.series, number.serial) == ("NCT/G", 1501)
    assert repr(number) == "NoteNumber('NCT/G/1501')"


@given(st.text("NCTG", min_size=1, max_size=4), st.integers(1, 10**6), st.integers(1, 10**6))
def test_numbers_order_numerically_within_a_series(series: str, a: int, b: int) -> None:
    first, second = cbm.NoteNumber(series, a), cbm.NoteNumber(series, b)
    assert (first < second) is (a < b)
    assert (first == second) is (a == b)


def test_778_comes_before_1501() -> None:
    assert cbm.NoteNumber.parse("No. NCT/G/778") < cbm.NoteNumber.parse("NCT/G/1501")


@pytest.mark.parametrize(
    "text",
    ["", "NCT//", "NCT/G/", "NCT/G/0", "nct/g/1501", "NCT/G/1501a", "NCT/G/-1", "/1501", "1501"],
)
def test_a_malformed_number_is_a_clear_error(text: str) -> None:
    with pytest.raises(cbm.MalformedNoteNumberError) as info:
        cbm.NoteNumber.parse(text)
    assert isinstance(info.value, cbm.CbmError)
    assert isinstance(info.value, ValueError)
    assert "NCT/G/1501" in str(info.value)


@given(st.text())
def test_any_text_parses_or_is_refused_with_a_cbm_error(text: str) -> None:
    try:
        number = cbm.NoteNumber.parse(text)
    except cbm.MalformedNoteNumberError:
        return
    assert cbm.NoteNumber.parse(str(number)) == number


@pytest.mark.parametrize("value", [1501, None, b"NCT/G/1501"])
def test_only_text_is_parsed(value: object) -> None:
    with pytest.raises(cbm.MalformedNoteNumberError):
        cbm.NoteNumber.parse(value)  # type: ignore[arg-type]


def test_the_seed_note_is_modelled_as_written() -> None:
    assert str(NOTE.number) == "NCT/G/1501"
    assert NOTE.date == date(2023, 12, 13)
    assert (NOTE.place.en, NOTE.place.ru, NOTE.place.kk) == (
        "Astana",
        "город Астана",
        "Астана қаласы",
    )
    assert NOTE.references == (cbm.NoteReference(cbm.NoteNumber("NCT/G", 778), date(2022, 6, 16)),)
    (enclosure,) = NOTE.enclosures
    assert enclosure.pages == 4
    assert (enclosure.description.en, enclosure.description.ru, enclosure.description.kk) == (
        "as stated",
        "упомянутое",
        "аталған",
    )
    assert NOTE.languages == (cbm.Language.EN, cbm.Language.RU, cbm.Language.KK)


def test_the_seed_notes_words_are_the_seeds_own() -> None:
    for text in (NOTE.place, NOTE.enclosures[0].description):
        for lang in ("en", "ru", "kk"):
            words = text.get(lang)
            assert words is not None
            assert words in SEED_TEXT, (lang, words)
    assert "on 4 p." in SEED_TEXT
    assert "No. NCT/G/778 of 16 June 2022" in SEED_TEXT


def note(number: str, day: date, *refs: cbm.NoteReference, **kw: Any) -> cbm.Note:
    return cbm.Note(number, day, EN, EN, EN, references=refs, **kw)


def test_a_note_cannot_refer_to_itself() -> None:
    with pytest.raises(cbm.InvalidValueError, match="itself"):
        note("NCT/G/10", date(2024, 1, 1), cbm.NoteReference("NCT/G/10", date(2024, 1, 1)))


def test_a_note_cannot_refer_to_a_later_dated_note() -> None:
    with pytest.raises(cbm.InvalidValueError, match="earlier notes"):
        note("NCT/G/10", date(2024, 1, 1), cbm.NoteReference("NCT/G/9", date(2024, 1, 2)))


def test_a_note_cannot_refer_to_a_later_number_in_its_series() -> None:
    with pytest.raises(cbm.InvalidValueError, match="earlier number"):
        note("NCT/G/10", date(2024, 1, 1), cbm.NoteReference("NCT/G/11", date(2023, 1, 1)))
    # another series is numbered on its own
    note("NCT/G/10", date(2024, 1, 1), cbm.NoteReference("SWG/11", date(2023, 1, 1)))


@pytest.mark.parametrize("languages", [(), ("ru",), ("en", "en"), ("en", "fr"), "en"])
def test_a_notes_languages_are_distinct_and_include_english(languages: object) -> None:
    with pytest.raises(cbm.InvalidValueError, match="languages"):
        note("NCT/G/10", date(2024, 1, 1), languages=languages)


@pytest.mark.parametrize("pages", [0, -1, True, 2.5])
def test_an_enclosure_has_a_whole_number_of_pages(pages: object) -> None:
    with pytest.raises(cbm.InvalidValueError, match="pages"):
        cbm.Enclosure(EN, pages)  # type: ignore[arg-type]


@given(cst.notes())
def test_every_drawn_note_refers_only_to_earlier_notes(drawn: cbm.Note) -> None:
    for ref in drawn.references:
        assert ref.number != drawn.number
        assert ref.date <= drawn.date


@pytest.mark.parametrize("text", ["", "   ", None, 5])
def test_english_text_is_required_and_not_blank(text: object) -> None:
    with pytest.raises(cbm.InvalidValueError, match=r"LocalizedText\.en"):
        cbm.LocalizedText(text)  # type: ignore[arg-type]


def test_an_unknown_translation_stays_unknown() -> None:
    text = cbm.LocalizedText("Only English")
    assert text.get("ru") is None
    assert text.get(cbm.Language.KK) is None
    assert str(text) == "Only English"
