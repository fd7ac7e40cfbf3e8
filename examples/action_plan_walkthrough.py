"""Walk the seed's Action Plan from a supposed approval, through a first seminar, to a review.

Note NCT/G/1501 placed the draft under the silence procedure until 11 January 2024 and said
that if no objections were made by that date the draft would be considered approved. What
happened is not recorded: the walk *supposes* that no objection was made, so that the draft is
approved at the deadline. Everything after that is an illustration too. The decision, the
seminar's dates, host and participants, and the review dates are made up for the walk; they
are not records of what happened.

Run it with ``python examples/action_plan_walkthrough.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import cica_cbm as cbm

SEED_NOTE = cbm.samples.nct_g_1501_note()
SEED_DRAFT = cbm.samples.nct_g_1501_draft()


def main() -> None:
    # 1. The silence procedure, supposing no objection was made: under the note, no objection
    # by 11 January 2024 means approval.
    proc = cbm.samples.nct_g_1501()
    outcome = proc.outcome(at=proc.deadline)
    assert outcome.decided_at is not None
    print(f"Note {SEED_NOTE.number}: {outcome.status.value} at {cbm.to_astana(outcome.decided_at)}")

    # 2. Approving the draft approves the lead measures of its Action Plan, nothing more.
    plan = cbm.Implementation.of(SEED_DRAFT.action_plan)
    plan = plan.approve_covered(by=proc, at=outcome.decided_at)
    approved = [item.id for item in plan.with_status(cbm.ItemStatus.APPROVED)]
    print("Approved by silence:", ", ".join(approved))
    print("Still awaiting approval:", ", ".join(item.id for item in plan.awaiting_approval))

    # 3. A further step needs a decision that names it: the calendar of seminars (ii.1).
    members = [state.code for state in cbm.member_states(on=date(2024, 2, 20))]
    decision = cbm.consensus(
        {
            "KAZ": cbm.Position.SUPPORT,
            "TUR": cbm.Position.SUPPORT,
            "IND": cbm.Stance(cbm.Position.JOIN_WITH_STATEMENT, "Participation stays voluntary."),
        },
        members,
        subject=cbm.approval_subject(["ii.1"]),
    )
    plan = plan.approve("ii.1", by=decision, at=datetime(2024, 2, 20, 15, 0, tzinfo=cbm.ASTANA))
    print(f"ii.1 approved by {plan.approval_of('ii.1')}")
    try:
        plan.approve("i.1", by=decision, at=datetime(2024, 2, 20, 15, 0, tzinfo=cbm.ASTANA))
    except cbm.CbmError as refused:
        print("Refused:", refused)

    # 4. The seminars' calendar: twice a year, from the first seminar, in Astana time.
    seminars = cbm.twice_yearly_seminars(date(2024, 4, 16))
    print("Seminar calendar (RFC 5545):", seminars.text.replace("\n", " | "))
    first = seminars.between(date(2024, 1, 1), date(2025, 1, 1))
    print("Seminars in 2024:", ", ".join(f"{d:%d %B %Y}" for d in first))

    # 5. A host volunteers; it alone sets the venue and form (the library's reading of
    # Concept Paper III.4); states join for themselves.
    seminar = cbm.Activity.volunteer(
        "KAZ",
        id="le-seminar-1",
        kind=cbm.ActivityKind.SEMINAR,
        title="Seminar on law enforcement related issues",
        item=plan.item("ii.1"),
        starts=first[0],
    )
    plan = plan.start("ii.1", at=datetime(2024, 3, 1, tzinfo=cbm.ASTANA), by="KAZ")
    seminar = seminar.arrange(by="KAZ", venue="Astana", form="in person")
    for state in ("CHN", "IND", "TUR", "RUS"):
        seminar = seminar.join(state, at=datetime(2024, 3, 20, tzinfo=cbm.ASTANA))
    seminar = seminar.leave("RUS", at=datetime(2024, 4, 2, tzinfo=cbm.ASTANA))
    attempts: list[Callable[[], cbm.Activity]] = [
        lambda: seminar.join("UZB", by="KAZ", at=datetime(2024, 4, 3, tzinfo=cbm.ASTANA)),
        lambda: seminar.arrange(by="TUR", venue="Ankara"),
        lambda: seminar.join("USA", at=datetime(2024, 4, 3, tzinfo=cbm.ASTANA)),
    ]
    for attempt in attempts:
        try:
            attempt()
        except cbm.CbmError as refused:
            print("Refused:", refused)
    print(
        f"{seminar.title} at {seminar.arrangements.venue} ({seminar.arrangements.form}), "
        f"hosted by {seminar.host}, with {', '.join(sorted(seminar.participants))}"
    )
    # Whoever took part, the decisions stand as they were taken.
    assert proc.outcome(at=proc.deadline) == outcome
    assert decision.adopted

    # 6. The first yearly review by the SWG and the SOC.
    reviews = cbm.ReviewSchedule(starts=cbm.to_astana(outcome.decided_at).date())
    print("Next review due (seen on 1 June 2024):", cbm.review_due(reviews, on=date(2024, 6, 1)))
    reviews = reviews.record(cbm.Review(cbm.ReviewBody.SWG, date(2024, 10, 15)))
    overdue = cbm.overdue_reviews(reviews, on=date(2025, 2, 1))
    print(
        "Overdue on 1 February 2025:",
        ", ".join(f"{r.body.value.upper()} for year {r.year} (due {r.due})" for r in overdue),
    )
    reviews = reviews.record(cbm.Review(cbm.ReviewBody.SOC, date(2025, 1, 10)))
    still_overdue = cbm.overdue_reviews(reviews, on=date(2025, 2, 1))
    print("Overdue on 1 February 2025 once the SOC met:", still_overdue or "none")
    next_due = cbm.review_due(reviews, on=date(2025, 2, 1))
    print("Next review due (seen on 1 February 2025):", next_due)

    # Everything travels as JSON and comes back the same.
    assert cbm.from_json(cbm.to_json(plan), cbm.Implementation) == plan
    assert cbm.from_json(cbm.to_json(seminar), cbm.Activity) == seminar
    assert cbm.from_json(cbm.to_json(reviews), cbm.ReviewSchedule) == reviews


if __name__ == "__main__":
    main()
