"""The seed's silence procedure under several scenarios: status and decisive finding of each.

CICA Secretariat Note NCT/G/1501 (Astana, 13 December 2023) placed the draft Concept Paper and
Action Plan on New Challenges and Threats (general) under silence "no later than 11 January
2024". Nothing known says how the procedure ended: every scenario below is a *what if*, the
first (no submissions, so the draft is approved at the deadline) included, and the submissions
in them are examples, not history.

Run it with ``python examples/seed_scenarios.py``; it reads no clock, so its output is always
the same.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

import cica_cbm as cbm

SEED_NOTE = cbm.samples.nct_g_1501_note()


NEW_YORK = timezone(timedelta(hours=-5), "EST")
"""New York in winter (EST, UTC-5): enough for January, with no zone data needed."""

ASKED_AT = datetime(2024, 2, 1, 0, 0, tzinfo=cbm.ASTANA)
"""When each scenario is evaluated: well after every deadline below."""

Scenario = Callable[[cbm.SilenceProcedure], cbm.SilenceProcedure]


def no_submissions(proc: cbm.SilenceProcedure) -> cbm.SilenceProcedure:
    return proc


def a_comment(proc: cbm.SilenceProcedure) -> cbm.SilenceProcedure:
    return proc.comment(
        by="CHN", at=datetime(2023, 12, 20, 10, 0, tzinfo=UTC), text="A suggestion on the goals."
    )


def an_objection_in_time(proc: cbm.SilenceProcedure) -> cbm.SilenceProcedure:
    # 11:00 in New York on 11 January is 22:00 in Astana: two hours before the deadline.
    return proc.object(
        by="IND", at=datetime(2024, 1, 11, 11, 0, tzinfo=NEW_YORK), text="India objects."
    )


def a_late_objection_from_new_york(proc: cbm.SilenceProcedure) -> cbm.SilenceProcedure:
    # 20:00 in New York on 11 January is 07:00 on 12 January in Astana: too late.
    return proc.object(
        by="IND", at=datetime(2024, 1, 11, 20, 0, tzinfo=NEW_YORK), text="India objects."
    )


def an_extension_then_approval(proc: cbm.SilenceProcedure) -> cbm.SilenceProcedure:
    extended = proc.extend(to=date(2024, 1, 25), at=datetime(2024, 1, 10, 9, 0, tzinfo=UTC))
    # After the first deadline, before the new one: in time, and a comment does not break.
    return extended.comment(
        by="KAZ", at=datetime(2024, 1, 20, 9, 0, tzinfo=UTC), text="Kazakhstan agrees."
    )


def a_withdrawal(proc: cbm.SilenceProcedure) -> cbm.SilenceProcedure:
    return proc.withdraw(
        at=datetime(2024, 1, 3, 9, 0, tzinfo=UTC), reason="A revised draft is to follow."
    )


SCENARIOS: dict[str, Scenario] = {
    "no submissions": no_submissions,
    "a comment": a_comment,
    "an objection in time": an_objection_in_time,
    "a late objection from New York": a_late_objection_from_new_york,
    "an extension, then approval": an_extension_then_approval,
    "a withdrawal": a_withdrawal,
}


def _astana(instant: datetime) -> str:
    return f"{cbm.to_astana(instant):%Y-%m-%d %H:%M} Astana time"


def main() -> int:
    seed = cbm.samples.nct_g_1501()
    print(
        f"Note {SEED_NOTE.number} of {SEED_NOTE.date:%d %B %Y}: {seed.terms.describe()}, "
        f"that is until {_astana(seed.deadline)}."
    )
    print(f"Each scenario is evaluated at {_astana(ASKED_AT)}.")
    for name, scenario in SCENARIOS.items():
        outcome = scenario(seed).outcome(at=ASKED_AT)
        print()
        print(f"{name}: {outcome.status.value}", end="")
        if outcome.decided_at is not None:
            print(f" at {_astana(outcome.decided_at)}", end="")
        print()
        reason = outcome.reason
        if reason is not None:
            print(f"  decisive: [{reason.rule}] {reason.message}")
            print(f"  clause: {reason.clause}")
        for finding in outcome.findings:
            if finding.rule in {"SILENCE-LATE", "SILENCE-COMMENT", "SILENCE-EXTENDED"}:
                print(f"  also: [{finding.rule}] {finding.message}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
