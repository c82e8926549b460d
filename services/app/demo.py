"""``tipline demo``: the whole pipeline on bundled sample messages, with no servers needed.

It runs the production code paths: the webhook endpoint (signature, store, relay), the Celery
tasks of classify and referral in an in-process worker, the same queue names on kombu's
in-memory transport, and SQLite. With ``TIPLINE_BROKER_URL`` and ``TIPLINE_DATABASE_URL`` set it
runs against RabbitMQ and PostgreSQL instead.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from celery.contrib.testing.worker import start_worker
from kombu import Queue
from sqlalchemy import func, select

from services.app.server import create_app
from services.app.worker import TASK_MODULES, load_tasks
from services.ingest.importer import parse_import_line
from services.ingest.normalized import NormalizedBatch
from services.ingest.signatures import sign_meta
from services.ingest.tasks import build_ingest
from services.referral.registry import load_registry
from shared import audit
from shared.contracts import AuditEvent
from shared.messaging import CeleryPublisher
from shared.runtime import Runtime
from shared.storage.db import migrate
from shared.storage.models import AuditEventRow, ReferralRow, TipRow
from shared.topology import SERVICE_QUEUES

with warnings.catch_warnings():
    # Starlette's test client drives the ASGI app in-process; its httpx deprecation notice is noise here.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

DEMO_PACKAGE = "services.app.demo_data"
EMERGENCY_DEMO_MESSAGE = "m_demo_dm_1"


@dataclass
class DemoReport:
    """What the demo saw come out of the pipeline."""

    tickets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    not_reportable: list[tuple[str, str]] = field(default_factory=list)
    ignored: list[tuple[str, str]] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    http: list[tuple[str, int, str]] = field(default_factory=list)
    trace_subject: str = ""
    trace: list[AuditEvent] = field(default_factory=list)
    verify: audit.VerifyReport | None = None
    stored_tips: int = 0


def _demo_bytes(name: str) -> bytes:
    return resources.files(DEMO_PACKAGE).joinpath(name).read_bytes()


def declare_desk_queues(runtime: Runtime) -> list[str]:
    """Declare every team, emergency and review queue, as the referral worker does at start."""
    registry = load_registry(runtime.settings.registry_path)
    publisher = CeleryPublisher(runtime.celery, runtime.settings.queue_delivery_limit)
    return publisher.declare_desk_queues(registry.all_team_routing_keys())


@contextmanager
def in_process_workers(runtime: Runtime) -> Iterator[None]:
    """One Celery worker thread consuming every stage queue of the pipeline."""
    for service in TASK_MODULES:
        load_tasks(service)
    with start_worker(
        runtime.celery,
        pool="solo",
        perform_ping_check=False,
        queues=list(SERVICE_QUEUES.values()),
        loglevel="WARNING",
    ):
        yield


def _post_webhooks(client: TestClient, runtime: Runtime, report: DemoReport) -> None:
    body = _demo_bytes("facebook_webhook.json")
    secret = runtime.settings.meta_app_secret
    deliveries = [
        ("signed delivery", body, sign_meta(body, secret)),
        ("same delivery again (platform retry)", body, sign_meta(body, secret)),
        ("forged signature", body, "sha256=" + "0" * 64),
        ("malformed JSON", b'{"object": "page", "entry": [', sign_meta(b'{"object": "page", "entry": [', secret)),
    ]
    for label, payload, signature in deliveries:
        response = client.post(
            "/webhooks/facebook",
            content=payload,
            headers={"X-Hub-Signature-256": signature, "Content-Type": "application/json"},
        )
        report.http.append((label, response.status_code, response.text))


def _import_file(runtime: Runtime) -> None:
    service, relay = build_ingest(runtime)
    now = datetime.now(UTC)
    lines = _demo_bytes("import_tips.jsonl").decode().splitlines()
    tips = tuple(parse_import_line(line, line_no=n, ingested_at=now) for n, line in enumerate(lines, 1))
    service.store(NormalizedBatch(tips=tips), raw=None)
    relay.forward_all()


def wait_until_settled(runtime: Runtime, timeout: float = 60.0) -> int:
    """Wait until every live tip has an outcome and every ticket is published; return tips."""
    deadline = time.monotonic() + timeout
    while True:
        with runtime.sessions() as session:
            live = session.scalar(select(func.count()).select_from(TipRow).where(TipRow.deleted.is_(False))) or 0
            open_tips = session.scalar(
                select(func.count()).select_from(TipRow).where(TipRow.deleted.is_(False), TipRow.outcome.is_(None))
            )
            unpublished = session.scalar(
                select(func.count()).select_from(ReferralRow).where(ReferralRow.published_at.is_(None))
            )
        if live and not open_tips and not unpublished:
            return int(live)
        if time.monotonic() > deadline:
            raise TimeoutError(f"{open_tips} of {live} tips still without an outcome after {timeout:.0f}s")
        time.sleep(0.05)


def drain_desk_queues(runtime: Runtime, queue_names: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Take every ticket off the desk queues, as a desk's system would."""
    tickets: dict[str, list[dict[str, Any]]] = {}
    with runtime.celery.connection_for_read() as connection:
        for name in queue_names:
            bound = Queue(name, no_declare=True)(connection.default_channel)
            while (message := bound.get(no_ack=True)) is not None:
                tickets.setdefault(name, []).append(message.decode())
    return tickets


def _collect_outcomes(runtime: Runtime, report: DemoReport) -> None:
    with runtime.sessions() as session:
        for row in session.execute(select(AuditEventRow).order_by(AuditEventRow.seq)).scalars():
            if row.action == "not_reportable":
                report.not_reportable.append((row.subject, str(row.details.get("reason", ""))))
            elif row.action == "ignored":
                report.ignored.append((row.subject, str(row.details.get("reason", ""))))
            elif row.action == "rejected":
                report.rejected.append((row.subject[:24] + "…", str(row.details.get("reason", ""))))
        emergency_tip = session.execute(
            select(TipRow.tip_id).where(TipRow.platform_message_id == EMERGENCY_DEMO_MESSAGE)
        ).scalar_one()
        report.trace_subject = emergency_tip
        report.trace = audit.trace(session, emergency_tip)
        report.verify = audit.verify(session)


def run_demo(runtime: Runtime) -> DemoReport:
    """Push the bundled samples through the pipeline and report what came out."""
    migrate(runtime.engine)
    report = DemoReport()
    queue_names = declare_desk_queues(runtime)
    with in_process_workers(runtime), TestClient(create_app(runtime)) as client:
        handshake = client.get(
            "/webhooks/facebook",
            params={
                "hub.mode": "subscribe",
                "hub.verify_token": runtime.settings.meta_verify_token,
                "hub.challenge": "1158201444",
            },
        )
        report.http.append(("subscription handshake", handshake.status_code, handshake.text))
        _post_webhooks(client, runtime, report)
        _import_file(runtime)
        report.stored_tips = wait_until_settled(runtime)
    report.tickets = drain_desk_queues(runtime, queue_names)
    _collect_outcomes(runtime, report)
    return report
