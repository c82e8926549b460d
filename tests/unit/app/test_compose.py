"""compose.yaml stays valid: every service's command is one the command line knows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from services.app.cli import app

COMPOSE = Path(__file__).resolve().parents[3] / "compose.yaml"


def _compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())
    return data


def test_broker_and_database_have_healthchecks_the_stack_waits_for() -> None:
    services = _compose()["services"]
    assert "healthcheck" in services["postgres"]
    assert "healthcheck" in services["rabbitmq"]
    for name in ("server", "worker-ingest", "worker-classify", "worker-referral"):
        depends = services[name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["rabbitmq"]["condition"] == "service_healthy"
        assert depends["migrate"]["condition"] == "service_completed_successfully"


def test_one_image_runs_every_tipline_command() -> None:
    services = _compose()["services"]
    tipline = {name: spec for name, spec in services.items() if spec.get("image") == "tipline:latest"}
    assert set(tipline) == {"migrate", "server", "worker-ingest", "worker-classify", "worker-referral"}
    runner = CliRunner()
    for spec in tipline.values():
        result = runner.invoke(app, [*spec["command"], "--help"])
        assert result.exit_code == 0, (spec["command"], result.output)
        assert spec["environment"]["TIPLINE_DATABASE_URL"].startswith("postgresql://")
        assert spec["environment"]["TIPLINE_BROKER_URL"].startswith("amqp://")
