"""Imports reach desks too: `tipline ingest FILE`, and tips handed to the ingest worker as a task."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import pytest

from services.ingest.importer import parse_import_line
from shared.celery_app import make_celery
from shared.contracts import TipBatch
from shared.settings import Settings
from shared.storage.models import ReferralRow, TipRow
from shared.topology import IMPORT_TIPS_TASK
from tests.support.stack import REPO, Stack, wait_for

pytestmark = pytest.mark.integration

SAMPLES = resources.files("services.app.demo_data").joinpath("import_tips.jsonl")


def _settled(stack: Stack, tips: int) -> bool:
    return (
        stack.count(TipRow, TipRow.outcome.is_not(None)) == tips
        and stack.count(ReferralRow, ReferralRow.published_at.is_(None)) == 0
    )


def test_tipline_ingest_imports_a_file_and_the_workers_refer_it(stack: Stack, tmp_path: Path) -> None:
    stack.start("classify", "worker", "classify")
    stack.start("referral", "worker", "referral")
    path = tmp_path / "export.jsonl"
    lines = SAMPLES.read_text().splitlines()
    path.write_text("\n".join([*lines, "{broken", '{"id": "no-text"}']) + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "services.app", "ingest", str(path)],
        check=False,
        env=stack.env,
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1  # two lines were rejected, and said so
    assert "line 9" in result.stderr
    assert "line 10" in result.stderr
    wait_for(lambda: _settled(stack, len(lines)), timeout=60, what="the imported tips to be decided")
    assert stack.count(ReferralRow) > 0


def test_the_ingest_worker_stores_and_forwards_a_batch_handed_in_as_a_task(stack: Stack) -> None:
    for service in ("ingest", "classify", "referral"):
        stack.start(service, "worker", service)
    now = datetime.now(UTC)
    tips = tuple(
        parse_import_line(line, line_no=n, ingested_at=now)
        for n, line in enumerate(SAMPLES.read_text().splitlines(), 1)
    )
    app = make_celery(Settings(broker_url=stack.broker_url))
    payload = json.loads(TipBatch(tips=tips).model_dump_json())
    app.send_task(IMPORT_TIPS_TASK, kwargs={"payload": payload})
    app.send_task(IMPORT_TIPS_TASK, kwargs={"payload": payload})  # a duplicate hand-in
    wait_for(lambda: _settled(stack, len(tips)), timeout=60, what="the handed-in tips to be decided")
    assert stack.count(TipRow) == len(tips)
