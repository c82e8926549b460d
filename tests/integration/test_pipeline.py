"""A signed webhook in, a ticket out on the right team queue — through three separate services."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from services.ingest.signatures import sign_meta
from shared import audit
from shared.storage.models import AuditEventRow, ClassificationRow, RawPayload, ReferralRow, TipRow
from tests.support.stack import META_SECRET, VERIFY_TOKEN, Stack, wait_for

pytestmark = pytest.mark.integration

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "facebook"
ARNHEM_NOORD = "team.re02.gelderland-midden.arnhem-noord"


def _post(stack: Stack, body: bytes, signature: str | None) -> httpx.Response:
    headers = {"Content-Type": "application/json"}
    if signature is not None:
        headers["X-Hub-Signature-256"] = signature
    return httpx.post(stack.base_url + "/webhooks/facebook", content=body, headers=headers, timeout=10)


def _settled(stack: Stack, tips: int) -> bool:
    return (
        stack.count(TipRow, TipRow.outcome.is_not(None)) >= tips
        and stack.count(ReferralRow, ReferralRow.published_at.is_(None)) == 0
    )


def test_a_signed_comment_becomes_one_ticket_on_its_team_queue(stack: Stack) -> None:
    stack.start_server()
    stack.start("classify", "worker", "classify")
    stack.start("referral", "worker", "referral")
    body = (FIXTURES / "feed_comment_add.json").read_bytes()

    first = _post(stack, body, sign_meta(body, META_SECRET))
    assert first.status_code == 200, first.text
    assert first.json()["new"] == 1
    wait_for(lambda: _settled(stack, 1), timeout=60, what="the tip to be referred")

    tickets = stack.drain(ARNHEM_NOORD)
    assert len(tickets) == 1
    ticket = tickets[0]
    assert ticket["team"] == "gelderland-midden.arnhem-noord"
    assert "parking" in ticket["categories"]
    provenance = ticket["provenance"][0]
    assert provenance["platform_message_id"] == "122187645093218765_1402958374610293"
    assert provenance["raw_sha256"] == stack_raw_hash(stack)
    assert "Sanne" not in str(ticket)  # the author's name never travels

    second = _post(stack, body, sign_meta(body, META_SECRET))
    assert second.status_code == 200
    assert second.json()["new"] == 0
    assert second.json()["duplicates"] == 1
    events_after_retry = stack.count(AuditEventRow)
    wait_for(lambda: stack.count(AuditEventRow) == events_after_retry, timeout=5, what="a quiet pipeline")
    assert stack.count(TipRow) == 1
    assert stack.count(ClassificationRow) == 1
    assert stack.count(ReferralRow) == 1
    assert stack.drain(ARNHEM_NOORD) == []

    with stack.sessions() as session:
        report = audit.verify(session)
        story = audit.trace(session, ticket["referral_id"])
    assert report.ok, report.problem
    assert [event.action for event in story] == ["received", "classified", "routed", "published"]


def stack_raw_hash(stack: Stack) -> str:
    with stack.sessions() as session:
        return session.query(RawPayload.sha256).one()[0]


def test_an_emergency_dm_reaches_the_emergency_queue_and_the_team(stack: Stack) -> None:
    stack.start_server()
    stack.start("classify", "worker", "classify")
    stack.start("referral", "worker", "referral")
    text = "NU wordt er geschoten bij de Jumbo aan de Dorpsstraat in Duiven!! iemand ligt op de grond, snel komen"
    payload = json.loads((FIXTURES / "messenger_text.json").read_bytes())
    payload["entry"][0]["messaging"][0]["message"]["text"] = text
    body = json.dumps(payload).encode()
    assert _post(stack, body, sign_meta(body, META_SECRET)).status_code == 200
    wait_for(lambda: _settled(stack, 1), timeout=60, what="the DM to be referred")
    team = stack.drain("team.re02.gelderland-midden.liemers")
    emergency = stack.drain("tipline.emergency")
    assert len(team) == 1
    assert [ticket["referral_id"] for ticket in emergency] == [team[0]["referral_id"]]
    assert emergency[0]["emergency"] is True


def test_bad_input_is_refused_with_a_reason_and_recorded(stack: Stack) -> None:
    stack.start_server()
    body = (FIXTURES / "feed_comment_add.json").read_bytes()

    unsigned = _post(stack, body, None)
    forged = _post(stack, body, "sha256=" + "0" * 64)
    malformed_body = b'{"object": "page", "entry": [}'
    malformed = _post(stack, malformed_body, sign_meta(malformed_body, META_SECRET))
    handshake = httpx.get(
        stack.base_url + "/webhooks/facebook",
        params={"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "8675309"},
    )
    wrong_token = httpx.get(
        stack.base_url + "/webhooks/facebook",
        params={"hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "1"},
    )

    assert unsigned.status_code == 401
    assert forged.status_code == 403
    assert malformed.status_code == 400
    assert "JSON" in malformed.json()["reason"] or "json" in malformed.json()["reason"]
    assert (handshake.status_code, handshake.text) == (200, "8675309")
    assert wrong_token.status_code == 403
    assert stack.count(TipRow) == 0
    assert stack.count(AuditEventRow, AuditEventRow.action == "rejected") == 3
    assert stack.count(RawPayload, RawPayload.status == "rejected") == 2  # the forged body repeats the unsigned one
    assert httpx.get(stack.base_url + "/healthz").status_code == 200
