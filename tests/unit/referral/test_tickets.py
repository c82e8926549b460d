"""Ticket builders: SLA, deterministic ids, pseudonyms, summaries and a full referral."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.referral.registry import load_registry
from services.referral.routing import route
from services.referral.tickets import (
    build_referral,
    pseudonymous_reporter_id,
    referral_id_for,
    sla_due,
    summary_for,
)
from shared.contracts import Category, Referral, Urgency

from .factories import NOW, make_classification, make_tip

KEY = "test-pseudonym-key"


@pytest.mark.parametrize(
    ("urgency", "delay"),
    [
        (Urgency.EMERGENCY, timedelta(minutes=15)),
        (Urgency.HIGH, timedelta(hours=4)),
        (Urgency.NORMAL, timedelta(days=3)),
        (Urgency.LOW, timedelta(days=7)),
    ],
)
def test_sla_per_urgency(urgency: Urgency, delay: timedelta) -> None:
    assert sla_due(urgency, NOW) - NOW == delay


def test_referral_id_is_deterministic_per_tip() -> None:
    assert referral_id_for("tip_1") == referral_id_for("tip_1")
    assert referral_id_for("tip_1") != referral_id_for("tip_2")
    assert referral_id_for("tip_1").startswith("ref_")
    assert len(referral_id_for("tip_1")) == len("ref_") + 24


def test_pseudonym_is_stable_per_key_and_hides_the_author() -> None:
    first = pseudonymous_reporter_id("whatsapp", "31612345678", KEY)
    assert first is not None
    assert first == pseudonymous_reporter_id("whatsapp", "31612345678", KEY)
    assert first.startswith("rep_")
    assert "31612345678" not in first
    assert first != pseudonymous_reporter_id("whatsapp", "31612345678", "another-key")
    assert first != pseudonymous_reporter_id("whatsapp", "31687654321", KEY)
    assert first != pseudonymous_reporter_id("telegram", "31612345678", KEY)


def test_no_author_no_pseudonym_and_no_key_is_refused() -> None:
    assert pseudonymous_reporter_id("facebook", None, KEY) is None
    with pytest.raises(ValueError, match="key"):
        pseudonymous_reporter_id("facebook", "123", "")


def test_summary_names_the_facts_but_not_the_reporter() -> None:
    text = "Mijn   fiets is\ngestolen bij station Zevenaar. " + "Hij was blauw. " * 30
    tip = make_tip(text, author_id="31612345678", author_handle="@jan.jansen")
    classification = make_classification(tip, category=Category.THEFT, place=("Zevenaar", "GM0299", "Zevenaar"))
    summary = summary_for(tip, classification)
    assert summary.startswith("theft · normal · Zevenaar · whatsapp dm: Mijn fiets is gestolen bij station Zevenaar.")
    assert summary.endswith("…")
    assert len(summary) < len("theft · normal · Zevenaar · whatsapp dm: ") + 202
    assert "31612345678" not in summary
    assert "jan.jansen" not in summary


def _referral() -> Referral:
    text = "Vanavond weer ingebroken bij de buren in Zevenaar, wegrijdende auto GH-123-K"
    tip = make_tip(text, received_on="@politie.zevenaar")
    classification = make_classification(
        tip,
        category=Category.BURGLARY,
        category_word="ingebroken",
        urgency=Urgency.HIGH,
        place=("Zevenaar", "GM0299", "Zevenaar"),
        plate=("GH123K", "GH-123-K"),
    )
    decision = route(tip, classification, load_registry(), review_low=0.35, review_high=0.55)
    return build_referral(tip, classification, decision, now=NOW, pseudonym_key=KEY)


def test_build_referral_fills_ticket_and_provenance() -> None:
    referral = _referral()
    tip_id = referral.tip_ids[0]
    assert referral.referral_id == referral_id_for(tip_id)
    assert (referral.unit_code, referral.team) == ("RE02", "gelderland-midden.liemers")
    assert referral.categories == (Category.BURGLARY,)
    assert referral.plates == ("GH123K",)
    assert referral.sla_due == NOW + timedelta(hours=4)
    assert referral.reporter_ids == (pseudonymous_reporter_id("whatsapp", "31612345678", KEY),)
    assert [span.rule for span in referral.evidence] == ["incident", "burglary_word", "place", "plate"]
    (entry,) = referral.provenance
    assert (entry.tip_id, entry.raw_sha256, entry.route_rule) == (tip_id, "a" * 64, "place")
    assert (entry.model_version, entry.rules_version, entry.received_on) == (
        "nl-rules-0.1",
        "2026.03",
        "@politie.zevenaar",
    )


def test_evidence_has_no_duplicate_spans() -> None:
    tip = make_tip("Inbraak in Zevenaar", received_on="@politie.zevenaar")
    classification = make_classification(tip, category_word="Inbraak", place=("Zevenaar", "GM0299", "Zevenaar"))
    doubled = classification.model_copy(update={"reportable_evidence": classification.reportable_evidence * 2})
    decision = route(tip, doubled, load_registry(), review_low=0.35, review_high=0.55)
    referral = build_referral(tip, doubled, decision, now=NOW, pseudonym_key=KEY)
    assert len(referral.evidence) == len(set(referral.evidence)) == 3


def test_redelivery_builds_the_same_referral() -> None:
    assert _referral() == _referral()


def test_referral_round_trips_through_json() -> None:
    referral = _referral()
    assert Referral.model_validate_json(referral.model_dump_json()) == referral


def test_not_referred_decision_builds_no_ticket() -> None:
    tip = make_tip("haha goeie video")
    classification = make_classification(tip, reportable=False, score=0.02)
    decision = route(tip, classification, load_registry(), review_low=0.35, review_high=0.55)
    with pytest.raises(ValueError, match="not referred"):
        build_referral(tip, classification, decision, now=NOW, pseudonym_key=KEY)
