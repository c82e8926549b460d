"""Persistence models (SQLAlchemy 2). Wire contracts live in ``shared.contracts``; these never
leave the process that loaded them.

Unique constraints have the last word on idempotency: a redelivered message finds its tip,
classification or ticket already there and creates nothing new.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy's documented declaration style
        datetime: DateTime(timezone=True),
        dict[str, Any]: JSON,
    }


class RawPayload(Base):
    """A body that came in (or only its hash, per settings), kept before the sender got its 200."""

    __tablename__ = "raw_payloads"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    platform: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(16))
    received_at: Mapped[datetime]
    size: Mapped[int]
    body: Mapped[bytes | None] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)


class TipRow(Base):
    """A canonical tip; ``forwarded_at`` is the outbox marker for handing it to classify."""

    __tablename__ = "tips"
    __table_args__ = (Index("uq_tips_platform_message", "platform", "platform_message_id", unique=True),)

    tip_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    platform: Mapped[str] = mapped_column(String(32))
    platform_message_id: Mapped[str] = mapped_column(String(255))
    received_on: Mapped[str] = mapped_column(String(255))
    source: Mapped[str] = mapped_column(String(16))
    raw_sha256: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]
    ingested_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    data: Mapped[dict[str, Any]]
    forwarded_at: Mapped[datetime | None] = mapped_column(index=True)
    outcome: Mapped[str | None] = mapped_column(String(32))
    # Held back from classify until its content is fetched (TikTok sends comment ids only).
    awaiting_fetch: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class HydrationRow(Base):
    """A fetch of content a webhook did not carry; ``forwarded_at`` is its outbox marker."""

    __tablename__ = "hydrations"

    tip_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    platform: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))
    params: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    forwarded_at: Mapped[datetime | None] = mapped_column(index=True)


class PollCursorRow(Base):
    """Where a poller left off, so a restart neither misses nor refetches messages."""

    __tablename__ = "poll_cursors"

    name: Mapped[str] = mapped_column(String(128), primary_key=True)
    cursor: Mapped[str] = mapped_column(String(255))
    updated_at: Mapped[datetime]


class ForwardRow(Base):
    """A webcare agent's hand-in of a message, with the agent's note."""

    __tablename__ = "forwards"

    tip_id: Mapped[str] = mapped_column(ForeignKey("tips.tip_id"), primary_key=True)
    agent: Mapped[str] = mapped_column(String(128))
    note: Mapped[str | None] = mapped_column(Text)
    forwarded_at: Mapped[datetime]


class ImportProgressRow(Base):
    """How far the import of one file (by content hash) got, so an import can resume."""

    __tablename__ = "import_progress"

    file_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    path: Mapped[str] = mapped_column(Text)
    lines_done: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime]


class TipVersionRow(Base):
    """Earlier versions of an edited tip, so an edit never loses what was first reported."""

    __tablename__ = "tip_versions"

    tip_id: Mapped[str] = mapped_column(ForeignKey("tips.tip_id"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    recorded_at: Mapped[datetime]
    data: Mapped[dict[str, Any]]


class ClassificationRow(Base):
    __tablename__ = "classifications"

    tip_id: Mapped[str] = mapped_column(ForeignKey("tips.tip_id"), primary_key=True)
    reportable: Mapped[bool]
    model_version: Mapped[str] = mapped_column(String(64))
    classified_at: Mapped[datetime]
    data: Mapped[dict[str, Any]]


class ReferralRow(Base):
    """A ticket; ``published_at`` marks that it reached its desk queues."""

    __tablename__ = "referrals"

    referral_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    unit_code: Mapped[str | None] = mapped_column(String(8))
    team: Mapped[str | None] = mapped_column(String(128), index=True)
    urgency: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime]
    sla_due: Mapped[datetime]
    queues: Mapped[dict[str, Any]]
    data: Mapped[dict[str, Any]]
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    # The desk that owns the ticket: its team queue's routing key, or "review" for webcare.
    desk: Mapped[str | None] = mapped_column(String(160), index=True)
    # What same-incident candidates are looked up by, so a merge never scans every open ticket.
    municipality_code: Mapped[str | None] = mapped_column(String(8), index=True)
    claimed_by: Mapped[str | None] = mapped_column(String(128))
    closed_at: Mapped[datetime | None]
    outcome: Mapped[str | None] = mapped_column(String(32))
    escalated_at: Mapped[datetime | None]


class ReferralPlateRow(Base):
    """A licence plate named on a ticket (for finding reports of the same incident)."""

    __tablename__ = "referral_plates"

    referral_id: Mapped[str] = mapped_column(ForeignKey("referrals.referral_id"), primary_key=True)
    plate: Mapped[str] = mapped_column(String(8), primary_key=True, index=True)


class ReferralNoteRow(Base):
    """A desk's note on a ticket."""

    __tablename__ = "referral_notes"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    referral_id: Mapped[str] = mapped_column(ForeignKey("referrals.referral_id"), index=True)
    author: Mapped[str] = mapped_column(String(128))
    note: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime]


class LabelCorrectionRow(Base):
    """A desk's correction of a classifier label, kept as training data."""

    __tablename__ = "label_corrections"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    tip_id: Mapped[str] = mapped_column(ForeignKey("tips.tip_id"), index=True)
    referral_id: Mapped[str] = mapped_column(String(64))
    author: Mapped[str] = mapped_column(String(128))
    labels: Mapped[dict[str, Any]]
    at: Mapped[datetime]


class ReferralTipRow(Base):
    """Which tips a ticket holds; a tip belongs to at most one ticket."""

    __tablename__ = "referral_tips"

    tip_id: Mapped[str] = mapped_column(ForeignKey("tips.tip_id"), primary_key=True)
    referral_id: Mapped[str] = mapped_column(ForeignKey("referrals.referral_id"), index=True)


class AuditEventRow(Base):
    """One link of the append-only, hash-chained audit trail."""

    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[datetime]
    subject: Mapped[str] = mapped_column(String(128), index=True)
    stage: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(128))
    details: Mapped[dict[str, Any]]
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHeadRow(Base):
    """The chain head: one row whose lock makes every writer append in one order."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    hash: Mapped[str] = mapped_column(String(64))
