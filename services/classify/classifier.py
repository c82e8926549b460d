"""The Dutch tip classifier: rules over a gazetteer and a lexicon, blended with a small trained linear model.

The rules read the text; the model (``model/``, trained by ``train.py``) moves the reportable score, weighs in on the
categories (a stacked decision over lexicon and model, or confident additions and vetoes, whichever cross-validation
chose) and upgrades to emergency when it is confident and nothing dates the event. Every label, also a model-made one,
carries the evidence spans that decided it. How it all fits together: ``docs/classifier.md``.
"""

from __future__ import annotations

import copy
from functools import lru_cache

from services.classify import language, reportable, urgency
from services.classify.lexicon import CATEGORY_RULES
from services.classify.model import LinearModel, load_model, logit, sigmoid
from services.classify.normalize import fold
from services.classify.places import Gazetteer
from services.classify.plates import find_plates
from services.classify.reportable import CUE_RULES
from services.classify.rules import Hit, RuleBook, ScannedText, evidence, totals
from services.classify.urgency import URGENCY_RULES
from shared.contracts import Category, CategoryLabel, Classification, Span, Urgency
from shared.reference import ReferenceData, load_reference

RULES_MODEL = "rules-nl-0.1.0"
RULES_VERSION = "2026.1"

# A category needs this much lexicon weight; below it a cue only counts when nothing else fired.
_CATEGORY_THRESHOLD = 1.0
_FALLBACK_THRESHOLD = 0.5
# Lexicon weight at which a category stands whatever the model thinks.
_VETO_PROOF = 2.0
# The categories in which most emergencies are; the others (a parked car, a scam at the door, a suspicious person) have
# thresholds of their own for the model's upgrades (``Blend.emergency_other_threshold`` and its uncued twin).
DANGEROUS_CATEGORIES = frozenset({Category.WEAPON, Category.VIOLENCE, Category.BURGLARY, Category.TRAFFIC})
# More lexicon hits than this add nothing to a stacked category's score.
LEXICON_CAP = 2.0
_CATEGORIES = tuple(Category)
# The three rule sets a tip is read with, found in one pass.
_RULES = RuleBook(CATEGORY_RULES, CUE_RULES, URGENCY_RULES)
# Emergencies the rules may declare a tip on their own, and the cues that they are happening at this moment.
_TOLD_NOW = frozenset({"emergency.violence_now", "emergency.burglars_inside"})
_NOW_LABELS = frozenset({"now", "plea"})
# A present tense alone ("er wordt iemand neergestoken") does not tell it happens now when the text says it happens
# every week: "jullie posten dansjes terwijl er elke week iemand wordt neergestoken" is a complaint.
_TENSE_ONLY = frozenset({"now.passive"})
# Hits that mean something else beside another hit: shooting fireworks is not a firearm, and the threat in a
# sextortion message is the scam itself. Keyed by the context rule, the rules it explains away.
_EXPLAINED_BY = {
    "weapon.not_fireworks": frozenset({"nuisance.fireworks"}),
    "nuisance.fireworks": frozenset({"weapon.shots", "weapon.bangs"}),
    "fraud.sextortion": frozenset({"violence.threat"}),
    "nuisance.like_shots": frozenset({"weapon.shots", "weapon.bangs"}),
}


