# Russian and Kazakh text is what these tests check; its Cyrillic letters are not look-alikes
# ruff: noqa: RUF001
"""Notes as documents: the seed written out and read back in English, Russian and Kazakh."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cica_cbm as cbm
from cica_cbm.edges.strategies import note_numbers
from cica_cbm.views.note_text import kazakh_month

SEED_NOTE = cbm.samples.nct_g_1501_note()


GOLDEN = Path(__file__).resolve().parent / "golden"
# the source document, Note NCT/G/1501 in English, Russian and Kazakh with its enclosure, as is
SEED = GOLDEN / "nct_g_1501.seed.txt"
# the first words of each version's addressee block, which ends the version in the seed
ADDRESSEE_STARTS = {"en": "MEMBER STATES", "ru": "ГОСУДАРСТВА-ЧЛЕНЫ", "kk": "АЗИЯДАҒЫ ӨЗАРА"}
UPDATE = os.environ.get("CICA_CBM_UPDATE_GOLDEN") == "1"


def normalised(text: str) -> list[str]:
    """Paragraphs with markdown emphasis dropped and whitespace collapsed."""
    paragraphs = re.split(r"\n\s*\n", text.replace("*", ""))
    return [" ".join(p.split()) for p in paragraphs if p.strip()]


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def seed_versions() -> dict[str, str]:
    """The seed's note cut into its three versions, each as its own text."""
    text = seed_text()
    note = text[: text.index("**DRAFT CONCEPT PAPER**")]
    versions: dict[str, str] = {}
    chunk: list[str] = []
    for paragraph in re.split(r"\n\s*\n", note):
        if not paragraph.strip():
            continue
        chunk.append(paragraph)
        flat = paragraph.replace("*", "").strip()
        for lang, start in ADDRESSEE_STARTS.items():
            if flat.startswith(start):
                versions[lang] = "\n\n".join(chunk)
                chunk = []
    assert list(versions) == ["en", "ru", "kk"]
    return versions


@pytest.fixture
def seed_note(proc: cbm.SilenceProcedure) -> cbm.Note:
    return SEED_NOTE


# -- golden: the seed ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_rendering_the_seed_note_reproduces_every_paragraph_of_the_seed(
    seed_note: cbm.Note, lang: str
) -> None:
    expected = normalised(seed_versions()[lang])
    assert normalised(cbm.render_note(seed_note, lang)) == expected


def test_the_seed_versions_have_the_parts_the_issue_lists() -> None:
    en = normalised(seed_versions()["en"])
    assert en[0].startswith("SECRETARIAT OF THE CONFERENCE")
    assert en[2] == "№NCT/G/1501"
    assert "Enclosure: as stated, on 4 p." in en
    assert "Astana, 13 December 2023" in en
    kk = normalised(seed_versions()["kk"])
    assert kk[0] == "Қосымша: аталған, 4 п."  # the Kazakh version puts the enclosure first


def test_rendering_every_version_gives_the_seed_note_in_its_order(seed_note: cbm.Note) -> None:
    expected = [p for lang in ("en", "ru", "kk") for p in normalised(seed_versions()[lang])]
    assert normalised(cbm.render_note(seed_note)) == expected


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Astana, 13 December 2023"),
        ("ru", "город Астана, 13 декабря 2023 г."),
        ("kk", "Астана қаласы, 2023 жылғы 13 желтоқсан"),
    ],
)
def test_the_place_and_date_are_written_in_each_language(
    seed_note: cbm.Note, lang: str, line: str
) -> None:
    assert line in cbm.render_note(seed_note, lang).splitlines()


# -- parsing the seed ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_each_version_of_the_seed_with_a_number_parses_to_the_shipped_note(
    seed_note: cbm.Note, lang: str
) -> None:
    parsed = cbm.parse_note(seed_versions()[lang], languages=seed_note.languages)
    assert parsed == seed_note


def test_the_kazakh_version_of_the_seed_parses_to_the_shipped_note_given_its_number(
    seed_note: cbm.Note,
) -> None:
    parsed = cbm.parse_note(
        seed_versions()["kk"], languages=seed_note.languages, number="NCT/G/1501"
    )
    assert parsed == seed_note


def test_the_kazakh_version_alone_does_not_guess_the_number_it_lacks() -> None:
    with pytest.raises(cbm.MalformedNoteError, match="number") as info:
        cbm.parse_note(seed_versions()["kk"], languages=["en", "ru", "kk"])
    assert info.value.part == "number"


