"""What desks do with their tickets: list, show, claim, close, reroute, note, split, correct.

Every change is checked against the caller's scope (a desk token works one team's tickets; an
auditor reads everything and changes nothing), recorded in the audit trail, and republished so
the desk's own system sees the ticket as it now is. Overdue tickets escalate to the unit lead.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from services.referral.incidents import URGENCY_RANK, without_report
from services.referral.lifecycle import OPEN, Outcome, TransitionError, check_claim, check_open, citizen_status
from services.referral.registry import Registry
from services.referral.service import ReferralService, desk_of
from services.referral.tickets import build_referral
from shared import audit
from shared.contracts import (
    Category,
    Classification,
    Referral,
    ReferralStatus,
    RouteDecision,
    Tip,
)
from shared.errors import PermanentError
from shared.messaging import DeskMessage, Publisher
from shared.storage.db import transaction
from shared.storage.models import (
    ClassificationRow,
    LabelCorrectionRow,
    ReferralNoteRow,
    ReferralRow,
    ReferralTipRow,
    TipRow,
)
from shared.topology import TEAM_ROUTING_PREFIX

AUDITOR = "auditor"


class NotFoundError(PermanentError):
    """No such ticket (or tip on it)."""


class ForbiddenError(PermanentError):
    """The caller's token does not reach this ticket or this action."""


@dataclass(frozen=True, slots=True)
class Scope:
    """Who is calling: an agent name and the one desk their token opens (None: the auditor)."""

    actor: str
    desk: str | None

    @property
    def is_auditor(self) -> bool:
        return self.desk is None


@dataclass(frozen=True, slots=True)
class TicketView:
    referral: Referral
    desk: str
    status: ReferralStatus
    claimed_by: str | None
    outcome: str | None
    notes: tuple[dict[str, str], ...] = ()


def lead_routing_key(unit_code: str | None) -> str:
    """Where a unit's overdue tickets escalate to."""
    return f"lead.{(unit_code or 'national').lower()}"


def split_referral_id(referral_id: str, tip_id: str) -> str:
    """The id of the ticket a tip gets when it is split out of ``referral_id`` (stable on retry)."""
    return "ref_" + hashlib.sha256(f"{referral_id}|split|{tip_id}".encode()).hexdigest()[:24]


