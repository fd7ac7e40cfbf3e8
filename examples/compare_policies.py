"""One draft, one amendment, three bodies' silence procedures: CICA, the OSCE, the UN GA.

The seed's note and draft (Note NCT/G/1501) are put under each policy with a deadline of the
form that policy allows, and the same proposed amendment arrives in time. Under CICA practice
an amendment is a suggestion and the draft is approved; under the OSCE's Rules of Procedure an
amendment breaks the silence. The amendment is an example, not history.

Run it with ``python examples/compare_policies.py``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import cica_cbm as cbm

NEW_YORK = timezone(timedelta(hours=-5), "EST")

OPENED = datetime(2023, 12, 13, 0, 0, tzinfo=cbm.ASTANA)
AMENDMENT_AT = datetime(2024, 1, 9, 9, 0, tzinfo=UTC)
ASKED_AT = datetime(2024, 2, 1, 0, 0, tzinfo=cbm.ASTANA)

DEADLINES: dict[str, date | datetime] = {
    # "no later than 11 January 2024", as the note says
    cbm.CICA_PRACTICE.name: date(2024, 1, 11),
    # the OSCE and the UN General Assembly set exact times
    cbm.OSCE.name: datetime(2024, 1, 11, 12, 0, tzinfo=cbm.ASTANA),
    cbm.UN_GENERAL_ASSEMBLY.name: datetime(2024, 1, 11, 10, 0, tzinfo=NEW_YORK),
}


def main() -> int:
    seed = cbm.samples.nct_g_1501()
    for policy in (cbm.CICA_PRACTICE, cbm.OSCE, cbm.UN_GENERAL_ASSEMBLY):
        proc = cbm.SilenceProcedure.open(
            seed.note,
            seed.draft,
            at=OPENED,
            deadline=DEADLINES[policy.name],
            policy=policy,
            body="CICA",
        )
        proc = proc.amend(by="RUS", at=AMENDMENT_AT, text="An amendment to Goal II.1.")
        outcome = proc.outcome(at=ASKED_AT)
        print(f"{policy.name}: deadline {proc.terms.describe()}")
        print(f"  status: {outcome.status.value}")
        if outcome.reason is not None:
            print(f"  decisive: [{outcome.reason.rule}] ({outcome.reason.clause})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
