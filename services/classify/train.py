"""Train the linear model beside the rules and choose how to blend it, by 5-fold cross-validation on tuning data.

uv run python -m services.classify.train [--extra desk-labels.jsonl ...] [--out PATH]

Reads the tuning files only (never the held-out set), picks the regularisation by out-of-fold log-loss, then the
blend weight and thresholds by out-of-fold figures of the whole classifier, trains on everything and writes
``model/weights.json``. Deterministic: the same files give byte-identical output.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import multiprocessing
import os
import random
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from services.classify import language
from services.classify.classifier import (
    DANGEROUS_CATEGORIES,
    LEXICON_CAP,
    Classifier,
    lexicon_scores,
    stack_score,
)
from services.classify.evaluation import EvalReport, evaluate
from services.classify.model import (
    FEATURES,
    HASH_BITS,
    HEADS,
    NGRAM_SIZES,
    WEIGHTS_PATH,
    Blend,
    LinearModel,
    feature_counts,
    feature_scale,
    sigmoid,
)
from services.classify.normalize import fold
from services.classify.urgency import decide as decide_urgency
from shared.contracts import Category, Classification, Urgency

_REPO = Path(__file__).resolve().parents[2]
TUNING_FILES = (
    _REPO.parent / "shared" / "data" / "tips-dev.jsonl",
    _REPO / "tests" / "data" / "classify-extra.jsonl",
    _REPO / "tests" / "data" / "classify-train-extra.jsonl",
    # The first three held-out sets, each retired into tuning once it had been evaluated too often to stay honest.
    _REPO / "tests" / "data" / "classify-retired-holdout.jsonl",
    _REPO / "tests" / "data" / "classify-retired-holdout-2.jsonl",
    _REPO / "tests" / "data" / "classify-retired-holdout-3.jsonl",
    _REPO / "tests" / "data" / "classify-train-2.jsonl",
    _REPO / "tests" / "data" / "classify-train-3.jsonl",
    # Three authors' styles (long-winded adults, youth straattaal, dialect and other languages), first scored unseen.
    _REPO / "tests" / "data" / "classify-train-4.jsonl",
    # Category borders; kept out until the third held-out set retired, because its author had read that set.
    _REPO / "tests" / "data" / "classify-train-borders.jsonl",
    # Urgency borders (low/normal, high/normal, village matters), first scored unseen to check the urgency ladder.
    _REPO / "tests" / "data" / "classify-train-urgency.jsonl",
    # Emergency borders (happening now or just over), first scored unseen to check the emergency rules.
    _REPO / "tests" / "data" / "classify-train-emergency.jsonl",
    # The fourth held-out set, retired after it had been scored six times.
    _REPO / "tests" / "data" / "classify-retired-holdout-4.jsonl",
    # Three unseen authors (everyday traffic, category borders, emergencies and their near-misses), first scored
    # unseen to find what the rules missed, then the fifth held-out set, retired after four scorings in aggregate and
    # a reading of its missed emergencies.
    _REPO / "tests" / "data" / "classify-train-5-general.jsonl",
    _REPO / "tests" / "data" / "classify-train-5-categories.jsonl",
    _REPO / "tests" / "data" / "classify-train-5-emergency.jsonl",
    _REPO / "tests" / "data" / "classify-retired-holdout-5.jsonl",
    # Three more unseen authors (urgency borders, drugs/parking/theft/fraud borders, emergencies of every kind), scored
    # unseen after v6 was first read, then used to find what the rules missed.
    _REPO / "tests" / "data" / "classify-train-7-urgency.jsonl",
    _REPO / "tests" / "data" / "classify-train-7-categories.jsonl",
    _REPO / "tests" / "data" / "classify-train-7-emergency.jsonl",
    # The sixth held-out set, retired after two scorings in aggregate (its errors were never read), and six more
    # unseen authors (emergency borders, category borders, urgency borders, a village day, emergencies in every
    # category, a general day written to the held-out set's brief), each scored unseen once and then used to find
    # what the rules missed.
    _REPO / "tests" / "data" / "classify-retired-holdout-6.jsonl",
    _REPO / "tests" / "data" / "classify-train-8-emergency.jsonl",
    _REPO / "tests" / "data" / "classify-train-8-categories.jsonl",
    _REPO / "tests" / "data" / "classify-train-8-urgency.jsonl",
    _REPO / "tests" / "data" / "classify-train-8-general.jsonl",
    _REPO / "tests" / "data" / "classify-train-8-every-kind-emergency.jsonl",
    _REPO / "tests" / "data" / "classify-train-8-day.jsonl",
    # Two more unseen authors: emergencies of every category written without "nu", "help" or "112", and a general
    # day to the held-out set's brief; scored unseen, then used the same way.
    _REPO / "tests" / "data" / "classify-train-9-emergency.jsonl",
    _REPO / "tests" / "data" / "classify-train-9-day.jsonl",
    # The seventh held-out set, retired after two scorings in aggregate, then read for what the rules missed; and three
    # more unseen authors (the emergency/high border in every category, a general day, young people and other
    # languages), scored unseen once and then used the same way.
    _REPO / "tests" / "data" / "classify-retired-holdout-7.jsonl",
    _REPO / "tests" / "data" / "classify-train-10-emergency.jsonl",
    _REPO / "tests" / "data" / "classify-train-10-day.jsonl",
    _REPO / "tests" / "data" / "classify-train-10-youth.jsonl",
    # The eighth held-out set, retired after two scorings in aggregate, then read for what the rules missed; and two
    # more unseen authors (emergencies in every category in many voices and languages with their near misses, a
    # general day), scored unseen once and then used the same way.
    _REPO / "tests" / "data" / "classify-retired-holdout-8.jsonl",
    _REPO / "tests" / "data" / "classify-train-11-emergency.jsonl",
    _REPO / "tests" / "data" / "classify-train-11-day.jsonl",
    # The ninth held-out set, retired after four scorings in aggregate, then read for what the rules missed; and two
    # more unseen authors (emergencies and their near misses, a general day in many languages), scored unseen once and
    # then used the same way.
    _REPO / "tests" / "data" / "classify-retired-holdout-9.jsonl",
    _REPO / "tests" / "data" / "classify-train-12-emergency.jsonl",
    _REPO / "tests" / "data" / "classify-train-12-day.jsonl",
    # Two more unseen authors (hard negatives in alarming words and many languages with real emergencies among them,
    # a day at village accounts), scored unseen once and then used the same way.
    _REPO / "tests" / "data" / "classify-train-13-negatives.jsonl",
    _REPO / "tests" / "data" / "classify-train-13-day.jsonl",
    # The tenth held-out set, retired after three scorings in aggregate (its errors unread).
    _REPO / "tests" / "data" / "classify-retired-holdout-10.jsonl",
    # The eleventh held-out set, retired after one scoring, then read for the places the gazetteer missed; and two
    # unseen authors writing to stress places (nicknames, dialect, landmarks, villages that share a name, home towns
    # beside the incident's town), scored unseen once (place accuracy 0.868 and 0.780) and then used the same way.
    _REPO / "tests" / "data" / "classify-retired-holdout-11.jsonl",
    _REPO / "tests" / "data" / "classify-train-14-places-a.jsonl",
    _REPO / "tests" / "data" / "classify-train-14-places-b.jsonl",
    # Two more unseen authors (places under stress again, and a webcare agent's day), scored unseen once with the final
    # weights of the fourteenth round, then used the same way.
    _REPO / "tests" / "data" / "classify-train-15-places.jsonl",
    _REPO / "tests" / "data" / "classify-train-15-day.jsonl",
)
# Never read by training: the scores on it are the ones reported.
HOLDOUT_FILE = _REPO / "tests" / "data" / "classify-holdout-v12.jsonl"
FOLDS = 5
# Ties (within rounding) between settings go to the one that gives the model the most say: the rules were written
# while reading these same files, so out-of-fold figures flatter them.
_TOLERANCE = 1e-9
# The model may flag emergencies the rules miss as long as its flags are this precise out of fold: the floor
# for emergency precision is 0.8, and a missed emergency is the worst error a desk can get, but out-of-fold precision
# flatters (the rules were written on these files) and unseen sets landed at 0.73-0.81 with a floor of 0.8.
_EMERGENCY_PRECISION = 0.85
# A threshold is only trusted when it flags at least this many out-of-fold tips.
_MIN_FLAGGED = 5


@dataclass(frozen=True, slots=True)
class Hyper:
    """Optimiser settings: averaged SGD on L2-regularised log-loss."""

    l2: float = 1e-4
    epochs: int = 12
    learning_rate: float = 0.5
    # Positives weigh (negatives / positives) ** balance: rare categories are not drowned.
    balance: float = 0.5
    # Features seen in fewer tuning texts are dropped: they cannot generalise and would triple the weights file.
    min_count: int = 2
    seed: int = 20260101


# Around the choices of earlier runs: a balance of 1.0 lost at every setting; on 12,925 tips the rate of 4.0 overshot
# at L2 3e-6, and on 14,574 the rate of 2.0 beat 1.0 at every L2 while the smallest L2 tried (1e-6) won, so the grid
# moves a step down in L2 and tries a rate between 2.0 and 4.0, and keeps six fits.
GRID = tuple(Hyper(l2=l2, learning_rate=rate) for l2 in (3e-7, 1e-6, 3e-6) for rate in (2.0, 3.0))


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled tip as the optimiser sees it; a head's target is None where it does not apply."""

    counts: tuple[tuple[int, int], ...]
    scale: float
    targets: tuple[float | None, ...]


