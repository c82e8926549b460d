"""The real services as separate processes, on the real PostgreSQL and RabbitMQ.

Each test gets its own database schema and its own RabbitMQ virtual host, so queues and rows
never leak between tests or into a developer's stack.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from kombu import Connection, Queue
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from shared.storage.db import make_engine, make_session_factory
from tests.conftest import BROKER_URL

pytestmark = pytest.mark.integration

META_SECRET = "integration-meta-secret"
VERIFY_TOKEN = "integration-verify-token"
REPO = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def vhost_url() -> Iterator[str]:
    """A RabbitMQ virtual host of its own for one test."""
    vhost = f"tipline-test-{uuid.uuid4().hex[:10]}"
    subprocess.run(["rabbitmqctl", "-q", "add_vhost", vhost], check=True, capture_output=True)
    subprocess.run(
        ["rabbitmqctl", "-q", "set_permissions", "-p", vhost, "guest", ".*", ".*", ".*"],
        check=True,
        capture_output=True,
    )
    try:
        yield BROKER_URL.rstrip("/") + "/" + vhost
    finally:
        subprocess.run(["rabbitmqctl", "-q", "delete_vhost", vhost], check=False, capture_output=True)


@dataclass
class Stack:
    """The processes of one test's pipeline and handles to look inside it."""

    database_url: str
    broker_url: str
    env: dict[str, str]
    engine: Engine
    sessions: sessionmaker[Session]
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    base_url: str = ""

    def start(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        """Start ``tipline <args>`` as a separate process named ``name``."""
        log = Path(tempfile.gettempdir()) / f"tipline-{name}-{uuid.uuid4().hex[:6]}.log"
        process = subprocess.Popen(
            [sys.executable, "-m", "services.app", *args],
            env=self.env,
            cwd=REPO,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        self.processes[name] = process
        return process

    def start_server(self) -> None:
        port = _free_port()
        self.base_url = f"http://127.0.0.1:{port}"
        self.start("server", "serve", "--port", str(port))
        wait_for(lambda: _answers(self.base_url + "/readyz"), timeout=30, what="the webhook server")

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        process = self.processes.pop(name)
        process.send_signal(sig)
        process.wait(timeout=30)

    def stop_all(self) -> None:
        for name in list(self.processes):
            self.kill(name, signal.SIGTERM)

    def count(self, model: Any, *where: Any) -> int:
        with self.sessions() as session:
            return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)

    def drain(self, queue: str) -> list[dict[str, Any]]:
        """Every message now on ``queue``, acknowledged."""
        messages: list[dict[str, Any]] = []
        with Connection(self.broker_url) as connection:
            bound = Queue(queue, no_declare=True)(connection.default_channel)
            while (message := bound.get(no_ack=True)) is not None:
                messages.append(message.decode())
        return messages


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


def wait_for(condition: Callable[[], bool], *, timeout: float, what: str) -> None:
    """Poll ``condition`` until it holds; fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.1)


@pytest.fixture
def stack(postgres_url: str, vhost_url: str) -> Iterator[Stack]:
    env = {
        **os.environ,
        "TIPLINE_DATABASE_URL": postgres_url,
        "TIPLINE_BROKER_URL": vhost_url,
        "TIPLINE_ENVIRONMENT": "test",
        "TIPLINE_META_APP_SECRET": META_SECRET,
        "TIPLINE_META_VERIFY_TOKEN": VERIFY_TOKEN,
        "TIPLINE_LOG_FORMAT": "json",
        "TIPLINE_TASK_RETRY_BACKOFF_MAX": "2",
    }
    engine = make_engine(postgres_url)
    running = Stack(postgres_url, vhost_url, env, engine, make_session_factory(engine))
    try:
        yield running
    finally:
        running.stop_all()
        engine.dispose()
