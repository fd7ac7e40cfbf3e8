"""The rules engine: each rule is data; a user's own rule reports with the library's."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cica_cbm as cbm
from cica_cbm.core.consensus import ConsensusContext
from cica_cbm.core.silence import CLAUSE_CLOSED, CLAUSE_EXTENSION, CLAUSE_WITHDRAWAL
from cica_cbm.edges import strategies as cst

DEADLINE = datetime(2024, 1, 11, 18, 0, tzinfo=UTC)


def test_every_shipped_rule_has_an_id_a_clause_and_a_summary() -> None:
    for ruleset in (cbm.SILENCE_RULES, cbm.CONSENSUS_RULES):
        assert len(set(ruleset.ids)) == len(ruleset) > 0
        for rule in ruleset:
            assert rule.id == rule.id.strip()
            assert rule.id
            assert rule.clause
            assert rule.summary


def test_the_silence_rules_cite_the_note_and_the_consensus_rules_the_concept_paper() -> None:
    assert {r.clause for r in cbm.SILENCE_RULES} == {
        "Note {note} para 2",
        "Note {note} para 3",
        # what the note does not say is the library's model, and its findings say so
        CLAUSE_EXTENSION,
        CLAUSE_WITHDRAWAL,
        CLAUSE_CLOSED,
    }
    clauses = {rule.id: rule.clause for rule in cbm.CONSENSUS_RULES}
    assert clauses["CONSENSUS-OBJECTION"] == "Concept Paper III.1; Rules of Procedure Art. 1"
    assert clauses["CONSENSUS-ADOPTED"] == clauses["CONSENSUS-OBJECTION"]
    assert clauses["CONSENSUS-NO-QUORUM"] == "Rules of Procedure Art. 1 (quorum of two thirds)"


def national_requirement(ctx: cbm.SilenceContext) -> Iterator[str]:
    """A user's own rule: a ratifying note is needed when the draft is approved."""
    if ctx.status is cbm.Status.APPROVED:
        number = ctx.opening.source.removeprefix("Note ")
        yield f"{number} approved: national ratification is to follow."


MY_RULE: cbm.Rule[cbm.SilenceContext] = cbm.Rule(
    "NATIONAL-1", "National law, Art. 5", national_requirement, summary="Ratification."
)


def test_a_users_own_rule_reports_with_the_rest() -> None:
    proc = cbm.samples.nct_g_1501()
    out = proc.outcome(at=DEADLINE, rules=cbm.SILENCE_RULES + MY_RULE)
    assert out.findings[:-1] == proc.outcome(at=DEADLINE).findings
    assert out.findings[-1] == cbm.Finding(
        "NATIONAL-1",
        "National law, Art. 5",
        "NCT/G/1501 approved: national ratification is to follow.",
    )
    assert out.status is cbm.Status.APPROVED
    assert str(out.findings[-1]).startswith("[NATIONAL-1] NCT/G/1501 approved")


def test_a_users_rule_applies_to_consensus_too() -> None:
    def noted(ctx: ConsensusContext) -> Iterator[str]:
        yield f"{len(ctx.members)} members"

    rule: cbm.Rule[ConsensusContext] = cbm.Rule("MINE", "my clause", noted)
    decision = cbm.consensus({}, members={"KAZ", "IND"}, rules=cbm.CONSENSUS_RULES + rule)
    assert decision.findings[-1] == cbm.Finding("MINE", "my clause", "2 members")


def test_a_rule_set_refuses_two_rules_with_one_id() -> None:
    with pytest.raises(cbm.InvalidValueError, match="SILENCE-NO-EFFECT"):
        cbm.SILENCE_RULES + cbm.SILENCE_RULES.rules[-1]


def test_a_rule_can_be_left_out() -> None:
    fewer = cbm.SILENCE_RULES.without("SILENCE-OPENED")
    assert "SILENCE-OPENED" not in fewer.ids
    assert len(fewer) == len(cbm.SILENCE_RULES) - 1
    out = cbm.samples.nct_g_1501().outcome(at=DEADLINE, rules=fewer)
    assert [f.rule for f in out.findings] == ["SILENCE-APPROVED"]
    with pytest.raises(cbm.InvalidValueError, match="NOPE"):
        fewer.without("NOPE")


@pytest.mark.parametrize("rule_id", ["", "  ", " X", "X ", None])
def test_a_rule_id_is_non_empty_without_surrounding_spaces(rule_id: Any) -> None:
    with pytest.raises(cbm.InvalidValueError, match=r"Rule\.id"):
        cbm.Rule(rule_id, "clause", lambda ctx: ())


@given(cst.rule_sets(), st.integers())
def test_a_rule_set_reports_each_rules_findings_in_order(
    rules: cbm.RuleSet[Any], context: int
) -> None:
    expected = [f for rule in rules for f in rule.evaluate(context)]
    assert list(rules.evaluate(context)) == expected
    for rule in rules:
        for finding in rule.evaluate(context):
            assert (finding.rule, finding.clause, finding.decisive) == (
                rule.id,
                rule.clause,
                rule.decisive,
            )


@given(cst.outcomes())
def test_every_outcome_is_decided_by_one_finding_that_cites_a_clause(out: cbm.Outcome) -> None:
    deciding = [f for f in out.findings if f.decisive]
    if out.status is cbm.Status.PENDING:
        assert deciding == []
    else:
        assert len(deciding) == 1
        assert deciding[0].clause
        assert "{note}" not in deciding[0].clause