def example(record: dict[str, Any]) -> Example:
    """Features and per-head targets (categories and emergency only on reportable tips)."""
    counts = feature_counts(fold(record["text"]))
    labels = record["labels"]
    reportable = bool(labels["reportable"])
    targets: list[float | None] = [1.0 if reportable else 0.0]
    for head in HEADS[1:]:
        gold = labels["urgency"] == "emergency" if head == "emergency" else head in labels["categories"]
        targets.append(float(gold) if reportable else None)
    total = sum(counts.values())
    return Example(tuple(sorted(counts.items())), feature_scale(total) if total else 0.0, tuple(targets))


Weights = tuple[list[float], dict[int, list[float]]]


def train(examples: Sequence[Example], hyper: Hyper) -> Weights:
    """Bias per head and weights per hashed feature (a row per feature, a column per head)."""
    seen: dict[int, int] = {}
    for item in examples:
        for index, _ in item.counts:
            seen[index] = seen.get(index, 0) + 1
    columns = sorted(index for index, texts in seen.items() if texts >= hyper.min_count)
    position = {index: j for j, index in enumerate(columns)}
    rows = [tuple((position[i], count) for i, count in item.counts if i in position) for item in examples]
    bias: list[float] = []
    table = {index: [0.0] * len(HEADS) for index in columns}
    for h in range(len(HEADS)):
        b, weights = _train_head(examples, rows, h, len(columns), hyper)
        bias.append(b)
        for j, index in enumerate(columns):
            table[index][h] = weights[j]
    return bias, table


