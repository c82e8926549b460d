"""Builders of realistic tips and classifications for the referral unit tests."""

from __future__ import annotations

from datetime import UTC, datetime

from shared.contracts import (
    Category,
    CategoryLabel,
    Classification,
    Place,
    PlateMatch,
    Platform,
    Source,
    Span,
    Tip,
    TipKind,
    Urgency,
    tip_id_for,
)

NOW = datetime(2026, 3, 2, 21, 15, tzinfo=UTC)


def span_of(text: str, fragment: str, rule: str) -> Span:
    """The evidence span of ``fragment`` inside ``text``."""
    start = text.index(fragment)
    return Span(start=start, end=start + len(fragment), text=fragment, rule=rule)


def make_tip(
    text: str,
    *,
    received_on: str = "@politie",
    platform: Platform = Platform.WHATSAPP,
    kind: TipKind = TipKind.DM,
    message_id: str = "wamid.HBgLMzE2MTIzNDU2Nzg",
    author_id: str | None = "31612345678",
    author_handle: str | None = "@jan.jansen",
) -> Tip:
    """A tip as ingest would store it."""
    return Tip(
        tip_id=tip_id_for(platform.value, message_id),
        platform=platform,
        platform_message_id=message_id,
        kind=kind,
        received_on=received_on,
        author_id=author_id,
        author_handle=author_handle,
        text=text,
        created_at=NOW,
        permalink=None,
        source=Source.WEBHOOK,
        raw_sha256="a" * 64,
        ingested_at=NOW,
    )


def make_classification(
    tip: Tip,
    *,
    reportable: bool = True,
    score: float = 0.92,
    category: Category | None = Category.BURGLARY,
    category_word: str | None = None,
    urgency: Urgency | None = Urgency.NORMAL,
    place: tuple[str, str, str] | None = None,
    ambiguous: tuple[str, ...] = (),
    plate: tuple[str, str] | None = None,
) -> Classification:
    """A classification; ``place`` is (municipality, code, words in the text), ``plate`` (plate, words)."""
    text = tip.text or ""
    categories: tuple[CategoryLabel, ...] = ()
    if category is not None and reportable:
        evidence = (span_of(text, category_word, f"{category.value}_word"),) if category_word else ()
        categories = (CategoryLabel(category=category, score=0.9, evidence=evidence),)
    return Classification(
        tip_id=tip.tip_id,
        reportable=reportable,
        reportable_score=score,
        reportable_evidence=(span_of(text, category_word, "incident"),) if category_word else (),
        categories=categories,
        urgency=urgency if reportable else None,
        urgency_reason="shots fired now" if urgency is Urgency.EMERGENCY else None,
        place=_place(text, place),
        ambiguous_places=ambiguous,
        plates=(PlateMatch(plate=plate[0], evidence=span_of(text, plate[1], "plate")),) if plate else (),
        language="nl",
        model_version="nl-rules-0.1",
        rules_version="2026.03",
    )


def _place(text: str, place: tuple[str, str, str] | None) -> Place | None:
    if place is None:
        return None
    name, code, said = place
    return Place(municipality=name, municipality_code=code, evidence=span_of(text, said, "place"))
