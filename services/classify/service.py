"""Classify's unit of work: classify a batch of tips once, then hand them to referral.

Idempotent by construction: a tip that already has a classification is not classified again,
and the batch is handed on whole, so a redelivered message after a crash between commit and
publish still reaches referral (which is idempotent too).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from services.classify.classifier import Classifier
from shared import audit
from shared.contracts import Classification, ClassifiedBatch, ClassifiedTip, Tip, TipBatch
from shared.logging import get_logger
from shared.messaging import Publisher
from shared.storage.db import insert_ignoring_duplicates, transaction
from shared.storage.models import ClassificationRow
from shared.topology import ROUTE_TIPS_TASK

ACTOR = "classify"
log = get_logger(__name__)


def _classified_event(result: Classification) -> audit.NewAuditEvent:
    details = {
        "reportable": result.reportable,
        "reportable_score": result.reportable_score,
        "categories": result.category_names,
        "urgency": result.urgency.value if result.urgency else None,
        "municipality_code": result.place.municipality_code if result.place else None,
        "plates": len(result.plates),
        "language": result.language,
        "model_version": result.model_version,
        "rules_version": result.rules_version,
    }
    return audit.NewAuditEvent(result.tip_id, "classify", "classified", ACTOR, details)


class ClassifyService:
    """Classifies stored tips and forwards them to referral."""

    def __init__(self, sessions: sessionmaker[Session], classifier: Classifier, publisher: Publisher) -> None:
        self._sessions = sessions
        self._classifier = classifier
        self._publisher = publisher

    def classify(self, tip: Tip) -> Classification:
        """The classifier's decision on one tip (a tip without text is not reportable on its own)."""
        return self._classifier.classify(tip.tip_id, tip.text or "", tip.received_on)

    def handle(self, batch: TipBatch) -> ClassifiedBatch:
        """Classify the batch's new tips in one transaction, then publish the whole batch on."""
        results = self._store(batch)
        items = tuple(ClassifiedTip(tip=tip, classification=results[tip.tip_id]) for tip in batch.tips)
        classified = ClassifiedBatch(items=items)
        self._publisher.send_task(ROUTE_TIPS_TASK, classified.model_dump(mode="json"))
        log.info("tips_classified", count=len(items))
        return classified

    def _store(self, batch: TipBatch) -> dict[str, Classification]:
        tip_ids = [tip.tip_id for tip in batch.tips]
        with transaction(self._sessions) as session:
            existing = {
                row.tip_id: Classification.model_validate(row.data)
                for row in session.execute(
                    select(ClassificationRow).where(ClassificationRow.tip_id.in_(tip_ids))
                ).scalars()
            }
            fresh = {tip.tip_id: self.classify(tip) for tip in batch.tips if tip.tip_id not in existing}
            now = datetime.now(UTC)
            rows = [
                {
                    "tip_id": tip_id,
                    "reportable": result.reportable,
                    "model_version": result.model_version,
                    "classified_at": now,
                    "data": result.model_dump(mode="json"),
                }
                for tip_id, result in fresh.items()
            ]
            inserted = insert_ignoring_duplicates(
                session, ClassificationRow, rows, ["tip_id"], ClassificationRow.tip_id
            )
            audit.append(session, [_classified_event(fresh[tip_id]) for tip_id in tip_ids if tip_id in inserted])
        return {**fresh, **existing}