def _train_head(
    examples: Sequence[Example], rows: Sequence[tuple[tuple[int, int], ...]], h: int, width: int, hyper: Hyper
) -> tuple[float, list[float]]:
    """Averaged SGD with the usual scale trick, so L2 decay costs one multiplication a step."""
    used = [i for i, item in enumerate(examples) if item.targets[h] is not None]
    positives = sum(1 for i in used if examples[i].targets[h])
    weight_pos = ((len(used) - positives) / positives) ** hyper.balance if positives else 1.0
    values, scale, bias = [0.0] * width, 1.0, 0.0
    average, average_bias = [0.0] * width, 0.0
    rng = random.Random(hyper.seed + h)  # noqa: S311 - a seeded shuffle for reproducible training, not security
    for epoch in range(hyper.epochs):
        rate = hyper.learning_rate / math.sqrt(1 + epoch)
        rng.shuffle(used)
        for i in used:
            item, row = examples[i], rows[i]
            target = item.targets[h] or 0.0
            z = bias + scale * item.scale * sum(values[j] * c for j, c in row)
            gradient = (target - sigmoid(z)) * (weight_pos if target else 1.0)
            scale *= 1.0 - rate * hyper.l2
            step = rate * gradient * item.scale / scale
            for j, c in row:
                values[j] += step * c
            bias += rate * gradient
        if scale < 1e-6:
            values, scale = [v * scale for v in values], 1.0
        for j in range(width):
            average[j] += values[j] * scale
        average_bias += bias
    return average_bias / hyper.epochs, [w / hyper.epochs for w in average]


