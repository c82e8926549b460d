"""Celery tasks of the classify service: validate the payload, call one plain function."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from services.classify.classifier import default_classifier
from services.classify.service import ClassifyService
from shared.celery_app import TiplineTask
from shared.contracts import TipBatch
from shared.messaging import CeleryPublisher
from shared.runtime import current_runtime
from shared.topology import CLASSIFY_TIPS_TASK


def _service() -> ClassifyService:
    runtime = current_runtime()
    return runtime.component(
        "classify.service",
        lambda: ClassifyService(runtime.sessions, default_classifier(), CeleryPublisher(runtime.celery)),
    )


@shared_task(base=TiplineTask, bind=True, name=CLASSIFY_TIPS_TASK)
def classify_tips(self: TiplineTask, payload: dict[str, Any]) -> None:
    """Classify a batch of tips and hand them to referral."""
    self.handle(payload, lambda body: _service().handle(TipBatch.model_validate(body)))
