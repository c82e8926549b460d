"""The process's wiring: settings, database sessions and the Celery app, built once, lazily.

Workers and the webhook server call :func:`current_runtime`; the demo and the tests install
their own with :func:`install_runtime`. Services keep their own collaborators (a classifier,
a registry) in :meth:`Runtime.component`, so they are built once per runtime.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from celery import Celery
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from shared.celery_app import make_celery
from shared.logging import configure_logging
from shared.settings import Settings, get_settings
from shared.storage.db import make_engine, make_session_factory

T = TypeVar("T")


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    celery: Celery
    _components: dict[str, Any] = field(default_factory=dict)
    # Re-entrant: a component's factory may ask for another component.
    _lock: threading.RLock = field(default_factory=threading.RLock)

    def component(self, name: str, factory: Callable[[], T]) -> T:
        """The runtime's single instance of ``name``, built by ``factory`` on first use."""
        with self._lock:
            if name not in self._components:
                self._components[name] = factory()
            return self._components[name]  # type: ignore[no-any-return]

    def close(self) -> None:
        self.engine.dispose()


def build_runtime(settings: Settings) -> Runtime:
    """Wire a runtime from ``settings``."""
    configure_logging(settings)
    engine = make_engine(settings.database_url)
    return Runtime(settings, engine, make_session_factory(engine), make_celery(settings))


_current: Runtime | None = None
_current_lock = threading.Lock()


def install_runtime(runtime: Runtime | None) -> None:
    """Make ``runtime`` the process's runtime (None forgets it)."""
    global _current  # noqa: PLW0603 - one wiring per process, like logging
    with _current_lock:
        _current = runtime


def current_runtime() -> Runtime:
    """The installed runtime, built from the environment on first use."""
    global _current  # noqa: PLW0603
    with _current_lock:
        if _current is None:
            _current = build_runtime(get_settings())
        return _current
