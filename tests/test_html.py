"""HTML tables for notebooks: outcomes, procedures, decisions and Action Plans."""

from __future__ import annotations

import html
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import cica_cbm as cbm
from cica_cbm.views.html import (
    action_plan_html,
    decision_html,
    horizon,
    implementation_html,
    outcome_html,
    procedure_html,
)

SEED_DRAFT = cbm.samples.nct_g_1501_draft()


ASTANA = cbm.ASTANA
GOLDEN = Path(__file__).resolve().parent / "golden"
VOID = {"br"}


class _Balance(HTMLParser):
    """Checks that every element is closed, in order; collects the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _check(markup: str) -> _Balance:
    parser = _Balance()
    parser.feed(markup)
    parser.close()
    assert parser.errors == []
    assert parser.stack == []
    assert markup.startswith('<div class="cica-cbm">')
    return parser


def _text(markup: str) -> str:
    return " ".join(" ".join(_check(markup).text).split())


def _story(proc: cbm.SilenceProcedure) -> cbm.SilenceProcedure:
    return (
        proc.comment(by="CHN", at=datetime(2023, 12, 20, 11, tzinfo=ASTANA), text="a comment")
        .extend(to=date(2024, 1, 25), at=datetime(2024, 1, 8, tzinfo=ASTANA), note="NCT/G/1")
        .object(by="IND", at=datetime(2024, 1, 20, 15, tzinfo=ASTANA), text="an objection")
        .comment(by="KAZ", at=datetime(2024, 1, 28, tzinfo=ASTANA), text="too late")
    )


# --- outcome ---------------------------------------------------------------------------------


def test_an_outcome_shows_status_deadline_in_both_times_and_every_finding(
    proc: cbm.SilenceProcedure,
) -> None:
    """The seed's outcome at the deadline: approved, the deadline in Astana and UTC, findings."""
    out = proc.outcome(at=proc.deadline)
    text = _text(outcome_html(out))
    assert "APPROVED" in text
    assert "no later than 11 January 2024" in text
    assert "2024-01-12 00:00 Astana (UTC+06:00)" in text
    assert "2024-01-11 18:00 UTC" in text
    for finding in out.findings:
        assert finding.rule in text
        assert " ".join(finding.message.split()) in text
        assert finding.clause in text


def test_a_pending_outcome_says_not_yet_decided(proc: cbm.SilenceProcedure) -> None:
    """While pending there is no decision instant."""
    text = _text(outcome_html(proc.outcome(at=proc.opened_at + timedelta(days=1))))
    assert "PENDING" in text
    assert "decided at not yet" in text


def test_after_march_2024_astana_time_is_shown_as_utc_plus_five(
    proc: cbm.SilenceProcedure,
) -> None:
    """Astana moved to UTC+5 on 1 March 2024; the tables show the offset of the instant."""
    later = proc.extend(to=date(2024, 3, 10), at=datetime(2024, 1, 5, tzinfo=ASTANA))
    text = _text(outcome_html(later.outcome(at=later.deadline)))
    assert "2024-03-11 00:00 Astana (UTC+05:00)" in text
    assert "2024-03-10 19:00 UTC" in text


# --- procedure -------------------------------------------------------------------------------


def test_a_procedure_shows_its_parties_who_submitted_and_when(
    proc: cbm.SilenceProcedure,
) -> None:
    """Every party, who commented or objected, each event's instant in both times, the status."""
    story = _story(proc)
    markup = procedure_html(story)
    text = _text(markup)
    for code in story.parties:
        assert f">{code}</abbr>" in markup
    assert "CHN (comment); IND (objection); KAZ (late comment)" in text
    assert "silent (25)" in text
    assert "2023-12-20 11:00 Astana (UTC+06:00) 2023-12-20 05:00 UTC" in text
    assert "2024-01-20 15:00 Astana (UTC+06:00) 2024-01-20 09:00 UTC" in text
    assert "breaks the silence" in text
    assert "late: no effect" in text
    assert "extends the deadline" in text
    assert "deadline as opened no later than 11 January 2024" in text
    assert "deadline in force no later than 25 January 2024" in text
    assert "status silence broken at" in text
    assert "SILENCE_BROKEN" not in text
    assert 'silence_broken">silence broken</span>' in markup
    assert 'title="India"' in markup


