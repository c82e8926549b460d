"""Score the classifier against labelled tips (records with ``text`` and ``labels``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from services.classify.classifier import Classifier, default_classifier
from services.classify.records import classify_record
from shared.contracts import Category

_CATEGORIES = tuple(category.value for category in Category)
_URGENCIES = ("emergency", "high", "normal", "low", None)
# The targets on unseen tips: (name, figure getter, threshold, higher is better).
_TARGETS: tuple[tuple[str, Callable[[EvalReport], float], float, bool], ...] = (
    ("reportable F1", lambda r: r.reportable.f1, 0.95, True),
    ("category macro-F1", lambda r: r.category_macro_f1, 0.85, True),
    ("emergency recall", lambda r: r.emergency.recall, 0.95, True),
    ("emergency precision", lambda r: r.emergency.precision, 0.80, True),
    ("urgency accuracy", lambda r: r.urgency.value, 0.75, True),
    ("place accuracy", lambda r: r.place.value, 0.90, True),
    ("wrong place rate", lambda r: r.wrong_place.value, 0.05, False),
    ("plates F1", lambda r: r.plates.f1, 0.98, True),
)


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
    # (gold urgency, predicted urgency) -> count; None stands for "not reportable".
    urgency_confusion: dict[tuple[str | None, str | None], int] = field(default_factory=dict)
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
            *self._confusion_lines(),
            *self._target_lines(),
            "mistakes: " + (", ".join(self.mistakes) if self.mistakes else "none"),
            "--- summary ---",
            f"reportable F1 {r.f1:.3f} | category macro-F1 {self.category_macro_f1:.3f}",
            f"emergency R {e.recall:.3f} P {e.precision:.3f} | urgency acc {self.urgency.value:.3f}",
            f"place acc {self.place.value:.3f} (wrong {self.wrong_place.value:.3f}) | plates F1 {self.plates.f1:.3f}",
        ]
        return "\n".join(lines)

    def _confusion_lines(self) -> list[str]:
        """Gold urgency in rows, predicted in columns ("-" = not reportable)."""
        names = [name or "-" for name in _URGENCIES]
        lines = ["urgency confusion (rows gold, columns predicted):", f"{'':<11}" + "".join(f"{n:>10}" for n in names)]
        for gold in _URGENCIES:
            row = "".join(f"{self.urgency_confusion.get((gold, pred), 0):>10}" for pred in _URGENCIES)
            lines.append(f"{gold or '-':<11}{row}")
        return lines

    def _target_lines(self) -> list[str]:
        """Each issue target with its figure and whether this run meets it."""
        lines = ["targets:"]
        for name, figure, threshold, higher in _TARGETS:
            value = figure(self)
            met = value >= threshold if higher else value <= threshold
            sign = ">=" if higher else "<="
            lines.append(f"  {name:<20} {value:.3f} (target {sign} {threshold:.2f}) {'ok' if met else 'MISSED'}")
        return lines


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
    pair = (gold["urgency"], predicted["urgency"])
    report.urgency_confusion[pair] = report.urgency_confusion.get(pair, 0) + 1
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
