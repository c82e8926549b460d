"""Celery tasks of the ingest service: validate the payload, call one plain function."""

from __future__ import annotations

from typing import Any

import httpx
from celery import shared_task

from services.ingest.fetching import FetchService, TikTokFetcher
from services.ingest.normalized import NormalizedBatch
from services.ingest.relay import TipRelay
from services.ingest.service import IngestService
from shared.celery_app import TiplineTask
from shared.contracts import TipBatch
from shared.messaging import CeleryPublisher
from shared.runtime import Runtime, current_runtime
from shared.topology import FETCH_CONTENT_TASK, IMPORT_TIPS_TASK


def build_ingest(runtime: Runtime) -> tuple[IngestService, TipRelay]:
    """Ingest's store and relay, wired from a runtime."""
    settings = runtime.settings
    service = IngestService(runtime.sessions, settings.raw_payload_policy)
    relay = TipRelay(runtime.sessions, CeleryPublisher(runtime.celery), settings.relay_batch_size)
    return service, relay


def import_batch(service: IngestService, relay: TipRelay, batch: TipBatch) -> int:
    """Store already-normalised tips (imports, forwards) and hand the new ones on."""
    result = service.store(NormalizedBatch(tips=batch.tips), raw=None)
    relay.forward_all()
    return len(result.new)


def build_fetcher(runtime: Runtime) -> FetchService:
    """The content fetcher with a real HTTP client per platform."""
    settings = runtime.settings
    service, _ = build_ingest(runtime)
    client = httpx.Client(timeout=httpx.Timeout(10.0, connect=5.0))
    tiktok = TikTokFetcher(client, settings.tiktok_api_base, settings.secret("tiktok_access_token") or "")
    return FetchService(service, {"tiktok": tiktok}, max_attempts=settings.task_max_retries + 1)


@shared_task(base=TiplineTask, bind=True, name=FETCH_CONTENT_TASK)
def fetch_content(self: TiplineTask, payload: dict[str, Any]) -> None:
    """Fetch the content of announced tips, then hand them on."""
    runtime = current_runtime()
    fetcher = runtime.component("ingest.fetcher", lambda: build_fetcher(runtime))
    _, relay = runtime.component("ingest", lambda: build_ingest(runtime))

    def run(body: dict[str, Any]) -> None:
        fetcher.run([str(tip_id) for tip_id in body["tip_ids"]])
        relay.forward_all()

    self.handle(payload, run)


@shared_task(base=TiplineTask, bind=True, name=IMPORT_TIPS_TASK)
def import_tips(self: TiplineTask, payload: dict[str, Any]) -> None:
    """Store a batch of tips handed in by an import or a forward."""
    runtime = current_runtime()
    service, relay = runtime.component("ingest", lambda: build_ingest(runtime))
    self.handle(payload, lambda body: import_batch(service, relay, TipBatch.model_validate(body)))