def test_a_procedure_shown_at_an_earlier_instant_is_pending(proc: cbm.SilenceProcedure) -> None:
    """Events after the instant shown are listed as such and do not count."""
    text = _text(procedure_html(_story(proc), at=datetime(2024, 1, 1, tzinfo=ASTANA)))
    assert "status pending at" in text
    assert text.count("after the instant shown") == 3
    assert "CHN (comment)" in text


def test_a_procedure_lists_every_event_once(proc: cbm.SilenceProcedure) -> None:
    """The events table has one row per event, numbered in time order."""
    story = _story(proc)
    parser = _check(procedure_html(story))
    assert parser.tags.count("table") == 3  # terms, events, findings
    cells = [" ".join(t.split()) for t in parser.text]
    for text in ("a comment", "an objection", "too late"):
        assert cells.count(text) == 1
    assert cells.count("Secretariat") == 2  # the opening and the extension
    numbers = [c for c in cells if c.isdigit()]
    assert numbers == [str(n) for n in range(1, len(story.events) + 1)]


def test_the_procedures_html_is_the_golden_one(proc: cbm.SilenceProcedure) -> None:
    """The whole table for a known story, byte for byte."""
    golden = (GOLDEN / "procedure.html").read_text(encoding="utf-8")
    assert procedure_html(_story(proc)) + "\n" == golden


def test_horizon_is_the_later_of_the_last_event_and_the_deadline(
    proc: cbm.SilenceProcedure,
) -> None:
    """The default instant of a table needs no clock."""
    assert horizon(proc) == proc.deadline
    story = _story(proc)
    assert horizon(story) == datetime(2024, 1, 28, tzinfo=ASTANA)


# --- escaping --------------------------------------------------------------------------------

NASTY = "<script>alert(\"x\")</script> & <b>bold</b> 'quoted'"


def test_a_partys_words_are_escaped_in_every_table(proc: cbm.SilenceProcedure) -> None:
    """Markup in a comment, a withdrawal reason or a statement is shown, never run."""
    story = proc.comment(by="CHN", at=proc.opened_at + timedelta(days=1), text=NASTY).withdraw(
        at=proc.opened_at + timedelta(days=2), reason=NASTY
    )
    decision = cbm.consensus(
        {"KAZ": cbm.Stance(cbm.Position.JOIN_WITH_STATEMENT, NASTY)},
        members={"KAZ", "IND"},
        subject=NASTY,
    )
    for markup in (procedure_html(story), outcome_html(story.outcome(horizon(story)))):
        assert "<script>" not in markup
        assert "<b>bold</b>" not in markup
        assert html.escape(NASTY) in markup
        assert NASTY in " ".join(_check(markup).text)
    markup = decision_html(decision)
    assert "<script>" not in markup
    assert markup.count(html.escape(NASTY)) >= 2


def test_codes_that_are_not_member_states_are_shown_as_given() -> None:
    """A decision holding codes the registry does not know (from a file, say) renders, escaped."""
    # consensus() refuses such members; a Decision read back from elsewhere may still hold them
    decision = attrs.evolve(
        cbm.consensus({"KAZ": cbm.Position.OBJECT}, members={"KAZ", "IND"}),
        members=frozenset({"<X>", "Y&Z"}),
        positions=(("<X>", cbm.Position.OBJECT),),
        objections=frozenset({"<X>"}),
    )
    markup = decision_html(decision)
    assert "&lt;X&gt;" in markup
    assert "Y&amp;Z" in markup
    assert "result blocked" in _text(markup)


# --- decision and action plan ----------------------------------------------------------------


def test_a_decision_shows_positions_objections_silence_and_statements() -> None:
    """Adopted with an abstention and a statement: every position and the statement appear."""
    members = {"KAZ", "IND", "CHN", "TUR"}
    decision = cbm.consensus(
        {
            "KAZ": cbm.Position.SUPPORT,
            "IND": cbm.Position.ABSTAIN,
            "CHN": cbm.Stance(cbm.Position.JOIN_WITH_STATEMENT, "an interpretative statement"),
        },
        members=members,
        subject="the Action Plan",
    )
    text = _text(decision_html(decision))
    assert "Decision by consensus: the Action Plan" in text
    assert "result adopted" in text
    assert "objections none" in text
    assert "silent (1) TUR" in text
    assert "IND India abstain" in text
    assert "CHN join with statement an interpretative statement" in text
    for finding in decision.findings:
        assert finding.rule in text


