"""Every message that crosses a queue round-trips through JSON and refuses what it does not know."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from services.classify.classifier import default_classifier
from services.ingest.normalized import Ignored, NormalizedBatch
from services.referral.registry import load_registry
from services.referral.routing import route
from services.referral.tickets import build_referral
from shared import audit
from shared.contracts import (
    AuditEvent,
    ClassifiedBatch,
    ClassifiedTip,
    Platform,
    Source,
    Tip,
    TipBatch,
    TipKind,
    tip_id_for,
)

NOW = datetime(2026, 3, 14, 19, 32, 5, 431000, tzinfo=UTC)
TEXT = "NU staan er twee mannen met een mes bij de Jumbo in Duiven, ze bedreigen iemand. Auto GH-123-K"


def _tip() -> Tip:
    return Tip(
        tip_id=tip_id_for("messenger", "m_1"),
        platform=Platform.MESSENGER,
        platform_message_id="m_1",
        kind=TipKind.DM,
        received_on="104857600123456",
        author_id="7651234098761234",
        text=TEXT,
        created_at=NOW,
        source=Source.WEBHOOK,
        raw_sha256="ab" * 32,
        ingested_at=NOW,
    )


def _examples() -> list[BaseModel]:
    tip = _tip()
    classification = default_classifier().classify(tip.tip_id, TEXT, tip.received_on)
    decision = route(tip, classification, load_registry(), review_low=0.35, review_high=0.55)
    referral = build_referral(tip, classification, decision, now=NOW, pseudonym_key="contract-test-key")
    event = AuditEvent(
        seq=1,
        at=NOW,
        subject=tip.tip_id,
        stage="ingest",
        action="received",
        actor="ingest",
        details={"raw_sha256": tip.raw_sha256},
        prev_hash=audit.GENESIS_HASH,
        hash="cd" * 32,
    )
    return [
        tip,
        classification,
        decision,
        referral,
        event,
        TipBatch(tips=(tip,)),
        ClassifiedBatch(items=(ClassifiedTip(tip=tip, classification=classification),)),
        NormalizedBatch(tips=(tip,), ignored=(Ignored(platform_message_id="m_2", reason="own_page_echo", detail=""),)),
    ]


@pytest.mark.parametrize("message", _examples(), ids=lambda m: type(m).__name__)
def test_every_contract_round_trips_through_json(message: BaseModel) -> None:
    wire = message.model_dump_json()
    again = type(message).model_validate_json(wire)
    assert again == message
    assert json.loads(again.model_dump_json()) == json.loads(wire)


@pytest.mark.parametrize("message", _examples(), ids=lambda m: type(m).__name__)
def test_unknown_fields_are_refused(message: BaseModel) -> None:
    data: dict[str, Any] = json.loads(message.model_dump_json())
    data["surprise"] = 1
    with pytest.raises(ValidationError):
        type(message).model_validate(data)


def test_a_message_of_another_schema_version_is_refused() -> None:
    data = json.loads(_tip().model_dump_json())
    data["schema_version"] = 2
    with pytest.raises(ValidationError):
        Tip.model_validate(data)


def test_timestamps_travel_as_utc() -> None:
    data = json.loads(_tip().model_dump_json())
    data["created_at"] = "2026-03-14T21:32:05+02:00"
    assert Tip.model_validate(data).created_at == datetime(2026, 3, 14, 19, 32, 5, tzinfo=UTC)
    data["created_at"] = "2026-03-14T21:32:05"  # no zone: ambiguous, refused
    with pytest.raises(ValidationError):
        Tip.model_validate(data)


def test_the_ticket_carries_provenance_and_no_author_identity() -> None:
    referral = next(m for m in _examples() if type(m).__name__ == "Referral")
    wire = referral.model_dump_json()
    assert "7651234098761234" not in wire
    entry = json.loads(wire)["provenance"][0]
    assert entry["raw_sha256"] == "ab" * 32
    assert entry["platform_message_id"] == "m_1"
    assert entry["route_rule"] == json.loads(wire)["route_reason"]["rule"]