class Classifier:
    """Classifies tips; build once (indexes are built in the constructor) and reuse."""

    def __init__(self, reference: ReferenceData | None = None, model: LinearModel | None = None) -> None:
        self.gazetteer = Gazetteer(reference or load_reference())
        self.model = model or load_model()

    @property
    def model_version(self) -> str:
        """The rules' version and the trained weights' version, as stored with every classification."""
        return f"{RULES_MODEL}+{self.model.version}"

    def with_model(self, model: LinearModel) -> Classifier:
        """The same gazetteer with other weights (cross-validation trains one model per fold)."""
        clone = copy.copy(self)
        clone.model = model
        return clone

    def classify(self, tip_id: str, text: str, received_on: str | None = None) -> Classification:
        """Every label of one tip, with the evidence spans that decided it."""
        folded = fold(text)
        scanned = _RULES.scan(folded)
        category_hits = _in_context(scanned.hits(CATEGORY_RULES))
        scores = totals(category_hits)
        place = self.gazetteer.resolve(text, received_on, folded)
        plates = find_plates(text)
        offence = sum(min(score, 1.0) for score in scores.values())
        cue_hits = scanned.hits(CUE_RULES)
        decision = reportable.decide(text, cue_hits, offence, place.place is not None, bool(plates))
        model, logits = self.model, self.model.logits(folded)
        tongue = language.detect(text)
        # The model learnt mostly Dutch and English n-grams: on other languages its silence means nothing, so there it
        # may add evidence for a tip but never take the rules' evidence away.
        trusted = tongue != "other"
        blended = model.blend.reportable_logit(decision.logit, logits["reportable"])
        if not trusted:
            blended = max(blended, decision.logit)
        if decision.decisive:
            blended = max(blended, decision.logit, 0.0)
        evidence = decision.evidence
        if blended < 0.0 and offence >= 1.0:
            # An emergency must almost never be missed: a located violent act told as happening now is a tip even
            # in a rant about the police or in six words without a street name.
            now = _emergency_told_now(text, scanned, category_hits, scores, cue_hits, place.place is not None)
            if now:
                blended, evidence = 0.0, evidence + now
        is_reportable = blended >= 0.0
        if is_reportable != decision.reportable:
            evidence += model.evidence(text, folded, "reportable")
        labels: tuple[CategoryLabel, ...] = ()
        level = None
        if is_reportable:
            labels = self._categories(text, folded, category_hits, scores, logits, trusted=trusted)
            level = urgency.decide(text, folded, {label.category for label in labels}, scanned.hits(URGENCY_RULES))
            dangerous = bool({label.category for label in labels} & DANGEROUS_CATEGORIES)
            level = self._emergency(text, folded, level, logits["emergency"], dangerous=dangerous)
        return Classification(
            tip_id=tip_id,
            reportable=is_reportable,
            reportable_score=round(sigmoid(blended), 4),
            reportable_evidence=evidence,
            categories=labels,
            urgency=level.urgency if level else None,
            urgency_reason=level.reason if level else None,
            place=place.place,
            ambiguous_places=place.ambiguous,
            plates=tuple(plates),
            language=tongue,
            model_version=self.model_version,
            rules_version=RULES_VERSION,
        )

    def _categories(
        self,
        text: str,
        folded: str,
        hits: list[Hit],
        scores: dict[str, float],
        logits: dict[str, float],
        *,
        trusted: bool,
    ) -> tuple[CategoryLabel, ...]:
        """A reportable tip's categories, never none: stacked when cross-validation chose that, otherwise the
        lexicon's with the model's confident additions and vetoes (the lexicon alone where the model is not trusted)."""
        if trusted and self.model.blend.category_stack:
            return self._stacked_labels(text, folded, hits, scores, logits)
        labels = _category_labels(text, hits, scores)
        if trusted:
            added = self._model_labels(text, folded, logits, {label.category for label in labels})
            labels = self._vetoed(labels, scores, logits, replaced=bool(added)) + added
        return labels or self._best_model_label(text, folded, logits)

    def _stacked_labels(
        self, text: str, folded: str, hits: list[Hit], scores: dict[str, float], logits: dict[str, float]
    ) -> tuple[CategoryLabel, ...]:
        """Every category whose stacked score is positive (the best one when none is): lexicon and model together."""
        # A Category is a StrEnum: it looks up its own name without the slow ``.value``.
        stacked = {
            category: stack_score(row, scores.get(category, 0.0), logits[category])
            for category, row in zip(_CATEGORIES, self.model.blend.category_stack, strict=True)
        }
        chosen = [category for category in _CATEGORIES if stacked[category] >= 0.0]
        if len(chosen) > 1:
            best = max(chosen, key=stacked.__getitem__)
            margin = self.model.blend.category_extra_margin
            chosen = [category for category in chosen if category is best or stacked[category] >= margin]
        if not chosen:
            # Nothing clears the bar: the likeliest category, among those the text has words for if it has any.
            named = [category for category in _CATEGORIES if scores.get(category, 0.0) > 0.0]
            chosen = [max(named or _CATEGORIES, key=stacked.__getitem__)]
        chosen.sort(key=lambda category: -stacked[category])
        return tuple(
            CategoryLabel(
                category=category,
                score=round(sigmoid(stacked[category]), 3),
                evidence=evidence(hits, text, category.value) or self.model.evidence(text, folded, category.value),
            )
            for category in chosen
        )

    def _best_model_label(self, text: str, folded: str, logits: dict[str, float]) -> tuple[CategoryLabel, ...]:
        """The model's most likely category, for a tip the lexicon found no category in."""
        best = max(_CATEGORIES, key=lambda category: logits[category.value])
        evidence = self.model.evidence(text, folded, best.value)
        return (CategoryLabel(category=best, score=round(sigmoid(logits[best.value]), 3), evidence=evidence),)

    def _vetoed(
        self, labels: tuple[CategoryLabel, ...], scores: dict[str, float], logits: dict[str, float], *, replaced: bool
    ) -> tuple[CategoryLabel, ...]:
        """The lexicon's categories without the weak ones the model is sure are wrong. The last one only goes when
        the model put a category of its own in its place (``replaced``): a tip never ends up without one."""
        floor = self.model.blend.category_veto
        if floor <= 0.0 or (len(labels) < 2 and not replaced):
            return labels
        cut = logit(floor)
        kept = tuple(
            label
            for label in labels
            if scores[label.category.value] >= _VETO_PROOF or logits[label.category.value] >= cut
        )
        return kept if kept or replaced else labels

    def _model_labels(
        self, text: str, folded: str, logits: dict[str, float], ruled: set[Category]
    ) -> tuple[CategoryLabel, ...]:
        """Categories the model is confident of and the lexicon did not give (the best one when it gave none)."""
        blend = self.model.blend
        cut = logit(blend.category_threshold)
        chosen = [category for category in _CATEGORIES if logits[category.value] >= cut and category not in ruled]
        if not ruled and not chosen and blend.category_fallback:
            chosen = [max(_CATEGORIES, key=lambda category: logits[category.value])]
        chosen.sort(key=lambda category: -logits[category.value])
        return tuple(
            CategoryLabel(
                category=category,
                score=round(sigmoid(logits[category.value]), 3),
                evidence=self.model.evidence(text, folded, category.value),
            )
            for category in chosen
        )

    def _emergency(
        self, text: str, folded: str, level: urgency.UrgencyDecision, score: float, *, dangerous: bool
    ) -> urgency.UrgencyDecision:
        """Upgrade to emergency when the model is confident and the text has a danger-now cue, or when it is very
        confident and nothing dates the event. Outside the dangerous categories thresholds of their own serve both."""
        if level.urgency == Urgency.EMERGENCY:
            return level
        blend = self.model.blend
        if dangerous:
            cued, uncued = blend.emergency_threshold, blend.emergency_uncued_threshold
        else:
            cued = blend.emergency_other_threshold
            uncued = cued if blend.emergency_other_uncued_threshold is None else blend.emergency_other_uncued_threshold
        if level.danger_now and score >= logit(cued):
            reason = "emergency.model"
        elif not level.danger_now and not level.dated and score >= logit(uncued):
            reason = "emergency.model_uncued"
        else:
            return level
        cues = tuple(hit.span(text) for hit in level.danger_now)
        spans: tuple[Span, ...] = cues + self.model.evidence(text, folded, "emergency")
        return urgency.UrgencyDecision(Urgency.EMERGENCY, reason, spans, level.danger_now, level.dated)


