"""Routing precedence: each rule with a realistic tip, and the reason it records."""

from __future__ import annotations

import pytest

from services.referral.registry import Registry, load_registry
from services.referral.routing import route
from shared.contracts import Category, Classification, Platform, RouteDecision, Tip, TipKind, Urgency

from .factories import make_classification, make_tip

LOW, HIGH = 0.35, 0.55


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def _route(tip: Tip, classification: Classification, registry: Registry) -> RouteDecision:
    return route(tip, classification, registry, review_low=LOW, review_high=HIGH)


def test_not_reportable_is_recorded_not_referred(registry: Registry) -> None:
    tip = make_tip("toppers gewoon mensen 👏👏", received_on="@wijkagent_velp", platform=Platform.TIKTOK)
    decision = _route(tip, make_classification(tip, reportable=False, score=0.04), registry)
    assert decision.rule == "not_reportable"
    assert decision.queues == ()
    assert (decision.unit_code, decision.team, decision.review) == (None, None, False)


@pytest.mark.parametrize(("score", "rule"), [(0.35, "review_uncertain"), (0.54, "review_uncertain"), (0.55, "place")])
def test_uncertain_score_goes_to_review(registry: Registry, score: float, rule: str) -> None:
    tip = make_tip("Volgens mij wordt er in Zevenaar bij de Aldi gedeald?")
    classification = make_classification(
        tip, score=score, category=Category.DRUGS, place=("Zevenaar", "GM0299", "Zevenaar")
    )
    decision = _route(tip, classification, registry)
    assert decision.rule == rule
    assert decision.review is (rule == "review_uncertain")
    assert (decision.queues == ("tipline.review",)) is (rule == "review_uncertain")


def test_emergency_goes_to_emergency_queue_and_the_team(registry: Registry) -> None:
    tip = make_tip("Er wordt NU geschoten op de Stationsstraat in Velp!!", received_on="@politie")
    classification = make_classification(
        tip, category=Category.WEAPON, urgency=Urgency.EMERGENCY, place=("Rheden", "GM0275", "Velp")
    )
    decision = _route(tip, classification, registry)
    assert decision.rule == "emergency"
    assert decision.queues == ("tipline.emergency", "team.re02.gelderland-midden.rheden")
    assert decision.emergency is True
    assert decision.review is False
    assert "call 112" in decision.reason
    assert (decision.unit_code, decision.team) == ("RE02", "gelderland-midden.rheden")


def test_uncertain_emergency_still_reaches_the_emergency_desk(registry: Registry) -> None:
    tip = make_tip("ik hoor schoten denk ik, Zevenaar centrum")
    classification = make_classification(
        tip, score=0.4, urgency=Urgency.EMERGENCY, place=("Zevenaar", "GM0299", "Zevenaar")
    )
    decision = _route(tip, classification, registry)
    assert decision.queues == ("tipline.emergency", "team.re02.gelderland-midden.liemers")
    assert "uncertain" in decision.reason


def test_emergency_without_a_place_from_a_national_account(registry: Registry) -> None:
    tip = make_tip("Help er staat iemand met een mes voor mijn deur", received_on="@webcare_politie")
    decision = _route(tip, make_classification(tip, urgency=Urgency.EMERGENCY), registry)
    assert decision.queues == ("tipline.emergency",)
    assert decision.emergency is True


def test_place_routes_to_the_team_covering_it(registry: Registry) -> None:
    tip = make_tip("Mijn fiets is gisteren gestolen bij het station in Zevenaar", received_on="@politie")
    classification = make_classification(tip, category=Category.THEFT, place=("Zevenaar", "GM0299", "Zevenaar"))
    decision = _route(tip, classification, registry)
    assert decision.rule == "place"
    assert decision.queues == ("team.re02.gelderland-midden.liemers",)
    assert decision.team_routing_key == "team.re02.gelderland-midden.liemers"
    assert decision.reason == (
        "place 'Zevenaar' → Zevenaar (GM0299) → unit Oost-Nederland → team gelderland-midden.liemers"
    )


def test_place_without_a_team_goes_to_its_unit_intake_even_from_another_units_account(registry: Registry) -> None:
    tip = make_tip("Vannacht is er ingebroken bij de bakker in Groningen", received_on="@politie_oostnederland")
    classification = make_classification(tip, place=("Groningen", "GM0014", "Groningen"))
    decision = _route(tip, classification, registry)
    assert decision.rule == "place"
    assert decision.queues == ("team.re01.intake",)
    assert (decision.unit_code, decision.unit, decision.team) == ("RE01", "Noord-Nederland", "intake")


def _velp_tip(received_on: str) -> tuple[Tip, Classification]:
    tip = make_tip("Er wordt al weken gedeald achter de Albert Heijn in Velp", received_on=received_on)
    return tip, make_classification(tip, category=Category.DRUGS, ambiguous=("Velp",))


def test_ambiguous_velp_resolved_by_an_oost_nederland_account(registry: Registry) -> None:
    decision = _route(*_velp_tip("@politie_oostnederland"), registry)
    assert decision.rule == "ambiguous_place_account_region"
    assert decision.queues == ("team.re02.gelderland-midden.rheden",)
    assert "Rheden (GM0275)" in decision.reason


