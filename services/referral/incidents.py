"""One ticket per incident: when a new report is the same incident as an open ticket, and how
the ticket changes when a report joins it or is split back out.

Same incident means: the same desk, an overlapping category, reported within the merge window,
and either the same licence plate, or the same municipality with similar wording (fuzzy token
overlap, which tolerates other word order, typos and extra words). Every merge carries its
reason, so a desk can judge it and split a wrong one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from rapidfuzz import fuzz

from services.referral.tickets import combined_evidence
from shared.contracts import Referral, RouteDecision, Urgency

MERGE_WINDOW = timedelta(hours=12)
# token_set_ratio of two reports of one incident in a municipality; unrelated reports about the
# same kind of offence in the same town score well below this on the labelled examples.
TEXT_SIMILARITY = 60.0
# A ticket stops taking reports here: beyond it a desk is better served by a fresh ticket than
# by one whose every update carries hundreds of reports.
MAX_REPORTS_PER_TICKET = 50
URGENCY_RANK = {Urgency.EMERGENCY: 0, Urgency.HIGH: 1, Urgency.NORMAL: 2, Urgency.LOW: 3}


@dataclass(frozen=True, slots=True)
class OpenTicket:
    """An open ticket and the texts of its reports (to compare wording with)."""

    referral: Referral
    texts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class IncidentMatch:
    referral_id: str
    reason: str


_STREET = re.compile(r"\b\w+(?:straat|laan|weg|plein|gracht|kade|singel|dijk|dreef|steeg|hof|markt|pad)\b")


def _streets(texts: Iterable[str]) -> set[str]:
    return {street for text in texts for street in _STREET.findall(text.casefold())}


def _different_streets(new_text: str, texts: Iterable[str]) -> bool:
    """Both name streets and none is shared: two incidents, however alike the wording."""
    mine, theirs = _streets([new_text]), _streets(texts)
    return bool(mine and theirs and not mine & theirs)


# A ticket's first few reports say what the incident is; comparing with all of a busy ticket's
# reports would make every new report cost more as the day goes on.
COMPARED_REPORTS = 5


def _similarity(text: str, others: tuple[str, ...]) -> float:
    folded = text.casefold()
    return max(
        (fuzz.token_set_ratio(folded, other.casefold()) for other in others[:COMPARED_REPORTS] if other), default=0.0
    )


def same_incident(new: Referral, new_text: str, open_ticket: OpenTicket) -> str | None:
    """Why ``new`` reports the same incident as ``open_ticket``, or None when it does not."""
    old = open_ticket.referral
    same_desk = (old.unit_code, old.team) == (new.unit_code, new.team) and old.team is not None
    if not same_desk or len(old.tip_ids) >= MAX_REPORTS_PER_TICKET:
        return None
    shared_categories = sorted(set(old.categories) & set(new.categories))
    if not shared_categories or abs(new.created_at - old.created_at) > MERGE_WINDOW:
        return None
    hours = abs(new.created_at - old.created_at).total_seconds() / 3600
    common = f"same team, category {', '.join(c.value for c in shared_categories)}, {hours:.1f} h apart"
    plates = sorted(set(old.plates) & set(new.plates))
    if plates:
        return f"same plate {', '.join(plates)}; {common}"
    same_place = (
        new.place is not None and old.place is not None and new.place.municipality_code == old.place.municipality_code
    )
    if not same_place or _different_streets(new_text, open_ticket.texts[:COMPARED_REPORTS]):
        return None
    similarity = _similarity(new_text, open_ticket.texts)
    if similarity < TEXT_SIMILARITY:
        return None
    place = new.place.municipality if new.place else "?"
    return f"same place {place} and similar wording ({similarity:.0f}%); {common}"


def find_incident(new: Referral, new_text: str, open_tickets: Iterable[OpenTicket]) -> IncidentMatch | None:
    """The open ticket ``new`` belongs to, with the reason, or None."""
    for open_ticket in open_tickets:
        reason = same_incident(new, new_text, open_ticket)
        if reason is not None:
            return IncidentMatch(open_ticket.referral.referral_id, reason)
    return None


def merged(ticket: Referral, report: Referral) -> Referral:
    """The ticket with another report of the same incident attached as corroborating evidence."""
    provenance = (*ticket.provenance, *report.provenance)
    urgency = min(ticket.urgency, report.urgency, key=URGENCY_RANK.__getitem__)
    return ticket.model_copy(
        update={
            "tip_ids": (*ticket.tip_ids, *report.tip_ids),
            "provenance": provenance,
            "evidence": combined_evidence(provenance),
            "categories": tuple(dict.fromkeys((*ticket.categories, *report.categories))),
            "plates": tuple(dict.fromkeys((*ticket.plates, *report.plates))),
            "reporter_ids": tuple(dict.fromkeys((*ticket.reporter_ids, *report.reporter_ids))),
            "urgency": urgency,
            "emergency": ticket.emergency or report.emergency,
            "sla_due": min(ticket.sla_due, report.sla_due),
            "route_reason": _union_queues(ticket.route_reason, report.route_reason),
        }
    )


def _union_queues(ticket: RouteDecision, report: RouteDecision) -> RouteDecision:
    queues = tuple(dict.fromkeys((*ticket.queues, *report.queues)))
    return ticket.model_copy(update={"queues": queues, "emergency": ticket.emergency or report.emergency})


def without_report(ticket: Referral, tip_id: str) -> Referral:
    """The ticket after one report was split out of it (wrongly merged)."""
    if tip_id not in ticket.tip_ids:
        raise ValueError(f"tip {tip_id} is not on ticket {ticket.referral_id}")
    if len(ticket.tip_ids) == 1:
        raise ValueError("a ticket's only report cannot be split out of it")
    provenance = tuple(entry for entry in ticket.provenance if entry.tip_id != tip_id)
    reporters = tuple(dict.fromkeys(entry.reporter_id for entry in provenance if entry.reporter_id))
    return ticket.model_copy(
        update={
            "tip_ids": tuple(t for t in ticket.tip_ids if t != tip_id),
            "provenance": provenance,
            "evidence": combined_evidence(provenance),
            "reporter_ids": reporters,
        }
    )
