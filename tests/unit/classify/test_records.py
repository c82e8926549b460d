from __future__ import annotations

from typing import Any

import pytest

from services.classify.classifier import RULES_VERSION, Classifier
from services.classify.records import classify_record

REQUIRED = {"id", "reportable", "categories", "urgency", "place", "plates", "language"}
TRUST = {"reportable_score", "place_code", "urgency_reason", "evidence", "model_version", "rules_version"}


def record(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "x-1",
        "platform": "facebook",
        "kind": "comment",
        "received_on": "@politie_twente",
        "created_at": "2026-01-03T16:29:41Z",
        "text": "Mijn auto is vannacht gestolen in Oldenzaal, kenteken 58-lk-hn",
    }
    base.update(fields)
    return base


def test_output_has_required_and_trust_fields(classifier: Classifier) -> None:
    out = classify_record(record(), classifier)
    assert out.keys() >= REQUIRED | TRUST
    assert out["reportable"] is True
    assert out["categories"] == ["theft"]
    assert out["place"] == "Oldenzaal"
    assert out["place_code"] == "GM0173"
    assert out["plates"] == ["58LKHN"]
    assert out["model_version"] == classifier.model_version
    assert out["rules_version"] == RULES_VERSION


def test_input_fields_pass_through(classifier: Classifier) -> None:
    labels = {"reportable": False, "categories": [], "urgency": None, "place": None, "plates": [], "language": "en"}
    original = record(labels=labels, extra_field=42)
    out = classify_record(original, classifier)
    assert out["platform"] == "facebook"
    assert out["extra_field"] == 42
    assert out["labels"] == labels
    assert out["labels"] is original["labels"]
    assert out["text"] == original["text"]


def test_missing_id_is_echoed_as_none(classifier: Classifier) -> None:
    raw = record()
    del raw["id"]
    assert classify_record(raw, classifier)["id"] is None


def test_evidence_spans_point_into_the_text(classifier: Classifier) -> None:
    out = classify_record(record(), classifier)
    text = out["text"]
    for spans in out["evidence"].values():
        for span in spans:
            assert text[span["start"] : span["end"]] == span["text"]
            assert span["rule"]
    assert out["evidence"]["plates"][0]["text"] == "58-lk-hn"


def test_not_reportable_has_no_categories_or_urgency(classifier: Classifier) -> None:
    out = classify_record(record(text="toppers gewoon 👏👏"), classifier)
    assert out["reportable"] is False
    assert out["categories"] == []
    assert out["urgency"] is None


@pytest.mark.parametrize("bad", [None, 12, ["tekst"]])
def test_text_must_be_a_string(classifier: Classifier, bad: object) -> None:
    with pytest.raises(ValueError, match="text"):
        classify_record(record(text=bad), classifier)


def test_missing_text_is_an_error(classifier: Classifier) -> None:
    raw = record()
    del raw["text"]
    with pytest.raises(ValueError, match="x-1"):
        classify_record(raw, classifier)
