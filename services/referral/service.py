"""Referral's unit of work: route each classified tip, persist its ticket, then publish it.

Tickets are committed first (``published_at`` empty), then published to their desk queues with
publisher confirms, then marked published. A redelivered batch finds its tips already decided
and only publishes what is still unpublished, so a crash at any point creates no second ticket;
at worst a desk sees the same ``referral_id`` twice and drops the copy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from services.referral.incidents import MERGE_WINDOW, OpenTicket, find_incident, merged
from services.referral.lifecycle import OPEN, REVIEW_DESK
from services.referral.registry import Registry
from services.referral.routing import route
from services.referral.tickets import build_referral, without_tip
from shared import audit
from shared.contracts import ClassifiedBatch, ClassifiedTip, Referral, RouteDecision, WithdrawnTips
from shared.logging import get_logger
from shared.messaging import DeskMessage, Publisher
from shared.storage.db import insert_ignoring_duplicates, transaction
from shared.storage.models import ReferralPlateRow, ReferralRow, ReferralTipRow, TipRow

ACTOR = "referral"
NOT_REPORTABLE = "not_reportable"
REFERRED = "referred"
REVIEW = "review"
WITHDRAWN = "withdrawn"
log = get_logger(__name__)


@dataclass(frozen=True, slots=True)
class RoutingPolicy:
    review_low: float
    review_high: float
    pseudonym_key: str


def _decision_details(decision: RouteDecision) -> dict[str, object]:
    return {
        "rule": decision.rule,
        "reason": decision.reason,
        "queues": list(decision.queues),
        "unit_code": decision.unit_code,
        "team": decision.team,
        "emergency": decision.emergency,
        "review": decision.review,
    }


def _referral_row(referral: Referral) -> dict[str, object]:
    return {
        "referral_id": referral.referral_id,
        "unit_code": referral.unit_code,
        "team": referral.team,
        "urgency": referral.urgency.value,
        "status": referral.status.value,
        "created_at": referral.created_at,
        "sla_due": referral.sla_due,
        "queues": {"queues": list(referral.route_reason.queues)},
        "data": referral.model_dump(mode="json"),
        "published_at": None,
        "desk": desk_of(referral.route_reason),
        "municipality_code": referral.place.municipality_code if referral.place else None,
    }


def _desk_message(row: ReferralRow) -> DeskMessage:
    headers = {"x-tipline-referral-id": row.referral_id, "x-tipline-urgency": row.urgency}
    return DeskMessage(row.data, row.queues["queues"], headers)


def desk_of(decision: RouteDecision) -> str:
    """The desk that works a ticket: its team queue, or webcare review."""
    return decision.team_routing_key or REVIEW_DESK


def _attach(tickets: list[OpenTicket], referral_id: str, report: Referral, text: str) -> Referral:
    """Merge ``report`` into the open ticket ``referral_id`` (in memory) and return the ticket."""
    index = next(i for i, t in enumerate(tickets) if t.referral.referral_id == referral_id)
    ticket = merged(tickets[index].referral, report)
    tickets[index] = OpenTicket(ticket, (*tickets[index].texts, text))
    return ticket


def _add_plates(session: Session, referral_id: str, plates: Iterable[str]) -> None:
    rows = [{"referral_id": referral_id, "plate": plate} for plate in plates]
    insert_ignoring_duplicates(session, ReferralPlateRow, rows, ["referral_id", "plate"], ReferralPlateRow.plate)


def open_tickets_by_desk(session: Session, reports: list[Referral], now: datetime) -> dict[str, list[OpenTicket]]:
    """Open tickets that could be the same incident as one of ``reports``, with their texts.

    Only tickets of the same desks, young enough, and in the same municipality or naming one of
    the same plates are loaded: the indexes keep this cheap however many tickets are open.
    """
    desks = {desk_of(report.route_reason) for report in reports}
    municipalities = {report.place.municipality_code for report in reports if report.place}
    plates = {plate for report in reports for plate in report.plates}
    if not desks or not (municipalities or plates):
        return {}
    by_plate = select(ReferralPlateRow.referral_id).where(ReferralPlateRow.plate.in_(plates))
    rows = session.execute(
        select(ReferralRow).where(
            ReferralRow.desk.in_(desks),
            ReferralRow.status.in_([status.value for status in OPEN]),
            ReferralRow.created_at >= now - MERGE_WINDOW,
            or_(ReferralRow.municipality_code.in_(municipalities), ReferralRow.referral_id.in_(by_plate)),
        )
    ).scalars()
    tickets = {row.referral_id: (row.desk or REVIEW_DESK, Referral.model_validate(row.data)) for row in rows}
    texts: dict[str, list[str]] = {}
    if tickets:
        linked = session.execute(
            select(ReferralTipRow.referral_id, TipRow.data)
            .join(TipRow, TipRow.tip_id == ReferralTipRow.tip_id)
            .where(ReferralTipRow.referral_id.in_(list(tickets)))
        )
        for referral_id, data in linked:
            texts.setdefault(referral_id, []).append(str(data.get("text") or ""))
    result: dict[str, list[OpenTicket]] = {}
    for referral_id, (desk, referral) in tickets.items():
        result.setdefault(desk, []).append(OpenTicket(referral, tuple(texts.get(referral_id, []))))
    return result


def _outcome(decision: RouteDecision) -> str:
    if not decision.queues:
        return NOT_REPORTABLE
    return REVIEW if decision.review and not decision.team else REFERRED


class ReferralService:
    """Routes classified tips to desks."""

    def __init__(
        self, sessions: sessionmaker[Session], registry: Registry, publisher: Publisher, policy: RoutingPolicy
    ) -> None:
        self._sessions = sessions
        self._registry = registry
        self._publisher = publisher
        self._policy = policy

    @property
    def registry(self) -> Registry:
        return self._registry

    @property
    def publisher(self) -> Publisher:
        return self._publisher

    def decide(self, item: ClassifiedTip) -> RouteDecision:
        """The routing decision for one classified tip."""
        return route(
            item.tip,
            item.classification,
            self._registry,
            review_low=self._policy.review_low,
            review_high=self._policy.review_high,
        )

    def handle(self, batch: ClassifiedBatch) -> list[RouteDecision]:
        """Decide and persist the batch's new tips, then publish their unpublished tickets."""
        decisions = self._store(batch)
        published = self.publish_pending(item.tip.tip_id for item in batch.items)
        log.info("tips_routed", count=len(decisions), published=published)
        return decisions

    def _store(self, batch: ClassifiedBatch) -> list[RouteDecision]:
        now = datetime.now(UTC)
        with transaction(self._sessions) as session:
            pending = self._undecided(session, batch)
            decided = [(item, self.decide(item)) for item in pending]
            events = [
                audit.NewAuditEvent(item.tip.tip_id, "referral", "not_reportable", ACTOR, _decision_details(decision))
                for item, decision in decided
                if not decision.queues
            ]
            events += self._file(session, [(i, d) for i, d in decided if d.queues], now)
            self._set_outcomes(session, decided)
            audit.append(session, events)
        return [decision for _, decision in decided]

    def _file(
        self, session: Session, referred: list[tuple[ClassifiedTip, RouteDecision]], now: datetime
    ) -> list[audit.NewAuditEvent]:
        """Open a ticket per new incident; attach a report of an open incident to its ticket."""
        reports = [
            (
                item,
                decision,
                build_referral(
                    item.tip, item.classification, decision, now=now, pseudonym_key=self._policy.pseudonym_key
                ),
            )
            for item, decision in referred
        ]
        open_tickets = open_tickets_by_desk(session, [report for _, _, report in reports], now)
        new_rows: dict[str, Referral] = {}
        grown: dict[str, Referral] = {}  # existing tickets that took reports, written once at the end
        events: list[audit.NewAuditEvent] = []
        for item, decision, report in reports:
            desk = desk_of(decision)
            text = item.tip.text or ""
            match = find_incident(report, text, open_tickets.get(desk, []))
            if match is None:
                new_rows[report.referral_id] = report
                open_tickets.setdefault(desk, []).append(OpenTicket(report, (text,)))
                details = {**_decision_details(decision), "tip_id": item.tip.tip_id}
                events.append(audit.NewAuditEvent(report.referral_id, "referral", "routed", ACTOR, details))
                continue
            ticket = _attach(open_tickets[desk], match.referral_id, report, text)
            (new_rows if match.referral_id in new_rows else grown)[match.referral_id] = ticket
            details = {"tip_id": item.tip.tip_id, "reason": match.reason, "tips": len(ticket.tip_ids)}
            events.append(audit.NewAuditEvent(match.referral_id, "referral", "merged", ACTOR, details))
        self._insert_referrals(session, list(new_rows.values()))
        self._update_grown(session, grown)
        return events

    @staticmethod
    def _update_grown(session: Session, grown: dict[str, Referral]) -> None:
        """Write the tickets that took corroborating reports: once each, links and plates in bulk."""
        if not grown:
            return
        rows = session.execute(
            select(ReferralRow).where(ReferralRow.referral_id.in_(list(grown))).with_for_update()
        ).scalars()
        for row in rows:
            ticket = grown[row.referral_id]
            row.data = ticket.model_dump(mode="json")
            row.queues = {"queues": list(ticket.route_reason.queues)}
            row.urgency, row.sla_due, row.published_at = ticket.urgency.value, ticket.sla_due, None
        links = [{"tip_id": tip_id, "referral_id": rid} for rid, t in grown.items() for tip_id in t.tip_ids]
        insert_ignoring_duplicates(session, ReferralTipRow, links, ["tip_id"], ReferralTipRow.tip_id)
        plates = [{"referral_id": rid, "plate": plate} for rid, t in grown.items() for plate in t.plates]
        insert_ignoring_duplicates(session, ReferralPlateRow, plates, ["referral_id", "plate"], ReferralPlateRow.plate)

    @staticmethod
    def _undecided(session: Session, batch: ClassifiedBatch) -> list[ClassifiedTip]:
        """The batch's tips that have no outcome yet (a redelivery skips the rest), once each."""
        tip_ids = [item.tip.tip_id for item in batch.items]
        query = select(TipRow.tip_id, TipRow.deleted).where(TipRow.tip_id.in_(tip_ids), TipRow.outcome.is_(None))
        states: dict[str, bool] = dict(session.execute(query).all())
        # Deleted while it was being classified: nothing to refer; the tombstone is the record.
        deleted = [tip_id for tip_id, is_deleted in states.items() if is_deleted]
        if deleted:
            session.execute(update(TipRow).where(TipRow.tip_id.in_(deleted)).values(outcome=WITHDRAWN))
        unique = {item.tip.tip_id: item for item in batch.items if states.get(item.tip.tip_id) is False}
        return list(unique.values())

    @staticmethod
    def insert_split(session: Session, referral: Referral, desk: str | None) -> None:
        """Store a ticket split out of another one and move its report's link to it."""
        row = {**_referral_row(referral), "desk": desk or desk_of(referral.route_reason)}
        insert_ignoring_duplicates(session, ReferralRow, [row], ["referral_id"], ReferralRow.referral_id)
        _add_plates(session, referral.referral_id, referral.plates)
        session.execute(
            update(ReferralTipRow)
            .where(ReferralTipRow.tip_id == referral.tip_ids[0])
            .values(referral_id=referral.referral_id)
        )

    @staticmethod
    def _insert_referrals(session: Session, referrals: list[Referral]) -> None:
        rows = [_referral_row(referral) for referral in referrals]
        links = [{"tip_id": tip_id, "referral_id": r.referral_id} for r in referrals for tip_id in r.tip_ids]
        insert_ignoring_duplicates(session, ReferralRow, rows, ["referral_id"], ReferralRow.referral_id)
        insert_ignoring_duplicates(session, ReferralTipRow, links, ["tip_id"], ReferralTipRow.tip_id)
        plates = [{"referral_id": r.referral_id, "plate": plate} for r in referrals for plate in r.plates]
        insert_ignoring_duplicates(session, ReferralPlateRow, plates, ["referral_id", "plate"], ReferralPlateRow.plate)

    @staticmethod
    def _set_outcomes(session: Session, decided: list[tuple[ClassifiedTip, RouteDecision]]) -> None:
        by_outcome: dict[str, list[str]] = {}
        for item, decision in decided:
            by_outcome.setdefault(_outcome(decision), []).append(item.tip.tip_id)
        for outcome, tip_ids in by_outcome.items():
            session.execute(update(TipRow).where(TipRow.tip_id.in_(tip_ids)).values(outcome=outcome))

    def withdraw(self, withdrawn: WithdrawnTips) -> list[str]:
        """Drop deleted messages' text and evidence from their tickets; republish those tickets."""
        with transaction(self._sessions) as session:
            links = session.execute(
                select(ReferralTipRow.tip_id, ReferralTipRow.referral_id).where(
                    ReferralTipRow.tip_id.in_(withdrawn.tip_ids)
                )
            ).all()
            events = [self._withdraw_one(session, tip_id, referral_id) for tip_id, referral_id in links]
            audit.append(session, [event for event in events if event is not None])
        changed = [referral_id for (_, referral_id), event in zip(links, events, strict=True) if event is not None]
        self.publish_pending()
        return changed

    @staticmethod
    def _withdraw_one(session: Session, tip_id: str, referral_id: str) -> audit.NewAuditEvent | None:
        row = session.get(ReferralRow, referral_id, with_for_update=True)
        if row is None:
            return None
        referral = Referral.model_validate(row.data)
        if tip_id in referral.withdrawn_tip_ids:
            return None
        updated = without_tip(referral, tip_id)
        row.data = updated.model_dump(mode="json")
        row.published_at = None  # the desks get the updated ticket
        details = {"tip_id": tip_id, "remaining_tips": len(updated.tip_ids) - len(updated.withdrawn_tip_ids)}
        return audit.NewAuditEvent(referral_id, "referral", "evidence_withdrawn", ACTOR, details)

    def publish_pending(self, tip_ids: Iterable[str] | None = None) -> int:
        """Publish every unpublished ticket (of ``tip_ids``, or all) to its desk queues."""
        query = select(ReferralRow).where(ReferralRow.published_at.is_(None))
        if tip_ids is not None:
            linked = select(ReferralTipRow.referral_id).where(ReferralTipRow.tip_id.in_(list(tip_ids)))
            query = query.where(ReferralRow.referral_id.in_(linked))
        with transaction(self._sessions) as session:
            rows = list(session.execute(query.with_for_update(skip_locked=True)).scalars())
            if not rows:
                return 0
            self._publisher.publish_to_desks([_desk_message(row) for row in rows])
            published = [row.referral_id for row in rows]
            session.execute(
                update(ReferralRow)
                .where(ReferralRow.referral_id.in_(published))
                .values(published_at=datetime.now(UTC))
                .execution_options(synchronize_session=False)
            )
            audit.append(session, [self._published_event(row) for row in rows])
        return len(rows)

    @staticmethod
    def _published_event(row: ReferralRow) -> audit.NewAuditEvent:
        details = {"queues": row.queues["queues"], "urgency": row.urgency, "team": row.team}
        return audit.NewAuditEvent(row.referral_id, "referral", "published", ACTOR, details)