def build_model(bias: Sequence[float], table: dict[int, list[float]], version: str, blend: Blend) -> LinearModel:
    """An in-memory model from trained weights (the same rounding as the weights file)."""
    rounded = _rounded_table(table)
    return LinearModel(HEADS, tuple(round(b, 4) for b in bias), rounded, version, blend)


def _rounded_table(table: dict[int, list[float]]) -> dict[int, tuple[float, ...]]:
    rounded = {index: tuple(round(w, 4) for w in row) for index, row in table.items()}
    return {index: row for index, row in rounded.items() if any(row)}


def folds_of(records: Sequence[dict[str, Any]]) -> list[int]:
    """A fold per record, by a hash of its text: stable whatever the file order."""
    return [int(hashlib.sha256(record["text"].encode()).hexdigest(), 16) % FOLDS for record in records]


def _log_loss(examples: Sequence[Example], predictions: Sequence[Sequence[float]]) -> float:
    """Mean over heads of each head's mean log-loss: every head counts the same."""
    per_head = []
    for h in range(len(HEADS)):
        losses = []
        for item, logits in zip(examples, predictions, strict=True):
            target = item.targets[h]
            if target is not None:
                p = min(max(sigmoid(logits[h]), 1e-6), 1 - 1e-6)
                losses.append(-math.log(p if target else 1 - p))
        per_head.append(sum(losses) / len(losses) if losses else 0.0)
    return sum(per_head) / len(per_head)


class _FoldRouter(Classifier):
    """Classifies each tuning tip with the model that did not see it (out-of-fold predictions)."""

    def __init__(self, base: Classifier, models: Sequence[LinearModel], fold_by_id: dict[str, int]) -> None:
        self._folds = [base.with_model(model) for model in models]
        self._fold_by_id = fold_by_id
        self.model = models[0]

    def classify(self, tip_id: str, text: str, received_on: str | None = None) -> Classification:
        return self._folds[self._fold_by_id[tip_id]].classify(tip_id, text, received_on)


def _with_blend(models: Sequence[LinearModel], blend: Blend) -> list[LinearModel]:
    return [replace(model, blend=blend) for model in models]


def cross_validate(records: Sequence[dict[str, Any]], grid: Sequence[Hyper] = GRID, workers: int = 1) -> dict[str, Any]:
    """Choose hyperparameters and the blend on out-of-fold predictions; return the choice and its figures."""
    examples = [example(record) for record in records]
    fold = folds_of(records)
    fitted = _fit_all(examples, [(hyper, _without(fold, k)) for hyper in grid for k in range(FOLDS)], workers)
    results = []
    for g, hyper in enumerate(grid):
        models, predictions = _fold_models(examples, fold, fitted[g * FOLDS : (g + 1) * FOLDS])
        results.append((_log_loss(examples, predictions), hyper, models, predictions))
    loss, hyper, models, predictions = min(results, key=lambda item: item[0])
    base = Classifier(model=models[0])
    fold_by_id = {str(record["id"]): k for record, k in zip(records, fold, strict=True)}

    def run(blend: Blend) -> EvalReport:
        return evaluate(records, _FoldRouter(base, _with_blend(models, blend), fold_by_id))

    rules_only = run(Blend())
    weight = _pick([w / 10 for w in range(11)], lambda w: run(Blend(w)).reportable.f1, prefer_high=True)
    thresholds = [t / 20 for t in range(6, 20)] + [1.0]
    category = _pick(thresholds, lambda t: run(Blend(weight, t)).category_macro_f1, prefer_high=False)
    fallback = _pick([0, 1], lambda f: run(Blend(weight, category, bool(f))).category_macro_f1, prefer_high=True)
    veto = _pick(
        [0.0, 0.02, 0.05, 0.1, 0.2, 0.3],
        lambda v: run(Blend(weight, category, bool(fallback), category_veto=v)).category_macro_f1,
        prefer_high=True,
    )
    emergency = _emergency_threshold(records, predictions, cued=True)
    uncued = _emergency_threshold(records, predictions, cued=False)
    other = _emergency_threshold(records, predictions, cued=True, dangerous=False)
    other_uncued = _emergency_threshold(records, predictions, cued=False, dangerous=False)
    thresholded = Blend(
        weight,
        category,
        bool(fallback),
        emergency,
        veto,
        uncued,
        emergency_other_threshold=other,
        emergency_other_uncued_threshold=other_uncued,
    )
    stack = fit_stack(records, predictions)
    stacked = replace(thresholded, category_stack=stack)
    margin = _pick(
        [0.0, 0.5, 1.0, 1.5, 2.0, 3.0],
        lambda m: run(replace(stacked, category_extra_margin=m)).category_macro_f1,
        prefer_high=False,
    )
    stacked = replace(stacked, category_extra_margin=margin)
    by_threshold, by_stack = run(thresholded), run(stacked)
    # The stack has three numbers per category, fitted on the same out-of-fold predictions: it has to win clearly.
    use_stack = by_stack.category_macro_f1 > by_threshold.category_macro_f1 + 0.005
    chosen, final = (stacked, by_stack) if use_stack else (thresholded, by_threshold)
    return {
        "hyperparameters": asdict(hyper),
        "blend": asdict(chosen),
        "grid_log_loss": [{"hyper": asdict(h), "log_loss": round(value, 4)} for value, h, _, _ in results],
        "model_alone_log_loss": round(loss, 4),
        "model_alone_f1_at_half": _model_alone(examples, predictions),
        "rules_only": _figures(rules_only),
        "category_thresholds": _figures(by_threshold),
        "category_stack": _figures(by_stack),
        "blended": _figures(final),
        "blended_per_category": {name: round(counts.f1, 4) for name, counts in sorted(final.categories.items())},
    }


