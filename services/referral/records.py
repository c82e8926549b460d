"""``tipline route`` on files: classified JSON Lines records in, routing decisions out.

A record carries the tip fields (``id``, ``received_on``, ``platform``, ``created_at``, ``text``)
and the labels ``tipline classify`` writes (``reportable``, ``categories``, ``urgency``,
``place``; ``reportable_score``, ``place_code`` and ``ambiguous_places`` when present). The
same routing function the referral service runs decides.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from services.referral.registry import Registry
from services.referral.routing import route
from services.referral.service import RoutingPolicy
from shared.contracts import (
    Category,
    CategoryLabel,
    Classification,
    Place,
    Platform,
    Source,
    Tip,
    TipKind,
    Urgency,
    tip_id_for,
)
from shared.reference import load_reference

FILE_MODEL_VERSION = "from-file"


def _require(record: dict[str, Any], key: str) -> Any:
    if key not in record:
        raise ValueError(f"record has no '{key}'")
    return record[key]


def tip_from_record(record: dict[str, Any]) -> Tip:
    """The Tip a classified record describes."""
    platform = Platform(str(_require(record, "platform")))
    message_id = str(_require(record, "id"))
    created = datetime.fromisoformat(str(_require(record, "created_at")).replace("Z", "+00:00"))
    return Tip(
        tip_id=tip_id_for(platform.value, message_id),
        platform=platform,
        platform_message_id=message_id,
        kind=TipKind(record.get("kind") or TipKind.COMMENT.value),
        received_on=str(_require(record, "received_on")),
        text=record.get("text"),
        created_at=created,
        source=Source.IMPORT,
        ingested_at=datetime.now(UTC),
    )


def _place(record: dict[str, Any]) -> Place | None:
    name = record.get("place")
    if not name:
        return None
    code = record.get("place_code")
    if not code:
        municipality = load_reference().municipality_by_name(str(name))
        if municipality is None:
            raise ValueError(f"place '{name}' is not a CBS municipality name")
        code = municipality.code
    return Place(municipality=str(name), municipality_code=str(code))


def classification_from_record(record: dict[str, Any], tip_id: str) -> Classification:
    """The Classification a record's labels describe."""
    reportable = bool(_require(record, "reportable"))
    urgency = record.get("urgency")
    return Classification(
        tip_id=tip_id,
        reportable=reportable,
        reportable_score=float(record.get("reportable_score", 1.0 if reportable else 0.0)),
        categories=tuple(CategoryLabel(category=Category(c), score=1.0) for c in record.get("categories") or ()),
        urgency=Urgency(urgency) if urgency else None,
        urgency_reason=record.get("urgency_reason"),
        place=_place(record),
        ambiguous_places=tuple(record.get("ambiguous_places") or ()),
        language=record.get("language", "nl"),
        model_version=str(record.get("model_version", FILE_MODEL_VERSION)),
        rules_version=str(record.get("rules_version", FILE_MODEL_VERSION)),
    )


def route_record(record: dict[str, Any], registry: Registry, policy: RoutingPolicy) -> dict[str, Any]:
    """The routing decision for one classified record, as the command prints it."""
    tip = tip_from_record(record)
    decision = route(
        tip,
        classification_from_record(record, tip.tip_id),
        registry,
        review_low=policy.review_low,
        review_high=policy.review_high,
    )
    return {
        "id": record.get("id"),
        "unit": decision.unit,
        "unit_code": decision.unit_code,
        "team": decision.team,
        "queues": list(decision.queues),
        "rule": decision.rule,
        "reason": decision.reason,
        "emergency": decision.emergency,
        "review": decision.review,
    }
