"""Classifier throughput on one core: tips per second over the labelled texts, repeated.

uv run python bench/classify.py [--seconds 1] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
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
    parser.add_argument("--seconds", type=float, default=1.0, help="length of one round")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    started = time.perf_counter()
    classifier = Classifier()
    build = time.perf_counter() - started
    samples = texts()
    for text, received_on in samples:  # warm the model's word cache, as a running worker has it
        classifier.classify("bench", text, received_on)
    rates: list[float] = []
    done = 0
    for _ in range(args.rounds):
        count, wall, cpu = 0, time.perf_counter(), time.process_time()
        while time.perf_counter() - wall < args.seconds:
            for text, received_on in samples:
                classifier.classify("bench", text, received_on)
            count += len(samples)
        # CPU time of this process: a shared machine's stolen time does not count against the classifier.
        rates.append(count / (time.process_time() - cpu))
        done += count
    print(f"classifier build        {build * 1000:.0f} ms")
    print(f"texts                   {len(samples)} distinct, {done} classified in {args.rounds} rounds")
    print(f"throughput (one core)   {statistics.median(rates):,.0f} tips/s median, {max(rates):,.0f} best")
    print(f"per tip                 {1e6 / statistics.median(rates):.0f} us")


if __name__ == "__main__":
    main()
