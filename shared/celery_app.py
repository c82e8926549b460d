"""The Celery application and the project's task base class.

Reliability settings live here, once: late acks, reject on worker loss, publisher confirms,
persistent messages, quorum queues with a delivery limit, bounded retries with exponential
backoff, and then dead-lettering with the reason.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import structlog
from celery import Celery, Task
from celery.exceptions import MaxRetriesExceededError
from pydantic import ValidationError

from shared.errors import PermanentError, is_retryable
from shared.logging import get_logger
from shared.settings import Settings
from shared.topology import (
    AUDIT_CHECKPOINT_TASK,
    DEAD_LETTER_EXCHANGE,
    ESCALATE_OVERDUE_TASK,
    TASK_EXCHANGE,
    TASK_QUEUES,
    dead_letter_queue,
    stage_queues,
)

log = get_logger(__name__)


def make_celery(settings: Settings) -> Celery:
    """A Celery app wired to the topology and the reliability policy."""
    app = Celery("tipline", broker=settings.broker_url, set_as_current=True)
    app.conf.update(
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,
        result_backend=None,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        # A task that fails outside our dead-letter path is rejected, so the broker
        # dead-letters it rather than acking it away.
        task_acks_on_failure_or_timeout=False,
        task_default_delivery_mode="persistent",
        task_queues=stage_queues(settings.queue_delivery_limit),
        task_default_exchange=TASK_EXCHANGE.name,
        task_default_queue=next(iter(TASK_QUEUES.values())),
        task_create_missing_queues=False,
        task_routes={
            name: {"queue": queue, "exchange": TASK_EXCHANGE.name, "routing_key": queue}
            for name, queue in TASK_QUEUES.items()
        },
        broker_transport_options={"confirm_publish": True},
        broker_connection_retry_on_startup=True,
        worker_prefetch_multiplier=4,
        worker_hijack_root_logger=False,
        worker_redirect_stdouts=False,  # structlog writes its own lines; no re-wrapping as warnings
        worker_send_task_events=False,
        task_max_retries=settings.task_max_retries,
        # Run by `tipline worker referral --beat` (or a separate `celery beat`): one scheduler.
        beat_schedule={
            "escalate-overdue-tickets": {
                "task": ESCALATE_OVERDUE_TASK,
                "schedule": settings.escalation_interval_seconds,
            },
            "sign-audit-checkpoint": {
                "task": AUDIT_CHECKPOINT_TASK,
                "schedule": settings.audit_checkpoint_interval_seconds,
            },
        },
    )
    app.conf.tipline_settings = settings
    return app


def declare_stage_queues(app: Celery, delivery_limit: int) -> None:
    """Declare every stage queue, so a task published before its worker first ran is kept."""
    with app.connection_for_write() as connection:
        for queue in stage_queues(delivery_limit):
            queue(connection.default_channel).declare()


def dead_letter(app: Celery, task_name: str, payload: Any, reason: str, error_type: str, retries: int) -> None:
    """Publish a message that cannot be handled to the dead-letter queue, with its reason."""
    body = {
        "task": task_name,
        "payload": payload,
        "reason": reason,
        "error_type": error_type,
        "retries": retries,
        "failed_at": datetime.now(UTC).isoformat(),
    }
    with app.producer_or_acquire() as producer:
        producer.publish(
            body,
            exchange=DEAD_LETTER_EXCHANGE,
            routing_key=task_name,
            serializer="json",
            delivery_mode="persistent",
            headers={"x-tipline-reason": reason[:500], "x-tipline-task": task_name},
            declare=[DEAD_LETTER_EXCHANGE, dead_letter_queue()],
            retry=True,
        )


def backoff_seconds(retries: int, maximum: int) -> int:
    """Exponential backoff: 1, 2, 4, … seconds, capped."""
    return int(min(maximum, 2**retries))


class TiplineTask(Task):  # type: ignore[type-arg]
    """Base of every Tipline task: log context, timing, retries, dead-lettering.

    A task body only validates its payload and calls one plain function through
    :meth:`handle`; everything cross-cutting happens here.
    """

    abstract = True
    acks_late = True
    reject_on_worker_lost = True

    def handle(self, payload: Any, handler: Callable[[Any], Any]) -> None:
        """Run ``handler(payload)``: retry what may pass, dead-letter what never will."""
        settings: Settings = self.app.conf.tipline_settings
        structlog.contextvars.bind_contextvars(task_id=self.request.id, task=self.name)
        started = time.perf_counter()
        try:
            handler(payload)
        except (PermanentError, ValidationError) as exc:
            self._dead_letter(payload, exc)
        except Exception as exc:
            if not is_retryable(exc):
                self._dead_letter(payload, exc)
                return
            self._retry_or_dead_letter(payload, exc, settings)
        else:
            log.info("task_done", duration_ms=round((time.perf_counter() - started) * 1000, 2))
        finally:
            structlog.contextvars.unbind_contextvars("task_id", "task")

    def _retry_or_dead_letter(self, payload: Any, exc: Exception, settings: Settings) -> None:
        retries = int(self.request.retries or 0)
        if retries >= settings.task_max_retries:
            self._dead_letter(payload, exc)
            return
        log.warning("task_retry", retries=retries, error_type=type(exc).__name__)
        try:
            raise self.retry(
                countdown=backoff_seconds(retries, settings.task_retry_backoff_max),
                max_retries=settings.task_max_retries,
            )
        except MaxRetriesExceededError:
            self._dead_letter(payload, exc)

    def _dead_letter(self, payload: Any, exc: Exception) -> None:
        reason = f"{type(exc).__name__}: {_safe_reason(exc)}"
        log.error("task_dead_lettered", error_type=type(exc).__name__, retries=self.request.retries)
        dead_letter(self.app, self.name, payload, reason, type(exc).__name__, int(self.request.retries or 0))


def _safe_reason(exc: Exception) -> str:
    # Validation errors echo input values, which may be message text: keep only locations and types.
    if isinstance(exc, ValidationError):
        return "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['type']}" for e in exc.errors()[:10])
    return str(exc)[:500]
