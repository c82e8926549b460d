"""A small linear model beside the rules: hashed character n-grams and word uni/bigrams, one logistic head per label.

Features of a folded text: for every token (a word, or one symbol such as "?" or an emoji) the word itself and the
character 3- to 5-grams of ``<word>``; for every pair of neighbouring tokens the bigram. A run of the same token counts
once and a run of one letter inside a word twice at most ("!!!!!!", "heeeeelp"; cut inside the cached word features,
so it costs nothing per tip): emphasis must not add weight without end, or a comment that ends in forty exclamation
marks reads as an emergency. Each feature is hashed with CRC-32 into ``2**HASH_BITS`` slots, counted, and the count
vector is scaled by ``1/sqrt(total count)``, the total taken as at least ``SCALE_FLOOR``. A feature's
weights for all heads sit in one tuple, so one dictionary lookup serves every head; a word's summed weights are
cached, which keeps the model to a few microseconds a tip.
"""

from __future__ import annotations

import json
import math
import re
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby, pairwise
from pathlib import Path
from typing import Any

from shared.contracts import Category, Span

HEADS: tuple[str, ...] = ("reportable", *(category.value for category in Category), "emergency")
HASH_BITS = 20
NGRAM_SIZES = (3, 4, 5)
# The feature scale counts at least this many features: a text of one or two words (or a lone "...") would otherwise
# put the whole weight of a few features behind its score and read as confidently as a paragraph of evidence.
SCALE_FLOOR = 32
# Names how texts become features (tokens, runs, scaling); weights trained under another one are refused.
FEATURES = "tokens-runs-floor32"
WEIGHTS_PATH = Path(__file__).resolve().parent / "weights.json"

_MASK = (1 << HASH_BITS) - 1
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")
_LONG_RUN = re.compile(r"([^\W\d_])\1\1+")  # letters only: "1000" stays a thousand
# Enough for the vocabulary of a long stream; cleared, not evicted, when full (cheap and good enough for Zipf).
_CACHE_LIMIT = 200_000

Vector = tuple[float, ...]


def tokens(folded: str) -> list[str]:
    """The model's tokens of a folded text: words and single symbols, a run of the same token once."""
    return [token for token, _ in groupby(_TOKEN.findall(folded))]


def token_features(token: str) -> list[str]:
    """The unhashed features one token contributes: the word and its character n-grams (a run of one letter cut to
    two: "heeeeelp" is "heelp")."""
    token = _squeezed(token)
    padded = f"<{token}>"
    found = [f"w:{token}"]
    for size in NGRAM_SIZES:
        found.extend(f"c:{padded[i : i + size]}" for i in range(len(padded) - size + 1))
    return found


def bigram_feature(left: str, right: str) -> str:
    """The unhashed feature of two neighbouring tokens."""
    return f"b:{_squeezed(left)} {_squeezed(right)}"


def _squeezed(token: str) -> str:
    return _LONG_RUN.sub(r"\1\1", token)


def slot(feature: str) -> int:
    """The hashed index of a feature (CRC-32: stable across processes, unlike ``hash``)."""
    return zlib.crc32(feature.encode("utf-8")) & _MASK


def feature_scale(total: int) -> float:
    """What a text's feature counts are multiplied by: ``1/sqrt`` of their total, at least ``SCALE_FLOOR``."""
    return 1.0 / math.sqrt(max(total, SCALE_FLOOR))


def feature_counts(folded: str) -> dict[int, int]:
    """Hashed feature index -> count for a folded text (the training-side view of ``LinearModel.logits``)."""
    words = tokens(folded)
    counts: dict[int, int] = {}
    names = [name for word in words for name in token_features(word)]
    names += [bigram_feature(left, right) for left, right in pairwise(words)]
    for name in names:
        index = slot(name)
        counts[index] = counts.get(index, 0) + 1
    return counts


