"""The Dutch tip classifier: pure rules over a gazetteer and a lexicon, with evidence for every label."""

from __future__ import annotations

from functools import lru_cache

from services.classify import language, reportable, urgency
from services.classify.lexicon import CATEGORY_RULES
from services.classify.normalize import fold
from services.classify.places import Gazetteer
from services.classify.plates import find_plates
from services.classify.reportable import CUE_RULES
from services.classify.rules import Hit, evidence, totals
from shared.contracts import Category, CategoryLabel, Classification
from shared.reference import ReferenceData, load_reference

MODEL_VERSION = "rules-nl-0.1.0"
RULES_VERSION = "2026.1"

# A category needs this much lexicon weight; below it a cue only counts when nothing else fired.
_CATEGORY_THRESHOLD = 1.0
_FALLBACK_THRESHOLD = 0.5


class Classifier:
    """Classifies tips; build once (indexes are built in the constructor) and reuse."""

    def __init__(self, reference: ReferenceData | None = None) -> None:
        self.gazetteer = Gazetteer(reference or load_reference())

    def classify(self, tip_id: str, text: str, received_on: str | None = None) -> Classification:
        """Every label of one tip, with the evidence spans that decided it."""
        folded = fold(text)
        category_hits = CATEGORY_RULES.scan(folded)
        scores = totals(category_hits)
        place = self.gazetteer.resolve(text, received_on)
        plates = find_plates(text)
        offence = sum(min(score, 1.0) for score in scores.values())
        decision = reportable.decide(text, CUE_RULES.scan(folded), offence, place.place is not None, bool(plates))
        labels = _category_labels(text, category_hits, scores) if decision.reportable else ()
        level = urgency.decide(text, folded, {label.category for label in labels}) if decision.reportable else None
        return Classification(
            tip_id=tip_id,
            reportable=decision.reportable,
            reportable_score=decision.score,
            reportable_evidence=decision.evidence,
            categories=labels,
            urgency=level.urgency if level else None,
            urgency_reason=level.reason if level else None,
            place=place.place,
            ambiguous_places=place.ambiguous,
            plates=tuple(plates),
            language=language.detect(text),
            model_version=MODEL_VERSION,
            rules_version=RULES_VERSION,
        )


def _category_labels(text: str, hits: list[Hit], scores: dict[str, float]) -> tuple[CategoryLabel, ...]:
    chosen = [name for name, score in scores.items() if score >= _CATEGORY_THRESHOLD]
    if not chosen and scores:
        best = max(scores, key=lambda name: scores[name])
        chosen = [best] if scores[best] >= _FALLBACK_THRESHOLD else []
    ordered = sorted(chosen, key=lambda name: -scores[name])
    return tuple(
        CategoryLabel(
            category=Category(name), score=min(1.0, round(scores[name] / 2, 3)), evidence=evidence(hits, text, name)
        )
        for name in ordered
    )


@lru_cache(maxsize=1)
def default_classifier() -> Classifier:
    """A process-wide classifier over the shipped reference data."""
    return Classifier()
