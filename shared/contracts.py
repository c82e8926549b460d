"""Versioned wire contracts between the services.

Every message that crosses a queue is one of these models serialised as JSON. They are frozen,
refuse unknown fields and carry a ``schema_version`` so that a consumer can reject (and
dead-letter) a message written by an incompatible producer instead of misreading it.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field

SCHEMA_VERSION: Literal[1] = 1


def _to_utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


UtcDatetime = Annotated[AwareDatetime, AfterValidator(_to_utc)]
"""A timezone-aware timestamp, normalised to UTC."""


class Contract(BaseModel):
    """Base of every wire contract: immutable, strict about fields, versioned."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    schema_version: Literal[1] = SCHEMA_VERSION


class Platform(StrEnum):
    FACEBOOK = "facebook"
    MESSENGER = "messenger"
    INSTAGRAM = "instagram"
    WHATSAPP = "whatsapp"
    X = "x"
    TIKTOK = "tiktok"
    TELEGRAM = "telegram"


class TipEvent(StrEnum):
    NEW = "new"
    EDIT = "edit"
    DELETE = "delete"


class TipKind(StrEnum):
    COMMENT = "comment"
    POST = "post"
    DM = "dm"


class Source(StrEnum):
    WEBHOOK = "webhook"
    POLL = "poll"
    FORWARD = "forward"
    IMPORT = "import"


class Category(StrEnum):
    WEAPON = "weapon"
    VIOLENCE = "violence"
    BURGLARY = "burglary"
    THEFT = "theft"
    DRUGS = "drugs"
    PARKING = "parking"
    TRAFFIC = "traffic"
    SUSPICIOUS = "suspicious"
    NUISANCE = "nuisance"
    FRAUD = "fraud"


class Urgency(StrEnum):
    EMERGENCY = "emergency"
    HIGH = "high"
    NORMAL = "normal"
    LOW = "low"


Language = Literal["nl", "en", "other"]


def tip_id_for(platform: str, platform_message_id: str) -> str:
    """The deterministic tip id of a platform message: a redelivery maps to the same tip."""
    digest = hashlib.sha256(f"{platform}\x1f{platform_message_id}".encode()).hexdigest()
    return f"tip_{digest[:24]}"


class Attachment(Contract):
    type: str
    url: str | None = None
    platform_id: str | None = None


class Tip(Contract):
    """One citizen message in canonical form, whatever platform it came from."""

    tip_id: str
    platform: Platform
    platform_message_id: str = Field(min_length=1)
    event: TipEvent = TipEvent.NEW
    kind: TipKind
    received_on: str = Field(min_length=1)
    author_id: str | None = None
    author_handle: str | None = None
    text: str | None = None
    created_at: UtcDatetime
    parent_id: str | None = None
    attachments: tuple[Attachment, ...] = ()
    permalink: str | None = None
    source: Source
    raw_sha256: str | None = None
    ingested_at: UtcDatetime


class Span(Contract):
    """Evidence: the characters ``text[start:end]`` of the tip that supported a decision."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    rule: str


class CategoryLabel(Contract):
    category: Category
    score: float = Field(ge=0.0, le=1.0)
    evidence: tuple[Span, ...] = ()


class Place(Contract):
    municipality: str
    municipality_code: str = Field(pattern=r"^GM\d{4}$")
    evidence: Span | None = None


class PlateMatch(Contract):
    plate: str = Field(pattern=r"^[A-Z0-9]{6}$")
    evidence: Span


class Classification(Contract):
    """What the classifier decided about one tip, with the evidence for each decision."""

    tip_id: str
    reportable: bool
    reportable_score: float = Field(ge=0.0, le=1.0)
    reportable_evidence: tuple[Span, ...] = ()
    categories: tuple[CategoryLabel, ...] = ()
    urgency: Urgency | None = None
    urgency_reason: str | None = None
    place: Place | None = None
    ambiguous_places: tuple[str, ...] = ()
    plates: tuple[PlateMatch, ...] = ()
    language: Language
    model_version: str
    rules_version: str

    @property
    def category_names(self) -> list[str]:
        return [label.category.value for label in self.categories]

    @property
    def plate_values(self) -> list[str]:
        return [match.plate for match in self.plates]


class ClassifiedTip(Contract):
    tip: Tip
    classification: Classification


class TipBatch(Contract):
    """The classify stage's input: tips stored by ingest."""

    tips: tuple[Tip, ...] = Field(min_length=1)


class WithdrawnTips(Contract):
    """Tips their authors deleted: their tickets must drop the evidence they carried."""

    tip_ids: tuple[str, ...] = Field(min_length=1)


class ClassifiedBatch(Contract):
    """The referral stage's input: tips with their classification."""

    items: tuple[ClassifiedTip, ...] = Field(min_length=1)


class RouteDecision(Contract):
    """Where a tip goes and which rule of the routing precedence sent it there."""

    unit_code: str | None
    unit: str | None
    team: str | None
    queues: tuple[str, ...]
    rule: str
    reason: str
    emergency: bool = False
    review: bool = False

    @property
    def team_routing_key(self) -> str | None:
        if self.unit_code is None or self.team is None:
            return None
        return f"team.{self.unit_code.lower()}.{self.team}"


class ProvenanceEntry(Contract):
    """How one tip reached the ticket: from the exact bytes that came in to the rule that fired."""

    tip_id: str
    platform: Platform
    platform_message_id: str
    permalink: str | None
    received_on: str
    raw_sha256: str | None
    source: Source
    ingested_at: UtcDatetime
    model_version: str
    rules_version: str
    route_rule: str
    evidence: tuple[Span, ...] = ()
    reporter_id: str | None = None


class ReferralStatus(StrEnum):
    NEW = "new"
    CLAIMED = "claimed"
    CLOSED = "closed"


class Referral(Contract):
    """The ticket a district desk receives: self-contained, with full provenance."""

    referral_id: str
    unit_code: str | None
    unit: str | None
    team: str | None
    urgency: Urgency
    emergency: bool
    categories: tuple[Category, ...]
    place: Place | None
    plates: tuple[str, ...]
    tip_ids: tuple[str, ...] = Field(min_length=1)
    summary: str
    evidence: tuple[Span, ...]
    route_reason: RouteDecision
    provenance: tuple[ProvenanceEntry, ...] = Field(min_length=1)
    reporter_ids: tuple[str, ...] = ()
    withdrawn_tip_ids: tuple[str, ...] = ()
    status: ReferralStatus = ReferralStatus.NEW
    created_at: UtcDatetime
    sla_due: UtcDatetime
    outcome: str | None = None
    feedback: str | None = None


class AuditEvent(Contract):
    """One link of the hash-chained audit trail."""

    seq: int = Field(ge=1)
    at: UtcDatetime
    subject: str
    stage: str
    action: str
    actor: str
    details: dict[str, Any]
    prev_hash: str
    hash: str
