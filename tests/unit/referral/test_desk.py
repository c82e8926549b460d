"""The desks' operations on both backends: scope, lifecycle, reroute, split, escalation, labels."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from services.ingest.normalized import NormalizedBatch
from services.ingest.service import IngestService
from services.referral.desk import DeskService, ForbiddenError, NotFoundError, Scope, lead_routing_key
from services.referral.lifecycle import Outcome, TransitionError
from services.referral.registry import load_registry
from services.referral.service import ReferralService, RoutingPolicy
from shared.contracts import ClassifiedBatch, ClassifiedTip, Platform, Referral, ReferralStatus
from shared.storage.db import transaction
from shared.storage.models import AuditEventRow, ClassificationRow, ReferralRow
from tests.unit.referral.test_service import RecordingPublisher, _classified

RHEDEN = "team.re02.gelderland-midden.rheden"
LIEMERS = "team.re02.gelderland-midden.liemers"
DESK = Scope("desk-rheden", RHEDEN)
OTHER = Scope("desk-liemers", LIEMERS)
AUDITOR = Scope("auditor-1", None)


def _setup(sessions: sessionmaker[Session], *items: ClassifiedTip) -> tuple[DeskService, RecordingPublisher, list[str]]:
    IngestService(sessions).store(NormalizedBatch(tips=tuple(item.tip for item in items)), raw=None)
    with transaction(sessions) as session:  # as the classify stage stores them
        for item in items:
            session.add(
                ClassificationRow(
                    tip_id=item.tip.tip_id,
                    reportable=item.classification.reportable,
                    model_version=item.classification.model_version,
                    classified_at=datetime.now(UTC),
                    data=item.classification.model_dump(mode="json"),
                )
            )
    publisher = RecordingPublisher()
    referrals = ReferralService(sessions, load_registry(), publisher, RoutingPolicy(0.35, 0.55, "test-key"))
    for item in items:
        referrals.handle(ClassifiedBatch(items=(item,)))
    with sessions() as session:
        ids = list(session.execute(select(ReferralRow.referral_id).order_by(ReferralRow.created_at)).scalars())
    return DeskService(sessions, referrals.registry, publisher, referrals), publisher, ids


def _burglary(message_id: str = "fb-1") -> ClassifiedTip:
    return _classified(
        "Vannacht ingebroken in Velp aan de Hoofdstraat, achterdeur open",
        platform=Platform.FACEBOOK,
        message_id=message_id,
    )


def test_a_desk_claims_and_closes_its_ticket(sessions: sessionmaker[Session]) -> None:
    desk, publisher, (ticket,) = _setup(sessions, _burglary())
    assert [v.referral.referral_id for v in desk.tickets(DESK)] == [ticket]
    assert desk.claim(DESK, ticket).status is ReferralStatus.CLAIMED
    with pytest.raises(TransitionError):
        desk.claim(DESK, ticket)
    closed = desk.close(DESK, ticket, Outcome.ACTED_ON, "dader aangehouden")
    assert (closed.status, closed.outcome) == (ReferralStatus.CLOSED, "acted_on")
    assert Referral.model_validate(publisher.tickets[-1].body).status is ReferralStatus.CLOSED
    assert desk.tickets(DESK) == []
    assert desk.status_for_citizen(ticket) == "handled"
    with sessions() as session:
        actions = list(session.execute(select(AuditEventRow.action).where(AuditEventRow.subject == ticket)).scalars())
    assert actions[-4:] == ["claimed", "published", "closed", "published"]


def test_another_desk_and_the_auditor_cannot_change_a_ticket(sessions: sessionmaker[Session]) -> None:
    desk, _, (ticket,) = _setup(sessions, _burglary())
    with pytest.raises(ForbiddenError):
        desk.show(OTHER, ticket)
    with pytest.raises(ForbiddenError):
        desk.claim(OTHER, ticket)
    with pytest.raises(ForbiddenError):
        desk.tickets(OTHER, RHEDEN)
    assert desk.show(AUDITOR, ticket).referral.referral_id == ticket
    with pytest.raises(ForbiddenError):
        desk.close(AUDITOR, ticket, Outcome.NO_ACTION_NEEDED)
    with pytest.raises(NotFoundError):
        desk.show(AUDITOR, "ref_missing")


def test_a_rerouted_ticket_arrives_new_at_the_right_team(sessions: sessionmaker[Session]) -> None:
    desk, publisher, (ticket,) = _setup(sessions, _burglary())
    desk.claim(DESK, ticket)
    moved = desk.reroute(DESK, ticket, LIEMERS, "adres ligt in Duiven")
    assert (moved.desk, moved.status, moved.referral.team) == (LIEMERS, ReferralStatus.NEW, "gelderland-midden.liemers")
    assert moved.referral.route_reason.rule == "rerouted"
    assert publisher.tickets[-1].queues == [LIEMERS]
    assert desk.tickets(OTHER)[0].referral.referral_id == ticket
    with pytest.raises(ForbiddenError):
        desk.claim(DESK, ticket)


def test_a_wrongly_merged_report_is_split_into_its_own_ticket(sessions: sessionmaker[Session]) -> None:
    first = _classified(
        "Witte bus VX-482-T rijdt al een uur langzaam door Velp, mannen kijken in tuinen",
        platform=Platform.FACEBOOK,
        message_id="fb-9",
    )
    second = _classified(
        "bus vx 482 t rijdt nu weer rondjes bij de school in velp, verdacht",
        platform=Platform.TIKTOK,
        message_id="tt-9",
    )
    desk, _, (ticket,) = _setup(sessions, first, second)
    assert desk.show(DESK, ticket).referral.tip_ids == (first.tip.tip_id, second.tip.tip_id)
    own = desk.split(DESK, ticket, second.tip.tip_id)
    assert own.referral.tip_ids == (second.tip.tip_id,)
    assert own.desk == RHEDEN
    assert desk.show(DESK, ticket).referral.tip_ids == (first.tip.tip_id,)
    assert len(desk.tickets(DESK)) == 2
    with pytest.raises(TransitionError):
        desk.split(DESK, ticket, first.tip.tip_id)  # a ticket's only report stays


def test_overdue_tickets_escalate_once_to_the_unit_lead(sessions: sessionmaker[Session]) -> None:
    desk, publisher, (ticket,) = _setup(sessions, _burglary())
    later = datetime.now(UTC) + timedelta(days=30)
    assert desk.escalate_overdue(later) == [ticket]
    assert desk.escalate_overdue(later) == []
    assert publisher.tickets[-1].queues == [lead_routing_key("RE02")]
    assert desk.escalate_overdue(datetime.now(UTC)) == []


def test_outcomes_and_corrections_become_labelled_data(sessions: sessionmaker[Session]) -> None:
    burglary, other = _burglary("fb-1"), _burglary("fb-2")
    desk, _, tickets = _setup(sessions, burglary)
    desk.correct(DESK, tickets[0], burglary.tip.tip_id, {"categories": ["burglary", "theft"]})
    desk.close(DESK, tickets[0], Outcome.NOT_A_POLICE_MATTER)
    records = list(desk.export_labels())
    assert [r["id"] for r in records] == [burglary.tip.tip_id]
    assert records[0]["labels"]["categories"] == ["burglary", "theft"]
    assert records[0]["labels"]["reportable"] is False
    assert records[0]["text"].startswith("Vannacht ingebroken")
    assert other.tip.tip_id not in {r["id"] for r in records}


def test_a_desk_sees_no_handle_until_a_reasoned_reveal_that_is_audited(sessions: sessionmaker[Session]) -> None:
    item = _burglary()
    desk, publisher, (ticket,) = _setup(sessions, item)
    shown = desk.show(DESK, ticket)
    assert "jan.jansen" not in shown.referral.model_dump_json()
    assert "31612345678" not in str(publisher.tickets[0].body)
    with pytest.raises(TransitionError):
        desk.reveal(DESK, ticket, item.tip.tip_id, "want")
    with pytest.raises(ForbiddenError):
        desk.reveal(AUDITOR, ticket, item.tip.tip_id, "audit curiosity is not a reason")
    with pytest.raises(ForbiddenError):
        desk.reveal(OTHER, ticket, item.tip.tip_id, "another team wants to know who it was")
    identity = desk.reveal(DESK, ticket, item.tip.tip_id, "getuige nodig voor aangifte inbraak")
    assert identity["author_handle"] == "@jan.jansen"
    with sessions() as session:
        event = session.execute(select(AuditEventRow).where(AuditEventRow.action == "identity_revealed")).scalar_one()
    assert (event.actor, event.details["reason"]) == ("desk-rheden", "getuige nodig voor aangifte inbraak")
    assert "jan.jansen" not in str(event.details)