def fit_stack(
    records: Sequence[dict[str, Any]], predictions: Sequence[Sequence[float]]
) -> tuple[tuple[float, float, float], ...]:
    """Per category, a logistic decision over (capped lexicon weight, out-of-fold model logit), fitted on the
    reportable tuning tips the model reads (not other languages); its bias then moved to the best F1."""
    lexicon = [lexicon_scores(record["text"]) for record in records]
    used = [
        i
        for i, record in enumerate(records)
        if record["labels"]["reportable"] and language.detect(record["text"]) != "other"
    ]
    rows = []
    for category in Category:
        head = HEADS.index(category.value)
        data = [
            (
                lexicon[i].get(category.value, 0.0),
                predictions[i][head],
                category.value in records[i]["labels"]["categories"],
            )
            for i in used
        ]
        rows.append(_best_f1_bias(_logistic(data), data))
    return tuple(rows)


def _logistic(data: Sequence[tuple[float, float, bool]], l2: float = 1e-2) -> tuple[float, float, float]:
    """Newton's method for a three-parameter logistic regression (weights lightly regularised, bias not)."""
    theta = [0.0, 0.0, 0.0]
    for _ in range(25):
        gradient = [-l2 * theta[0], -l2 * theta[1], 0.0]
        hessian = [[l2, 0.0, 0.0], [0.0, l2, 0.0], [0.0, 0.0, 1e-9]]
        for lexicon, model_logit, gold in data:
            x = (min(lexicon, LEXICON_CAP), model_logit, 1.0)
            p = sigmoid(theta[0] * x[0] + theta[1] * x[1] + theta[2])
            for a in range(3):
                gradient[a] += (float(gold) - p) * x[a]
                for b in range(3):
                    hessian[a][b] += p * (1 - p) * x[a] * x[b]
        step = _solve(hessian, gradient)
        theta = [t + s for t, s in zip(theta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-8:
            break
    return theta[0], theta[1], theta[2]


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting for a small system."""
    size = len(vector)
    rows = [[*matrix[i], vector[i]] for i in range(size)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(size):
            if r != col and rows[col][col]:
                factor = rows[r][col] / rows[col][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col], strict=True)]
    return [rows[i][size] / rows[i][i] if rows[i][i] else 0.0 for i in range(size)]


def _best_f1_bias(
    row: tuple[float, float, float], data: Sequence[tuple[float, float, bool]]
) -> tuple[float, float, float]:
    """The same decision with its bias shifted to where the category's F1 on the data is best (ties: no shift)."""
    lexicon_weight, model_weight, bias = row
    best, best_f1 = 0.0, -1.0
    for shift in sorted((s / 10 for s in range(-20, 21)), key=abs):
        shifted = (lexicon_weight, model_weight, bias + shift)
        picked = [(stack_score(shifted, lex, logit) >= 0.0, gold) for lex, logit, gold in data]
        tp = sum(1 for p, g in picked if p and g)
        wrong = sum(1 for p, g in picked if p != g)
        f1 = 2 * tp / (2 * tp + wrong) if tp + wrong else 0.0
        if f1 > best_f1 + 1e-9:
            best, best_f1 = shift, f1
    return round(lexicon_weight, 4), round(model_weight, 4), round(bias + best, 4)


def _without(fold: Sequence[int], k: int) -> tuple[int, ...]:
    """The indices of the examples that train the model for fold k."""
    return tuple(i for i, f in enumerate(fold) if f != k)


# The examples of the fits in flight: forked workers inherit them instead of receiving a pickled copy per fit.
_EXAMPLES: list[Example] = []


def _fit(job: tuple[Hyper, tuple[int, ...]]) -> Weights:
    hyper, indices = job
    return train([_EXAMPLES[i] for i in indices], hyper)


def _fit_all(examples: Sequence[Example], jobs: Sequence[tuple[Hyper, tuple[int, ...]]], workers: int) -> list[Weights]:
    """Every (settings, training indices) fit, in order; independent fits, so workers give the same weights."""
    _EXAMPLES[:] = examples
    try:
        if workers <= 1:
            return [_fit(job) for job in jobs]
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_fit, jobs))
    finally:
        _EXAMPLES.clear()


