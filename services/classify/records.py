"""The CLI record contract of taxonomy.md: input JSON object in, classified JSON object out."""

from __future__ import annotations

from typing import Any

from services.classify.classifier import Classifier
from shared.contracts import Classification


def classify_record(record: dict[str, Any], classifier: Classifier) -> dict[str, Any]:
    """Pass the input fields through and add the labels, scores and evidence."""
    text = record.get("text")
    if not isinstance(text, str):
        # The CLI contract names ValueError: a record without text is bad input, whatever its type.
        raise ValueError(f"record {record.get('id')!r} has no 'text' string (got {type(text).__name__})")  # noqa: TRY004
    tip_id = record.get("id")
    received_on = record.get("received_on")
    result = classifier.classify(
        str(tip_id) if tip_id is not None else "", text, received_on if isinstance(received_on, str) else None
    )
    return {**record, "id": tip_id, **_labels(result)}


def _labels(result: Classification) -> dict[str, Any]:
    place = result.place
    return {
        "reportable": result.reportable,
        "categories": result.category_names,
        "urgency": result.urgency.value if result.urgency else None,
        "place": place.municipality if place else None,
        "plates": result.plate_values,
        "language": result.language,
        "reportable_score": result.reportable_score,
        "place_code": place.municipality_code if place else None,
        "ambiguous_places": list(result.ambiguous_places),
        "urgency_reason": result.urgency_reason,
        "evidence": _evidence(result),
        "model_version": result.model_version,
        "rules_version": result.rules_version,
    }


def _evidence(result: Classification) -> dict[str, list[dict[str, Any]]]:
    """Label -> spans, so a reader sees which words decided what."""
    evidence: dict[str, list[dict[str, Any]]] = {
        "reportable": [_span(span) for span in result.reportable_evidence],
    }
    for label in result.categories:
        evidence[label.category.value] = [_span(span) for span in label.evidence]
    if result.place and result.place.evidence:
        evidence["place"] = [_span(result.place.evidence)]
    evidence["plates"] = [_span(match.evidence) for match in result.plates]
    return evidence


def _span(span: Any) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.text, "rule": span.rule}