def test_the_whole_seed_file_parses_to_the_shipped_note_without_help(
    seed_note: cbm.Note,
) -> None:
    assert cbm.parse_note(seed_text()) == seed_note


def test_parsing_the_english_version_reads_what_the_issue_lists() -> None:
    note = cbm.parse_note(seed_versions()["en"])
    assert str(note.number) == "NCT/G/1501"
    assert note.date == date(2023, 12, 13)
    assert note.place.en == "Astana"
    assert [(str(r.number), r.date) for r in note.references] == [("NCT/G/778", date(2022, 6, 16))]
    assert note.notice is not None
    assert note.notice.deadline == date(2024, 1, 11)
    assert note.notice.coordinator == "TUR"
    assert note.notice.priority_area == "nct-general"
    assert [e.pages for e in note.enclosures] == [4]
    assert note.languages == (cbm.Language.EN,)


def test_the_templates_know_the_seed_notes_own_sender_addressees_and_place(
    seed_note: cbm.Note,
) -> None:
    known = json.loads(
        resources.files("cica_cbm").joinpath("data", "templates", "notes.json").read_text("utf-8")
    )["known"]
    assert known["sender"] == attrs.asdict(seed_note.sender)
    assert known["addressees"] == attrs.asdict(seed_note.addressees)
    assert attrs.asdict(seed_note.place) in known["places"]


# -- malformed notes -----------------------------------------------------------------------------


def without(text: str, paragraph_start: str) -> str:
    paragraphs = re.split(r"\n\s*\n", text)
    kept = [p for p in paragraphs if not p.replace("*", "").strip().startswith(paragraph_start)]
    assert len(kept) == len(paragraphs) - 1, paragraph_start
    return "\n\n".join(kept)


@pytest.mark.parametrize(
    ("lang", "dropped", "part"),
    [
        ("en", "№NCT/G/1501", "number"),
        ("en", "SECRETARIAT OF", "letterhead"),
        ("en", "The Secretariat kindly requests", "deadline paragraph"),
        ("en", "Upon the request", "request paragraph"),
        ("en", "The CICA Secretariat avails", "closing formula"),
        ("en", "Astana, 13 December", "place and date"),
        ("en", "MEMBER STATES", "addressee"),
        ("en", "Enclosure:", "enclosure"),
        ("ru", "Секретариат просит", "deadline paragraph"),
        ("ru", "город Астана", "place and date"),
        ("kk", "Хатшылық жоба бойынша", "deadline paragraph"),
        ("kk", "Қосымша:", "enclosure"),
    ],
)
def test_a_note_missing_a_part_is_refused_with_an_error_naming_it(
    lang: str, dropped: str, part: str
) -> None:
    text = without(cbm.render_note(SEED_NOTE, lang), dropped)
    with pytest.raises(cbm.MalformedNoteError) as info:
        cbm.parse_note(text, number="NCT/G/1501", languages=["en", "ru", "kk"])
    assert info.value.part.startswith(part)
    assert isinstance(info.value, cbm.CbmError)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("old", "new", "part"),
    [
        ("13 December 2023", "13 Decembre 2023", "date"),
        ("13 December 2023", "32 December 2023", "date"),
        ("13 December 2023", "30 February 2023", "date"),
        ("11 January 2024", "11 Jan 2024", "deadline"),
        ("the Republic of Türkiye as", "the Republic of Narnia as", "coordinator"),
        ("Upon the request of the Republic of Türkiye", "Upon the request of Narnia", "requesting"),
        ("New Challenges and Threats (general)*", "Old Challenges*", "priority area"),
        ("No. NCT/G/778 of 16 June 2022", "No. 778 of 16 June 2022", "reference"),
        ("on 4 p.", "on four p.", "enclosure pages"),
        ("presents its compliments", "sends its greetings", "body"),
    ],
)
def test_a_note_with_an_unreadable_part_is_refused_with_an_error_naming_it(
    seed_note: cbm.Note, old: str, new: str, part: str
) -> None:
    text = cbm.render_note(seed_note, "en")
    assert old in text
    text = text.replace(old, new)
    with pytest.raises(cbm.MalformedNoteError) as info:
        cbm.parse_note(text)
    assert info.value.part.startswith(part), info.value


