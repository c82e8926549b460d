"""The embedded demo runs the whole pipeline, and no log line carries personal data."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from services.app.demo import run_demo
from shared.runtime import build_runtime, install_runtime
from shared.settings import Settings


def _personal_data() -> list[str]:
    """Texts and author ids of the bundled samples: none may appear in a log line."""
    data = resources.files("services.app.demo_data")
    webhook = json.loads(data.joinpath("facebook_webhook.json").read_text())
    values: list[str] = []
    for entry in webhook["entry"]:
        for change in entry.get("changes", []):
            values += [change["value"]["message"], change["value"]["from"]["id"], change["value"]["from"]["name"]]
        for item in entry.get("messaging", []):
            values.append(item["sender"]["id"])
            values.append(item.get("message", {}).get("text", ""))
    for line in data.joinpath("import_tips.jsonl").read_text().splitlines():
        values.append(json.loads(line)["text"])
    fragments = [value[:40] for value in values if value and value != entry["id"]]
    return [fragment for fragment in fragments if len(fragment) >= 8]


@pytest.fixture
def demo_report(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> tuple[object, str]:
    settings = Settings(database_url=f"sqlite:///{tmp_path}/demo.db", log_level="DEBUG")
    runtime = build_runtime(settings)
    install_runtime(runtime)
    try:
        report = run_demo(runtime)
    finally:
        install_runtime(None)
        runtime.close()
    captured = capfd.readouterr()
    return report, captured.out + captured.err


def test_the_demo_refers_every_tip_and_verifies_the_chain(demo_report: tuple[object, str]) -> None:
    report, _ = demo_report
    assert report.stored_tips == 13  # type: ignore[attr-defined]
    tickets = report.tickets  # type: ignore[attr-defined]
    assert len(tickets["tipline.emergency"]) >= 1
    assert all(t["emergency"] for t in tickets["tipline.emergency"])
    assert report.verify.ok  # type: ignore[attr-defined]
    assert {reason for _, reason in report.ignored} == {"own_page_reply", "own_page_echo", "delivery_receipt"}  # type: ignore[attr-defined]
    assert len(report.rejected) == 2  # type: ignore[attr-defined]
    actions = [event.action for event in report.trace]  # type: ignore[attr-defined]
    assert actions[:2] == ["received", "classified"]
    assert "published" in actions


def test_no_log_line_carries_a_message_text_or_an_author_id(demo_report: tuple[object, str]) -> None:
    _, logs = demo_report
    assert "tips_classified" in logs  # the capture did see the pipeline's log lines
    leaked = [fragment for fragment in _personal_data() if fragment in logs]
    assert leaked == []
