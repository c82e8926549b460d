"""Pollers for what has no webhook: X recent search (mentions of a police account).

The cursor (X's ``newest_id``) is saved only after every page it covers was stored, so a crash
re-fetches rather than skips; dedup on (platform, message id) absorbs the repeat. Rate limits
are honoured with the wait X asks for.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import httpx

from services.ingest.cursors import CursorStore
from services.ingest.http import RateLimitedError, get_json
from services.ingest.platforms.x import normalize_x
from services.ingest.service import IngestService, RawReceipt
from shared.contracts import Source
from shared.errors import RetryableError
from shared.logging import get_logger

log = get_logger(__name__)

TWEET_FIELDS = (
    "created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets,edit_history_tweet_ids,note_tweet"
)


class XSearchPoller:
    """Polls ``GET /2/tweets/search/recent`` for posts addressed to one police account."""

    def __init__(
        self,
        client: httpx.Client,
        cursors: CursorStore,
        ingest: IngestService,
        *,
        base_url: str,
        bearer_token: str,
        account_id: str,
        query: str,
    ) -> None:
        self._client = client
        self._cursors = cursors
        self._ingest = ingest
        self._url = f"{base_url.rstrip('/')}/2/tweets/search/recent"
        self._headers = {"Authorization": f"Bearer {bearer_token}"}
        self._account_id = account_id
        self._query = query

    @property
    def cursor_name(self) -> str:
        return f"x:search:{self._account_id}"

    def poll_once(self) -> int:
        """Fetch every page newer than the cursor, store it, then advance the cursor; return new tips."""
        params = {"query": self._query, "max_results": "100", "tweet.fields": TWEET_FIELDS}
        params |= {"expansions": "author_id", "user.fields": "username"}
        since = self._cursors.get(self.cursor_name)
        if since:
            params["since_id"] = since
        newest, new, token = None, 0, None
        while True:
            page = get_json(
                self._client,
                self._url,
                params={**params, **({"next_token": token} if token else {})},
                headers=self._headers,
            )
            meta_value = page.body.get("meta")
            meta: dict[str, object] = meta_value if isinstance(meta_value, dict) else {}
            newest = newest or (str(meta["newest_id"]) if meta.get("newest_id") else None)
            new += self._store(page.raw, page.body)
            token = str(meta["next_token"]) if meta.get("next_token") else None
            if not token:
                break
        if newest:
            self._cursors.save(self.cursor_name, str(newest))
        return new

    def _store(self, raw: bytes, body: dict[str, object]) -> int:
        now = datetime.now(UTC)
        receipt = RawReceipt("x", Source.POLL.value, raw, now)
        batch = normalize_x(
            body, raw_sha256=receipt.sha256, ingested_at=now, source=Source.POLL, account_id=self._account_id
        )
        return len(self._ingest.store(batch, receipt).new)

    def run(self, interval: float, stop: threading.Event) -> None:
        """Poll every ``interval`` seconds until ``stop``; back off as the platform asks."""
        failures = 0
        while not stop.is_set():
            try:
                new = self.poll_once()
                failures = 0
                log.info("poll_done", poller=self.cursor_name, new=new)
                wait = interval
            except RateLimitedError as exc:
                wait = exc.retry_after
                log.warning("poll_rate_limited", poller=self.cursor_name, wait_seconds=wait)
            except RetryableError as exc:
                failures += 1
                wait = min(interval * 2**failures, 900.0)
                log.warning("poll_failed", poller=self.cursor_name, error_type=type(exc).__name__, wait_seconds=wait)
            stop.wait(wait)