def test_a_blocked_decision_names_the_objection() -> None:
    """An objection blocks, and the table says who objected."""
    decision = cbm.consensus({"IND": cbm.Position.OBJECT}, members={"IND", "KAZ"})
    text = _text(decision_html(decision))
    assert "result blocked" in text
    assert "objections IND" in text


def test_the_seeds_action_plan_shows_every_item(proc: cbm.SilenceProcedure) -> None:
    """Every section and item of the seed's Action Plan, with its kind and status."""
    plan = SEED_DRAFT.action_plan
    markup = action_plan_html(plan)
    text = _text(markup)
    assert f"({len(plan.items)} items)" in text
    for section in plan.sections:
        assert f"{section.id}. {section.title}" in text
        for item in section.items:
            assert f"{item.id} {item.kind.value.replace('_', ' ')} proposed" in text
            assert " ".join(item.text.split()) in text


# --- the reprs Jupyter calls -----------------------------------------------------------------


def test_jupyter_reprs_delegate_to_the_tables(proc: cbm.SilenceProcedure) -> None:
    """_repr_html_ of the four classes is the table of this module."""
    out = proc.outcome(at=proc.deadline)
    decision = cbm.consensus({"KAZ": cbm.Position.SUPPORT}, members={"KAZ"})
    assert out._repr_html_() == outcome_html(out)
    assert proc._repr_html_() == procedure_html(proc)
    assert decision._repr_html_() == decision_html(decision)
    assert SEED_DRAFT.action_plan._repr_html_() == action_plan_html(SEED_DRAFT.action_plan)


@settings(max_examples=40, deadline=None)
@given(
    texts=st.lists(st.text(max_size=30), min_size=1, max_size=5),
    hours=st.lists(st.integers(0, 24 * 40), min_size=5, max_size=5),
)
def test_any_text_and_timing_give_balanced_html_with_every_event(
    texts: list[str], hours: list[int]
) -> None:
    """Whatever the parties wrote and whenever, the tables are balanced and list each event."""
    proc = cbm.samples.nct_g_1501()
    codes = sorted(proc.parties)
    for index, (text, hour) in enumerate(zip(texts, hours, strict=False)):
        act = proc.object if index == 2 else proc.comment
        proc = act(by=codes[index], at=proc.opened_at + timedelta(hours=hour), text=text)
    markup = procedure_html(proc)
    parser = _check(markup)
    assert parser.tags.count("tr") >= len(proc.events) + 1
    joined = "".join(parser.text)
    for event in proc.events[1:]:
        assert isinstance(event, cbm.CommentSubmitted | cbm.ObjectionRaised)
        assert event.text in joined


# --- the reference data and the plan's follow-up --------------------------------------------

NASTY_WORDS = "<script>alert('x')</script> & co"


def _no_codes(text: str) -> None:
    """No enum code leaks into the words of a table."""
    for code in (
        "SILENCE_BROKEN",
        "IN_PROGRESS",
        "in_progress",
        "further_step",
        "lead_measure",
        "silence_procedure",
        "draft_resolution",
        "join_with_statement",
    ):
        assert code not in text


def test_an_implementation_shows_each_items_status_and_every_change(
    proc: cbm.SilenceProcedure,
) -> None:
    """Statuses and kinds in words, the approval's basis and instant, a reason escaped."""
    impl = cbm.Implementation.of(SEED_DRAFT.action_plan).approve_covered(by=proc, at=proc.deadline)
    impl = impl.start("i.lead", at=proc.deadline + timedelta(days=3), by="TUR")
    dropped_at = proc.deadline + timedelta(days=4)
    dropping = cbm.consensus(
        {},
        body="CICA",
        on=dropped_at.astimezone(cbm.ASTANA).date(),
        subject=cbm.drop_subject(["i.1"]),
    )
    impl = impl.drop("i.1", by=dropping, at=dropped_at, reason=NASTY_WORDS)
    markup = impl._repr_html_()
    assert markup == implementation_html(impl)
    text = _text(markup)
    _no_codes(text)
    assert "lead measure" in text
    assert "further step" in text
    assert "approved \u2192 in progress" in text
    assert "by silence procedure" in text
    assert "2024-01-12 00:00 Astana (UTC+06:00)" in text
    assert html.escape(NASTY_WORDS) in markup
    assert NASTY_WORDS not in markup
    assert f"History ({len(impl.history)} changes)" in text


