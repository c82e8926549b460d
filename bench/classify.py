"""Classifier throughput on one core: tips per second over the labelled texts, repeated.

uv run python bench/classify.py [--seconds 3]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from services.classify.classifier import Classifier

DATA = [
    Path(__file__).resolve().parents[1] / "tests" / "data" / "classify-extra.jsonl",
    Path(__file__).resolve().parents[2] / "shared" / "data" / "tips-dev.jsonl",
]


def texts() -> list[tuple[str, str]]:
    found = []
    for path in DATA:
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                found.append((record["text"], record.get("received_on", "@politie")))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    started = time.perf_counter()
    classifier = Classifier()
    build = time.perf_counter() - started
    samples = texts()
    done = 0
    started = time.perf_counter()
    while time.perf_counter() - started < args.seconds:
        for text, received_on in samples:
            classifier.classify("bench", text, received_on)
        done += len(samples)
    elapsed = time.perf_counter() - started
    print(f"classifier build        {build * 1000:.0f} ms")
    print(f"texts                   {len(samples)} distinct, {done} classified")
    print(f"throughput (one core)   {done / elapsed:,.0f} tips/s")


if __name__ == "__main__":
    main()
