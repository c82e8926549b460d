"""The X poller and the TikTok fetcher against a fake platform (httpx.MockTransport)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from services.ingest.cursors import CursorStore
from services.ingest.fetching import FetchService, TikTokFetcher
from services.ingest.http import RateLimitedError
from services.ingest.normalized import Hydration, NormalizedBatch
from services.ingest.polling import XSearchPoller
from services.ingest.service import IngestService
from shared.contracts import Platform, Source, Tip, TipKind, tip_id_for
from shared.errors import RetryableError
from shared.storage.models import AuditEventRow, HydrationRow, TipRow

ACCOUNT = "1587654321098765432"


def _post(post_id: str, text: str) -> dict[str, Any]:
    return {
        "id": post_id,
        "text": text,
        "author_id": "1365432109876543210",
        "created_at": "2026-06-09T07:31:05.000Z",
        "edit_history_tweet_ids": [post_id],
    }


def _page(posts: list[dict[str, Any]], newest: str | None, next_token: str | None = None) -> dict[str, Any]:
    meta: dict[str, Any] = {"result_count": len(posts)}
    if newest:
        meta["newest_id"] = newest
    if next_token:
        meta["next_token"] = next_token
    body: dict[str, Any] = {"meta": meta, "includes": {"users": [{"id": "1365432109876543210", "username": "johan"}]}}
    if posts:
        body["data"] = posts
    return body


class FakeX:
    """Recent search with two pages, since_id honoured, and a rate limit on demand."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.limited = False

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        assert request.headers["authorization"] == "Bearer test-bearer"
        if self.limited:
            return httpx.Response(429, headers={"x-rate-limit-reset": "4102444800"})
        if request.url.params.get("since_id") == "2064378372683331149":
            return httpx.Response(200, json=_page([], None))
        if request.url.params.get("next_token") == "page-2":
            return httpx.Response(
                200, json=_page([_post("2064378372683331147", "fietsendief bij station Arnhem")], None)
            )
        posts = [
            _post("2064378372683331149", "@PolitieVoorstad auto op de stoep Lindelaan"),
            _post("2064378372683331148", "gaaf werk"),
        ]
        return httpx.Response(200, json=_page(posts, "2064378372683331149", "page-2"))


def _poller(sessions: sessionmaker[Session], fake: FakeX) -> XSearchPoller:
    client = httpx.Client(transport=httpx.MockTransport(fake))
    return XSearchPoller(
        client,
        CursorStore(sessions),
        IngestService(sessions),
        base_url="https://api.x.test",
        bearer_token="test-bearer",
        account_id=ACCOUNT,
        query="@PolitieVoorstad",
    )


def test_the_poller_stores_every_page_then_advances_its_cursor(sessions: sessionmaker[Session]) -> None:
    fake = FakeX()
    poller = _poller(sessions, fake)
    assert poller.poll_once() == 3
    assert CursorStore(sessions).get(poller.cursor_name) == "2064378372683331149"
    assert poller.poll_once() == 0
    assert fake.requests[-1].url.params["since_id"] == "2064378372683331149"
    with sessions() as session:
        tips = list(session.execute(select(TipRow)).scalars())
    assert {row.source for row in tips} == {"poll"}
    assert {row.received_on for row in tips} == {ACCOUNT}


def test_a_rate_limit_stops_the_poll_without_moving_the_cursor(sessions: sessionmaker[Session]) -> None:
    fake = FakeX()
    fake.limited = True
    poller = _poller(sessions, fake)
    with pytest.raises(RateLimitedError) as raised:
        poller.poll_once()
    assert raised.value.retry_after > 60
    assert CursorStore(sessions).get(poller.cursor_name) is None


COMMENT_ID = "7669517996328858162"