class DeskService:
    """The desks' operations on tickets."""

    def __init__(
        self, sessions: sessionmaker[Session], registry: Registry, publisher: Publisher, referrals: ReferralService
    ) -> None:
        self._sessions = sessions
        self._registry = registry
        self._publisher = publisher
        self._referrals = referrals

    # --- reading -------------------------------------------------------------------------------

    def tickets(self, scope: Scope, desk: str | None = None, include_closed: bool = False) -> list[TicketView]:
        """A desk's tickets, most urgent and soonest due first."""
        desk = self._readable_desk(scope, desk)
        query = select(ReferralRow)
        if desk is not None:
            query = query.where(ReferralRow.desk == desk)
        if not include_closed:
            query = query.where(ReferralRow.status.in_([status.value for status in OPEN]))
        with self._sessions() as session:
            views = [_view(row) for row in session.execute(query).scalars()]
        return sorted(views, key=lambda v: (URGENCY_RANK[v.referral.urgency], v.referral.sla_due))

    def show(self, scope: Scope, referral_id: str) -> TicketView:
        """One ticket with its evidence, provenance and notes."""
        with self._sessions() as session:
            row = self._row(session, scope, referral_id)
            notes = session.execute(
                select(ReferralNoteRow).where(ReferralNoteRow.referral_id == referral_id).order_by(ReferralNoteRow.id)
            ).scalars()
            note_list = tuple({"author": n.author, "note": n.note, "at": n.at.isoformat()} for n in notes)
            return _view(row, note_list)

    def status_for_citizen(self, referral_id: str) -> str:
        """The privacy-safe status webcare may send back to the citizen."""
        with self._sessions() as session:
            row = session.get(ReferralRow, referral_id)
            if row is None:
                raise NotFoundError(f"no ticket {referral_id}")
            return citizen_status(ReferralStatus(row.status))

    # --- changing ------------------------------------------------------------------------------

    def claim(self, scope: Scope, referral_id: str) -> TicketView:
        """Take a new ticket on."""
        return self._change(scope, referral_id, "claimed", lambda s, row: self._claim(row, scope))

    def close(self, scope: Scope, referral_id: str, outcome: Outcome, feedback: str | None = None) -> TicketView:
        """Close an open ticket with its outcome."""
        return self._change(scope, referral_id, "closed", lambda s, row: self._close(row, outcome, feedback, scope))

    def note(self, scope: Scope, referral_id: str, text: str) -> TicketView:
        """Add a note to a ticket."""

        def add(session: Session, row: ReferralRow) -> dict[str, Any]:
            session.add(ReferralNoteRow(referral_id=row.referral_id, author=scope.actor, note=text, at=_now()))
            return {"length": len(text)}

        return self._change(scope, referral_id, "noted", add, republish=False)

    def reroute(self, scope: Scope, referral_id: str, desk: str, reason: str) -> TicketView:
        """Hand a ticket to another team (wrong team); it arrives there as new."""
        if not desk.startswith(TEAM_ROUTING_PREFIX) or desk not in self._registry.all_team_routing_keys():
            raise NotFoundError(f"no desk {desk}")
        return self._change(scope, referral_id, "rerouted", lambda s, row: self._reroute(row, desk, reason, scope))

    def split(self, scope: Scope, referral_id: str, tip_id: str) -> TicketView:
        """Take a wrongly merged report out of a ticket into a ticket of its own; returns the new ticket."""
        new_id = split_referral_id(referral_id, tip_id)
        self._change(scope, referral_id, "split", lambda s, row: self._split(s, row, tip_id, new_id))
        self._referrals.publish_pending()
        return self.show(Scope(scope.actor, None), new_id)

    def correct(self, scope: Scope, referral_id: str, tip_id: str, labels: dict[str, Any]) -> TicketView:
        """Record a desk's correction of a report's labels (training data for the classifier)."""

        def record(session: Session, row: ReferralRow) -> dict[str, Any]:
            if tip_id not in Referral.model_validate(row.data).tip_ids:
                raise NotFoundError(f"tip {tip_id} is not on ticket {referral_id}")
            session.add(
                LabelCorrectionRow(tip_id=tip_id, referral_id=referral_id, author=scope.actor, labels=labels, at=_now())
            )
            return {"tip_id": tip_id, "labels": sorted(labels)}

        return self._change(scope, referral_id, "corrected", record, republish=False)

    def reveal(self, scope: Scope, referral_id: str, tip_id: str, reason: str) -> dict[str, str | None]:
        """Break-glass: who wrote a report. Takes a reason, and the reveal itself is audited."""
        if scope.is_auditor:
            raise ForbiddenError("an auditor's token reads the trail; revealing a reporter is a desk's decision")
        if len(reason.strip()) < 10:
            raise TransitionError("revealing a reporter needs a reason of at least 10 characters")
        with transaction(self._sessions) as session:
            row = self._row(session, scope, referral_id)
            if tip_id not in Referral.model_validate(row.data).tip_ids:
                raise NotFoundError(f"tip {tip_id} is not on ticket {referral_id}")
            tip = session.get(TipRow, tip_id)
            data = tip.data if tip is not None else {}
            identity = {
                "platform": data.get("platform"),
                "author_id": data.get("author_id"),
                "author_handle": data.get("author_handle"),
            }
            details = {"tip_id": tip_id, "reason": reason, "found": identity["author_id"] is not None}
            audit.append(session, [audit.NewAuditEvent(referral_id, "desk", "identity_revealed", scope.actor, details)])
        return identity

    def escalate_overdue(self, now: datetime | None = None) -> list[str]:
        """Send every open ticket past its SLA, not yet escalated, to its unit lead's queue."""
        now = now or _now()
        with transaction(self._sessions) as session:
            rows = list(
                session.execute(
                    select(ReferralRow)
                    .where(
                        ReferralRow.status.in_([status.value for status in OPEN]),
                        ReferralRow.sla_due < now,
                        ReferralRow.escalated_at.is_(None),
                    )
                    .with_for_update(skip_locked=True)
                ).scalars()
            )
            messages = [DeskMessage(row.data, [lead_routing_key(row.unit_code)], _headers(row)) for row in rows]
            if messages:
                self._publisher.publish_to_desks(messages)
            for row in rows:
                row.escalated_at = now
            audit.append(session, [_escalated_event(row, now) for row in rows])
        return [row.referral_id for row in rows]

    def export_labels(self) -> Iterator[dict[str, Any]]:
        """Outcomes and corrections as labelled tips, in the classifier's training format."""
        with self._sessions() as session:
            corrections = {row.tip_id: row.labels for row in session.execute(select(LabelCorrectionRow)).scalars()}
            closed = session.execute(
                select(ReferralTipRow.tip_id, ReferralRow.outcome)
                .join(ReferralRow, ReferralRow.referral_id == ReferralTipRow.referral_id)
                .where(ReferralRow.status == ReferralStatus.CLOSED.value)
            ).all()
            outcomes: dict[str, str | None] = dict(closed)
            for tip_id in sorted(set(corrections) | set(outcomes)):
                record = _labelled_record(session, tip_id, outcomes.get(tip_id), corrections.get(tip_id))
                if record is not None:
                    yield record

    # --- internals -----------------------------------------------------------------------------

    def _readable_desk(self, scope: Scope, desk: str | None) -> str | None:
        if scope.is_auditor:
            return desk
        if desk is not None and desk != scope.desk:
            raise ForbiddenError(f"this token opens {scope.desk}, not {desk}")
        return scope.desk

    @staticmethod
    def _row(session: Session, scope: Scope, referral_id: str, lock: bool = False) -> ReferralRow:
        row = session.get(ReferralRow, referral_id, with_for_update=lock)
        if row is None:
            raise NotFoundError(f"no ticket {referral_id}")
        if not scope.is_auditor and row.desk != scope.desk:
            raise ForbiddenError(f"ticket {referral_id} belongs to another desk")
        return row

    def _change(self, scope: Scope, referral_id: str, action: str, apply: Any, *, republish: bool = True) -> TicketView:
        if scope.is_auditor:
            raise ForbiddenError("an auditor's token reads; it changes nothing")
        with transaction(self._sessions) as session:
            row = self._row(session, scope, referral_id, lock=True)
            details = apply(session, row) or {}
            if republish:
                row.published_at = None
            event = audit.NewAuditEvent(referral_id, "desk", action, scope.actor, details)
            audit.append(session, [event])
        if republish:
            self._referrals.publish_pending()
        return self.show(Scope(scope.actor, None), referral_id)

    @staticmethod
    def _claim(row: ReferralRow, scope: Scope) -> dict[str, Any]:
        check_claim(ReferralStatus(row.status))
        row.status, row.claimed_by = ReferralStatus.CLAIMED.value, scope.actor
        row.data = {**row.data, "status": row.status}
        return {"by": scope.actor}

    def _close(self, row: ReferralRow, outcome: Outcome, feedback: str | None, scope: Scope) -> dict[str, Any]:
        check_open(ReferralStatus(row.status), "closed")
        row.status, row.outcome, row.closed_at = ReferralStatus.CLOSED.value, outcome.value, _now()
        row.data = {**row.data, "status": row.status, "outcome": outcome.value, "feedback": feedback}
        return {"outcome": outcome.value, "by": scope.actor}

    def _reroute(self, row: ReferralRow, desk: str, reason: str, scope: Scope) -> dict[str, Any]:
        check_open(ReferralStatus(row.status), "rerouted")
        referral = Referral.model_validate(row.data)
        old = row.desk
        unit_code = desk.split(".")[1].upper()
        team = desk.split(".", 2)[2]
        extra = tuple(q for q in referral.route_reason.queues if not q.startswith(TEAM_ROUTING_PREFIX))
        decision = RouteDecision(
            unit_code=unit_code,
            unit=self._registry.unit_name(unit_code),
            team=team,
            queues=(*extra, desk),
            rule="rerouted",
            reason=f"rerouted by {scope.actor} from {old} to {desk}: {reason}",
            emergency=referral.route_reason.emergency,
        )
        updated = referral.model_copy(
            update={
                "unit_code": unit_code,
                "unit": decision.unit,
                "team": team,
                "route_reason": decision,
                "status": ReferralStatus.NEW,
            }
        )
        row.data = updated.model_dump(mode="json")
        row.desk, row.unit_code, row.team = desk, unit_code, team
        row.queues = {"queues": list(decision.queues)}
        row.status, row.claimed_by = ReferralStatus.NEW.value, None
        return {"from": old, "to": desk, "reason": reason}

    def _split(self, session: Session, row: ReferralRow, tip_id: str, new_id: str) -> dict[str, Any]:
        check_open(ReferralStatus(row.status), "split")
        referral = Referral.model_validate(row.data)
        try:
            remaining = without_report(referral, tip_id)
        except ValueError as exc:
            raise TransitionError(str(exc)) from exc
        tip, classification = _tip_and_classification(session, tip_id)
        decision = referral.route_reason.model_copy(
            update={"rule": "split", "reason": f"split out of {referral.referral_id}; {referral.route_reason.reason}"}
        )
        entry = next(e for e in referral.provenance if e.tip_id == tip_id)
        own = build_referral(tip, classification, decision, now=_now(), pseudonym_key="unused")
        own = own.model_copy(
            update={
                "referral_id": new_id,
                "provenance": (entry,),
                "reporter_ids": tuple(filter(None, [entry.reporter_id])),
            }
        )
        row.data = remaining.model_dump(mode="json")
        ReferralService.insert_split(session, own, row.desk)
        return {"tip_id": tip_id, "new_referral_id": new_id}