def _emergency_told_now(
    text: str, scanned: ScannedText, hits: list[Hit], scores: dict[str, float], cue_hits: list[Hit], has_place: bool
) -> tuple[Span, ...]:
    """The evidence that the rules read a violent act or a break-in happening right now, told plainly (no joke, news,
    game or question around it) at a named spot; empty when they do not."""
    if not reportable.plainly_told(cue_hits, has_place):
        return ()
    categories = {label.category for label in _category_labels(text, hits, scores)}
    level = urgency.decide(text, scanned.folded, categories, scanned.hits(URGENCY_RULES))
    if level.reason not in _TOLD_NOW:
        return ()
    told_now = [hit for hit in level.danger_now if any(label in _NOW_LABELS for label, _ in hit.rule.weights)]
    if not told_now:
        return ()
    if all(hit.rule.name in _TENSE_ONLY for hit in told_now) and any(
        hit.rule.name == "cue.recurring" for hit in cue_hits
    ):
        return ()
    return level.evidence


def stack_score(row: tuple[float, float, float], lexicon: float, model_logit: float) -> float:
    """The stacked logit of one category from its capped lexicon weight and the model's logit."""
    lexicon_weight, model_weight, bias = row
    return lexicon_weight * min(lexicon, LEXICON_CAP) + model_weight * model_logit + bias


def lexicon_scores(text: str) -> dict[str, float]:
    """Each category's lexicon weight for a text, after context (what the stacked decision reads)."""
    return totals(_in_context(CATEGORY_RULES.scan(fold(text))))


def _in_context(hits: list[Hit]) -> list[Hit]:
    """The hits without those another hit explains away, in the table's order (a denial first)."""
    for name, explained in _EXPLAINED_BY.items():
        if any(hit.rule.name == name for hit in hits):
            hits = [hit for hit in hits if hit.rule.name not in explained]
    return hits


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