def test_versions_that_disagree_are_refused_naming_the_fact(seed_note: cbm.Note) -> None:
    en = cbm.render_note(seed_note, "en")
    ru = cbm.render_note(seed_note, "ru").replace("11 января 2024", "12 января 2024")
    with pytest.raises(cbm.MalformedNoteError, match="versions disagree") as info:
        cbm.parse_note(en + "\n\n" + ru)
    assert info.value.part == "notice"


def test_two_versions_in_one_language_are_refused(seed_note: cbm.Note) -> None:
    en = cbm.render_note(seed_note, "en")
    with pytest.raises(cbm.MalformedNoteError, match="same language"):
        cbm.parse_note(en + "\n\n" + en)


def test_a_given_number_that_contradicts_the_text_is_refused(seed_note: cbm.Note) -> None:
    with pytest.raises(cbm.MalformedNoteError, match="NCT/G/1502"):
        cbm.parse_note(cbm.render_note(seed_note, "en"), number="NCT/G/1502")


def test_text_that_is_not_a_string_is_refused() -> None:
    with pytest.raises(cbm.InvalidValueError):
        cbm.parse_note(b"note")  # type: ignore[arg-type]


# -- rendering refuses what no source gives ------------------------------------------------------


def placement(**changes: Any) -> cbm.Note:
    note = SEED_NOTE
    assert note.notice is not None
    return attrs.evolve(note, notice=attrs.evolve(note.notice, **changes))


def test_a_coordinator_is_written_in_english_whatever_the_state() -> None:
    text = cbm.render_note(placement(coordinator="KAZ"), "en")
    assert "prepared by the Republic of Kazakhstan as the Coordinator" in text
    assert "prepared by Mongolia as" in cbm.render_note(placement(coordinator="MNG"), "en")


@pytest.mark.parametrize(("lang", "case"), [("ru", "instrumental"), ("kk", "genitive")])
def test_a_declined_state_name_no_source_gives_is_refused_not_guessed(lang: str, case: str) -> None:
    note = placement(coordinator="KAZ", requested_by="KAZ")
    with pytest.raises(cbm.InvalidValueError, match=case) as info:
        cbm.render_note(note, lang)
    assert info.value.value == "KAZ"


def test_a_priority_area_without_a_russian_name_is_refused_in_russian() -> None:
    note = placement(priority_area="nct-terrorism")
    assert "*Combating terrorism*" in cbm.render_note(note, "en")
    with pytest.raises(cbm.InvalidValueError, match=r"Notice\.priority_area"):
        cbm.render_note(note, "ru")


def test_a_note_without_its_notice_cannot_be_rendered(seed_note: cbm.Note) -> None:
    with pytest.raises(cbm.InvalidValueError, match=r"Note\.notice"):
        cbm.render_note(attrs.evolve(seed_note, notice=None), "en")


def test_a_language_the_note_was_not_issued_in_is_refused(seed_note: cbm.Note) -> None:
    with pytest.raises(cbm.InvalidValueError, match="lang"):
        cbm.render_note(attrs.evolve(seed_note, languages=["en"]), "kk")
    with pytest.raises(cbm.InvalidValueError, match="lang"):
        cbm.render_note(seed_note, "fr")


def test_a_note_citing_two_notes_is_refused_rather_than_worded_anew(seed_note: cbm.Note) -> None:
    refs = (*seed_note.references, cbm.NoteReference("NCT/G/779", date(2022, 7, 1)))
    with pytest.raises(cbm.InvalidValueError, match="at most one reference"):
        cbm.render_note(attrs.evolve(seed_note, references=refs), "en")


# -- the other notes of a procedure: golden in three languages -----------------------------------

# Hypothetical follow-ups of the seed's procedure: the numbers are in an EXAMPLE series so that
# no one mistakes them for notes the Secretariat sent.
IN_TIME = datetime(2024, 1, 5, 6, 0, tzinfo=cbm.UTC)


def follow_ups() -> dict[str, cbm.Note]:
    proc = cbm.samples.nct_g_1501()
    broken = proc.object(by="IND", at=IN_TIME, text="India objects (hypothetical).")
    return {
        "extension": cbm.extension_note(
            proc, number="EXAMPLE/1", on=date(2024, 1, 9), to=date(2024, 1, 25)
        ),
        "silence_broken": cbm.silence_broken_note(broken, number="EXAMPLE/2", on=date(2024, 1, 8)),
        "approval": cbm.approval_note(proc, number="EXAMPLE/3", on=date(2024, 1, 12)),
        "placement": SEED_NOTE,
    }


