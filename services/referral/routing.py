"""Routing: which desk gets a classified tip, and which rule of the precedence sent it there.

Precedence (design.md, Routing):

1. not reportable: recorded, not referred;
2. emergency: ``tipline.emergency`` at once, and the team or unit desk as well;
3. reportable but uncertain (score in the review band): ``tipline.review``;
4. a place that maps to one municipality: the team covering it, else the unit's intake;
5. ambiguous place names: resolved by the receiving account's unit, else review;
6. the receiving account: its team, else its unit's intake;
7. nothing to go on: national webcare review.

Every decision carries a snake_case ``rule`` and a ``reason`` a person can follow.
"""

from __future__ import annotations

from shared.contracts import Classification, RouteDecision, Tip, TipEvent, Urgency
from shared.topology import EMERGENCY_QUEUE, REVIEW_QUEUE, TEAM_ROUTING_PREFIX

from .registry import INTAKE, Account, Registry, intake_routing_key

RULE_NOT_REPORTABLE = "not_reportable"
RULE_REVIEW_UNCERTAIN = "review_uncertain"
RULE_EMERGENCY = "emergency"
RULE_PLACE = "place"
RULE_AMBIGUOUS_PLACE_ACCOUNT_REGION = "ambiguous_place_account_region"
RULE_AMBIGUOUS_PLACE_REVIEW = "ambiguous_place_review"
RULE_ACCOUNT = "account"
RULE_UNIT_INTAKE = "unit_intake"
RULE_NATIONAL_REVIEW = "national_review"
RULE_NO_TEXT = "no_text"


def route(
    tip: Tip, classification: Classification, registry: Registry, *, review_low: float, review_high: float
) -> RouteDecision:
    """Where a classified tip goes, with the rule that fired and the reason."""
    if not 0.0 <= review_low <= review_high <= 1.0:
        raise ValueError(f"review band [{review_low}, {review_high}) is not within [0, 1]")
    if tip.text is None and tip.event is not TipEvent.DELETE:
        return _review(
            RULE_NO_TEXT, "the message has no text (attachments only, or content not fetched) → webcare review"
        )
    uncertain = review_low <= classification.reportable_score < review_high
    if classification.reportable and classification.urgency is Urgency.EMERGENCY:
        # An emergency outranks doubt about reportability: missing one is the worst error, and
        # the emergency desk judges the message anyway.
        return _emergency(destination(tip, classification, registry), classification, uncertain=uncertain)
    if uncertain:
        # Either side of the classifier's own threshold: a person decides, not the score.
        return _uncertain(classification, review_low, review_high)
    if not classification.reportable:
        return _not_reportable(classification)
    return with_partners(destination(tip, classification, registry), classification, registry)


def with_partners(decision: RouteDecision, classification: Classification, registry: Registry) -> RouteDecision:
    """Also send to partners configured for these categories in this place (off by default)."""
    if classification.place is None:
        return decision
    partners = registry.partners_for(classification.place.municipality_code, classification.category_names)
    if not partners:
        return decision
    names = ", ".join(p.name for p in partners)
    return decision.model_copy(
        update={
            "queues": (*decision.queues, *(p.queue for p in partners)),
            "reason": f"{decision.reason}; also to partner {names} (category in its remit)",
        }
    )


def destination(tip: Tip, classification: Classification, registry: Registry) -> RouteDecision:
    """The team, unit intake or review desk for a tip, by place, then account, then nothing."""
    account = registry.account(tip.received_on, tip.platform)
    return (
        _by_place(classification, registry)
        or _by_ambiguous_place(classification, account, registry)
        or _by_account(account, registry)
        or _national_review(tip, account)
    )


def _not_reportable(classification: Classification) -> RouteDecision:
    reason = f"not reportable (score {classification.reportable_score:.2f}): recorded, not referred"
    return RouteDecision(unit_code=None, unit=None, team=None, queues=(), rule=RULE_NOT_REPORTABLE, reason=reason)


def _uncertain(classification: Classification, low: float, high: float) -> RouteDecision:
    reason = (
        f"reportable score {classification.reportable_score:.2f} lies in the uncertain band "
        f"[{low:.2f}, {high:.2f}) → webcare review"
    )
    return _review(RULE_REVIEW_UNCERTAIN, reason)


def _emergency(target: RouteDecision, classification: Classification, *, uncertain: bool) -> RouteDecision:
    why = classification.urgency_reason or "urgency emergency"
    doubt = f"; reportable score {classification.reportable_score:.2f} is uncertain" if uncertain else ""
    reason = f"emergency ({why}): webcare tells the citizen to call 112 now{doubt}; {target.reason}"
    desks = tuple(queue for queue in target.queues if queue.startswith(TEAM_ROUTING_PREFIX))
    return target.model_copy(
        update={
            "queues": (EMERGENCY_QUEUE, *desks),
            "rule": RULE_EMERGENCY,
            "reason": reason,
            "emergency": True,
            "review": False,
        }
    )


