"""The trained linear model: deterministic training, the shipped weights, and how the classifier blends it."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from typing import Any

import pytest

from services.classify import train
from services.classify.classifier import Classifier
from services.classify.model import (
    HEADS,
    SCALE_FLOOR,
    WEIGHTS_PATH,
    Blend,
    LinearModel,
    _column,
    _pack,
    _unpack,
    feature_counts,
    load_model,
    rules_only,
    slot,
)
from services.classify.normalize import fold
from shared.contracts import Category, Urgency


def labelled(text: str, categories: list[str], urgency: str | None = None) -> dict[str, Any]:
    reportable = bool(categories)
    labels = {"reportable": reportable, "categories": categories, "urgency": urgency if reportable else None}
    return {"id": text[:12], "text": text, "labels": labels}


SMALL = [
    labelled("mijn fiets is gejat bij de bakker", ["theft"], "normal"),
    labelled("scooter gestolen voor de deur vannacht", ["theft"], "normal"),
    labelled("ze dealen elke avond wiet bij het bankje", ["drugs"], "normal"),
    labelled("er wordt nu iemand neergestoken bij de snackbar", ["violence"], "emergency"),
    labelled("haha die agent kan echt niet dansen", []),
    labelled("hoe word ik eigenlijk agent", []),
    labelled("respect voor jullie werk", []),
    labelled("de fiets van mijn buurman is gejat", ["theft"], "low"),
]
QUICK = train.Hyper(epochs=3, min_count=1)


def test_training_twice_gives_identical_weights() -> None:
    examples = [train.example(record) for record in SMALL]
    first, second = train.train(examples, QUICK), train.train(examples, QUICK)
    assert first == second
    files = [("small.jsonl", SMALL)]
    text = train.weights_json(files, QUICK, Blend(), {}, *first)
    assert text == train.weights_json(files, QUICK, Blend(), {}, *second)
    assert json.loads(text)["training"]["files"] == [{"name": "small.jsonl", "count": len(SMALL)}]


def test_fits_in_worker_processes_equal_fits_in_one() -> None:
    examples = [train.example(record) for record in SMALL]
    jobs = [(QUICK, train._without([i % 2 for i in range(len(SMALL))], k)) for k in (0, 1)]
    parallel = train._fit_all(examples, jobs, workers=2)
    assert parallel == train._fit_all(examples, jobs, workers=1)
    assert parallel[0] != parallel[1]
    assert parallel[0] == train.train([examples[i] for i in jobs[0][1]], QUICK)


def test_training_learns_the_small_set() -> None:
    bias, table = train.train([train.example(record) for record in SMALL], train.Hyper(min_count=1))
    model = train.build_model(bias, table, "small", Blend())
    theft = model.logits(fold("fiets gejat"))["theft"]
    assert theft > model.logits(fold("wiet dealen"))["theft"]
    assert model.logits(fold("wiet dealen"))["drugs"] > 0


def test_the_version_follows_data_and_settings() -> None:
    files = [("small.jsonl", SMALL)]
    version = train.model_version(files, QUICK, Blend())
    assert version == train.model_version(files, QUICK, Blend())
    assert version != train.model_version([("small.jsonl", SMALL[:-1])], QUICK, Blend())
    assert version != train.model_version(files, train.Hyper(epochs=4, min_count=1), Blend())


def test_inference_features_match_training_features() -> None:
    record = SMALL[3]
    example = train.example(record)
    bias, table = train.train([train.example(item) for item in SMALL], QUICK)
    model = train.build_model(bias, table, "small", Blend())
    expected = train._logits(model, example)
    got = model.logits(fold(record["text"]))
    assert [got[head] for head in HEADS] == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(
    ("emphatic", "plain"),
    [
        ("wat een onzin weer!!!!!!!!!!!!!!!!!!!!!!!!!!!!!", "wat een onzin weer!"),
        ("mooi werk ----------------------------------", "mooi werk -"),
        ("toppers 😂😂😂😂😂😂😂😂 😂 😂", "toppers 😂"),
        ("heeeeeeeeelp ze breken in", "heelp ze breken in"),
    ],
)
def test_emphasis_weighs_no_more_than_saying_it_once(emphatic: str, plain: str) -> None:
    model = load_model()
    assert model.logits(fold(emphatic)) == model.logits(fold(plain))
    assert feature_counts(fold(emphatic)) == feature_counts(fold(plain))


def test_weights_from_other_feature_settings_are_refused() -> None:
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert LinearModel.from_json(data).version == data["model_version"]
    for changed in ({"features": "older"}, {"hash_bits": 18}):
        with pytest.raises(ValueError, match="other feature settings"):
            LinearModel.from_json({**data, **changed})


def test_a_text_of_a_few_features_is_scaled_as_if_it_had_more() -> None:
    model = synthetic(".", reportable=6.0)
    lone = model.logits(fold("."))["reportable"]
    # "." has two features (the word and "<.>"); alone it is scaled as if the text had SCALE_FLOOR of them.
    assert lone == pytest.approx(-4.0 + 6.0 / math.sqrt(SCALE_FLOOR), abs=1e-3)


def test_evidence_spans_cover_a_whole_run_of_one_token() -> None:
    model = synthetic("!", reportable=3.0)
    spans = model.evidence("echt!!!!!", fold("echt!!!!!"), "reportable")
    assert [(span.start, span.end, span.text) for span in spans] == [(4, 9, "!!!!!")]


def test_packed_rows_add_up_exactly() -> None:
    rows = [(1.2345, -0.5, 0.0, -3.0), (-1.0, 0.25, -0.0001, 3.0), (0.0001, -2.0, 5.0, -0.0001)]
    total = sum(_pack(row) for row in rows)
    assert _unpack(total, 4) == [2346, -22500, 49999, -1]
    assert [_column(total, h) for h in range(4)] == [2346, -22500, 49999, -1]


def test_shipped_weights_load_with_a_version(classifier: Classifier) -> None:
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    model = load_model()
    assert model.version == data["model_version"]
    assert model.version.startswith("linear-")
    assert len(model.version) == len("linear-") + 12
    assert model.heads == HEADS
    assert model.table
    assert {item["name"] for item in data["training"]["files"]} >= {"tips-dev.jsonl", "classify-extra.jsonl"}
    assert classifier.model is model
    assert classifier.model_version.endswith("+" + model.version)


def synthetic(word: str, **weights: float) -> LinearModel:
    """A model that only knows one word: the blend logic, independent of what training learns."""
    row = tuple(weights.get(head, 0.0) for head in HEADS)
    bias = tuple(-4.0 for _ in HEADS)
    blend = Blend(reportable_weight=0.0, category_threshold=0.8, emergency_threshold=0.6)
    return LinearModel(HEADS, bias, {slot(f"w:{word}"): row}, "synthetic", blend)


def test_a_confident_model_adds_a_category_with_evidence(classifier: Classifier) -> None:
    text = "Mijn scooter is vannacht gestolen bij de Lindenlaan, de dief had een zak snuifzout bij zich"
    rules = classifier.with_model(rules_only()).classify("t", text)
    assert "drugs" not in rules.category_names
    result = classifier.with_model(synthetic("snuifzout", drugs=400.0)).classify("t", text)
    assert "drugs" in result.category_names
    label = next(label for label in result.categories if label.category.value == "drugs")
    assert label.evidence
    assert all(span.rule == "model.drugs" for span in label.evidence)
    assert all(text[span.start : span.end] == span.text for span in label.evidence)
    assert "snuifzout" in {span.text for span in label.evidence}


def test_an_unsure_model_adds_nothing(classifier: Classifier) -> None:
    text = "Mijn scooter is vannacht gestolen bij de Lindenlaan, de dief had een zak snuifzout bij zich"
    result = classifier.with_model(synthetic("snuifzout", drugs=1.0)).classify("t", text)
    assert "drugs" not in result.category_names


def test_emergency_needs_a_confident_model_and_a_danger_now_cue(classifier: Classifier) -> None:
    model = synthetic("lindenlaan", emergency=400.0)
    now = "Er rijdt nu een auto met 120 door de Lindenlaan, help"
    assert classifier.with_model(rules_only()).classify("t", now).urgency != Urgency.EMERGENCY
    upgraded = classifier.with_model(model).classify("t", now)
    assert upgraded.urgency == Urgency.EMERGENCY
    assert upgraded.urgency_reason == "emergency.model"
    past = "Vorige week reed er een auto met 120 door de Lindenlaan"
    assert classifier.with_model(model).classify("t", past).urgency != Urgency.EMERGENCY


def test_outside_the_dangerous_categories_the_model_must_be_surer(classifier: Classifier) -> None:
    # Taken a moment ago, not being taken as the owner watches (which the rules call an emergency themselves).
    now = "Mijn scooter is net gestolen bij de Lindenlaan, help"
    lenient = Blend(emergency_threshold=0.2, emergency_uncued_threshold=0.3)
    unsure = synthetic_blend("lindenlaan", lenient, emergency=40.0)  # p about 0.4 on both texts
    assert classifier.with_model(unsure).classify("t", now).urgency != Urgency.EMERGENCY
    speeding = "Er rijdt nu een auto met 120 door de Lindenlaan, help"
    assert classifier.with_model(unsure).classify("t", speeding).urgency == Urgency.EMERGENCY
    sure = classifier.with_model(synthetic_blend("lindenlaan", lenient, emergency=400.0)).classify("t", now)
    assert sure.urgency == Urgency.EMERGENCY


def test_the_shipped_model_rescues_a_tip_without_offence_words(classifier: Classifier) -> None:
    # Written for this test: no lexicon word says "parked illegally", so the rules cap it as small talk.
    text = "elke ochtend staat een witte bus half op de stoep voor de Julianaschool"
    rules = classifier.with_model(rules_only()).classify("t", text)
    result = classifier.classify("t", text)
    assert not rules.reportable
    assert result.reportable
    assert result.categories
    assert result.urgency is not None
    model_spans = [span for span in result.reportable_evidence if span.rule == "model.reportable"]
    assert model_spans
    assert all(text[span.start : span.end] == span.text for span in model_spans)


def test_reportable_score_is_the_blended_probability(classifier: Classifier) -> None:
    text = "fiets gestolen bij de Albert Heijn in Goes, vanmiddag rond 3 uur"
    result = classifier.classify("t", text)
    rules = classifier.with_model(rules_only()).classify("t", text)
    assert result.reportable
    assert rules.reportable
    weight = classifier.model.blend.reportable_weight
    assert 0.0 < weight < 1.0
    model_logit = classifier.model.logits(fold(text))["reportable"]
    rule_logit = math.log(rules.reportable_score / (1 - rules.reportable_score))
    blended = (1 - weight) * rule_logit + weight * model_logit
    assert result.reportable_score == pytest.approx(1 / (1 + math.exp(-blended)), abs=2e-3)


def synthetic_blend(word: str, blend: Blend, **weights: float) -> LinearModel:
    """Like ``synthetic`` with a chosen blend."""
    return replace(synthetic(word, **weights), blend=blend)


def test_a_very_confident_model_upgrades_an_undated_tip_without_cues(classifier: Classifier) -> None:
    # No danger-now cue: present-tense narration no cue list foresees.
    text = "er lopen twee inbrekers door de tuin van de buren, die zijn op vakantie"
    assert classifier.with_model(rules_only()).classify("t", text).urgency != Urgency.EMERGENCY
    blend = Blend(emergency_threshold=0.6, emergency_uncued_threshold=0.9)
    sure = classifier.with_model(synthetic_blend("inbrekers", blend, emergency=400.0)).classify("t", text)
    assert sure.urgency == Urgency.EMERGENCY
    assert sure.urgency_reason == "emergency.model_uncued"
    unsure = classifier.with_model(synthetic_blend("inbrekers", blend, emergency=60.0)).classify("t", text)
    assert unsure.urgency != Urgency.EMERGENCY
    dated = "gisteravond liepen er twee inbrekers door de tuin van de buren"
    assert (
        classifier.with_model(synthetic_blend("inbrekers", blend, emergency=400.0)).classify("t", dated).urgency
        != Urgency.EMERGENCY
    )


def test_the_model_vetoes_a_weak_lexicon_category_but_never_all(classifier: Classifier) -> None:
    text = "iemand heeft met een mes de banden van mijn auto lek gestoken en graffiti op de deur gespoten"
    rules = classifier.with_model(rules_only()).classify("t", text)
    assert {"weapon", "nuisance"} <= set(rules.category_names)
    blend = Blend(category_veto=0.2)
    vetoed = classifier.with_model(synthetic_blend("banden", blend, weapon=-400.0)).classify("t", text)
    assert "weapon" not in vetoed.category_names
    assert "nuisance" in vetoed.category_names
    alone = "de buurjongen loopt met een mes op straat te zwaaien"
    kept = classifier.with_model(synthetic_blend("buurjongen", blend, weapon=-400.0)).classify("t", alone)
    assert kept.category_names == classifier.with_model(rules_only()).classify("t", alone).category_names


def test_the_model_cannot_veto_a_tip_in_another_language(classifier: Classifier) -> None:
    text = "Moja rowerka ukradli spod bloku w Waalwijk dzisiaj rano"
    against = classifier.with_model(synthetic_blend("rowerka", Blend(reportable_weight=0.9), reportable=-400.0))
    result = against.classify("t", text)
    assert result.language == "other"
    assert result.reportable


def _stack(**rows: tuple[float, float, float]) -> tuple[tuple[float, float, float], ...]:
    """A stack that follows the lexicon alone, except for the categories given."""
    return tuple(rows.get(category.value, (4.0, 0.0, -2.0)) for category in Category)


def test_a_stacked_decision_weighs_lexicon_and_model_together(classifier: Classifier) -> None:
    text = "elke avond schieten jongeren bij de speeltuin aan de Dorpsstraat met een bal tegen onze ramen"
    blend = Blend(reportable_weight=0.0, category_stack=_stack(weapon=(1.0, 1.0, -1.0), nuisance=(1.0, 1.0, -1.0)))
    against = synthetic_blend("bal", blend, weapon=-400.0, nuisance=400.0)
    result = classifier.with_model(against).classify("t", text)
    assert result.reportable
    assert result.category_names == ["nuisance"]
    label = result.categories[0]
    assert label.evidence
    assert all(text[span.start : span.end] == span.text for span in label.evidence)


def test_a_stacked_decision_never_leaves_a_tip_without_a_category(classifier: Classifier) -> None:
    text = "mijn fiets is vannacht gestolen bij het station in Goes"
    blend = Blend(category_stack=tuple((0.0, 0.0, -5.0) for _ in Category))
    result = classifier.with_model(synthetic_blend("fiets", blend, theft=1.0)).classify("t", text)
    assert result.reportable
    assert len(result.categories) == 1


def test_a_second_stacked_category_needs_the_extra_margin(classifier: Classifier) -> None:
    text = "elke ochtend staan er auto's dubbel geparkeerd op het zebrapad bij de school in Bussum"
    stack = _stack(parking=(0.0, 0.0, 3.0), traffic=(0.0, 0.0, 0.5))
    both = classifier.with_model(synthetic_blend("zebrapad", Blend(category_stack=stack)))
    assert both.classify("t", text).category_names == ["parking", "traffic"]
    strict = Blend(category_stack=stack, category_extra_margin=1.0)
    assert classifier.with_model(synthetic_blend("zebrapad", strict)).classify("t", text).category_names == ["parking"]


def test_the_stack_is_fitted_to_the_evidence() -> None:
    # Gold follows the model logit, not the lexicon: the fit must weigh the model up and the lexicon down.
    data = [(float(i % 2), -3.0 + 6.0 * (i % 7) / 6, (i % 7) >= 4) for i in range(140)]
    lexicon_weight, model_weight, _ = train._logistic(data)
    assert model_weight > 1.0
    assert abs(lexicon_weight) < model_weight


def row(probability: float) -> list[float]:
    """Out-of-fold logits in which only the emergency head says something."""
    logits = [0.0] * len(HEADS)
    logits[HEADS.index("emergency")] = math.log(probability / (1 - probability))
    return logits


def test_the_emergency_threshold_is_held_only_to_the_tips_the_rules_do_not_already_call() -> None:
    # Twenty shootings the rules call emergencies themselves, which the model is sure of too, must not pay for the
    # model's guesses elsewhere: of the tips where its flag matters, three of eight at 0.3 are wrong.
    shootings = [labelled(f"er wordt nu geschoten bij station {i}", ["weapon"], "emergency") for i in range(20)]
    prowlers = [labelled(f"er loopt nu een man rond bij schuur {i}", ["burglary"], "emergency") for i in range(5)]
    wrong = [labelled(f"er loopt nu een man rond bij garage {i}", ["burglary"], "normal") for i in range(3)]
    records = [*shootings, *prowlers, *wrong]
    predictions = [row(0.95)] * 20 + [row(0.9)] * 5 + [row(0.3)] * 3
    assert train._emergency_threshold(records, predictions, cued=True) == pytest.approx(0.35)


def test_the_shipped_weights_were_trained_on_the_tuning_files_and_never_on_the_held_out_set() -> None:
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    trained = {(item["name"], item["count"]) for item in data["training"]["files"]}
    expected = {(name, len(records)) for name, records in train.read_records(train.TUNING_FILES)}
    assert trained == expected, "retrain: uv run python -m services.classify.train"
    assert train.HOLDOUT_FILE.name not in {name for name, _ in trained}
    assert data["model_version"] == train.model_version(
        train.read_records(train.TUNING_FILES),
        train.Hyper(**data["training"]["cv"]["hyperparameters"]),
        Blend(
            **{
                **data["blend"],
                "category_stack": tuple(tuple(row) for row in data["blend"].get("category_stack", ())),
            }
        ),
    )


def test_when_no_stacked_category_clears_the_bar_a_named_one_is_preferred(classifier: Classifier) -> None:
    text = "bus vx 482 t staat nu voor de school in velp, verdacht"
    blend = Blend(category_stack=tuple((1.0, 1.0, -6.0) for _ in Category))
    # The model prefers parking, but the text only has a word for suspicious.
    model = synthetic_blend("school", blend, parking=25.0, suspicious=-300.0)
    result = classifier.with_model(model).classify("t", text)
    assert result.reportable
    assert result.category_names == ["suspicious"]


def test_outside_the_dangerous_categories_the_emergency_threshold_is_chosen_on_those_tips_alone() -> None:
    # Shootings must not lower the bar for parked cars: of the parking tips where the model's flag matters (all with a
    # danger-now cue: the ambulance, "help"), the ones it scores 0.5 are wrong twice in four, the six at 0.7 right every time.
    shootings = [labelled(f"er liep een man met een pistool bij station {i}", ["weapon"], "high") for i in range(9)]
    blocked = [labelled(f"busje staat voor de ambulance bij hofje {i}", ["parking"], "emergency") for i in range(8)]
    wrong = [labelled(f"busje staat voor de garage bij hofje {i}, help", ["parking"], "low") for i in range(2)]
    records = [*shootings, *blocked, *wrong]
    predictions = [row(0.9)] * 9 + [row(0.7)] * 6 + [row(0.5)] * 2 + [row(0.5)] * 2
    assert train._emergency_threshold(records, predictions, cued=True, dangerous=False) == pytest.approx(0.55)
    # Every parking tip has a cue: the model gets no say over uncued ones.
    assert train._emergency_threshold(records, predictions, cued=False, dangerous=False) == 1.0


def test_outside_the_dangerous_categories_cued_and_uncued_upgrades_have_their_own_bars(classifier: Classifier) -> None:
    # A parking tip: one told with a danger-now cue ("nu", "help"), one in plain present-tense narration.
    cued = "Er staat nu een busje op de stoep bij de Lindenlaan, help"
    uncued = "Er staat een busje op de stoep bij de Lindenlaan"
    only_uncued = Blend(emergency_other_threshold=1.0, emergency_other_uncued_threshold=0.5)
    model = synthetic_blend("lindenlaan", only_uncued, emergency=400.0)
    assert classifier.with_model(model).classify("t", cued).urgency != Urgency.EMERGENCY
    result = classifier.with_model(model).classify("t", uncued)
    assert result.urgency == Urgency.EMERGENCY
    assert result.urgency_reason == "emergency.model_uncued"
    # Weights from before the split: one threshold serves both.
    single = Blend(emergency_other_threshold=1.0)
    before = classifier.with_model(synthetic_blend("lindenlaan", single, emergency=400.0))
    assert before.classify("t", uncued).urgency != Urgency.EMERGENCY
