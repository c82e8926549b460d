"""The referral service on both backends, with a recording publisher in place of the broker."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from services.classify.classifier import default_classifier
from services.ingest.normalized import NormalizedBatch
from services.ingest.service import IngestService
from services.referral.registry import load_registry
from services.referral.service import ReferralService, RoutingPolicy
from services.referral.tickets import WITHDRAWN_SUMMARY
from shared.contracts import ClassifiedBatch, ClassifiedTip, Referral, Tip, TipEvent, WithdrawnTips
from shared.messaging import DeskMessage
from shared.storage.models import AuditEventRow, ReferralRow, TipRow
from tests.unit.referral.factories import make_tip

TEXT = "Vannacht is in Velp aan de Hoofdstraat ingebroken bij de bakker, de ruit ligt eruit"


@dataclass
class RecordingPublisher:
    tickets: list[DeskMessage] = field(default_factory=list)

    def send_task(self, name: str, payload: Any) -> None:
        raise AssertionError("referral sends no tasks")

    def publish_to_desks(self, tickets: Any) -> None:
        self.tickets.extend(tickets)

    def declare_desk_queues(self, team_routing_keys: Any) -> list[str]:
        return []


def _referred(sessions: sessionmaker[Session]) -> tuple[ReferralService, RecordingPublisher, Tip]:
    tip = make_tip(TEXT, received_on="@wijkagent_velp")
    IngestService(sessions).store(NormalizedBatch(tips=(tip,)), raw=None)
    publisher = RecordingPublisher()
    service = ReferralService(sessions, load_registry(), publisher, RoutingPolicy(0.35, 0.55, "test-key"))
    classification = default_classifier().classify(tip.tip_id, TEXT, tip.received_on)
    batch = ClassifiedBatch(items=(ClassifiedTip(tip=tip, classification=classification),))
    service.handle(batch)
    service.handle(batch)  # a redelivery changes nothing
    return service, publisher, tip


def test_a_tip_becomes_one_published_ticket(sessions: sessionmaker[Session]) -> None:
    _, publisher, tip = _referred(sessions)
    assert len(publisher.tickets) == 1
    ticket = Referral.model_validate(publisher.tickets[0].body)
    assert ticket.tip_ids == (tip.tip_id,)
    assert ticket.team == "gelderland-midden.rheden"
    assert "31612345678" not in str(publisher.tickets[0].body)  # the reporter is pseudonymous


def test_a_deleted_message_is_withdrawn_from_its_ticket(sessions: sessionmaker[Session]) -> None:
    service, publisher, tip = _referred(sessions)
    changed = service.withdraw(WithdrawnTips(tip_ids=(tip.tip_id,)))
    assert len(changed) == 1
    assert service.withdraw(WithdrawnTips(tip_ids=(tip.tip_id,))) == []  # only once
    updated = Referral.model_validate(publisher.tickets[-1].body)
    assert len(publisher.tickets) == 2  # the desk receives the updated ticket
    assert updated.withdrawn_tip_ids == (tip.tip_id,)
    assert updated.summary == WITHDRAWN_SUMMARY
    assert updated.evidence == ()
    assert "bakker" not in str(publisher.tickets[-1].body)
    with sessions() as session:
        actions = list(session.execute(select(AuditEventRow.action).order_by(AuditEventRow.seq)).scalars())
    assert actions[-2:] == ["evidence_withdrawn", "published"]


def test_a_tip_deleted_while_in_flight_is_not_referred(sessions: sessionmaker[Session]) -> None:
    tip = make_tip(TEXT, received_on="@wijkagent_velp")
    ingest = IngestService(sessions)
    ingest.store(NormalizedBatch(tips=(tip,)), raw=None)
    ingest.store(NormalizedBatch(tips=(tip.model_copy(update={"event": TipEvent.DELETE, "text": None}),)), raw=None)
    publisher = RecordingPublisher()
    service = ReferralService(sessions, load_registry(), publisher, RoutingPolicy(0.35, 0.55, "test-key"))
    classification = default_classifier().classify(tip.tip_id, TEXT, tip.received_on)
    service.handle(ClassifiedBatch(items=(ClassifiedTip(tip=tip, classification=classification),)))
    assert publisher.tickets == []
    with sessions() as session:
        assert session.execute(select(TipRow.outcome)).scalar_one() == "withdrawn"
        assert session.execute(select(ReferralRow)).first() is None
