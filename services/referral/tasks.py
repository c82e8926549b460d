"""Celery tasks of the referral service: validate the payload, call one plain function."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from celery.signals import worker_ready

from services.referral.desk import DeskService, lead_routing_key
from services.referral.registry import load_registry
from services.referral.service import ReferralService, RoutingPolicy
from shared.celery_app import TiplineTask
from shared.checkpoints import append_checkpoint, signing_key
from shared.contracts import ClassifiedBatch, WithdrawnTips
from shared.messaging import CeleryPublisher
from shared.runtime import Runtime, current_runtime
from shared.topology import AUDIT_CHECKPOINT_TASK, ESCALATE_OVERDUE_TASK, ROUTE_TIPS_TASK, WITHDRAW_TIPS_TASK


def build_service(runtime: Runtime) -> ReferralService:
    """The referral service wired from a runtime's settings."""
    settings = runtime.settings
    policy = RoutingPolicy(settings.review_threshold_low, settings.review_threshold_high, settings.pseudonym_key)
    registry = load_registry(settings.registry_path)
    publisher = CeleryPublisher(runtime.celery, settings.queue_delivery_limit)
    leads = [lead_routing_key(unit_code) for unit_code in registry.reference.units()]
    publisher.declare_desk_queues([*registry.all_team_routing_keys(), *leads])
    return ReferralService(runtime.sessions, registry, publisher, policy)


def build_desk(runtime: Runtime) -> DeskService:
    """The desks' service, sharing the referral service's registry and publisher."""
    referrals = runtime.component("referral.service", lambda: build_service(runtime))
    return DeskService(runtime.sessions, referrals.registry, referrals.publisher, referrals)


def _service() -> ReferralService:
    runtime = current_runtime()
    return runtime.component("referral.service", lambda: build_service(runtime))


@shared_task(base=TiplineTask, bind=True, name=WITHDRAW_TIPS_TASK)
def withdraw_tips(self: TiplineTask, payload: dict[str, Any]) -> None:
    """Withdraw deleted messages from their tickets."""
    self.handle(payload, lambda body: _service().withdraw(WithdrawnTips.model_validate(body)))


@shared_task(base=TiplineTask, bind=True, name=ESCALATE_OVERDUE_TASK)
def escalate_overdue(self: TiplineTask, payload: dict[str, Any] | None = None) -> None:
    """Escalate overdue tickets to their unit lead (scheduled)."""
    runtime = current_runtime()
    desk = runtime.component("referral.desk", lambda: build_desk(runtime))
    self.handle(payload or {}, lambda _: desk.escalate_overdue())


@shared_task(base=TiplineTask, bind=True, name=AUDIT_CHECKPOINT_TASK)
def audit_checkpoint(self: TiplineTask, payload: dict[str, Any] | None = None) -> None:
    """Append a signed checkpoint of the audit chain to the configured file (scheduled)."""
    runtime = current_runtime()
    path = runtime.settings.audit_checkpoint_file
    if path is None:
        return

    def write(_: object) -> None:
        with runtime.sessions() as session:
            append_checkpoint(session, signing_key(runtime.settings.audit_signing_key), path)

    self.handle(payload or {}, write)


@worker_ready.connect
def _prepare_at_start(**_: object) -> None:
    # Builds the service (declaring every desk queue) as soon as a worker is up, and publishes
    # any ticket a previous worker committed but could not publish.
    _service().publish_pending()


@shared_task(base=TiplineTask, bind=True, name=ROUTE_TIPS_TASK)
def route_tips(self: TiplineTask, payload: dict[str, Any]) -> None:
    """Route a batch of classified tips and publish their tickets."""
    self.handle(payload, lambda body: _service().handle(ClassifiedBatch.model_validate(body)))
