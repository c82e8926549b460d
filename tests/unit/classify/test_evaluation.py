"""The metrics, checked on a tiny set where a stub classifier's answers are fixed by hand."""

from __future__ import annotations

from typing import Any

import pytest

from services.classify.classifier import Classifier
from services.classify.evaluation import evaluate
from shared.contracts import Category, CategoryLabel, Classification, Place, PlateMatch, Span, Urgency

_SPAN = Span(start=0, end=1, text="x", rule="test")


class StubClassifier(Classifier):
    """Answers from a table instead of rules."""

    def __init__(self, answers: dict[str, dict[str, Any]]) -> None:
        self.answers = answers

    def classify(self, tip_id: str, text: str, received_on: str | None = None) -> Classification:
        a = self.answers[tip_id]
        return Classification(
            tip_id=tip_id,
            reportable=a["reportable"],
            reportable_score=0.9 if a["reportable"] else 0.1,
            categories=tuple(CategoryLabel(category=Category(c), score=1.0) for c in a["categories"]),
            urgency=Urgency(a["urgency"]) if a["urgency"] else None,
            place=Place(municipality=a["place"], municipality_code="GM0001") if a["place"] else None,
            plates=tuple(PlateMatch(plate=p, evidence=_SPAN) for p in a["plates"]),
            language=a["language"],
            model_version="stub",
            rules_version="stub",
        )


def labels(
    reportable: bool, categories: list[str], urgency: str | None, place: str | None, plates: list[str]
) -> dict[str, Any]:
    return {"reportable": reportable, "categories": categories, "urgency": urgency, "place": place,
            "plates": plates, "language": "nl"}  # fmt: skip


GOLD = {
    "a": labels(True, ["theft"], "normal", "Ede", ["GH123K"]),
    "b": labels(True, ["weapon", "violence"], "emergency", None, []),
    "c": labels(False, [], None, "Goes", []),
    "d": labels(False, [], None, None, ["AB12CD"]),
}
PREDICTED = {
    "a": labels(True, ["theft"], "normal", "Ede", ["GH123K", "XX99XX"]),  # one extra plate
    "b": labels(False, [], None, "Tiel", []),  # missed emergency, invented place
    "c": labels(True, ["theft"], "low", "Tiel", []),  # false positive, wrong place
    "d": labels(False, [], None, None, ["AB12CD"]),
}


@pytest.fixture(scope="module")
def report() -> Any:
    records = [{"id": key, "text": "x", "labels": gold} for key, gold in GOLD.items()]
    return evaluate(records, StubClassifier(PREDICTED))


def test_reportable_counts(report: Any) -> None:
    assert (report.reportable.tp, report.reportable.fp, report.reportable.fn, report.true_negatives) == (1, 1, 1, 1)
    assert report.reportable.f1 == pytest.approx(0.5)


def test_categories(report: Any) -> None:
    theft = report.categories["theft"]
    assert (theft.tp, theft.fp, theft.fn) == (1, 1, 0)
    assert theft.precision == pytest.approx(0.5)
    assert report.categories["weapon"].recall == 0.0
    # theft 2/3, weapon 0, violence 0 -> macro over the three seen categories
    assert report.category_macro_f1 == pytest.approx((2 / 3) / 3)


def test_emergency_urgency_place_plates(report: Any) -> None:
    assert report.emergency.recall == 0.0
    assert report.urgency.hits == 1
    assert report.urgency.total == 2
    assert (report.place.hits, report.place.total) == (1, 2)
    assert (report.wrong_place.hits, report.wrong_place.total) == (1, 2)
    assert (report.plates.tp, report.plates.fp, report.plates.fn) == (2, 1, 0)
    assert report.plates.f1 == pytest.approx(0.8)
    assert report.language.value == 1.0


def test_mistakes_and_render(report: Any) -> None:
    assert report.mistakes == ["b", "c"]
    lines = report.render().splitlines()
    assert lines[-3].startswith("reportable F1 0.500")
    assert "emergency R 0.000" in lines[-2]
    assert lines[-1].startswith("place acc 0.500")
    assert "plates F1 0.800" in lines[-1]