@dataclass(frozen=True, slots=True)
class Blend:
    """How the model's probabilities are combined with the rules (chosen by cross-validation in ``train``)."""

    reportable_weight: float = 0.0
    category_threshold: float = 1.0
    # Give a reportable tip the model's best category when the lexicon found none.
    category_fallback: bool = False
    emergency_threshold: float = 1.0
    # A lexicon category with less weight than two full hits is dropped when the model's probability for it is below
    # this and another category remains ("mes" in "met een mes de banden lek gestoken" is vandalism, not a weapon).
    category_veto: float = 0.0
    # Without a danger-now cue the model may still upgrade to emergency at this (higher) probability, when nothing
    # in the text dates the event: emergencies are written in words no cue list foresees.
    emergency_uncued_threshold: float = 1.0
    # Stacked categories: per category (lexicon weight, model weight, bias) of a logistic decision over the capped
    # lexicon score and the model's logit, fitted on out-of-fold predictions. Empty: the threshold rules above.
    category_stack: tuple[tuple[float, float, float], ...] = ()
    # A stacked category beside the best one needs this much stacked logit: most tips report one thing, and a second
    # category that only just clears its own bar is more often an echo of the first ("dubbel geparkeerd" is not also
    # traffic).
    category_extra_margin: float = 0.0
    # Outside the dangerous categories (a parked car, a scam, a suspicious person) thresholds of their own for the
    # model's upgrades with a cue and without one, chosen like the others on the out-of-fold tips of those categories.
    # Weights trained before they existed keep the bar they were used with (one threshold for both, 0.8 before that).
    emergency_other_threshold: float = 0.8
    emergency_other_uncued_threshold: float | None = None

    def reportable_logit(self, rule_logit: float, model_logit: float) -> float:
        """A weighted average of the two opinions in logit space."""
        return (1.0 - self.reportable_weight) * rule_logit + self.reportable_weight * model_logit