def _by_place(classification: Classification, registry: Registry) -> RouteDecision | None:
    place = classification.place
    if place is None or registry.unit_for_municipality(place.municipality_code) is None:
        return None
    said = place.evidence.text if place.evidence is not None else place.municipality
    district = registry.team_for_district(place.municipality_code, said)
    if district is not None:
        team, name = district
        municipality = registry.reference.municipalities[place.municipality_code]
        reason = (
            f"place {said!r} → city district {name} of {municipality.name} ({place.municipality_code})"
            f" → unit {municipality.unit_name} → team {team.id}"
        )
        unit_name = registry.unit_name(team.unit_code) or team.unit_code
        return _desk(
            team.unit_code, unit_name, team.id, registry.team_routing_key(team), rule=RULE_PLACE, reason=reason
        )
    return _to_municipality(registry, place.municipality_code, RULE_PLACE, f"place {said!r}")


def _by_ambiguous_place(
    classification: Classification, account: Account | None, registry: Registry
) -> RouteDecision | None:
    names = classification.ambiguous_places
    if not names:
        return None
    shown = ", ".join(repr(name) for name in names)
    unit = registry.unit_of_account(account) if account is not None else None
    if account is None or unit is None:
        return _review(
            RULE_AMBIGUOUS_PLACE_REVIEW, f"place {shown} is ambiguous and the account has no region → review"
        )
    matches = _matches_in_unit(registry, names, unit[0])
    if len(matches) != 1:
        reason = (
            f"place {shown} is ambiguous: {len(matches)} matches in unit {unit[1]} of account {account.label} → review"
        )
        return _review(RULE_AMBIGUOUS_PLACE_REVIEW, reason)
    ((code, name),) = matches.items()
    via = f"ambiguous place {name!r} resolved by account {account.label} (unit {unit[1]})"
    return _to_municipality(registry, code, RULE_AMBIGUOUS_PLACE_ACCOUNT_REGION, via)


def _matches_in_unit(registry: Registry, names: tuple[str, ...], unit_code: str) -> dict[str, str]:
    # Municipality code -> the name that matched it, for woonplaatsen inside the account's unit.
    matches: dict[str, str] = {}
    for name in names:
        for code in registry.municipalities_named(name):
            if registry.reference.municipalities[code].unit_code == unit_code:
                matches.setdefault(code, name)
    return matches


def _by_account(account: Account | None, registry: Registry) -> RouteDecision | None:
    if account is None or account.national:
        return None
    unit_code, unit_name = registry.unit_of_account(account) or ("", "")
    team = registry.team(account.team) if account.team is not None else None
    if team is None:
        reason = f"no place in the text → account {account.label} → unit {unit_name} → intake"
        return _desk(unit_code, unit_name, INTAKE, intake_routing_key(unit_code), rule=RULE_UNIT_INTAKE, reason=reason)
    reason = f"no place in the text → account {account.label} → unit {unit_name} → team {team.id}"
    return _desk(unit_code, unit_name, team.id, registry.team_routing_key(team), rule=RULE_ACCOUNT, reason=reason)


def _national_review(tip: Tip, account: Account | None) -> RouteDecision:
    whose = "a national account" if account is not None else "an account not in the registry"
    reason = f"no place in the text and {tip.received_on!r} is {whose} → national webcare review"
    return _review(RULE_NATIONAL_REVIEW, reason)


def _to_municipality(registry: Registry, code: str, rule: str, via: str) -> RouteDecision:
    municipality = registry.reference.municipalities[code]
    unit_code, unit_name = municipality.unit_code, municipality.unit_name
    chain = f"{via} → {municipality.name} ({code}) → unit {unit_name}"
    team = registry.team_for_municipality(code)
    if team is None:
        reason = f"{chain} → no team registered → intake"
        return _desk(unit_code, unit_name, INTAKE, intake_routing_key(unit_code), rule=rule, reason=reason)
    return _desk(
        unit_code, unit_name, team.id, registry.team_routing_key(team), rule=rule, reason=f"{chain} → team {team.id}"
    )


def _desk(unit_code: str, unit: str, team: str, routing_key: str, *, rule: str, reason: str) -> RouteDecision:
    return RouteDecision(unit_code=unit_code, unit=unit, team=team, queues=(routing_key,), rule=rule, reason=reason)


def _review(rule: str, reason: str) -> RouteDecision:
    return RouteDecision(
        unit_code=None, unit=None, team=None, queues=(REVIEW_QUEUE,), rule=rule, reason=reason, review=True
    )
