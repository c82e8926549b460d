"""A signed webhook of every platform, through the real services, to a ticket.

TikTok's comment webhook carries ids only: the ingest worker fetches the comment from a local
fake of TikTok's API, as it would from the real one.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.responses import Response
from sqlalchemy import select

from services.ingest.platforms.tiktok import sign_tiktok
from services.ingest.signatures import sign_meta
from shared import audit
from shared.contracts import tip_id_for
from shared.storage.models import ReferralRow, ReferralTipRow, TipRow
from tests.support.stack import META_SECRET, Stack, free_port, wait_for

pytestmark = pytest.mark.integration

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
X_SECRET = "integration-x-consumer-secret"
TIKTOK_SECRET = "integration-tiktok-secret"
TELEGRAM_TOKEN = "integration-telegram-token"
TEAM = "gelderland-midden.arnhem-noord"


def _x_signature(body: bytes) -> str:
    return "sha256=" + base64.b64encode(hmac.new(X_SECRET.encode(), body, hashlib.sha256).digest()).decode()


SIGNERS: dict[str, Callable[[bytes], dict[str, str]]] = {
    "facebook": lambda body: {"X-Hub-Signature-256": sign_meta(body, META_SECRET)},
    "instagram": lambda body: {"X-Hub-Signature-256": sign_meta(body, META_SECRET)},
    "whatsapp": lambda body: {"X-Hub-Signature-256": sign_meta(body, META_SECRET)},
    "x": lambda body: {"X-Twitter-Webhooks-Signature": _x_signature(body)},
    "tiktok": lambda body: {"TikTok-Signature": sign_tiktok(body, TIKTOK_SECRET, int(time.time()))},
    "telegram": lambda body: {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_TOKEN},
}

DELIVERIES = {
    "facebook": ("feed_comment_add.json", "facebook", "122187645093218765_1402958374610293"),
    "instagram": ("comment.json", "instagram", "17912345678901234"),
    "whatsapp": ("text.json", "whatsapp", "wamid.HBgLMzE2MTExMjIyMzMVAgASGBRFM0Q5ODlDRTgxNEJBNjA2NjBDMwA="),
    "x": ("aaa_mention_tweet_create.json", "x", "2064378372683331147"),
    "tiktok": ("business_comment_update_insert.json", "tiktok", "7669517996328858162"),
    "telegram": ("message_text.json", "telegram", None),
}


@pytest.fixture
def fake_tiktok() -> Iterator[str]:
    """TikTok's comment list endpoint, answering with the documented example."""
    app = FastAPI()
    listing = (FIXTURES / "tiktok" / "business_comment_list_response.json").read_bytes()

    @app.get("/open_api/v1.3/business/comment/list/")
    def comment_list() -> Response:
        return Response(listing, media_type="application/json")

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_for(lambda: server.started, timeout=10, what="the fake TikTok API")
    yield f"http://127.0.0.1:{port}/open_api/v1.3"
    server.should_exit = True
    thread.join(timeout=5)


def _telegram_message_id() -> str:
    import json  # noqa: PLC0415 - only this helper reads the fixture's ids

    update = json.loads((FIXTURES / "telegram" / "message_text.json").read_text())
    message = update["message"]
    return f"{message['chat']['id']}:{message['message_id']}"


def test_a_webhook_of_every_platform_becomes_a_ticket(stack: Stack, fake_tiktok: str) -> None:
    stack.env.update(
        {
            "TIPLINE_X_CONSUMER_SECRET": X_SECRET,
            "TIPLINE_TIKTOK_CLIENT_SECRET": TIKTOK_SECRET,
            "TIPLINE_TIKTOK_API_BASE": fake_tiktok,
            "TIPLINE_TIKTOK_ACCESS_TOKEN": "integration-tiktok-token",
            "TIPLINE_TELEGRAM_SECRET_TOKEN": TELEGRAM_TOKEN,
            "TIPLINE_TELEGRAM_BOT_ID": "PolitieVoorstadBot",
        }
    )
    stack.start_server()
    for service in ("ingest", "classify", "referral"):
        stack.start(service, "worker", service)

    for platform, (name, _, _) in DELIVERIES.items():
        body = (FIXTURES / platform / name).read_bytes()
        headers = {"Content-Type": "application/json", **SIGNERS[platform](body)}
        response = httpx.post(f"{stack.base_url}/webhooks/{platform}", content=body, headers=headers, timeout=10)
        assert response.status_code == 200, (platform, response.text)

    tip_ids = {
        platform: tip_id_for(tip_platform, message_id or _telegram_message_id())
        for platform, (_, tip_platform, message_id) in DELIVERIES.items()
    }

    def all_referred() -> bool:
        with stack.sessions() as session:
            linked = set(session.execute(select(ReferralTipRow.tip_id)).scalars())
            unpublished = session.execute(select(ReferralRow).where(ReferralRow.published_at.is_(None))).first()
        return set(tip_ids.values()) <= linked and unpublished is None

    wait_for(all_referred, timeout=90, what="a ticket for every platform's message")
    with stack.sessions() as session:
        tiktok = session.get(TipRow, tip_ids["tiktok"])
        linked = select(ReferralTipRow.tip_id, ReferralRow.team).join(
            ReferralRow, ReferralRow.referral_id == ReferralTipRow.referral_id
        )
        teams = dict(session.execute(linked).all())
        assert audit.verify(session).ok
    assert tiktok is not None
    assert tiktok.data["text"].startswith("Bij winkelcentrum De Hoven")  # fetched from the API
    assert tiktok.data["author_handle"] == "@noor.westpark"
    assert {platform: teams[tip_id] for platform, tip_id in tip_ids.items()} == dict.fromkeys(DELIVERIES, TEAM)
    _assert_no_personal_data_in_logs(stack)


def _assert_no_personal_data_in_logs(stack: Stack) -> None:
    """No message text, handle, author id or phone number in any service's log."""
    with stack.sessions() as session:
        personal: set[str] = set()
        for data in session.execute(select(TipRow.data)).scalars():
            personal.update(str(data[key]) for key in ("author_id", "author_handle") if data.get(key))
            if data.get("text"):
                personal.add(str(data["text"])[:30])
    personal.update({"Sanne de Vries", "31611122233", "Fatima Bouzid"})
    logs = "".join(path.read_text(errors="replace") for path in stack.logs.values())
    assert "webhook_stored" in logs  # the logs were captured
    assert [value for value in personal if value in logs] == []
