"""Golden tests for the shipped Member States and observers, and the rule for dates."""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given

import cica_cbm as cbm
from cica_cbm.edges import strategies as cst

DAY, YEAR, RANGE = cbm.Precision.DAY, cbm.Precision.YEAR, cbm.Precision.RANGE
H, M, U = cbm.Confidence.HIGH, cbm.Confidence.MEDIUM, cbm.Confidence.UNCONFIRMED
FOUNDED = date(1999, 9, 14)

# REFERENCE.md, "Member States (28 since 13 October 2022)": code, common and formal English
# names, the admission's earliest and latest day, its precision and confidence.
MEMBERS = {
    "AFG": ("Afghanistan", "Islamic Republic of Afghanistan", FOUNDED, date(2002, 6, 4), RANGE, U),
    "AZE": ("Azerbaijan", "Republic of Azerbaijan", FOUNDED, FOUNDED, DAY, H),
    "BHR": ("Bahrain", "Kingdom of Bahrain", date(2011, 1, 1), date(2011, 12, 31), YEAR, M),
    "BGD": (
        "Bangladesh",
        "People's Republic of Bangladesh",
        date(2014, 5, 20),
        date(2014, 5, 20),
        DAY,
        H,
    ),
    "KHM": ("Cambodia", "Kingdom of Cambodia", date(2011, 1, 1), date(2011, 12, 31), YEAR, M),
    "CHN": ("China", "People's Republic of China", FOUNDED, FOUNDED, DAY, H),
    "EGY": ("Egypt", "Arab Republic of Egypt", FOUNDED, FOUNDED, DAY, H),
    "IND": ("India", "Republic of India", FOUNDED, FOUNDED, DAY, H),
    "IRN": ("Iran", "Islamic Republic of Iran", FOUNDED, FOUNDED, DAY, H),
    "IRQ": ("Iraq", "Republic of Iraq", date(2010, 1, 1), date(2010, 12, 31), YEAR, H),
    "ISR": ("Israel", "State of Israel", FOUNDED, FOUNDED, DAY, H),
    "JOR": ("Jordan", "Hashemite Kingdom of Jordan", date(2008, 1, 1), date(2008, 12, 31), YEAR, H),
    "KAZ": ("Kazakhstan", "Republic of Kazakhstan", FOUNDED, FOUNDED, DAY, H),
    "KWT": ("Kuwait", "State of Kuwait", date(2022, 10, 13), date(2022, 10, 13), DAY, H),
    "KGZ": ("Kyrgyzstan", "Kyrgyz Republic", FOUNDED, FOUNDED, DAY, H),
    "MNG": ("Mongolia", "Mongolia", FOUNDED, FOUNDED, DAY, H),
    "PAK": ("Pakistan", "Islamic Republic of Pakistan", FOUNDED, FOUNDED, DAY, H),
    "PSE": ("Palestine", "State of Palestine", FOUNDED, FOUNDED, DAY, H),
    "QAT": ("Qatar", "State of Qatar", date(2014, 1, 1), date(2014, 12, 31), YEAR, M),
    # REFERENCE: the year 2006 is high confidence, the day (17 June, the 2nd Summit) medium
    "KOR": (
        "Republic of Korea",
        "Republic of Korea",
        date(2006, 1, 1),
        date(2006, 12, 31),
        YEAR,
        H,
    ),
    "RUS": ("Russia", "Russian Federation", FOUNDED, FOUNDED, DAY, H),
    "LKA": (
        "Sri Lanka",
        "Democratic Socialist Republic of Sri Lanka",
        date(2018, 8, 15),
        date(2018, 8, 15),
        DAY,
        H,
    ),
    "TJK": ("Tajikistan", "Republic of Tajikistan", FOUNDED, FOUNDED, DAY, H),
    "THA": ("Thailand", "Kingdom of Thailand", date(2004, 10, 22), date(2004, 10, 22), DAY, H),
    "TUR": ("Türkiye", "Republic of Türkiye", FOUNDED, FOUNDED, DAY, H),
    "ARE": (
        "United Arab Emirates",
        "United Arab Emirates",
        date(2008, 1, 1),
        date(2008, 12, 31),
        YEAR,
        H,
    ),
    "UZB": ("Uzbekistan", "Republic of Uzbekistan", FOUNDED, FOUNDED, DAY, H),
    "VNM": (
        "Viet Nam",
        "Socialist Republic of Viet Nam",
        date(2010, 1, 1),
        date(2010, 12, 31),
        YEAR,
        H,
    ),
}

