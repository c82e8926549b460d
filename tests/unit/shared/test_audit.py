"""The audit chain on both backends: append, verify, and every kind of tampering."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from shared import audit
from shared.storage.db import make_engine, make_session_factory, transaction
from shared.storage.models import ReferralTipRow


def _append_story(sessions: sessionmaker[Session], count: int = 5) -> None:
    for index in range(count):
        with transaction(sessions) as session:
            audit.append(
                session,
                [audit.NewAuditEvent(f"tip_{index}", "ingest", "received", "ingest", {"n": index, "ü": "é"})],
            )


def _tamper(engine: Engine, sql: str) -> None:
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            # Bypasses the append-only trigger the way a database superuser could.
            connection.execute(text("SET LOCAL session_replication_role = replica"))
        connection.execute(text(sql))


def test_a_fresh_chain_verifies(sessions: sessionmaker[Session]) -> None:
    _append_story(sessions)
    with sessions() as session:
        report = audit.verify(session)
    assert report.ok, report.problem
    assert report.checked == 5
    assert report.head_seq == 5


def test_events_in_one_transaction_are_consecutive(sessions: sessionmaker[Session]) -> None:
    events = [audit.NewAuditEvent("tip_a", "classify", "classified", "classify", {"i": i}) for i in range(3)]
    with transaction(sessions) as session:
        written = audit.append(session, events, now=datetime(2026, 1, 1, tzinfo=UTC))
    assert [event.seq for event in written] == [1, 2, 3]
    assert written[1].prev_hash == written[0].hash
    assert written[0].prev_hash == audit.GENESIS_HASH


@pytest.mark.parametrize(
    ("sql", "bad_seq", "words"),
    [
        ("UPDATE audit_events SET action = 'ignored' WHERE seq = 3", 3, "edited"),
        ("DELETE FROM audit_events WHERE seq = 2", 3, "deleted or inserted"),
        ("UPDATE audit_events SET seq = seq + 100 WHERE seq = 4", 5, "deleted or inserted"),
        ("DELETE FROM audit_events WHERE seq = 5", 5, "cut off"),
        (
            "INSERT INTO audit_events (seq, at, subject, stage, action, actor, details, prev_hash, hash)"
            " SELECT 6, at, subject, stage, action, actor, details, hash, hash FROM audit_events WHERE seq = 5",
            6,
            "hash does not match",
        ),
    ],
)
def test_verify_names_the_first_broken_link(
    engine: Engine, sessions: sessionmaker[Session], sql: str, bad_seq: int, words: str
) -> None:
    _append_story(sessions)
    _tamper(engine, sql)
    with sessions() as session:
        report = audit.verify(session)
    assert not report.ok
    assert report.first_bad_seq == bad_seq
    assert report.problem is not None
    assert words in report.problem


def test_swapped_events_are_detected(engine: Engine, sessions: sessionmaker[Session]) -> None:
    _append_story(sessions)
    _tamper(
        engine, "UPDATE audit_events SET subject = CASE seq WHEN 2 THEN 'tip_2' ELSE 'tip_1' END WHERE seq IN (2, 3)"
    )
    with sessions() as session:
        report = audit.verify(session)
    assert not report.ok
    assert report.first_bad_seq == 2


INSERT_TIP = (
    "INSERT INTO tips (tip_id, platform, platform_message_id, received_on, source, created_at, ingested_at,"
    " version, deleted, data) VALUES ('tip_1', 'x', '1', 'a', 'import', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP,"
    " 1, false, '{}')"
)
INSERT_REFERRAL = (
    "INSERT INTO referrals (referral_id, urgency, status, created_at, sla_due, queues, data)"
    " VALUES ('ref_1', 'low', 'new', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, '{}', '{}')"
)


def test_trace_follows_a_ticket_to_its_tips(sessions: sessionmaker[Session]) -> None:
    _append_story(sessions, 3)
    with transaction(sessions) as session:
        audit.append(session, [audit.NewAuditEvent("ref_1", "referral", "routed", "referral", {})])
    with sessions() as session, session.begin():
        session.execute(
            text(
                "INSERT INTO tips (tip_id, platform, platform_message_id, received_on, source, created_at, ingested_at, version, deleted, data) VALUES ('tip_1', 'x', '1', 'a', 'import', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1, false, '{}')"
            )
        )
        session.execute(
            text(
                "INSERT INTO referrals (referral_id, urgency, status, created_at, sla_due, queues, data) VALUES ('ref_1', 'low', 'new', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, '{}', '{}')"
            )
        )
        session.add(ReferralTipRow(tip_id="tip_1", referral_id="ref_1"))
    with sessions() as session:
        story = audit.trace(session, "ref_1")
    assert [(event.subject, event.action) for event in story] == [("tip_1", "received"), ("ref_1", "routed")]


def test_postgres_refuses_to_rewrite_history(postgres_url: str) -> None:
    engine = make_engine(postgres_url)
    _append_story(make_session_factory(engine), 1)
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
        connection.execute(text("UPDATE audit_events SET action = 'x'"))
    engine.dispose()


def test_a_well_forged_event_slipped_in_after_the_head_is_caught(
    engine: Engine, sessions: sessionmaker[Session]
) -> None:
    _append_story(sessions, 2)
    with sessions() as session:
        head = audit.verify(session)
        last = session.execute(text("SELECT hash, at FROM audit_events WHERE seq = 2")).one()
    at = datetime(2026, 1, 1, tzinfo=UTC)
    forged_hash = audit.chain_hash(last.hash, audit.canonical_bytes(3, at, "tip_x", "ingest", "received", "ingest", {}))
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO audit_events (seq, at, subject, stage, action, actor, details, prev_hash, hash)"
                " VALUES (3, :at, 'tip_x', 'ingest', 'received', 'ingest', '{}', :prev, :hash)"
            ),
            {"at": at, "prev": last.hash, "hash": forged_hash},
        )
    with sessions() as session:
        report = audit.verify(session)
    assert head.ok
    assert not report.ok
    assert report.first_bad_seq == 3
    assert report.problem is not None
    assert "slipped in" in report.problem
