"""Signed checkpoints catch a rewritten history that verifies on its own."""

from __future__ import annotations

import base64

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from shared import audit
from shared.checkpoints import Checkpoint, check_checkpoints, public_key_b64, take_checkpoint
from shared.storage.db import transaction
from shared.storage.models import AuditEventRow, AuditHeadRow

KEY = Ed25519PrivateKey.from_private_bytes(b"k" * 32)


def _append(sessions: sessionmaker[Session], count: int) -> None:
    for n in range(count):
        with transaction(sessions) as session:
            audit.append(session, [audit.NewAuditEvent(f"tip_{n}", "ingest", "received", "ingest", {"n": n})])


def _rewrite_history(engine: Engine, sessions: sessionmaker[Session]) -> None:
    """Change event 2 and recompute every later hash, as someone with write access could."""
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SET LOCAL session_replication_role = replica"))
        connection.execute(text("UPDATE audit_events SET action = 'ignored' WHERE seq = 2"))
    with sessions() as session, session.begin():
        if engine.dialect.name == "postgresql":
            session.execute(text("SET LOCAL session_replication_role = replica"))
        prev = audit.GENESIS_HASH
        for row in session.execute(select(AuditEventRow).order_by(AuditEventRow.seq)).scalars():
            canonical = audit.canonical_bytes(
                row.seq, row.at, row.subject, row.stage, row.action, row.actor, row.details
            )
            row.prev_hash, row.hash = prev, audit.chain_hash(prev, canonical)
            prev = row.hash
        session.execute(select(AuditHeadRow)).scalar_one().hash = prev


def test_a_checkpoint_detects_a_rewritten_history(engine: Engine, sessions: sessionmaker[Session]) -> None:
    _append(sessions, 3)
    with sessions() as session:
        checkpoint = take_checkpoint(session, KEY)
        assert check_checkpoints(session, [checkpoint], public_key_b64(KEY)) == []
    _rewrite_history(engine, sessions)
    with sessions() as session:
        assert audit.verify(session).ok  # the chain alone cannot tell
        problems = check_checkpoints(session, [checkpoint], public_key_b64(KEY))
    assert [(p.seq, "rewritten" in p.problem) for p in problems] == [(3, True)]


def test_a_forged_checkpoint_is_refused(sessions: sessionmaker[Session]) -> None:
    _append(sessions, 1)
    with sessions() as session:
        real = take_checkpoint(session, KEY)
        other = Ed25519PrivateKey.from_private_bytes(b"x" * 32)
        forged = Checkpoint(real.seq, real.hash, real.at, base64.b64encode(other.sign(real.message())).decode())
        problems = check_checkpoints(session, [forged], public_key_b64(KEY))
    assert ["signature" in p.problem for p in problems] == [True]