OBSERVER_STATES = {"BLR", "IDN", "JPN", "LAO", "MYS", "PHL", "SAU", "TKM", "UKR", "USA"}
OBSERVER_ORGANISATIONS = {"UN", "OSCE", "LAS", "TURKPA", "IOM"}


def test_there_are_28_member_states_with_their_codes() -> None:
    states = cbm.member_states(on=date(2024, 6, 1))
    assert [s.code for s in states] == sorted(MEMBERS)
    assert len(states) == 28


@pytest.mark.parametrize("code", sorted(MEMBERS))
def test_each_member_state_is_shipped_as_the_reference_says(code: str) -> None:
    common, formal, earliest, latest, precision, confidence = MEMBERS[code]
    state = cbm.member_state(code)
    assert state.code == code
    assert (state.name.en, state.formal_name.en) == (common, formal)
    assert state.name.ru
    assert state.name.kk
    assert state.formal_name.ru
    assert state.formal_name.kk
    admission = state.admission
    assert (admission.earliest, admission.latest) == (earliest, latest)
    assert admission.precision is precision
    assert admission.confidence is confidence
    assert admission.day == (earliest if precision is DAY else None)
    assert str(state) == f"{common} ({code})"


def test_afghanistans_admission_is_an_unconfirmed_range_between_1999_and_2002() -> None:
    afg = cbm.member_state("AFG").admission
    assert afg.precision is RANGE
    assert afg.confidence is U
    assert afg.day is None
    assert afg.note
    assert "not confirmed" in afg.note


def test_a_year_only_admission_is_a_year_not_the_first_of_january() -> None:
    bhr = cbm.member_state("BHR").admission
    assert bhr.stated == "2011"
    assert bhr.day is None
    assert (bhr.earliest, bhr.latest) == (date(2011, 1, 1), date(2011, 12, 31))


@pytest.mark.parametrize(
    ("day", "count"),
    [
        (date(1999, 9, 13), 0),
        (FOUNDED, 15),  # the Declaration on Principles
        (date(2002, 6, 3), 15),
        (date(2002, 6, 4), 16),  # the 1st Summit: Afghanistan certainly a member
        (date(2004, 10, 22), 17),  # Thailand, the 17th
        (date(2006, 6, 17), 17),  # Republic of Korea: 2006, the day only probable
        (date(2006, 12, 31), 18),
        (date(2008, 12, 30), 18),  # Jordan and UAE joined in 2008, on a day unknown
        (date(2008, 12, 31), 20),
        (date(2010, 12, 31), 22),  # Iraq, Viet Nam
        (date(2011, 12, 31), 24),  # Bahrain, Cambodia
        (date(2014, 12, 31), 26),  # Bangladesh (20 May), Qatar
        (date(2018, 8, 15), 27),  # Sri Lanka
        (date(2022, 10, 12), 27),
        (date(2022, 10, 13), 28),  # Kuwait, the 28th
        (date(2023, 12, 13), 28),  # the seed
    ],
)
def test_member_states_on_key_dates(day: date, count: int) -> None:
    assert len(cbm.member_states(on=day)) == count


def test_a_year_only_member_counts_from_the_last_day_of_its_year_unless_uncertain_is_asked() -> (
    None
):
    """The rule for dates that are not days: certain membership from the latest possible day."""
    mid_2011 = date(2011, 6, 1)
    assert "BHR" not in {s.code for s in cbm.member_states(on=mid_2011)}
    assert "BHR" in {s.code for s in cbm.member_states(on=mid_2011, certain=False)}
    assert not cbm.is_member("BHR", mid_2011)
    assert cbm.is_member("BHR", mid_2011, certain=False)
    assert cbm.is_member("BHR", date(2011, 12, 31))
    assert not cbm.is_member("BHR", date(2010, 12, 31), certain=False)


@given(cst.days())
def test_certain_members_are_always_among_the_possible_ones(day: date) -> None:
    certain = set(cbm.member_states(on=day))
    possible = set(cbm.member_states(on=day, certain=False))
    assert certain <= possible
    later = set(cbm.member_states(on=day + timedelta(days=1)))
    assert certain <= later  # membership only grows in the shipped data


