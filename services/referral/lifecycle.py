"""A ticket's lifecycle: new → claimed → closed with an outcome; who may do what; what the
citizen may be told.
"""

from __future__ import annotations

from enum import StrEnum

from shared.contracts import ReferralStatus
from shared.errors import PermanentError


class Outcome(StrEnum):
    ACTED_ON = "acted_on"
    NO_ACTION_NEEDED = "no_action_needed"
    NOT_A_POLICE_MATTER = "not_a_police_matter"
    DUPLICATE = "duplicate"
    WRONG_TEAM = "wrong_team_rerouted"


class TransitionError(PermanentError):
    """The ticket's state does not allow this step (for example closing a closed ticket)."""


OPEN = frozenset({ReferralStatus.NEW, ReferralStatus.CLAIMED})
REVIEW_DESK = "review"

_CITIZEN_STATUS = {
    ReferralStatus.NEW: "passed to the district team",
    ReferralStatus.CLAIMED: "being handled by the district team",
    ReferralStatus.CLOSED: "handled",
}


def check_claim(status: ReferralStatus) -> None:
    """Only a new ticket can be claimed."""
    if status is not ReferralStatus.NEW:
        raise TransitionError(f"a {status.value} ticket cannot be claimed")


def check_open(status: ReferralStatus, action: str) -> None:
    """Closing, rerouting, splitting and correcting need an open ticket."""
    if status not in OPEN:
        raise TransitionError(f"a {status.value} ticket cannot be {action}")


def citizen_status(status: ReferralStatus) -> str:
    """What webcare may tell the citizen: nothing about the team, the officers or the outcome."""
    return _CITIZEN_STATUS[status]
