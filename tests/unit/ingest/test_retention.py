"""Retention purges what it should and nothing else; the audit chain still verifies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from services.ingest.normalized import NormalizedBatch
from services.ingest.retention import RetentionPolicy, purge_expired
from services.ingest.service import IngestService, RawReceipt
from shared import audit
from shared.contracts import Platform, Source, Tip, TipKind, tip_id_for
from shared.storage.models import AuditEventRow, RawPayload, TipRow

POLICY = RetentionPolicy(timedelta(days=30), timedelta(days=30), timedelta(days=180))
NOW = datetime(2026, 11, 1, tzinfo=UTC)


def _tip(message_id: str, ingested_at: datetime) -> Tip:
    return Tip(
        tip_id=tip_id_for("x", message_id),
        platform=Platform.X,
        platform_message_id=message_id,
        kind=TipKind.POST,
        received_on="@politie",
        author_id=f"user-{message_id}",
        author_handle=f"@burger_{message_id}",
        text=f"bericht {message_id} over een auto op de stoep",
        created_at=ingested_at,
        source=Source.WEBHOOK,
        ingested_at=ingested_at,
    )


def _store(sessions: sessionmaker[Session]) -> None:
    service = IngestService(sessions)
    old, recent = NOW - timedelta(days=200), NOW - timedelta(days=5)
    service.store(
        NormalizedBatch(tips=(_tip("old-unreportable", old),)), RawReceipt("x", "webhook", b'{"old": 1}', old)
    )
    service.store(NormalizedBatch(tips=(_tip("old-referred", old),)), raw=None)
    service.store(
        NormalizedBatch(tips=(_tip("new-unreportable", recent),)), RawReceipt("x", "webhook", b'{"new": 1}', recent)
    )
    with sessions() as session, session.begin():
        for message_id, outcome in (
            ("old-unreportable", "not_reportable"),
            ("old-referred", "referred"),
            ("new-unreportable", "not_reportable"),
        ):
            session.execute(update(TipRow).where(TipRow.tip_id == tip_id_for("x", message_id)).values(outcome=outcome))


def _tip_data(sessions: sessionmaker[Session], message_id: str) -> dict[str, object]:
    with sessions() as session:
        row = session.get(TipRow, tip_id_for("x", message_id))
        assert row is not None
        return row.data


def test_purge_removes_expired_personal_data_and_keeps_the_rest(sessions: sessionmaker[Session]) -> None:
    _store(sessions)
    assert purge_expired(sessions, POLICY, now=NOW, dry_run=True) == {
        "raw_payloads": 1,
        "unreportable_texts": 1,
        "author_identities": 2,
    }
    assert _tip_data(sessions, "old-unreportable")["text"] is not None  # a dry run changes nothing
    counts = purge_expired(sessions, POLICY, now=NOW)
    assert counts == {"raw_payloads": 1, "unreportable_texts": 1, "author_identities": 2}
    old = _tip_data(sessions, "old-unreportable")
    referred = _tip_data(sessions, "old-referred")
    recent = _tip_data(sessions, "new-unreportable")
    assert (old["text"], old["author_handle"], old["author_id"]) == (None, None, None)
    assert referred["text"] is not None  # a referred tip's text stays with its ticket
    assert referred["author_handle"] is None
    assert (recent["text"], recent["author_handle"]) == (
        "bericht new-unreportable over een auto op de stoep",
        "@burger_new-unreportable",
    )
    with sessions() as session:
        bodies = {row.received_at.date(): row.body for row in session.execute(select(RawPayload)).scalars()}
        receipts = session.execute(select(AuditEventRow).where(AuditEventRow.action == "purged")).scalars().all()
        assert audit.verify(session).ok
    assert sorted(body is None for body in bodies.values()) == [False, True]
    assert len(receipts) == 4
    assert purge_expired(sessions, POLICY, now=NOW) == {
        "raw_payloads": 0,
        "unreportable_texts": 0,
        "author_identities": 0,
    }
