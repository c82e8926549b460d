"""Running one service's Celery worker against the real broker."""

from __future__ import annotations

import importlib

from shared.celery_app import declare_stage_queues
from shared.runtime import Runtime
from shared.topology import SERVICE_QUEUES

TASK_MODULES = {
    "ingest": "services.ingest.tasks",
    "classify": "services.classify.tasks",
    "referral": "services.referral.tasks",
}


def load_tasks(service: str) -> None:
    """Register ``service``'s tasks with the current Celery app."""
    importlib.import_module(TASK_MODULES[service])


def worker_argv(service: str, concurrency: int, pool: str, beat: bool = False) -> list[str]:
    """The Celery worker command line for one service's queue (``beat``: also run the schedule)."""
    return [
        "worker",
        "--queues",
        SERVICE_QUEUES[service],
        "--hostname",
        f"{service}@%h",
        "--pool",
        pool,
        "--concurrency",
        str(concurrency),
        "--loglevel",
        "INFO",
        "--without-gossip",
        "--without-mingle",
        *(["--beat", "--schedule", "/tmp/tipline-beat-schedule"] if beat else []),  # noqa: S108 - beat's state file
    ]


def run_worker(runtime: Runtime, service: str, concurrency: int = 1, pool: str = "solo", beat: bool = False) -> None:
    """Consume ``service``'s queue until stopped."""
    if runtime.settings.uses_embedded_broker:
        raise SystemExit(
            "a worker needs a real broker: set TIPLINE_BROKER_URL (for example amqp://guest:guest@127.0.0.1//)"
        )
    load_tasks(service)
    declare_stage_queues(runtime.celery, runtime.settings.queue_delivery_limit)
    runtime.celery.worker_main(worker_argv(service, concurrency, pool, beat))
