"""Ingest's unit of work: keep what came in, store each canonical tip once, record every outcome.

One transaction holds the raw payload (or its hash), the new tips, edits and tombstones, and
their audit events; only after it commits does the sender get its 200. Handing tips to classify
is a separate step (:mod:`services.ingest.relay`), driven by the ``forwarded_at`` outbox column,
so a broker outage never loses a tip that was acknowledged to a platform.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from services.ingest.normalized import Hydration, Ignored, NormalizedBatch
from shared import audit
from shared.contracts import Tip, TipEvent
from shared.settings import RawPayloadPolicy
from shared.storage.db import insert_ignoring_duplicates, transaction
from shared.storage.models import ForwardRow, HydrationRow, RawPayload, TipRow, TipVersionRow

ACTOR = "ingest"


@dataclass(frozen=True, slots=True)
class RawReceipt:
    """A body as it came in, before anything was parsed."""

    platform: str
    source: str
    body: bytes
    received_at: datetime
    sha256: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "sha256", hashlib.sha256(self.body).hexdigest())


@dataclass(slots=True)
class StoreResult:
    new: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    ignored: int = 0
    fetches: list[str] = field(default_factory=list)

    @property
    def summary(self) -> dict[str, int]:
        return {
            "new": len(self.new),
            "duplicates": len(self.duplicates),
            "edited": len(self.edited),
            "deleted": len(self.deleted),
            "ignored": self.ignored,
            "fetches": len(self.fetches),
        }


def _tip_row(tip: Tip, *, forwarded_at: datetime | None = None, deleted: bool = False) -> dict[str, object]:
    return {
        "tip_id": tip.tip_id,
        "platform": tip.platform.value,
        "platform_message_id": tip.platform_message_id,
        "received_on": tip.received_on,
        "source": tip.source.value,
        "raw_sha256": tip.raw_sha256,
        "created_at": tip.created_at,
        "ingested_at": tip.ingested_at,
        "version": 1,
        "deleted": deleted,
        "data": tip.model_dump(mode="json"),
        "forwarded_at": forwarded_at,
    }


def _received_event(tip: Tip, signature: str) -> audit.NewAuditEvent:
    details = {
        "platform": tip.platform.value,
        "platform_message_id": tip.platform_message_id,
        "event": tip.event.value,
        "kind": tip.kind.value,
        "source": tip.source.value,
        "raw_sha256": tip.raw_sha256,
        "signature": signature,
    }
    return audit.NewAuditEvent(tip.tip_id, "ingest", "received", ACTOR, details)


def _ignored_event(platform: str, item: Ignored, raw_sha256: str | None) -> audit.NewAuditEvent:
    subject = f"{platform}:{item.platform_message_id}" if item.platform_message_id else f"payload:{raw_sha256}"
    details = {"reason": item.reason, "detail": item.detail, "raw_sha256": raw_sha256}
    return audit.NewAuditEvent(subject, "ingest", "ignored", ACTOR, details)


class IngestService:
    """Stores normalised batches and rejected payloads; the plain functions behind ingest."""

    def __init__(self, sessions: sessionmaker[Session], raw_policy: RawPayloadPolicy = RawPayloadPolicy.STORE) -> None:
        self._sessions = sessions
        self._raw_policy = raw_policy

    @property
    def sessions(self) -> sessionmaker[Session]:
        return self._sessions

    def store(
        self,
        batch: NormalizedBatch,
        raw: RawReceipt | None,
        signature: str = "not_applicable",
        forward: tuple[str, str | None] | None = None,
    ) -> StoreResult:
        """Keep the raw payload and every tip of ``batch`` in one transaction.

        ``forward`` is (agent, note) when a webcare agent handed the batch in.
        """
        result = StoreResult(ignored=len(batch.ignored))
        events: list[audit.NewAuditEvent] = []
        with transaction(self._sessions) as session:
            first_delivery = raw is None or self._keep_raw(session, raw, status="accepted", reason=None)
            awaiting = self._keep_hydrations(session, batch.hydrations, result, events)
            new = [t for t in batch.tips if t.event is TipEvent.NEW]
            self._store_new(session, new, result, events, signature, awaiting)
            for tip in batch.tips:
                if tip.event is TipEvent.EDIT:
                    self._store_edit(session, tip, result, events)
                elif tip.event is TipEvent.DELETE:
                    self._store_delete(session, tip, result, events)
            if forward is not None:
                events.extend(self._keep_forward(session, batch.tips, *forward))
            if first_delivery:  # a platform's retry of the same body was already accounted for
                platform = raw.platform if raw else "import"
                events.extend(_ignored_event(platform, item, raw.sha256 if raw else None) for item in batch.ignored)
            audit.append(session, events)
        return result

    @staticmethod
    def _keep_forward(
        session: Session, tips: tuple[Tip, ...], agent: str, note: str | None
    ) -> list[audit.NewAuditEvent]:
        now = datetime.now(UTC)
        rows = [{"tip_id": t.tip_id, "agent": agent, "note": note, "forwarded_at": now} for t in tips]
        inserted = insert_ignoring_duplicates(session, ForwardRow, rows, ["tip_id"], ForwardRow.tip_id)
        details = {"agent": agent, "with_note": note is not None}
        return [audit.NewAuditEvent(tip_id, "ingest", "forwarded", ACTOR, details) for tip_id in sorted(inserted)]

    def store_fetched(self, tip: Tip) -> None:
        """Store content fetched for an announced tip and release it to classify."""
        with transaction(self._sessions) as session:
            row = session.get(TipRow, tip.tip_id, with_for_update=True)
            if row is None:  # an EU TikTok DM: only the fetch brings the message itself
                session.add(TipRow(**_tip_row(tip)))
            elif not row.deleted:
                row.data = {**tip.model_dump(mode="json"), "ingested_at": row.data["ingested_at"]}
                row.awaiting_fetch = False
            details = {"platform": tip.platform.value, "source": tip.source.value}
            audit.append(session, [audit.NewAuditEvent(tip.tip_id, "ingest", "content_fetched", ACTOR, details)])

    def record_rejected(self, raw: RawReceipt, reason: str, status_code: int) -> None:
        """Keep the evidence of a rejected payload (its hash, per policy its bytes) and why."""
        with transaction(self._sessions) as session:
            self._keep_raw(session, raw, status="rejected", reason=reason)
            details = {"reason": reason, "status_code": status_code, "platform": raw.platform, "size": len(raw.body)}
            audit.append(session, [audit.NewAuditEvent(f"payload:{raw.sha256}", "ingest", "rejected", ACTOR, details)])

    def _keep_raw(self, session: Session, raw: RawReceipt, status: str, reason: str | None) -> bool:
        """Keep the payload once; True when this is the first time these bytes arrived."""
        body = raw.body if self._raw_policy is RawPayloadPolicy.STORE else None
        row = {
            "sha256": raw.sha256,
            "platform": raw.platform,
            "source": raw.source,
            "received_at": raw.received_at,
            "size": len(raw.body),
            "body": body,
            "status": status,
            "reason": reason,
        }
        return bool(insert_ignoring_duplicates(session, RawPayload, [row], ["sha256"], RawPayload.sha256))

    def _keep_hydrations(
        self,
        session: Session,
        hydrations: tuple[Hydration, ...],
        result: StoreResult,
        events: list[audit.NewAuditEvent],
    ) -> set[str]:
        """Record the fetches a payload asks for; return the tip ids that must wait for theirs."""
        rows = [
            {
                "tip_id": h.tip_id,
                "platform": h.platform,
                "kind": h.kind,
                "params": h.params,
                "status": "pending",
                "attempts": 0,
                "created_at": datetime.now(UTC),
            }
            for h in hydrations
        ]
        inserted = insert_ignoring_duplicates(session, HydrationRow, rows, ["tip_id"], HydrationRow.tip_id)
        result.fetches.extend(sorted(inserted))
        events.extend(
            audit.NewAuditEvent(h.tip_id, "ingest", "fetch_requested", ACTOR, {"kind": h.kind})
            for h in hydrations
            if h.tip_id in inserted
        )
        return {h.tip_id for h in hydrations}

    def _store_new(
        self,
        session: Session,
        tips: list[Tip],
        result: StoreResult,
        events: list[audit.NewAuditEvent],
        signature: str,
        awaiting: set[str],
    ) -> None:
        unique = list({(t.platform, t.platform_message_id): t for t in tips}.values())
        rows = [{**_tip_row(t), "awaiting_fetch": t.tip_id in awaiting} for t in unique]
        inserted = insert_ignoring_duplicates(session, TipRow, rows, ["platform", "platform_message_id"], TipRow.tip_id)
        for tip in tips:
            if tip.tip_id in inserted and tip.tip_id not in result.new:
                result.new.append(tip.tip_id)
                events.append(_received_event(tip, signature))
            else:
                result.duplicates.append(tip.tip_id)

    def _store_edit(self, session: Session, tip: Tip, result: StoreResult, events: list[audit.NewAuditEvent]) -> None:
        row = session.get(TipRow, tip.tip_id, with_for_update=True)
        if row is None:  # the original never reached us: the edit is all we have
            session.add(TipRow(**_tip_row(tip)))
            result.new.append(tip.tip_id)
            events.append(_received_event(tip, "not_applicable"))
            return
        session.add(TipVersionRow(tip_id=row.tip_id, version=row.version, recorded_at=tip.ingested_at, data=row.data))
        row.version += 1
        row.data = tip.model_dump(mode="json")
        result.edited.append(tip.tip_id)
        events.append(audit.NewAuditEvent(tip.tip_id, "ingest", "edited", ACTOR, {"version": row.version}))

    def _store_delete(self, session: Session, tip: Tip, result: StoreResult, events: list[audit.NewAuditEvent]) -> None:
        row = session.get(TipRow, tip.tip_id, with_for_update=True)
        now = datetime.now(UTC)
        if row is None:
            session.add(TipRow(**_tip_row(tip, forwarded_at=now, deleted=True)))
        else:
            row.deleted = True
            row.data = {**row.data, "text": None, "event": TipEvent.DELETE.value}
            # Never forwarded: it never will be. Already forwarded: forward the tombstone, so
            # referral withdraws the deleted message from its ticket.
            row.forwarded_at = now if row.forwarded_at is None else None
        result.deleted.append(tip.tip_id)
        events.append(audit.NewAuditEvent(tip.tip_id, "ingest", "deleted", ACTOR, {"tombstone": True}))

    def known_tip_ids(self, tip_ids: Iterable[str]) -> set[str]:
        """Which of ``tip_ids`` are stored."""
        with self._sessions() as session:
            return set(session.execute(select(TipRow.tip_id).where(TipRow.tip_id.in_(list(tip_ids)))).scalars())