def test_ambiguous_velp_resolved_to_land_van_cuijk_by_an_oost_brabant_account(registry: Registry) -> None:
    decision = _route(*_velp_tip("@politie_eindhoven"), registry)
    assert decision.rule == "ambiguous_place_account_region"
    assert decision.queues == ("team.re09.intake",)
    assert "Land van Cuijk (GM1982)" in decision.reason


@pytest.mark.parametrize("received_on", ["@politie", "@politie_onbekend", "@politie_amsterdam"])
def test_ambiguous_velp_left_to_review_without_a_matching_region(registry: Registry, received_on: str) -> None:
    decision = _route(*_velp_tip(received_on), registry)
    assert decision.rule == "ambiguous_place_review"
    assert decision.queues == ("tipline.review",)
    assert decision.review is True


def test_no_place_routes_to_the_receiving_accounts_team(registry: Registry) -> None:
    tip = make_tip("Er rijdt elke avond een scooter zonder licht door onze straat", received_on="@wijkagent_velp")
    decision = _route(tip, make_classification(tip, category=Category.TRAFFIC, urgency=Urgency.LOW), registry)
    assert decision.rule == "account"
    assert decision.queues == ("team.re02.gelderland-midden.rheden",)
    assert decision.team == "gelderland-midden.rheden"


def test_no_place_routes_by_the_facebook_page_id(registry: Registry) -> None:
    tip = make_tip(
        "Weer auto's opengebroken bij ons in de wijk",
        received_on="104857600123456",
        platform=Platform.FACEBOOK,
        kind=TipKind.COMMENT,
    )
    decision = _route(tip, make_classification(tip), registry)
    assert decision.rule == "account"
    assert decision.queues == ("team.re02.gelderland-midden.arnhem-noord",)


def test_no_place_from_a_unit_account_goes_to_the_unit_intake(registry: Registry) -> None:
    tip = make_tip("Hoi mam fraude, ze proberen het nu bij mijn moeder", received_on="@politie_amsterdam")
    decision = _route(tip, make_classification(tip, category=Category.FRAUD), registry)
    assert decision.rule == "unit_intake"
    assert decision.queues == ("team.re05.intake",)
    assert (decision.unit_code, decision.team) == ("RE05", "intake")


@pytest.mark.parametrize("received_on", ["@webcare_politie", "@iemand_anders"])
def test_nothing_to_go_on_goes_to_national_review(registry: Registry, received_on: str) -> None:
    tip = make_tip("Bij ons in de straat wordt steeds ingebroken in schuurtjes", received_on=received_on)
    decision = _route(tip, make_classification(tip), registry)
    assert decision.rule == "national_review"
    assert decision.queues == ("tipline.review",)
    assert decision.review is True
    assert decision.unit_code is None


def test_an_inverted_review_band_is_refused(registry: Registry) -> None:
    tip = make_tip("Inbraak in Zevenaar")
    with pytest.raises(ValueError, match="review band"):
        route(tip, make_classification(tip), registry, review_low=0.6, review_high=0.4)


def test_an_unsure_not_reportable_score_is_reviewed_by_a_person(registry: Registry) -> None:
    tip = make_tip("die jongens bij het station zijn er weer")
    decision = _route(tip, make_classification(tip, reportable=False, score=0.40), registry)
    assert decision.rule == "review_uncertain"
    assert decision.queues == ("tipline.review",)


def test_a_message_without_text_goes_to_review(registry: Registry) -> None:
    tip = make_tip("placeholder").model_copy(update={"text": None})
    decision = _route(tip, make_classification(tip, reportable=False, score=0.0), registry)
    assert decision.rule == "no_text"
    assert decision.review
    assert decision.queues == ("tipline.review",)


def test_an_amsterdam_neighbourhood_routes_to_its_city_district_desk(registry: Registry) -> None:
    tip = make_tip("In de Bijlmer bij metrostation Ganzenhoek wordt elke middag gedeald")
    classification = make_classification(tip, category=Category.DRUGS, place=("Amsterdam", "GM0363", "Bijlmer"))
    decision = _route(tip, classification, registry)
    assert (decision.unit_code, decision.team) == ("RE05", "amsterdam.zuidoost")
    assert decision.queues == ("team.re05.amsterdam.zuidoost",)
    assert "city district Zuidoost" in decision.reason


def test_amsterdam_without_a_neighbourhood_goes_to_the_unit_intake(registry: Registry) -> None:
    tip = make_tip("In Amsterdam wordt overal gedeald bij de scholen, elke dag")
    classification = make_classification(tip, category=Category.DRUGS, place=("Amsterdam", "GM0363", "Amsterdam"))
    assert _route(tip, classification, registry).queues == ("team.re05.intake",)


def test_partner_routing_is_off_by_default_and_adds_the_partner_queue_when_enabled(registry: Registry) -> None:
    tip = make_tip("Elke ochtend staan er auto's op de stoep bij de school in Arnhem")
    classification = make_classification(tip, category=Category.PARKING, place=("Arnhem", "GM0202", "Arnhem"))
    assert "partner.arnhem-handhaving" not in _route(tip, classification, registry).queues
    partners = tuple(p.model_copy(update={"enabled": True}) for p in registry.data.partners)
    enabled = Registry(registry.data.model_copy(update={"partners": partners}), registry.reference)
    decision = _route(tip, classification, enabled)
    assert decision.queues[-1] == "partner.arnhem-handhaving"
    assert "partner" in decision.reason
