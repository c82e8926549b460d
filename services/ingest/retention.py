"""Retention: personal data is kept no longer than needed, per data class.

- raw payloads: the bytes go after ``retention_raw_payload_days``; their SHA-256 stays, so
  provenance still names exactly what came in;
- texts of tips recorded as not reportable (and their edit history) go after
  ``retention_unreportable_text_days``;
- authors' handles and ids go after ``retention_handle_days`` (the pseudonymous reporter id on
  a ticket stays; revealing who it was is then no longer possible).

Tickets and audit events are kept (their own, longer, period is an archive matter). Each purge
leaves an audit receipt per item; the chain holds hashes and ids, never texts, so it still
verifies after purging.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from shared import audit
from shared.settings import Settings
from shared.storage.db import transaction
from shared.storage.models import RawPayload, TipRow, TipVersionRow

ACTOR = "retention"
NOT_REPORTABLE = "not_reportable"


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    raw_payload: timedelta
    unreportable_text: timedelta
    handle: timedelta

    @classmethod
    def from_settings(cls, settings: Settings) -> RetentionPolicy:
        return cls(
            timedelta(days=settings.retention_raw_payload_days),
            timedelta(days=settings.retention_unreportable_text_days),
            timedelta(days=settings.retention_handle_days),
        )


def _receipt(subject: str, data_class: str, policy_days: int) -> audit.NewAuditEvent:
    return audit.NewAuditEvent(
        subject, "retention", "purged", ACTOR, {"data_class": data_class, "after_days": policy_days}
    )


def _purge_raw(session: Session, cutoff: datetime, days: int, dry_run: bool) -> list[audit.NewAuditEvent]:
    rows = session.execute(
        select(RawPayload).where(RawPayload.received_at < cutoff, RawPayload.body.is_not(None))
    ).scalars()
    events = []
    for row in rows:
        if not dry_run:
            row.body = None
        events.append(_receipt(f"payload:{row.sha256}", "raw_payload", days))
    return events


def _purge_texts(session: Session, cutoff: datetime, days: int, dry_run: bool) -> list[audit.NewAuditEvent]:
    rows = session.execute(
        select(TipRow).where(TipRow.outcome == NOT_REPORTABLE, TipRow.ingested_at < cutoff)
    ).scalars()
    events = []
    for row in rows:
        if row.data.get("text") is None:
            continue
        if not dry_run:
            row.data = {**row.data, "text": None}
            for version in session.execute(select(TipVersionRow).where(TipVersionRow.tip_id == row.tip_id)).scalars():
                version.data = {**version.data, "text": None}
        events.append(_receipt(row.tip_id, "unreportable_text", days))
    return events


def _purge_handles(session: Session, cutoff: datetime, days: int, dry_run: bool) -> list[audit.NewAuditEvent]:
    rows = session.execute(select(TipRow).where(TipRow.ingested_at < cutoff)).scalars()
    events = []
    for row in rows:
        if row.data.get("author_handle") is None and row.data.get("author_id") is None:
            continue
        if not dry_run:
            row.data = {**row.data, "author_handle": None, "author_id": None}
        events.append(_receipt(row.tip_id, "author_identity", days))
    return events


def purge_expired(
    sessions: sessionmaker[Session], policy: RetentionPolicy, *, now: datetime | None = None, dry_run: bool = False
) -> dict[str, int]:
    """Purge every data class past its period in one transaction; return counts per class."""
    now = now or datetime.now(UTC)
    with transaction(sessions) as session:
        raw = _purge_raw(session, now - policy.raw_payload, policy.raw_payload.days, dry_run)
        texts = _purge_texts(session, now - policy.unreportable_text, policy.unreportable_text.days, dry_run)
        handles = _purge_handles(session, now - policy.handle, policy.handle.days, dry_run)
        if not dry_run:
            audit.append(session, [*raw, *texts, *handles])
    return {"raw_payloads": len(raw), "unreportable_texts": len(texts), "author_identities": len(handles)}
