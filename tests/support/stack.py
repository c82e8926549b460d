"""Run the real services as separate processes on a private database schema and RabbitMQ vhost.

Used by the integration tests and by the benchmarks: each run gets its own PostgreSQL schema
and RabbitMQ virtual host, so nothing leaks between runs or into a developer's stack.
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
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from kombu import Connection, Queue
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from shared.storage.db import make_engine, make_session_factory, migrate

POSTGRES_ADMIN_URL = os.environ.get("TIPLINE_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BROKER_URL = os.environ.get("TIPLINE_TEST_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
META_SECRET = "integration-meta-secret"
VERIFY_TOKEN = "integration-verify-token"
REPO = Path(__file__).resolve().parents[2]


def postgres_schema_url(schema: str) -> str:
    """The test database URL with ``schema`` first on the search path."""
    separator = "&" if "?" in POSTGRES_ADMIN_URL else "?"
    return f"{POSTGRES_ADMIN_URL}{separator}options=-csearch_path%3D{schema}"


@contextmanager
def private_schema() -> Iterator[str]:
    """A migrated, empty PostgreSQL schema, dropped afterwards; yields its URL."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_ADMIN_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = postgres_schema_url(schema)
    engine = make_engine(url)
    migrate(engine)
    engine.dispose()
    try:
        yield url
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@contextmanager
def private_vhost() -> Iterator[str]:
    """A RabbitMQ virtual host, deleted afterwards; yields its broker URL."""
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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


class WaitTimeoutError(AssertionError):
    """A condition did not hold in time."""


def wait_for(condition: Callable[[], bool], *, timeout: float, what: str) -> None:
    """Poll ``condition`` until it holds; raise WaitTimeoutError after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise WaitTimeoutError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.05)


@dataclass
class Stack:
    """The processes of one test's pipeline and handles to look inside it."""

    database_url: str
    broker_url: str
    env: dict[str, str]
    engine: Engine
    sessions: sessionmaker[Session]
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    logs: dict[str, Path] = field(default_factory=dict)
    base_url: str = ""

    def start(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        """Start ``tipline <args>`` as a separate process named ``name``."""
        log = Path(tempfile.gettempdir()) / f"tipline-{name}-{uuid.uuid4().hex[:6]}.log"
        self.logs[name] = log
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
        port = free_port()
        self.base_url = f"http://127.0.0.1:{port}"
        self.start("server", "serve", "--port", str(port))
        wait_for(lambda: answers(self.base_url + "/readyz"), timeout=30, what="the webhook server")

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


def stack_env(database_url: str, broker_url: str, **extra: str) -> dict[str, str]:
    """The environment the services of a private stack run with."""
    return {
        **os.environ,
        "TIPLINE_DATABASE_URL": database_url,
        "TIPLINE_BROKER_URL": broker_url,
        "TIPLINE_ENVIRONMENT": "test",
        "TIPLINE_META_APP_SECRET": META_SECRET,
        "TIPLINE_META_VERIFY_TOKEN": VERIFY_TOKEN,
        "TIPLINE_LOG_FORMAT": "json",
        "TIPLINE_TASK_RETRY_BACKOFF_MAX": "2",
        **extra,
    }


@contextmanager
def running_stack(**extra_env: str) -> Iterator[Stack]:
    """A private stack; every process it started is stopped afterwards."""
    with private_schema() as database_url, private_vhost() as broker_url:
        engine = make_engine(database_url)
        stack = Stack(
            database_url,
            broker_url,
            stack_env(database_url, broker_url, **extra_env),
            engine,
            make_session_factory(engine),
        )
        try:
            yield stack
        finally:
            stack.stop_all()
            engine.dispose()
