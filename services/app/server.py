"""The HTTP server: ingest's webhooks, with the tip relay running beside them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy import text

from services.app.auditing import build_audit_router
from services.ingest.api import WebhookReceiver, build_forward_router, build_router
from services.ingest.relay import RelayThread
from services.ingest.tasks import build_ingest
from services.referral.api import build_desk_router
from services.referral.tasks import build_desk
from shared.runtime import Runtime


def create_app(runtime: Runtime, *, run_relay: bool = True) -> FastAPI:
    """The FastAPI application for ``runtime``; the relay thread lives as long as the app."""
    service, relay = build_ingest(runtime)
    relay_thread = RelayThread(relay, runtime.settings.relay_interval_seconds)
    receiver = WebhookReceiver(service, runtime.settings, relay_thread.notify)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if run_relay:
            relay_thread.start()
        yield
        relay_thread.stop()

    app = FastAPI(title="Tipline", version="0.1.0", lifespan=lifespan)
    app.include_router(build_router(receiver, runtime.settings))
    app.include_router(build_forward_router(service, runtime.settings, relay_thread.notify))
    desk = runtime.component("referral.desk", lambda: build_desk(runtime))
    app.include_router(build_desk_router(desk, lambda: runtime.settings.desk_tokens))
    app.include_router(build_audit_router(runtime))

    @app.get("/healthz", tags=["ops"])
    def healthz() -> dict[str, str]:
        """Liveness: the process answers."""
        return {"status": "ok"}

    @app.get("/readyz", tags=["ops"])
    def readyz() -> dict[str, str]:
        """Readiness: the database answers."""
        with runtime.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return {"status": "ready"}

    return app
