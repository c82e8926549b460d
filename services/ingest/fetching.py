"""Fetching what a webhook only announced: TikTok comment ids, EU TikTok DMs.

A hydration row is the outbox of a fetch. The ingest worker calls the platform's API for each
pending one, stores the tip with its content and releases it to classify. A fetch that keeps
failing is given up after a bounded number of attempts: the tip is released without text, so it
goes to webcare review instead of waiting for ever — never lost.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Protocol

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from services.ingest.errors import MalformedPayload, UnsupportedPayload
from services.ingest.http import get_json
from services.ingest.normalized import NormalizedBatch
from services.ingest.platforms.tiktok import (
    TikTokApiError,
    parse_tiktok_comment_list,
    parse_tiktok_conversation_ids,
    parse_tiktok_dm_messages,
)
from services.ingest.service import ACTOR, IngestService
from shared import audit
from shared.contracts import Tip
from shared.errors import PermanentError, RetryableError
from shared.logging import get_logger
from shared.storage.db import transaction
from shared.storage.models import HydrationRow, TipRow

log = get_logger(__name__)


class ContentFetcher(Protocol):
    """Fetches the content of one hydration from its platform."""

    def fetch(self, kind: str, params: Mapping[str, str]) -> NormalizedBatch:
        """The tips the platform returns for this hydration."""


class TikTokFetcher:
    """TikTok API for Business: comment list and DM content list."""

    def __init__(self, client: httpx.Client, base_url: str, access_token: str) -> None:
        self._client = client
        self._base = base_url.rstrip("/")
        self._headers = {"Access-Token": access_token}

    def fetch(self, kind: str, params: Mapping[str, str]) -> NormalizedBatch:
        """Call the endpoint that holds this kind of content and parse its answer."""
        now = datetime.now(UTC)
        try:
            if kind == "tiktok_comment":
                query = {
                    "business_id": params["account"],
                    "video_id": params["video_id"],
                    "comment_ids": json.dumps([params["comment_id"]]),
                }
                url = f"{self._base}/business/comment/list/"
                body = get_json(self._client, url, params=query, headers=self._headers).body
                return parse_tiktok_comment_list(body, account=params["account"], ingested_at=now, raw_sha256=None)
            if kind == "tiktok_dm":
                query = {"business_id": params["account"], "conversation_id": params.get("conversation_id", "")}
                url = f"{self._base}/business/message/content/list/"
                body = get_json(self._client, url, params=query, headers=self._headers).body
                return parse_tiktok_dm_messages(
                    body,
                    account=params["account"],
                    conversation_id=params.get("conversation_id", ""),
                    ingested_at=now,
                    raw_sha256=None,
                )
            if kind == "tiktok_dm_sync":
                return self._sync_dms(params["account"], now)
        except (MalformedPayload, UnsupportedPayload) as exc:
            raise PermanentError(f"TikTok answered in an unexpected shape: {exc.reason}") from exc
        except TikTokApiError as exc:
            error = RetryableError if exc.retryable else PermanentError
            raise error(f"TikTok API code {exc.code}") from exc
        except KeyError as exc:
            raise PermanentError(f"hydration lacks parameter {exc}") from exc
        raise PermanentError(f"no TikTok fetch for kind '{kind}'")

    def _sync_dms(self, account: str, now: datetime) -> NormalizedBatch:
        """An EU DM notice names no message: read the account's conversations for new messages."""
        url = f"{self._base}/business/message/conversation/list/"
        listing = get_json(self._client, url, params={"business_id": account}, headers=self._headers).body
        tips: list[Tip] = []
        for conversation_id in parse_tiktok_conversation_ids(listing):
            query = {"business_id": account, "conversation_id": conversation_id}
            content = f"{self._base}/business/message/content/list/"
            body = get_json(self._client, content, params=query, headers=self._headers).body
            batch = parse_tiktok_dm_messages(
                body, account=account, conversation_id=conversation_id, ingested_at=now, raw_sha256=None
            )
            tips.extend(batch.tips)
        return NormalizedBatch(tips=tuple(tips))


class FetchService:
    """Runs pending fetches and stores what they return."""

    def __init__(self, ingest: IngestService, fetchers: Mapping[str, ContentFetcher], max_attempts: int = 5) -> None:
        self._ingest = ingest
        self._sessions = ingest.sessions
        self._fetchers = fetchers
        self._max_attempts = max_attempts

    def run(self, tip_ids: Sequence[str]) -> int:
        """Fetch each pending hydration; re-raise a retryable error after recording the attempt."""
        done, retry = 0, None
        for hydration in self._pending(tip_ids):
            try:
                batch = self._fetchers[hydration.platform].fetch(hydration.kind, hydration.params)
            except RetryableError as exc:
                if self._attempt_failed(hydration.tip_id, type(exc).__name__):
                    retry = exc
                continue
            except (PermanentError, KeyError) as exc:
                self._give_up(hydration.tip_id, type(exc).__name__)
                continue
            done += self._complete(hydration, batch)
        if retry is not None:
            raise retry
        return done

    def _pending(self, tip_ids: Sequence[str]) -> list[HydrationRow]:
        with self._sessions() as session:
            query = select(HydrationRow).where(HydrationRow.tip_id.in_(list(tip_ids)), HydrationRow.status == "pending")
            return list(session.execute(query).scalars())

    def _complete(self, hydration: HydrationRow, batch: NormalizedBatch) -> int:
        tip_id = hydration.tip_id
        if hydration.kind.endswith("_sync"):  # a notice without ids: whatever is new is the content
            result = self._ingest.store(NormalizedBatch(tips=batch.tips), raw=None)
            with transaction(self._sessions) as session:
                self._set_status(session, tip_id, "done", None)
            return len(result.new)
        fetched = [tip for tip in batch.tips if tip.tip_id == tip_id]
        if not fetched:
            self._give_up(tip_id, "not_found")
            return 0
        self._ingest.store_fetched(fetched[0])
        with transaction(self._sessions) as session:
            self._set_status(session, tip_id, "done", None)
        return 1

    def _attempt_failed(self, tip_id: str, error: str) -> bool:
        """Count a failed attempt; True while more attempts remain."""
        with transaction(self._sessions) as session:
            row = session.get(HydrationRow, tip_id, with_for_update=True)
            if row is None:
                return False
            row.attempts += 1
            row.last_error = error
            if row.attempts < self._max_attempts:
                return True
        self._give_up(tip_id, error)
        return False

    def _give_up(self, tip_id: str, error: str) -> None:
        log.warning("fetch_given_up", tip_id=tip_id, error_type=error)
        with transaction(self._sessions) as session:
            self._set_status(session, tip_id, "failed", error)
            tip = session.get(TipRow, tip_id, with_for_update=True)
            if tip is not None:
                tip.awaiting_fetch = False  # released without text: webcare reviews it
            details = {"error": error, "released_without_text": tip is not None}
            audit.append(session, [audit.NewAuditEvent(tip_id, "ingest", "fetch_failed", ACTOR, details)])

    @staticmethod
    def _set_status(session: Session, tip_id: str, status: str, error: str | None) -> None:
        row = session.get(HydrationRow, tip_id, with_for_update=True)
        if row is not None:
            row.status, row.last_error = status, error
