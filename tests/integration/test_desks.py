"""Referral on the real services: routing rules, merge across platforms, split, the desk
lifecycle through the desk API, escalation of an overdue ticket, and team-scoped tokens."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update

from services.ingest.signatures import sign_meta
from shared import audit
from shared.checkpoints import Checkpoint, check_checkpoints, public_key_b64, signing_key
from shared.settings import Settings
from shared.storage.models import ReferralRow, ReferralTipRow, TipRow
from tests.support.stack import META_SECRET, Stack, wait_for

pytestmark = pytest.mark.integration

RHEDEN = "team.re02.gelderland-midden.rheden"
LIEMERS = "team.re02.gelderland-midden.liemers"
VALLEI = "team.re02.gelderland-midden.veluwe-vallei-noord"
TOKENS = {
    "tok-rheden": {"actor": "desk-rheden", "desk": RHEDEN},
    "tok-liemers": {"actor": "desk-liemers", "desk": LIEMERS},
    "tok-audit": {"actor": "auditor-1"},
}
FORWARDS = {
    "place": ("x", "Vannacht is in Zevenaar aan de Kerkstraat ingebroken bij de buren, deur geforceerd", "@politie"),
    "account": (
        "instagram",
        "Bij ons in de straat staat al drie dagen een auto zonder kentekenplaten, ruiten ingeslagen",
        "@wijkagent_velp",
    ),
    "ambiguous_region": (
        "x",
        "In Achterveld is vannacht een auto opengebroken bij de kerk, ruit ingeslagen",
        "@politie_oostnederland",
    ),
    "ambiguous_open": (
        "x",
        "In Achterveld is vannacht een auto opengebroken bij de kerk, ruit ingeslagen!",
        "@politie",
    ),
    "emergency": ("messenger", "NU wordt er geschoten bij de Jumbo in Duiven!! iemand ligt op de grond", "@politie"),
    "merge_fb": (
        "facebook",
        "Witte bestelbus VX-482-T rijdt al een uur langzaam door Velp, mannen kijken in de tuinen",
        "@politie",
    ),
    "merge_tt": (
        "tiktok",
        "die bus vx 482 t rijdt nu weer rondjes bij de basisschool in velp, echt verdacht",
        "@politie",
    ),
}


def _forward(stack: Stack, key: str) -> str:
    platform, text, account = FORWARDS[key]
    body = {"platform": platform, "platform_message_id": f"it-{key}", "account": account, "text": text}
    response = httpx.post(f"{stack.base_url}/forwards", json=body, headers={"Authorization": "Bearer agent-token"})
    assert response.status_code == 201, response.text
    return str(response.json()["tip_id"])


def _desk(stack: Stack, token: str, method: str, path: str, body: dict[str, Any] | None = None) -> httpx.Response:
    return httpx.request(method, f"{stack.base_url}{path}", json=body, headers={"Authorization": f"Bearer {token}"})


def _ticket_of(stack: Stack, tip_id: str) -> ReferralRow | None:
    with stack.sessions() as session:
        link = session.get(ReferralTipRow, tip_id)
        return session.get(ReferralRow, link.referral_id) if link else None


def _settled(stack: Stack, tip_ids: list[str]) -> bool:
    with stack.sessions() as session:
        outcomes = session.execute(select(TipRow.outcome).where(TipRow.tip_id.in_(tip_ids))).scalars().all()
        unpublished = session.execute(select(ReferralRow).where(ReferralRow.published_at.is_(None))).first()
    return len(outcomes) == len(tip_ids) and None not in outcomes and unpublished is None


def test_routing_merging_and_the_desk_lifecycle(stack: Stack, tmp_path: Path) -> None:
    checkpoints = tmp_path / "checkpoints.jsonl"
    stack.env["TIPLINE_AUDIT_CHECKPOINT_FILE"] = str(checkpoints)
    stack.env["TIPLINE_AUDIT_CHECKPOINT_INTERVAL_SECONDS"] = "1"
    stack.env["TIPLINE_DESK_TOKENS"] = json.dumps(TOKENS)
    stack.env["TIPLINE_WEBCARE_TOKENS"] = json.dumps({"agent-1": "agent-token"})
    stack.env["TIPLINE_ESCALATION_INTERVAL_SECONDS"] = "1"
    stack.start_server()
    stack.start("classify", "worker", "classify")
    stack.start("referral", "worker", "referral", "--beat")

    tips = {key: _forward(stack, key) for key in FORWARDS}
    attachment = (
        Path(__file__).resolve().parents[1] / "fixtures" / "facebook" / "messenger_attachment_only.json"
    ).read_bytes()
    sent = httpx.post(
        f"{stack.base_url}/webhooks/facebook",
        content=attachment,
        headers={"X-Hub-Signature-256": sign_meta(attachment, META_SECRET), "Content-Type": "application/json"},
    )
    assert sent.status_code == 200
    review_tip = next(iter(_new_tip_ids(stack, set(tips.values()))))
    wait_for(lambda: _settled(stack, [*tips.values(), review_tip]), timeout=90, what="every tip to be routed")

    desks = {
        key: (_ticket_of(stack, tip_id) or pytest.fail(f"{key} has no ticket")).desk for key, tip_id in tips.items()
    }
    assert desks["place"] == LIEMERS
    assert desks["account"] == RHEDEN
    assert desks["ambiguous_region"] == VALLEI
    assert desks["ambiguous_open"] == "review"
    assert desks["emergency"] == LIEMERS
    assert (_ticket_of(stack, review_tip) or pytest.fail("no review ticket")).desk == "review"
    emergency = stack.drain("tipline.emergency")
    assert [t["tip_ids"] for t in emergency] == [[tips["emergency"]]]

    bus = _ticket_of(stack, tips["merge_fb"])
    assert bus is not None
    assert bus.referral_id == (_ticket_of(stack, tips["merge_tt"]) or bus).referral_id  # one incident, one ticket
    assert [p["platform"] for p in bus.data["provenance"]] == ["facebook", "tiktok"]
    with stack.sessions() as session:
        story = [(e.subject, e.action) for e in audit.trace(session, bus.referral_id)]
    assert (tips["merge_fb"], "received") in story
    assert (tips["merge_tt"], "received") in story
    assert (bus.referral_id, "merged") in story

    # A desk works its own tickets and is refused another team's.
    assert _desk(stack, "tok-liemers", "GET", f"/desk/tickets/{bus.referral_id}").status_code == 403
    assert _desk(stack, "tok-liemers", "POST", f"/desk/tickets/{bus.referral_id}/claim").status_code == 403
    assert _desk(stack, "nobody", "GET", "/desk/tickets").status_code == 401
    listed = _desk(stack, "tok-rheden", "GET", "/desk/tickets").json()
    assert {t["referral_id"] for t in listed} == {bus.referral_id, _ticket_of(stack, tips["account"]).referral_id}  # type: ignore[union-attr]

    split = _desk(stack, "tok-rheden", "POST", f"/desk/tickets/{bus.referral_id}/split", {"tip_id": tips["merge_tt"]})
    assert split.status_code == 200, split.text
    assert split.json()["tip_ids"] == [tips["merge_tt"]]
    assert _desk(stack, "tok-rheden", "GET", f"/desk/tickets/{bus.referral_id}").json()["tip_ids"] == [tips["merge_fb"]]

    assert _desk(stack, "tok-rheden", "POST", f"/desk/tickets/{bus.referral_id}/claim").json()["status"] == "claimed"
    closed = _desk(stack, "tok-rheden", "POST", f"/desk/tickets/{bus.referral_id}/close", {"outcome": "acted_on"})
    assert (closed.json()["status"], closed.json()["outcome"]) == ("closed", "acted_on")
    assert _desk(stack, "tok-audit", "GET", f"/status/{bus.referral_id}").json()["status"] == "handled"
    assert _desk(stack, "tok-audit", "POST", f"/desk/tickets/{bus.referral_id}/notes", {"note": "x"}).status_code == 403

    account_ticket = (_ticket_of(stack, tips["account"]) or pytest.fail("no ticket")).referral_id
    moved = _desk(
        stack,
        "tok-rheden",
        "POST",
        f"/desk/tickets/{account_ticket}/reroute",
        {"desk": LIEMERS, "reason": "adres ligt in Duiven"},
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["desk"] == LIEMERS
    wait_for(
        lambda: any(t["referral_id"] == account_ticket for t in stack.drain(LIEMERS)),
        timeout=30,
        what="the rerouted ticket on its new team queue",
    )

    # Time passes: the place ticket is overdue and the scheduler escalates it to the unit lead.
    place_ticket = (_ticket_of(stack, tips["place"]) or pytest.fail("no ticket")).referral_id
    with stack.engine.begin() as connection:
        connection.execute(
            update(ReferralRow)
            .where(ReferralRow.referral_id == place_ticket)
            .values(sla_due=datetime.now(UTC) - timedelta(hours=1))
        )
    escalated: list[dict[str, Any]] = []

    def arrived() -> bool:
        escalated.extend(stack.drain("lead.re02"))
        return bool(escalated)

    wait_for(arrived, timeout=60, what="the escalation")
    assert [t["referral_id"] for t in escalated] == [place_ticket]

    # The scheduler also signed checkpoints of the chain, which the chain still matches.
    signed = [Checkpoint.from_json(line) for line in checkpoints.read_text().splitlines()]
    assert signed
    assert signed[-1].seq > 0
    with stack.sessions() as session:
        key = public_key_b64(signing_key(Settings().audit_signing_key))
        assert check_checkpoints(session, signed, key) == []
        assert audit.verify(session).ok


def _new_tip_ids(stack: Stack, known: set[str]) -> set[str]:
    def found() -> bool:
        with stack.sessions() as session:
            return bool(set(session.execute(select(TipRow.tip_id)).scalars()) - known)

    wait_for(found, timeout=30, what="the webhook's tip")
    with stack.sessions() as session:
        return set(session.execute(select(TipRow.tip_id)).scalars()) - known