def test_unknown_codes_and_observers_are_not_member_states() -> None:
    with pytest.raises(cbm.UnknownStateError, match="XXX"):
        cbm.member_state("XXX")
    with pytest.raises(cbm.UnknownStateError, match="observer"):
        cbm.member_state("USA")
    assert not cbm.is_member("USA", date(2024, 1, 1))
    assert isinstance(cbm.UnknownStateError("X"), LookupError)


def test_there_are_10_observer_states_and_5_observer_organisations() -> None:
    observers = cbm.observers()
    states = [o.id for o in observers if o.kind is cbm.ObserverKind.STATE]
    organisations = [o.id for o in observers if o.kind is cbm.ObserverKind.ORGANISATION]
    assert states == sorted(OBSERVER_STATES)
    assert set(organisations) == OBSERVER_ORGANISATIONS
    assert [o.id for o in observers] == states + sorted(organisations)
    assert not OBSERVER_STATES & set(MEMBERS)


def test_saudi_arabia_is_an_observer_since_26_december_2023() -> None:
    sau = cbm.observer("SAU")
    assert sau.since is not None
    assert sau.since.day == date(2023, 12, 26)
    assert sau.since.confidence is H
    assert str(sau) == "Saudi Arabia (SAU, observer)"


def test_turkmenistans_observer_status_is_dated_only_to_2021() -> None:
    tkm = cbm.observer("TKM").since
    assert tkm is not None
    assert tkm.precision is YEAR
    assert tkm.stated == "2021"


def test_an_observer_with_no_dated_source_keeps_its_date_unknown() -> None:
    for code in ("BLR", "IDN", "JPN", "USA", "UN", "OSCE"):
        assert cbm.observer(code).since is None


def test_an_unknown_observer_is_an_error() -> None:
    with pytest.raises(cbm.UnknownStateError):
        cbm.observer("KAZ")


@pytest.mark.parametrize(
    ("earliest", "precision", "latest"),
    [
        (date(2011, 1, 1), DAY, date(2011, 1, 2)),
        (date(2011, 1, 2), YEAR, date(2011, 12, 31)),
        (date(2011, 1, 1), YEAR, date(2012, 12, 31)),
        (date(2011, 5, 1), RANGE, date(2011, 4, 30)),
    ],
)
def test_an_admission_keeps_its_precision_honest(
    earliest: date, precision: cbm.Precision, latest: date
) -> None:
    with pytest.raises(cbm.InvalidValueError, match="Admission"):
        cbm.Admission("stated", earliest, precision, latest, H)


def test_admissions_on_a_day_and_in_a_year() -> None:
    assert cbm.Admission.on(date(2022, 10, 13)).day == date(2022, 10, 13)
    year = cbm.Admission.in_year(2011, M)
    assert (year.earliest, year.latest, year.day) == (date(2011, 1, 1), date(2011, 12, 31), None)


def test_member_states_pickle_and_compare_equal() -> None:
    for state in cbm.member_states(on=date(2024, 1, 1)):
        assert pickle.loads(pickle.dumps(state)) == state


def test_member_states_on_needs_a_date() -> None:
    with pytest.raises(cbm.InvalidValueError, match="on"):
        cbm.member_states(on="2024-01-01")  # type: ignore[arg-type]


def test_a_datetime_asks_about_its_calendar_day_in_astana() -> None:
    """Kuwait joined on 13 October 2022: 19:00 UTC on the 12th is already the 13th in Astana."""
    assert len(cbm.member_states(on=datetime(2022, 10, 12, 17, 59, tzinfo=UTC))) == 27
    assert len(cbm.member_states(on=datetime(2022, 10, 12, 19, 0, tzinfo=UTC))) == 28
    assert cbm.is_member("KWT", datetime(2022, 10, 12, 19, 0, tzinfo=UTC))
    assert not cbm.is_member("KWT", datetime(2022, 10, 12, 17, 59, tzinfo=UTC))


def test_a_naive_datetime_is_no_day_and_is_refused() -> None:
    """A naive datetime names no instant, so no day in Astana: it is refused, like elsewhere."""
    with pytest.raises(cbm.NaiveDatetimeError):
        cbm.member_states(on=datetime(2022, 10, 13, 0, 0))
    with pytest.raises(cbm.NaiveDatetimeError):
        cbm.is_member("KWT", datetime(2022, 10, 13, 0, 0))


def test_a_lower_case_code_is_answered_with_its_upper_case_form() -> None:
    """Codes are upper case: the error says which code was meant."""
    with pytest.raises(cbm.UnknownStateError, match="'TUR', not 'tur'"):
        cbm.member_state("tur")