def _now() -> datetime:
    return datetime.now(UTC)


def _headers(row: ReferralRow) -> dict[str, str]:
    return {"x-tipline-referral-id": row.referral_id, "x-tipline-urgency": row.urgency}


def _escalated_event(row: ReferralRow, now: datetime) -> audit.NewAuditEvent:
    details = {"to": lead_routing_key(row.unit_code), "sla_due": row.sla_due.isoformat(), "at": now.isoformat()}
    return audit.NewAuditEvent(row.referral_id, "referral", "escalated", "escalation", details)


def _view(row: ReferralRow, notes: tuple[dict[str, str], ...] = ()) -> TicketView:
    referral = Referral.model_validate(row.data)
    return TicketView(
        referral,
        row.desk or desk_of(referral.route_reason),
        ReferralStatus(row.status),
        row.claimed_by,
        row.outcome,
        notes,
    )


def _tip_and_classification(session: Session, tip_id: str) -> tuple[Tip, Classification]:
    tip_row = session.get(TipRow, tip_id)
    classification_row = session.get(ClassificationRow, tip_id)
    if tip_row is None or classification_row is None:
        raise NotFoundError(f"tip {tip_id} is not stored")
    return Tip.model_validate(tip_row.data), Classification.model_validate(classification_row.data)