@dataclass(slots=True)
class LinearModel:
    """Logistic heads over shared hashed features; build with ``load_model`` or ``from_json``.

    Inside, a row of weights is one integer: each head's weight in units of ``1/QUANTUM`` (the file keeps four
    decimals, so this is exact) in its own ``_FIELD``-bit field. Adding rows is then one big-integer addition instead
    of one float addition per head, which is what keeps the model cheap in pure Python.
    """

    heads: tuple[str, ...]
    bias: Vector
    table: dict[int, Vector]
    version: str
    blend: Blend = field(default_factory=Blend)
    _packed: dict[int, int] = field(default_factory=dict, repr=False)
    # Per word seen, its summed packed row and its number of features; per pair of neighbouring words (the tuple
    # ``zip`` yields anyway: no key string is built per bigram), the bigram's packed row. Filled before a text is
    # summed, so that the sums are ``sum(map(...))`` loops that run in C.
    _rows: dict[str, int] = field(default_factory=dict, repr=False)
    _sizes: dict[str, int] = field(default_factory=dict, repr=False)
    _pairs: dict[tuple[str, str], int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._packed = {index: _pack(row) for index, row in self.table.items()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinearModel:
        """A model from the weights file's parsed content."""
        heads = tuple(data["heads"])
        features = (data.get("hash_bits"), tuple(data.get("ngram_sizes", ())), data.get("features"))
        if features != (HASH_BITS, NGRAM_SIZES, FEATURES):
            raise ValueError("weights were trained with other feature settings")
        table = {int(key): tuple(float(w) for w in row) for key, row in data["weights"].items()}
        if any(len(row) != len(heads) for row in table.values()) or len(data["bias"]) != len(heads):
            raise ValueError("weights file rows do not match its heads")
        settings = dict(data.get("blend", {}))
        settings["category_stack"] = tuple(tuple(float(w) for w in row) for row in settings.get("category_stack", ()))
        blend = Blend(**settings)
        return cls(heads, tuple(float(b) for b in data["bias"]), table, str(data["model_version"]), blend)

    def logits(self, folded: str) -> dict[str, float]:
        """Each head's logit for a folded text."""
        words = tokens(folded)
        if not words:
            return dict(zip(self.heads, self.bias, strict=True))
        pairs = list(pairwise(words))
        self._learn(words, pairs)
        count = len(pairs) + sum(map(self._sizes.__getitem__, words))
        total = sum(map(self._rows.__getitem__, words)) + sum(map(self._pairs.__getitem__, pairs))
        scale = feature_scale(count) / QUANTUM
        return {
            head: b + scale * s
            for head, b, s in zip(self.heads, self.bias, _unpack(total, len(self.heads)), strict=True)
        }

    def evidence(self, text: str, folded: str, head: str, limit: int = 3) -> tuple[Span, ...]:
        """The tokens and bigrams that pushed ``head`` up most, as spans of the original text."""
        column = self.heads.index(head)
        found = list(_token_spans(folded))
        words = [word for _, _, word in found]
        self._learn(words, list(pairwise(words)))
        scored = [(_column(self._rows[word], column), start, end) for start, end, word in found]
        for (start, _, left), (_, end, right) in pairwise(found):
            scored.append((_column(self._pairs[left, right], column), start, end))
        best = sorted((item for item in scored if item[0] > 0), key=lambda item: (-item[0], item[1]))[:limit]
        rule = f"model.{head}"
        return tuple(Span(start=s, end=e, text=text[s:e], rule=rule) for _, s, e in sorted(best, key=lambda i: i[1]))

    def _learn(self, words: list[str], pairs: list[tuple[str, str]]) -> None:
        """Put the rows of the text's words and pairs that are not cached yet into the caches (emptied, not evicted,
        when they would grow past the limit: cheap and good enough for Zipf)."""
        new_words = set(words).difference(self._rows)
        if new_words:
            if len(self._rows) + len(new_words) > _CACHE_LIMIT:
                self._rows.clear()
                self._sizes.clear()
                new_words = set(words)
            for word in new_words:
                names = token_features(word)
                self._sizes[word] = len(names)
                self._rows[word] = sum(self._packed.get(slot(name), 0) for name in names)
        new_pairs = set(pairs).difference(self._pairs)
        if new_pairs:
            if len(self._pairs) + len(new_pairs) > _CACHE_LIMIT:
                self._pairs.clear()
                new_pairs = set(pairs)
            for left, right in new_pairs:
                self._pairs[left, right] = self._packed.get(slot(bigram_feature(left, right)), 0)


QUANTUM = 10_000
_FIELD = 64
_FIELD_MASK = (1 << _FIELD) - 1
# Added to every field before reading: a field then holds its sum plus 2**63, never negative, so no field borrows from
# the next and all of them are read at once as unsigned 64-bit numbers (each sum stays far below 2**62 in magnitude).
_FIELD_OFFSET = 1 << (_FIELD - 1)
_OFFSETS = [sum(_FIELD_OFFSET << (_FIELD * h) for h in range(width)) for width in range(len(HEADS) + 1)]


def _pack(row: Vector) -> int:
    """Signed fixed-point weights as fields of one integer (exact integer arithmetic keeps the signs right)."""
    return sum(round(weight * QUANTUM) << (_FIELD * h) for h, weight in enumerate(row))


def _column(total: int, column: int) -> int:
    """One head's sum from a sum of packed rows, without unpacking the others."""
    return (((total + _OFFSETS[column + 1]) >> (_FIELD * column)) & _FIELD_MASK) - _FIELD_OFFSET


def _unpack(total: int, width: int) -> list[int]:
    """The per-head sums from a sum of packed rows."""
    fields = struct.unpack(f"<{width}Q", (total + _OFFSETS[width]).to_bytes(8 * width, "little"))
    return [value - _FIELD_OFFSET for value in fields]


def _token_spans(folded: str) -> Iterator[tuple[int, int, str]]:
    """The spans of ``tokens`` in the folded text: a run of the same token is one span, from its first to its last."""
    for word, run in groupby(_TOKEN.finditer(folded), key=lambda match: match.group()):
        matches = list(run)
        yield matches[0].start(), matches[-1].end(), word


def sigmoid(logit: float) -> float:
    """The logistic function, safe for large magnitudes."""
    if logit >= 0:
        return 1.0 / (1.0 + math.exp(-logit))
    exp = math.exp(logit)
    return exp / (1.0 + exp)


@lru_cache(maxsize=64)
def logit(probability: float) -> float:
    """The inverse of ``sigmoid``; 1.0 and above mean "never" (infinity), 0.0 and below "always"."""
    if probability >= 1.0:
        return math.inf
    if probability <= 0.0:
        return -math.inf
    return math.log(probability / (1.0 - probability))


def rules_only() -> LinearModel:
    """A model that changes nothing: what the classifier runs on before any weights are trained."""
    return LinearModel(HEADS, (0.0,) * len(HEADS), {}, "untrained")


@lru_cache(maxsize=1)
def load_model(path: Path = WEIGHTS_PATH) -> LinearModel:
    """The shipped model, read once per process (rules only when no weights file was trained yet)."""
    if not path.exists():
        return rules_only()
    return LinearModel.from_json(json.loads(path.read_text(encoding="utf-8")))
