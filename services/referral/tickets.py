"""Pure builders of referral tickets: ids, SLA deadlines, summaries, pseudonyms, provenance."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

from shared.contracts import (
    Classification,
    ProvenanceEntry,
    Referral,
    RouteDecision,
    Span,
    Tip,
    Urgency,
)

# How long a desk has to pick a ticket up. Emergencies are also on the emergency queue at once;
# the 15 minutes is for the team's follow-up. High means "act today"; normal and low follow the
# working rhythm of a district desk (taxonomy.md, urgency).
SLA_BY_URGENCY: dict[Urgency, timedelta] = {
    Urgency.EMERGENCY: timedelta(minutes=15),
    Urgency.HIGH: timedelta(hours=4),
    Urgency.NORMAL: timedelta(days=3),
    Urgency.LOW: timedelta(days=7),
}

# A reportable tip without an urgency is treated as an ordinary offence rather than dropped.
DEFAULT_URGENCY = Urgency.NORMAL
SUMMARY_TEXT_CHARS = 200


def sla_due(urgency: Urgency, now: datetime) -> datetime:
    """When a ticket of this urgency, created at ``now``, must have been picked up."""
    return now + SLA_BY_URGENCY[urgency]


def referral_id_for(tip_id: str) -> str:
    """The deterministic referral id of the ticket a tip opens: a redelivery builds the same id."""
    return "ref_" + hashlib.sha256(f"referral\x1f{tip_id}".encode()).hexdigest()[:24]


def pseudonymous_reporter_id(platform: str, author_id: str | None, key: str) -> str | None:
    """A keyed pseudonym for a reporter: stable per key, not reversible without it; None if anonymous."""
    if author_id is None:
        return None
    if not key:
        raise ValueError("a pseudonym key is required")
    digest = hmac.new(key.encode(), f"{platform}\x1f{author_id}".encode(), hashlib.sha256).hexdigest()
    return "rep_" + digest[:32]


def summary_for(tip: Tip, classification: Classification) -> str:
    """A one-line summary for the desk, without the reporter's identity."""
    categories = ", ".join(classification.category_names) or "no category"
    urgency = (classification.urgency or DEFAULT_URGENCY).value
    place = classification.place.municipality if classification.place is not None else "place unknown"
    head = f"{categories} · {urgency} · {place} · {tip.platform.value} {tip.kind.value}"
    text = _excerpt(tip.text)
    return f"{head}: {text}" if text else head


def _excerpt(text: str | None) -> str:
    collapsed = " ".join((text or "").split())
    if len(collapsed) <= SUMMARY_TEXT_CHARS:
        return collapsed
    return collapsed[:SUMMARY_TEXT_CHARS].rstrip() + "…"


def evidence_for(classification: Classification) -> tuple[Span, ...]:
    """Every evidence span of a classification, in order, without duplicates."""
    spans: list[Span] = [*classification.reportable_evidence]
    for label in classification.categories:
        spans.extend(label.evidence)
    if classification.place is not None and classification.place.evidence is not None:
        spans.append(classification.place.evidence)
    spans.extend(match.evidence for match in classification.plates)
    return tuple(dict.fromkeys(spans))


def provenance_for(
    tip: Tip, classification: Classification, decision: RouteDecision, reporter_id: str | None = None
) -> ProvenanceEntry:
    """How one tip reached a ticket: from its raw bytes to the routing rule that fired, with its evidence."""
    return ProvenanceEntry(
        tip_id=tip.tip_id,
        platform=tip.platform,
        platform_message_id=tip.platform_message_id,
        permalink=tip.permalink,
        received_on=tip.received_on,
        raw_sha256=tip.raw_sha256,
        source=tip.source,
        ingested_at=tip.ingested_at,
        model_version=classification.model_version,
        rules_version=classification.rules_version,
        route_rule=decision.rule,
        evidence=evidence_for(classification),
        reporter_id=reporter_id,
    )


def build_referral(
    tip: Tip, classification: Classification, decision: RouteDecision, *, now: datetime, pseudonym_key: str
) -> Referral:
    """The ticket one routed tip opens; raises ValueError when the decision refers nowhere."""
    if not decision.queues:
        raise ValueError(f"tip {tip.tip_id} is not referred (rule {decision.rule})")
    if classification.tip_id != tip.tip_id:
        raise ValueError(f"classification of {classification.tip_id} does not belong to tip {tip.tip_id}")
    urgency = classification.urgency or DEFAULT_URGENCY
    reporter = pseudonymous_reporter_id(tip.platform.value, tip.author_id, pseudonym_key)
    return Referral(
        referral_id=referral_id_for(tip.tip_id),
        unit_code=decision.unit_code,
        unit=decision.unit,
        team=decision.team,
        urgency=urgency,
        emergency=decision.emergency,
        categories=tuple(label.category for label in classification.categories),
        place=classification.place,
        plates=tuple(classification.plate_values),
        tip_ids=(tip.tip_id,),
        summary=summary_for(tip, classification),
        evidence=evidence_for(classification),
        route_reason=decision,
        provenance=(provenance_for(tip, classification, decision, reporter),),
        reporter_ids=() if reporter is None else (reporter,),
        created_at=now,
        sla_due=sla_due(urgency, now),
    )


WITHDRAWN_SUMMARY = "[the citizen deleted this message; its text and evidence were withdrawn]"


def combined_evidence(provenance: tuple[ProvenanceEntry, ...]) -> tuple[Span, ...]:
    """The ticket's evidence: every tip's spans, in tip order, without duplicates."""
    return tuple(dict.fromkeys(span for entry in provenance for span in entry.evidence))


def without_tip(referral: Referral, tip_id: str) -> Referral:
    """The ticket with one tip's text and evidence withdrawn (its provenance stays, for the audit)."""
    withdrawn = (*referral.withdrawn_tip_ids, tip_id)
    provenance = tuple(
        entry.model_copy(update={"evidence": ()}) if entry.tip_id == tip_id else entry for entry in referral.provenance
    )
    remaining = [t for t in referral.tip_ids if t not in withdrawn]
    return referral.model_copy(
        update={
            "withdrawn_tip_ids": withdrawn,
            "provenance": provenance,
            "evidence": combined_evidence(provenance),
            "summary": _summary_without(referral, tip_id, bool(remaining)),
        }
    )


def _summary_without(referral: Referral, tip_id: str, others_remain: bool) -> str:
    if not others_remain:
        return WITHDRAWN_SUMMARY
    if referral.tip_ids[0] != tip_id:
        return referral.summary
    # The summary quotes the first tip; keep its labels, drop its words.
    head = referral.summary.split(": ", 1)[0]
    return f"{head}: {WITHDRAWN_SUMMARY}"
