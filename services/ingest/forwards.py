"""Webcare forwards: an agent hands in a message (a DM, a screenshot's text) with a note.

Authenticated with a per-agent bearer token from settings; the forwarded message becomes a tip
like any other (deduplicated against the platform's own delivery of the same message), and the
agent and note are kept beside it.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from datetime import UTC, datetime

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from services.ingest.normalized import NormalizedBatch
from services.ingest.service import IngestService, StoreResult
from shared.contracts import Platform, Source, Tip, TipKind, tip_id_for


class ForwardRequest(BaseModel):
    """What an agent hands in."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    platform: Platform
    platform_message_id: str = Field(min_length=1, max_length=255)
    account: str = Field(min_length=1, max_length=255, description="the police account that received it")
    text: str = Field(min_length=1, max_length=20_000)
    kind: TipKind = TipKind.DM
    created_at: AwareDatetime | None = None
    author_id: str | None = Field(default=None, max_length=255)
    note: str | None = Field(default=None, max_length=2000)


class UnknownAgentError(Exception):
    """No agent has the presented token."""


def agent_for_token(token: str | None, tokens: Mapping[str, str]) -> str:
    """The agent whose token this is (compared in constant time), or UnknownAgentError."""
    if token:
        for agent, expected in tokens.items():
            if hmac.compare_digest(token.encode(), expected.encode()):
                return agent
    raise UnknownAgentError("missing or unknown webcare token")


def forwarded_tip(request: ForwardRequest, now: datetime) -> Tip:
    """The canonical tip of a forward."""
    return Tip(
        tip_id=tip_id_for(request.platform.value, request.platform_message_id),
        platform=request.platform,
        platform_message_id=request.platform_message_id,
        kind=request.kind,
        received_on=request.account,
        author_id=request.author_id,
        text=request.text,
        created_at=request.created_at or now,
        source=Source.FORWARD,
        ingested_at=now,
    )


def accept_forward(service: IngestService, request: ForwardRequest, agent: str) -> StoreResult:
    """Store a forward and its note; a message already delivered by its platform is not stored twice."""
    now = datetime.now(UTC)
    tip = forwarded_tip(request, now)
    return service.store(NormalizedBatch(tips=(tip,)), raw=None, forward=(agent, request.note))