def _fold_models(
    examples: Sequence[Example], fold: Sequence[int], fitted: Sequence[Weights]
) -> tuple[list[LinearModel], list[list[float]]]:
    models: list[LinearModel] = []
    predictions: list[list[float]] = [[] for _ in examples]
    for k, (bias, table) in enumerate(fitted):
        model = build_model(bias, table, f"cv-fold-{k}", Blend())
        models.append(model)
        for i, item in enumerate(examples):
            if fold[i] == k:
                predictions[i] = _logits(model, item)
    return models, predictions


def _logits(model: LinearModel, item: Example) -> list[float]:
    sums = [0.0] * len(HEADS)
    for index, count in item.counts:
        row = model.table.get(index)
        if row is not None:
            for h, w in enumerate(row):
                sums[h] += w * count
    return [b + item.scale * s for b, s in zip(model.bias, sums, strict=True)]


def _pick(candidates: Sequence[float], score: Any, *, prefer_high: bool) -> float:
    """The best-scoring candidate; among equals, the one that gives the model the most say."""
    scored = [(candidate, score(candidate)) for candidate in candidates]
    best = max(value for _, value in scored)
    near = [candidate for candidate, value in scored if value >= best - _TOLERANCE]
    return max(near) if prefer_high else min(near)


def _emergency_threshold(
    records: Sequence[dict[str, Any]], predictions: Sequence[Sequence[float]], *, cued: bool, dangerous: bool = True
) -> float:
    """The lowest threshold at which the model alone keeps its out-of-fold precision, on the reportable tips with a
    danger-now cue (``cued``) or on those with neither a cue nor anything that dates the event; in the dangerous
    categories, or (``dangerous=False``) in the others.

    The rules find most emergencies of the tuning files they were written on, so the blend's own figures cannot
    show what the model adds; the model is held to a precision of its own instead, and only on the tips where its flag
    changes the outcome: those the rules do not already call an emergency (counting those would let the easy cases
    the rules find pay for the model's guesses).
    """
    column = HEADS.index("emergency")
    dangerous_names = {category.value for category in DANGEROUS_CATEGORIES}
    cases = []
    for record, logits in zip(records, predictions, strict=True):
        labels = record["labels"]
        categories = {Category(name) for name in labels["categories"]}
        decision = decide_urgency(record["text"], fold(record["text"]), categories)
        if decision.urgency == Urgency.EMERGENCY:
            continue
        applies = bool(decision.danger_now) if cued else not decision.danger_now and not decision.dated
        in_scope = bool(set(labels["categories"]) & dangerous_names) == dangerous
        if labels["reportable"] and applies and in_scope:
            cases.append((sigmoid(logits[column]), labels["urgency"] == "emergency"))
    for threshold in [t / 20 for t in range(4, 20)]:
        flagged = [gold for p, gold in cases if p >= threshold]
        if len(flagged) >= _MIN_FLAGGED and sum(flagged) / len(flagged) >= _EMERGENCY_PRECISION:
            return threshold
    return 1.0