def test_an_implementation_without_history_says_so(proc: cbm.SilenceProcedure) -> None:
    text = _text(cbm.Implementation.of(SEED_DRAFT.action_plan)._repr_html_())
    assert "no change recorded" in text
    assert f"{len(SEED_DRAFT.action_plan.items)} proposed" in text


def test_a_review_schedule_shows_each_year_and_the_reviews_held() -> None:
    """Years to the one after the latest review, each body held or not, no clock read."""
    schedule = cbm.ReviewSchedule(date(2024, 1, 12)).record(
        cbm.Review(cbm.ReviewBody.SWG, date(2024, 6, 1))
    )
    text = _text(schedule._repr_html_())
    assert "Review schedule: in effect from 2024-01-12" in text
    assert "year opens due by SWG SOC" in text
    assert "1 2024-01-12 2025-01-11 held not recorded" in text
    assert "2 2025-01-12 2026-01-11 not recorded not recorded" in text
    assert "Reviews held (1) body held on SWG 2024-06-01" in text
    assert "none recorded" in _text(cbm.ReviewSchedule(date(2024, 1, 12))._repr_html_())


def test_a_note_shows_its_heading_references_and_notice() -> None:
    """The seed's Note: every language of its sender, the reference, the notice in words."""
    note = cbm.samples.nct_g_1501_note()
    text = _text(note._repr_html_())
    assert "Note NCT/G/1501" in text
    assert "ru: Секретариат Совещания" in text
    assert "Note NCT/G/778 of 2022-06-16" in text
    assert "as stated (4 pages)" in text
    assert "notice placement" in text
    assert "requested by TUR" in text
    assert "deadline no later than 2024-01-11" in text
    sneaky = attrs.evolve(note, place=cbm.LocalizedText(NASTY_WORDS))
    assert html.escape(NASTY_WORDS) in sneaky._repr_html_()
    assert NASTY_WORDS not in sneaky._repr_html_()


def test_a_draft_and_a_paper_show_what_they_are() -> None:
    """The CICA draft with its area, coordinator and plan; a paper with its kind in words."""
    text = _text(SEED_DRAFT._repr_html_())
    assert "priority area New Challenges and Threats (general)" in text
    assert "coordinator TUR" in text
    assert f"({len(SEED_DRAFT.action_plan.items)} items: " in text
    paper = cbm.Paper(NASTY_WORDS, cbm.PaperKind.DRAFT_RESOLUTION, "A/74/L.52")
    markup = paper._repr_html_()
    text = _text(markup)
    _no_codes(text)
    assert "kind draft resolution" in text
    assert "symbol A/74/L.52" in text
    assert html.escape(NASTY_WORDS) in markup
    assert NASTY_WORDS not in markup


def test_a_member_state_shows_its_names_and_admission() -> None:
    text = _text(cbm.member_state("KAZ")._repr_html_())
    assert "Member State: Kazakhstan (KAZ)" in text
    assert "formal name Republic of Kazakhstan ru: Республика Казахстан" in text
    assert "precision: day, confidence: high" in text


def test_the_catalogue_shows_every_priority_area_by_dimension() -> None:
    catalogue = cbm.catalogue()
    markup = catalogue._repr_html_()
    text = _text(markup)
    for dimension in catalogue.dimensions:
        assert dimension.name.en in text
    for area in catalogue.priority_areas:
        assert f"<code>{area.id}</code>" in markup
    assert " H " not in text
    assert "confidence" in text


def test_a_body_shows_its_chair_policy_and_memberships() -> None:
    body = cbm.BODIES["CICA"]
    text = _text(body._repr_html_())
    assert f"Memberships ({len(body.memberships)})" in text
    assert body.policy.name in text
    assert body.chair_title in text
    for membership in body.memberships:
        assert membership.name_en in text
    _no_codes(text)


def test_every_public_type_with_a_table_delegates_to_views_html() -> None:
    """Each _repr_html_ is the function that cica_cbm.views.html exports for it."""
    from cica_cbm.views import html as render

    assert cbm.catalogue()._repr_html_() == render.catalogue_html(cbm.catalogue())
    assert cbm.BODIES["UNGA"]._repr_html_() == render.body_html(cbm.BODIES["UNGA"])
    assert SEED_DRAFT._repr_html_() == render.draft_html(SEED_DRAFT)