@pytest.mark.parametrize("kind", ["placement", "extension", "silence_broken", "approval"])
@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_each_note_of_a_procedure_matches_its_golden_file(kind: str, lang: str) -> None:
    path = GOLDEN / f"note_{kind}.{lang}.md"
    text = cbm.render_note(follow_ups()[kind], lang)
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["placement", "extension", "silence_broken", "approval"])
def test_each_note_of_a_procedure_reads_back_as_itself(kind: str) -> None:
    note = follow_ups()[kind]
    assert cbm.parse_note(cbm.render_note(note)) == note
    for lang in note.languages:
        text = (GOLDEN / f"note_{kind}.{lang}.md").read_text(encoding="utf-8")
        assert cbm.parse_note(text, languages=note.languages, number=note.number) == note


def test_the_silence_broken_note_names_the_objecting_state() -> None:
    note = follow_ups()["silence_broken"]
    assert note.notice == cbm.Notice.silence_broken("nct-general", "IND")
    assert "has been made by the Republic of India." in cbm.render_note(note, "en")
    assert "Республика Индия." in cbm.render_note(note, "ru")
    assert "Үндістан Республикасы." in cbm.render_note(note, "kk")


def test_follow_up_notes_cite_the_opening_note_and_keep_its_languages() -> None:
    opening = SEED_NOTE
    for kind, note in follow_ups().items():
        if kind == "placement":
            continue
        assert [r.number for r in note.references] == [opening.number]
        assert note.languages == opening.languages
        assert note.place == opening.place


def test_an_approval_note_is_refused_before_the_silence_has_ended() -> None:
    proc = cbm.samples.nct_g_1501()
    with pytest.raises(cbm.InvalidValueError, match="approved"):
        cbm.approval_note(proc, number="EXAMPLE/3", on=date(2024, 1, 11))


def test_a_silence_broken_note_is_refused_while_nobody_has_objected() -> None:
    proc = cbm.samples.nct_g_1501()
    with pytest.raises(cbm.InvalidValueError, match="silence_broken"):
        cbm.silence_broken_note(proc, number="EXAMPLE/2", on=date(2024, 1, 8))


def test_an_extension_must_move_the_deadline_later() -> None:
    proc = cbm.samples.nct_g_1501()
    with pytest.raises(cbm.InvalidValueError, match="after the deadline"):
        cbm.extension_note(proc, number="EXAMPLE/1", on=date(2024, 1, 9), to=date(2024, 1, 11))


def test_an_extension_is_refused_once_the_procedure_is_decided() -> None:
    proc = cbm.samples.nct_g_1501()
    with pytest.raises(cbm.InvalidValueError, match="pending"):
        cbm.extension_note(proc, number="EXAMPLE/1", on=date(2024, 1, 13), to=date(2024, 1, 25))


# -- property: parse is the inverse of render ----------------------------------------------------

AS_STATED = cbm.LocalizedText("as stated", "упомянутое", "аталған")
ASTANA_PLACE = cbm.LocalizedText("Astana", "город Астана", "Астана қаласы")
ALL_CODES = sorted(s.code for s in cbm.member_states(on=date(2024, 1, 1)))
AREAS = [a.id for a in cbm.catalogue().priority_areas]


@st.composite
def notes(draw: st.DrawFn) -> cbm.Note:
    """Notes the templates can write: any facts the shipped words and names can express."""
    seed = SEED_NOTE
    others = draw(st.lists(st.sampled_from([cbm.Language.RU, cbm.Language.KK]), unique=True))
    languages = draw(st.permutations([cbm.Language.EN, *others]))
    english_only = languages == [cbm.Language.EN]
    day = draw(st.dates(date(2000, 1, 1), date(2099, 12, 31)))
    number = draw(note_numbers())
    references = []
    if draw(st.booleans()):
        ref_number = draw(note_numbers().filter(lambda n: n.series != number.series))
        references.append(cbm.NoteReference(ref_number, draw(st.dates(date(1999, 1, 1), day))))
    enclosures = []
    if draw(st.booleans()):
        enclosures.append(cbm.Enclosure(AS_STATED, draw(st.none() | st.integers(1, 999))))
    area = draw(st.sampled_from(AREAS)) if english_only else "nct-general"
    declined = st.sampled_from(ALL_CODES) if english_only else st.just("TUR")
    any_state = st.sampled_from(ALL_CODES)
    deadline = st.dates(date(2000, 1, 1), date(2099, 12, 31))
    notice = draw(
        st.one_of(
            st.builds(
                cbm.Notice.placement,
                st.just(area),
                coordinator=declined
                if cbm.Language.RU in languages
                else st.sampled_from(ALL_CODES),
                requested_by=declined,
                deadline=deadline,
            ),
            st.builds(cbm.Notice.extension, st.just(area), deadline),
            st.builds(cbm.Notice.silence_broken, st.just(area), any_state),
            st.builds(cbm.Notice.approval, st.just(area), deadline),
        )
    )
    return cbm.Note(
        number=number,
        date=day,
        place=ASTANA_PLACE,
        sender=seed.sender,
        addressees=seed.addressees,
        references=references,
        enclosures=enclosures,
        languages=languages,
        notice=notice,
    )


