# The two commands a newcomer needs; each installs everything it uses first.
#   make demo   - run the whole pipeline on sample messages, no servers needed
#   make check  - lint, type-check, check import boundaries, run every test
UV ?= $(shell command -v uv 2>/dev/null || echo "python3 -m uv")

.PHONY: demo check setup services bench

setup:
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	@$(UV) sync --frozen --quiet

demo: setup
	@$(UV) run --frozen tipline demo

services:
	@bash .ci/services

check: setup services
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen mypy
	$(UV) run --frozen lint-imports
	$(UV) run --frozen pytest -q

bench: setup services
	$(UV) run --frozen python bench/pipeline.py
