"""Score the classifier against labelled tips (records with ``text`` and ``labels``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from services.classify.classifier import Classifier, default_classifier
from services.classify.records import classify_record
from shared.contracts import Category

_CATEGORIES = tuple(category.value for category in Category)


@dataclass(slots=True)
class Counts:
    """True positives, false positives and false negatives of one label."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: bool, gold: bool) -> None:
        """Count one decision."""
        self.tp += predicted and gold
        self.fp += predicted and not gold
        self.fn += gold and not predicted

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when there was nothing to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Ratio:
    """Hits out of a total."""

    hits: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        """Count one case."""
        self.hits += hit
        self.total += 1

    @property
    def value(self) -> float:
        """hits / total; 0.0 on an empty set."""
        return self.hits / self.total if self.total else 0.0


@dataclass(slots=True)
class EvalReport:
    """All figures of one evaluation run."""

    n: int = 0
    reportable: Counts = field(default_factory=Counts)
    true_negatives: int = 0
    categories: dict[str, Counts] = field(default_factory=lambda: {name: Counts() for name in _CATEGORIES})
    emergency: Counts = field(default_factory=Counts)
    urgency: Ratio = field(default_factory=Ratio)
    place: Ratio = field(default_factory=Ratio)
    wrong_place: Ratio = field(default_factory=Ratio)
    plates: Counts = field(default_factory=Counts)
    language: Ratio = field(default_factory=Ratio)
    mistakes: list[str] = field(default_factory=list)
    max_mistakes: int = 20

    @property
    def category_macro_f1(self) -> float:
        """Mean F1 over the categories that occur in gold or predictions."""
        seen = [c for c in self.categories.values() if c.tp + c.fp + c.fn]
        return sum(c.f1 for c in seen) / len(seen) if seen else 0.0

    def render(self) -> str:
        """A readable table; the last three lines are the compact summary."""
        r = self.reportable
        lines = [
            f"tips: {self.n}",
            f"reportable  P={r.precision:.3f} R={r.recall:.3f} F1={r.f1:.3f}  "
            f"TP={r.tp} FP={r.fp} FN={r.fn} TN={self.true_negatives}",
            f"{'category':<12}{'P':>7}{'R':>7}{'F1':>7}{'TP':>5}{'FP':>5}{'FN':>5}",
        ]
        for name, c in self.categories.items():
            lines.append(f"{name:<12}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}{c.tp:>5}{c.fp:>5}{c.fn:>5}")
        e = self.emergency
        lines += [
            f"emergency   P={e.precision:.3f} R={e.recall:.3f}  TP={e.tp} FP={e.fp} FN={e.fn}",
            f"urgency accuracy (gold reportable): {self.urgency.value:.3f} ({self.urgency.hits}/{self.urgency.total})",
            f"place accuracy (gold place set):    {self.place.value:.3f} ({self.place.hits}/{self.place.total})",
            f"wrong place rate (gold place null): {self.wrong_place.value:.3f} "
            f"({self.wrong_place.hits}/{self.wrong_place.total})",
            f"plates      P={self.plates.precision:.3f} R={self.plates.recall:.3f} F1={self.plates.f1:.3f}",
            f"language accuracy: {self.language.value:.3f}",
            "mistakes: " + (", ".join(self.mistakes) if self.mistakes else "none"),
            "--- summary ---",
            f"reportable F1 {r.f1:.3f} | category macro-F1 {self.category_macro_f1:.3f}",
            f"emergency R {e.recall:.3f} P {e.precision:.3f} | urgency acc {self.urgency.value:.3f}",
            f"place acc {self.place.value:.3f} (wrong {self.wrong_place.value:.3f}) | plates F1 {self.plates.f1:.3f}",
        ]
        return "\n".join(lines)


def evaluate(records: Iterable[dict[str, Any]], classifier: Classifier | None = None) -> EvalReport:
    """Classify every labelled record and compare with its gold labels."""
    model = classifier or default_classifier()
    report = EvalReport()
    for record in records:
        _score(report, classify_record(record, model), record["labels"], str(record.get("id")))
    return report


def _score(report: EvalReport, predicted: dict[str, Any], gold: dict[str, Any], tip_id: str) -> None:
    report.n += 1
    report.reportable.add(predicted["reportable"], gold["reportable"])
    report.true_negatives += not predicted["reportable"] and not gold["reportable"]
    for name, counts in report.categories.items():
        counts.add(name in predicted["categories"], name in gold["categories"])
    report.emergency.add(predicted["urgency"] == "emergency", gold["urgency"] == "emergency")
    if gold["reportable"]:
        report.urgency.add(predicted["urgency"] == gold["urgency"])
    if gold["place"] is not None:
        report.place.add(predicted["place"] == gold["place"])
    else:
        report.wrong_place.add(predicted["place"] is not None)
    pred_plates, gold_plates = set(predicted["plates"]), set(gold["plates"])
    report.plates.tp += len(pred_plates & gold_plates)
    report.plates.fp += len(pred_plates - gold_plates)
    report.plates.fn += len(gold_plates - pred_plates)
    report.language.add(predicted["language"] == gold["language"])
    if _wrong(predicted, gold) and len(report.mistakes) < report.max_mistakes:
        report.mistakes.append(tip_id)


def _wrong(predicted: dict[str, Any], gold: dict[str, Any]) -> bool:
    keys = ("reportable", "urgency", "place", "language")
    return any(predicted[k] != gold[k] for k in keys) or set(predicted["categories"]) != set(gold["categories"])
