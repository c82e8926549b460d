"""The hash-chained, append-only audit trail.

Each event's hash is ``SHA-256(prev_hash ‖ canonical JSON of the event)``. Appending locks the
single chain-head row first, so concurrent writers (the webhook server and every worker) append
in one order inside their own transaction: an event exists exactly when the work it records
committed. :func:`verify` recomputes the chain and names the first broken link.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, or_, select, update
from sqlalchemy.orm import Session

from shared.contracts import AuditEvent
from shared.storage.models import AuditEventRow, AuditHeadRow, ReferralTipRow

GENESIS_HASH = "0" * 64


@dataclass(frozen=True, slots=True)
class NewAuditEvent:
    """An event to append; the chain assigns its sequence number, time and hashes."""

    subject: str
    stage: str
    action: str
    actor: str
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class VerifyReport:
    ok: bool
    checked: int
    head_seq: int
    first_bad_seq: int | None = None
    problem: str | None = None


def format_at(at: datetime) -> str:
    """The canonical text of an event time: UTC, microseconds, ``Z``."""
    if at.tzinfo is None:  # SQLite hands back naive datetimes; they were written as UTC
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_bytes(
    seq: int, at: datetime, subject: str, stage: str, action: str, actor: str, details: dict[str, Any]
) -> bytes:
    """The bytes an event's hash covers: sorted keys, no whitespace, UTF-8."""
    body = {
        "seq": seq,
        "at": format_at(at),
        "subject": subject,
        "stage": stage,
        "action": action,
        "actor": actor,
        "details": details,
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def chain_hash(prev_hash: str, canonical: bytes) -> str:
    """The hash of one link."""
    return hashlib.sha256(prev_hash.encode("ascii") + canonical).hexdigest()


def _lock_head(session: Session) -> AuditHeadRow:
    # The no-op UPDATE takes the row lock (PostgreSQL) or the write lock (SQLite) before the
    # head is read, so no two transactions can extend the chain from the same head.
    session.execute(update(AuditHeadRow).where(AuditHeadRow.id == 1).values(seq=AuditHeadRow.seq))
    return session.execute(select(AuditHeadRow).where(AuditHeadRow.id == 1)).scalar_one()


def append(session: Session, events: Sequence[NewAuditEvent], now: datetime | None = None) -> list[AuditEvent]:
    """Append ``events`` to the chain within the caller's transaction."""
    if not events:
        return []
    at = (now or datetime.now(UTC)).astimezone(UTC)
    head = _lock_head(session)
    seq, prev = head.seq, head.hash
    written: list[AuditEvent] = []
    for new in events:
        seq += 1
        digest = chain_hash(prev, canonical_bytes(seq, at, new.subject, new.stage, new.action, new.actor, new.details))
        written.append(
            AuditEvent(
                seq=seq,
                at=at,
                subject=new.subject,
                stage=new.stage,
                action=new.action,
                actor=new.actor,
                details=new.details,
                prev_hash=prev,
                hash=digest,
            )
        )
        prev = digest
    rows = [event.model_dump(exclude={"schema_version"}) for event in written]
    session.execute(insert(AuditEventRow), rows)
    head.seq, head.hash = seq, prev
    return written


def _rows_in_order(session: Session, page: int) -> Iterator[AuditEventRow]:
    last = 0
    while True:
        rows = session.execute(
            select(AuditEventRow).where(AuditEventRow.seq > last).order_by(AuditEventRow.seq).limit(page)
        ).scalars()
        batch = list(rows)
        if not batch:
            return
        yield from batch
        last = batch[-1].seq
        session.expunge_all()


def _check_link(row: AuditEventRow, expected_seq: int, prev: str) -> str | None:
    if row.seq != expected_seq:
        return f"expected event {expected_seq}, found {row.seq}: an event was deleted or inserted"
    if row.prev_hash != prev:
        return "prev_hash does not match the previous event's hash: events were reordered or removed"
    canonical = canonical_bytes(row.seq, row.at, row.subject, row.stage, row.action, row.actor, row.details)
    if chain_hash(prev, canonical) != row.hash:
        return "hash does not match the event's content: the event was edited"
    return None


def verify(session: Session, page: int = 5000) -> VerifyReport:
    """Recompute the whole chain; report the first broken link, if any."""
    head = session.execute(select(AuditHeadRow).where(AuditHeadRow.id == 1)).scalar_one()
    head_seq, head_hash = head.seq, head.hash
    prev, expected, checked = GENESIS_HASH, 1, 0
    for row in _rows_in_order(session, page):
        problem = _check_link(row, expected, prev)
        if problem:
            return VerifyReport(False, checked, head_seq, row.seq, problem)
        prev, expected, checked = row.hash, expected + 1, checked + 1
    if checked != head_seq or prev != head_hash:
        problem = f"the chain has {checked} events but its head says {head_seq}: events were cut off or slipped in"
        return VerifyReport(False, checked, head_seq, min(checked, head_seq) + 1, problem)
    return VerifyReport(True, checked, head_seq)


def related_subjects(session: Session, subject: str) -> set[str]:
    """A tip's ticket, or a ticket's tips: everything an auditor needs to follow one story."""
    linked = select(ReferralTipRow.tip_id, ReferralTipRow.referral_id).where(
        or_(ReferralTipRow.tip_id == subject, ReferralTipRow.referral_id == subject)
    )
    subjects = {subject}
    for tip_id, referral_id in session.execute(linked):
        subjects.update((tip_id, referral_id))
    return subjects


def trace(session: Session, subject: str) -> list[AuditEvent]:
    """Every event of a tip or ticket and of what it is linked to, in chain order."""
    subjects = related_subjects(session, subject)
    rows = session.execute(
        select(AuditEventRow).where(AuditEventRow.subject.in_(subjects)).order_by(AuditEventRow.seq)
    ).scalars()
    return [_to_contract(row) for row in rows]


def _to_contract(row: AuditEventRow) -> AuditEvent:
    at = row.at if row.at.tzinfo else row.at.replace(tzinfo=UTC)
    return AuditEvent(
        seq=row.seq,
        at=at,
        subject=row.subject,
        stage=row.stage,
        action=row.action,
        actor=row.actor,
        details=row.details,
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


def events_between(session: Session, start: datetime | None, end: datetime | None) -> Iterator[AuditEvent]:
    """The events in a time range, in chain order (for an auditor's export)."""
    query = select(AuditEventRow).order_by(AuditEventRow.seq)
    if start is not None:
        query = query.where(AuditEventRow.at >= start)
    if end is not None:
        query = query.where(AuditEventRow.at < end)
    for row in session.execute(query).scalars():
        yield _to_contract(row)


def verify_events(events: Iterable[AuditEvent]) -> str | None:
    """Check an exported run of events on its own: each hash, and each link to the one before."""
    previous: AuditEvent | None = None
    for event in events:
        canonical = canonical_bytes(
            event.seq, event.at, event.subject, event.stage, event.action, event.actor, event.details
        )
        if chain_hash(event.prev_hash, canonical) != event.hash:
            return f"event {event.seq}: hash does not match its content"
        if previous is not None and (event.seq != previous.seq + 1 or event.prev_hash != previous.hash):
            return f"event {event.seq}: does not follow event {previous.seq}"
        previous = event
    return None
