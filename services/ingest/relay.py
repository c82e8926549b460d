"""The outbox relay: hands stored tips to classify, in batches.

Tips are committed with ``forwarded_at`` empty. The relay takes the oldest pending tips (rows
locked with SKIP LOCKED, so several relays can share the work), publishes them as one classify
message with a publisher confirm, then marks them forwarded in the same transaction. A crash
between publish and commit means the batch is published again; classify is idempotent.
Batching here is what lets the pipeline keep up: one message and one transaction per batch,
not per tip.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from shared.contracts import Tip, TipBatch, WithdrawnTips
from shared.logging import get_logger
from shared.messaging import Publisher
from shared.storage.db import transaction
from shared.storage.models import HydrationRow, TipRow
from shared.topology import CLASSIFY_TIPS_TASK, FETCH_CONTENT_TASK, WITHDRAW_TIPS_TASK

log = get_logger(__name__)


class TipRelay:
    """Publishes pending tips to classify."""

    def __init__(self, sessions: sessionmaker[Session], publisher: Publisher, batch_size: int = 200) -> None:
        self._sessions = sessions
        self._publisher = publisher
        self._batch_size = batch_size

    def forward_pending(self) -> int:
        """Forward one batch of pending tips; return how many were forwarded.

        Live tips go to classify; tombstones of tips that were already forwarded go to referral,
        which withdraws their evidence from any ticket.
        """
        with transaction(self._sessions) as session:
            rows = list(
                session.execute(
                    select(TipRow)
                    .where(TipRow.forwarded_at.is_(None), TipRow.awaiting_fetch.is_(False))
                    .order_by(TipRow.ingested_at)
                    .limit(self._batch_size)
                    .with_for_update(skip_locked=True)
                ).scalars()
            )
            if not rows:
                return 0
            live = [Tip.model_validate(row.data) for row in rows if not row.deleted]
            withdrawn = [row.tip_id for row in rows if row.deleted]
            if live:
                self._publisher.send_task(CLASSIFY_TIPS_TASK, TipBatch(tips=tuple(live)).model_dump(mode="json"))
            if withdrawn:
                self._publisher.send_task(WITHDRAW_TIPS_TASK, WithdrawnTips(tip_ids=tuple(withdrawn)).model_dump())
            now = datetime.now(UTC)
            for row in rows:
                row.forwarded_at = now
        log.info("tips_forwarded", count=len(live), withdrawn=len(withdrawn))
        return len(rows)

    def forward_fetches(self) -> int:
        """Ask the ingest worker to fetch the content of pending hydrations; return how many."""
        with transaction(self._sessions) as session:
            rows = list(
                session.execute(
                    select(HydrationRow)
                    .where(HydrationRow.forwarded_at.is_(None))
                    .limit(self._batch_size)
                    .with_for_update(skip_locked=True)
                ).scalars()
            )
            if not rows:
                return 0
            self._publisher.send_task(FETCH_CONTENT_TASK, {"tip_ids": [row.tip_id for row in rows]})
            now = datetime.now(UTC)
            for row in rows:
                row.forwarded_at = now
        return len(rows)

    def forward_all(self) -> int:
        """Forward tips and fetches until nothing is pending; return the tips forwarded."""
        while self.forward_fetches():
            pass
        total = 0
        while forwarded := self.forward_pending():
            total += forwarded
        return total


class RelayThread(threading.Thread):
    """Runs the relay in the background: woken after each commit, and on a short timer."""

    def __init__(self, relay: TipRelay, interval: float) -> None:
        super().__init__(name="tip-relay", daemon=True)
        self._relay = relay
        self._interval = interval
        self._wake = threading.Event()
        self._stop = threading.Event()

    def notify(self) -> None:
        """New tips were committed."""
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    def run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self._interval)
            self._wake.clear()
            try:
                self._relay.forward_all()
            except Exception as exc:  # the relay must outlive a broker or database outage
                log.warning("relay_failed", error_type=type(exc).__name__)
                self._stop.wait(1.0)
