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
from shared.contracts import ClassifiedBatch, ClassifiedTip, Platform, Referral, Tip, TipEvent, WithdrawnTips
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


def _classified(
    text: str, *, platform: Platform, message_id: str, received_on: str = "@wijkagent_velp"
) -> ClassifiedTip:
    tip = make_tip(text, received_on=received_on, platform=platform, message_id=message_id, author_id=message_id)
    return ClassifiedTip(tip=tip, classification=default_classifier().classify(tip.tip_id, text, received_on))


def _route_all(sessions: sessionmaker[Session], items: list[ClassifiedTip]) -> RecordingPublisher:
    IngestService(sessions).store(NormalizedBatch(tips=tuple(item.tip for item in items)), raw=None)
    publisher = RecordingPublisher()
    service = ReferralService(sessions, load_registry(), publisher, RoutingPolicy(0.35, 0.55, "test-key"))
    for item in items:  # one by one, as separate deliveries would arrive
        service.handle(ClassifiedBatch(items=(item,)))
    return publisher


def test_reports_of_one_incident_on_different_platforms_share_a_ticket(sessions: sessionmaker[Session]) -> None:
    items = [
        _classified(
            "Witte bestelbus VX-482-T rijdt al een uur langzaam door de straten van Velp, mannen kijken in de tuinen",
            platform=Platform.FACEBOOK,
            message_id="fb-1",
        ),
        _classified(
            "die bus met kenteken vx 482 t staat nu bij de basisschool in velp, verdacht",
            platform=Platform.TIKTOK,
            message_id="tt-1",
        ),
        _classified(
            "In Velp is vannacht ingebroken bij de bakker aan de Hoofdstraat",
            platform=Platform.INSTAGRAM,
            message_id="ig-1",
        ),
    ]
    publisher = _route_all(sessions, items)
    with sessions() as session:
        rows = list(session.execute(select(ReferralRow)).scalars())
        merges = list(session.execute(select(AuditEventRow).where(AuditEventRow.action == "merged")).scalars())
    tickets = {row.referral_id: Referral.model_validate(row.data) for row in rows}
    assert len(tickets) == 2
    bus = next(t for t in tickets.values() if "VX482T" in t.plates)
    assert bus.tip_ids == (items[0].tip.tip_id, items[1].tip.tip_id)
    assert {entry.platform for entry in bus.provenance} == {Platform.FACEBOOK, Platform.TIKTOK}
    assert len(bus.reporter_ids) == 2
    assert len(merges) == 1
    assert "same plate VX482T" in merges[0].details["reason"]
    published = [Referral.model_validate(m.body) for m in publisher.tickets]
    assert [t.tip_ids for t in published if t.referral_id == bus.referral_id][-1] == bus.tip_ids  # desk updated
