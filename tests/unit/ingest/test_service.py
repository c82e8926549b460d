"""Ingest's store on both backends: dedup, edits keep history, deletes leave tombstones."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from services.ingest.normalized import Ignored, NormalizedBatch
from services.ingest.relay import TipRelay
from services.ingest.service import IngestService, RawReceipt
from shared.contracts import Platform, Source, Tip, TipEvent, TipKind, tip_id_for
from shared.settings import RawPayloadPolicy
from shared.storage.models import AuditEventRow, RawPayload, TipRow, TipVersionRow

NOW = datetime(2026, 3, 11, 7, 42, 18, tzinfo=UTC)


def _tip(message_id: str, text: str | None = "auto op de stoep bij school", event: TipEvent = TipEvent.NEW) -> Tip:
    return Tip(
        tip_id=tip_id_for("facebook", message_id),
        platform=Platform.FACEBOOK,
        platform_message_id=message_id,
        event=event,
        kind=TipKind.COMMENT,
        received_on="104857600123456",
        text=text,
        created_at=NOW,
        source=Source.WEBHOOK,
        ingested_at=NOW,
    )


@dataclass
class RecordingPublisher:
    """A fake port: records what would have been published."""

    tasks: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def send_task(self, name: str, payload: Any) -> None:
        self.tasks.append((name, dict(payload)))

    def publish_to_desks(self, tickets: Any) -> None:
        raise AssertionError("ingest never publishes tickets")

    def declare_desk_queues(self, team_routing_keys: Any) -> list[str]:
        return []


def _actions(sessions: sessionmaker[Session]) -> list[str]:
    with sessions() as session:
        return list(session.execute(select(AuditEventRow.action).order_by(AuditEventRow.seq)).scalars())


def test_a_redelivered_payload_stores_nothing_twice(sessions: sessionmaker[Session]) -> None:
    service = IngestService(sessions)
    batch = NormalizedBatch(
        tips=(_tip("1"),), ignored=(Ignored(platform_message_id="e", reason="own_page_echo", detail=""),)
    )
    raw = RawReceipt("facebook", "webhook", b'{"entry": []}', NOW)
    first = service.store(batch, raw)
    second = service.store(batch, raw)
    assert (first.new, first.duplicates) == ([batch.tips[0].tip_id], [])
    assert (second.new, second.duplicates) == ([], [batch.tips[0].tip_id])
    assert _actions(sessions) == ["received", "ignored"]


def test_hash_policy_keeps_only_the_payload_hash(sessions: sessionmaker[Session]) -> None:
    IngestService(sessions, RawPayloadPolicy.HASH).store(
        NormalizedBatch(tips=(_tip("1"),)), RawReceipt("facebook", "webhook", b"{}", NOW)
    )
    with sessions() as session:
        row = session.execute(select(RawPayload)).scalar_one()
    assert row.body is None
    assert len(row.sha256) == 64


def test_an_edit_keeps_the_first_version_and_a_delete_leaves_a_tombstone(sessions: sessionmaker[Session]) -> None:
    service = IngestService(sessions)
    service.store(NormalizedBatch(tips=(_tip("1"),)), raw=None)
    service.store(NormalizedBatch(tips=(_tip("1", "gewijzigd: nu twee auto's", TipEvent.EDIT),)), raw=None)
    service.store(NormalizedBatch(tips=(_tip("1", None, TipEvent.DELETE),)), raw=None)
    with sessions() as session:
        row = session.execute(select(TipRow)).scalar_one()
        versions = list(session.execute(select(TipVersionRow)).scalars())
    assert row.deleted
    assert row.data["text"] is None
    assert row.version == 2
    assert [v.data["text"] for v in versions] == ["auto op de stoep bij school"]
    assert _actions(sessions) == ["received", "edited", "deleted"]


def test_the_relay_forwards_pending_tips_once_in_batches(sessions: sessionmaker[Session]) -> None:
    IngestService(sessions).store(NormalizedBatch(tips=tuple(_tip(str(n)) for n in range(5))), raw=None)
    IngestService(sessions).store(NormalizedBatch(tips=(_tip("9", None, TipEvent.DELETE),)), raw=None)
    publisher = RecordingPublisher()
    relay = TipRelay(sessions, publisher, batch_size=2)
    assert relay.forward_all() == 5
    assert relay.forward_all() == 0
    sizes = [len(payload["tips"]) for _, payload in publisher.tasks]
    assert sizes == [2, 2, 1]