def _announced(sessions: sessionmaker[Session]) -> str:
    now = datetime.now(UTC)
    tip = Tip(
        tip_id=tip_id_for("tiktok", COMMENT_ID),
        platform=Platform.TIKTOK,
        platform_message_id=COMMENT_ID,
        kind=TipKind.COMMENT,
        received_on="-000PvL7tVoorstadBizAcct01Xq",
        created_at=now,
        source=Source.WEBHOOK,
        ingested_at=now,
    )
    params = {"account": tip.received_on, "video_id": "7669109068319516071", "comment_id": COMMENT_ID}
    hydration = Hydration(platform="tiktok", kind="tiktok_comment", tip_id=tip.tip_id, params=params)
    IngestService(sessions).store(NormalizedBatch(tips=(tip,), hydrations=(hydration,)), raw=None)
    return tip.tip_id


def _tiktok(handler: Any) -> TikTokFetcher:
    return TikTokFetcher(httpx.Client(transport=httpx.MockTransport(handler)), "https://tiktok.test/v1.3", "tok")


def _comment_list(request: httpx.Request) -> httpx.Response:
    assert request.headers["access-token"] == "tok"
    assert json.loads(request.url.params["comment_ids"]) == [COMMENT_ID]
    comment = {
        "comment_id": COMMENT_ID,
        "video_id": "7669109068319516071",
        "user_id": "6912345678901234567",
        "username": "buurtbewoner_arnhem",
        "display_name": "Een Naam",
        "text": "Die witte bus staat er weer, kenteken VX-482-T",
        "create_time": "1785698811",
        "status": "PUBLIC",
    }
    return httpx.Response(200, json={"code": 0, "message": "OK", "request_id": "r1", "data": {"comments": [comment]}})


def test_an_announced_comment_is_held_until_its_text_is_fetched(sessions: sessionmaker[Session]) -> None:
    tip_id = _announced(sessions)
    with sessions() as session:
        assert session.get(TipRow, tip_id).awaiting_fetch  # type: ignore[union-attr]
    service = FetchService(IngestService(sessions), {"tiktok": _tiktok(_comment_list)})
    assert service.run([tip_id]) == 1
    with sessions() as session:
        row = session.get(TipRow, tip_id)
        hydration = session.get(HydrationRow, tip_id)
        assert row is not None
        assert hydration is not None
        assert not row.awaiting_fetch
        assert row.data["text"] == "Die witte bus staat er weer, kenteken VX-482-T"
        assert row.data["author_handle"] == "@buurtbewoner_arnhem"
        assert "Een Naam" not in json.dumps(row.data)
        assert hydration.status == "done"


def test_a_fetch_that_keeps_failing_releases_the_tip_without_text(sessions: sessionmaker[Session]) -> None:
    tip_id = _announced(sessions)
    service = FetchService(IngestService(sessions), {"tiktok": _tiktok(lambda _: httpx.Response(503))}, max_attempts=2)
    with pytest.raises(RetryableError):
        service.run([tip_id])
    assert service.run([tip_id]) == 0  # the second failure is the last attempt: given up, not raised
    with sessions() as session:
        row = session.get(TipRow, tip_id)
        hydration = session.get(HydrationRow, tip_id)
        actions = list(session.execute(select(AuditEventRow.action).order_by(AuditEventRow.seq)).scalars())
    assert row is not None
    assert hydration is not None
    assert not row.awaiting_fetch
    assert row.data["text"] is None
    assert (hydration.status, hydration.attempts) == ("failed", 2)
    assert actions == ["fetch_requested", "received", "fetch_failed"]


def test_a_post_delivered_by_webhook_and_found_by_the_poller_is_stored_once(sessions: sessionmaker[Session]) -> None:
    from pathlib import Path  # noqa: PLC0415

    from services.ingest.payloads import parse_json_body  # noqa: PLC0415
    from services.ingest.platforms.x import normalize_x  # noqa: PLC0415

    body = (Path(__file__).resolve().parents[2] / "fixtures" / "x" / "aaa_mention_tweet_create.json").read_bytes()
    webhook = normalize_x(parse_json_body(body), raw_sha256=None, ingested_at=datetime.now(UTC))
    assert IngestService(sessions).store(webhook, raw=None).new  # 2064378372683331147 via the webhook
    assert _poller(sessions, FakeX()).poll_once() == 2  # the poll finds it again among three
    with sessions() as session:
        assert len(list(session.execute(select(TipRow)).scalars())) == 3