def _model_alone(examples: Sequence[Example], predictions: Sequence[Sequence[float]]) -> dict[str, float]:
    """Each head's out-of-fold F1 at probability 0.5, where the head applies: what the model knows by itself."""
    figures = {}
    for h, head in enumerate(HEADS):
        pairs = [(logits[h] >= 0, bool(item.targets[h])) for item, logits in zip(examples, predictions, strict=True)]
        applies = [pair for pair, item in zip(pairs, examples, strict=True) if item.targets[h] is not None]
        tp = sum(1 for p, g in applies if p and g)
        wrong = sum(1 for p, g in applies if p != g)
        figures[head] = round(2 * tp / (2 * tp + wrong), 4) if tp + wrong else 1.0
    return figures


def _figures(report: EvalReport) -> dict[str, float]:
    return {
        "reportable_f1": round(report.reportable.f1, 4),
        "category_macro_f1": round(report.category_macro_f1, 4),
        "emergency_recall": round(report.emergency.recall, 4),
        "emergency_precision": round(report.emergency.precision, 4),
        "urgency_accuracy": round(report.urgency.value, 4),
    }


def read_records(paths: Iterable[Path]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Each file's name and its labelled records."""
    found = []
    for path in paths:
        lines = path.read_text(encoding="utf-8").splitlines()
        found.append((path.name, [json.loads(line) for line in lines if line.strip()]))
    return found


def model_version(files: Sequence[tuple[str, list[dict[str, Any]]]], hyper: Hyper, blend: Blend) -> str:
    """A hash of the training records, the feature settings and the chosen settings."""
    digest = hashlib.sha256()
    for name, records in files:
        digest.update(name.encode())
        for record in records:
            digest.update(json.dumps([record["text"], record["labels"]], sort_keys=True).encode())
    settings = {
        "hyper": asdict(hyper),
        "blend": asdict(blend),
        "bits": HASH_BITS,
        "ngrams": NGRAM_SIZES,
        "features": FEATURES,
    }
    digest.update(json.dumps(settings, sort_keys=True).encode())
    return f"linear-{digest.hexdigest()[:12]}"


def weights_json(
    files: Sequence[tuple[str, list[dict[str, Any]]]],
    hyper: Hyper,
    blend: Blend,
    cv: dict[str, Any],
    bias: Sequence[float],
    table: dict[int, list[float]],
) -> str:
    """The weights file: settings and provenance first, then one line per feature row."""
    header = {
        "model_version": model_version(files, hyper, blend),
        "heads": list(HEADS),
        "hash_bits": HASH_BITS,
        "ngram_sizes": list(NGRAM_SIZES),
        "features": FEATURES,
        "blend": asdict(blend),
        "training": {"files": [{"name": name, "count": len(records)} for name, records in files], "cv": cv},
        "bias": [round(b, 4) for b in bias],
    }
    rows = _rounded_table(table)
    head = json.dumps(header, indent=1, sort_keys=True)[:-2]
    lines = [f' "{index}": {json.dumps(list(row))}' for index, row in sorted(rows.items())]
    return head + ',\n "weights": {\n' + ",\n".join(lines) + "\n }\n}\n"


def main(argv: Sequence[str] | None = None) -> None:
    """Cross-validate, train on all tuning data and write the weights file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--extra", type=Path, action="append", default=[], help="more labelled JSON Lines")
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes for the fold fits")
    args = parser.parse_args(argv)
    files = read_records([*TUNING_FILES, *args.extra])
    records = [record for _, items in files for record in items]
    cv = cross_validate(records, workers=args.workers)
    hyper, blend = Hyper(**cv["hyperparameters"]), Blend(**cv["blend"])
    bias, table = train([example(record) for record in records], hyper)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(weights_json(files, hyper, blend, cv, bias, table), encoding="utf-8")


if __name__ == "__main__":
    main()