def _labelled_record(
    session: Session, tip_id: str, outcome: str | None, correction: dict[str, Any] | None
) -> dict[str, Any] | None:
    tip_row = session.get(TipRow, tip_id)
    classification_row = session.get(ClassificationRow, tip_id)
    if tip_row is None or classification_row is None or not tip_row.data.get("text"):
        return None  # withdrawn or never classified: nothing to learn from
    tip = tip_row.data
    classification = Classification.model_validate(classification_row.data)
    labels: dict[str, Any] = {
        "reportable": classification.reportable,
        "categories": classification.category_names,
        "urgency": classification.urgency.value if classification.urgency else None,
        "place": classification.place.municipality if classification.place else None,
        "plates": classification.plate_values,
        "language": classification.language,
    }
    if outcome == Outcome.NOT_A_POLICE_MATTER.value:
        labels |= {"reportable": False, "categories": [], "urgency": None}
    labels |= {key: value for key, value in (correction or {}).items() if key in labels}
    if labels["categories"]:
        labels["categories"] = [Category(c).value for c in labels["categories"]]
    return {
        "id": tip_id,
        "platform": tip["platform"],
        "kind": tip["kind"],
        "received_on": tip["received_on"],
        "created_at": tip["created_at"],
        "text": tip["text"],
        "labels": labels,
        "label_source": "desk_correction" if correction else f"outcome:{outcome}",
    }