@settings(max_examples=60, deadline=None)
@given(notes())
def test_parsing_a_rendered_note_gives_the_note_back_in_every_language(note: cbm.Note) -> None:
    for lang in note.languages:
        text = cbm.render_note(note, lang)
        number = note.number if lang == cbm.Language.KK else None
        assert cbm.parse_note(text, languages=note.languages, number=number) == note


@settings(max_examples=60, deadline=None)
@given(notes())
def test_parsing_all_versions_of_a_rendered_note_needs_no_help(note: cbm.Note) -> None:
    assert cbm.parse_note(cbm.render_note(note)) == note


@settings(max_examples=30, deadline=None)
@given(notes())
def test_a_rendered_note_survives_a_json_round_trip_with_its_notice(note: cbm.Note) -> None:
    assert cbm.from_json(cbm.to_json(note), cbm.Note) == note


# -- month names and dates -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_the_shipped_month_names_are_cldrs_as_babel_gives_them(lang: str) -> None:
    babel_dates = pytest.importorskip("babel.dates")
    shipped = json.loads(
        resources.files("cica_cbm").joinpath("data", "templates", "months.json").read_text("utf-8")
    )["months"][lang]
    names = babel_dates.get_month_names("wide", context="format", locale=lang)
    assert shipped == [str(names[m]) for m in range(1, 13)]


@pytest.mark.parametrize(
    ("lang", "pattern", "expected"),
    [
        ("en", "d MMMM y", "13 December 2023"),
        ("ru", "d MMMM y 'г'.", "13 декабря 2023 г."),
        ("kk", "y 'жылғы' d MMMM", "2023 жылғы 13 желтоқсан"),
    ],
)
def test_note_dates_agree_with_babels_formatting_under_explicit_patterns(
    seed_note: cbm.Note, lang: str, pattern: str, expected: str
) -> None:
    babel_dates = pytest.importorskip("babel.dates")
    assert babel_dates.format_date(seed_note.date, pattern, locale=lang) == expected
    assert expected in cbm.render_note(seed_note, lang)


def test_the_kazakh_case_endings_reproduce_the_seeds_forms() -> None:
    assert kazakh_month(6, "locative") == "маусымдағы"  # "2022 жылғы 16 маусымдағы"
    assert kazakh_month(1, "ablative") == "қаңтардан"  # "2024 жылғы 11 қаңтардан"
    assert kazakh_month(12, "nominative") == "желтоқсан"


@pytest.mark.parametrize("month", range(1, 13))
def test_kazakh_endings_follow_the_vowel_of_the_month_name(month: int) -> None:
    name = kazakh_month(month, "nominative")
    vowels = [c for c in name if c in "аоұыәеөүі"]
    back = vowels[-1] in "аоұы"
    locative, ablative = kazakh_month(month, "locative"), kazakh_month(month, "ablative")
    assert locative.startswith(name)
    assert ablative.startswith(name)
    assert locative.endswith(("ағы",) if back else ("егі",))
    assert ablative.endswith("ан" if back else "ен")


def test_an_unknown_case_or_month_is_refused() -> None:
    with pytest.raises(cbm.InvalidValueError, match="case"):
        kazakh_month(1, "dative")
    with pytest.raises(cbm.InvalidValueError, match="month"):
        kazakh_month(13, "nominative")


def test_importing_the_library_and_rendering_does_not_import_babel() -> None:
    code = (
        "import sys, cica_cbm; "
        "cica_cbm.render_note(cica_cbm.core.samples.nct_g_1501_note(), 'kk'); "
        "print('babel' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
