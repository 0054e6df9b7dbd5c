"""Parse time of two Rasa models on the dev lines, message by message interleaved in one process (same load).

    python -m experiments.second_opinion.timing BEFORE.tar.gz AFTER.tar.gz

Prints p50 and p95 of `Agent.parse_message` per model (after one warm-up parse each), as wall time and as the
process's CPU time (`time.process_time`, all threads): wall time on a shared machine measures the neighbours too.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import time
from typing import List

from bench.nlu import DEV, read_heldout


async def main(before: str, after: str) -> None:
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    agents = [Agent.load(before), Agent.load(after)]
    texts = [text for _, _, text in read_heldout(DEV)]
    for agent in agents:
        await agent.parse_message("hallo")
    times: List[List[float]] = [[], []]
    cpu: List[List[float]] = [[], []]
    for text in texts:
        for index, agent in enumerate(agents):
            start, start_cpu = time.perf_counter(), time.process_time()
            await agent.parse_message(text)
            cpu[index].append((time.process_time() - start_cpu) * 1000)
            times[index].append((time.perf_counter() - start) * 1000)
    for name, measured, used in zip((before, after), times, cpu, strict=True):
        measured.sort()
        used.sort()
        print(f"{name}: wall p50 {measured[len(measured) // 2]:.1f} ms, p95 {measured[int(len(measured) * 0.95)]:.1f} ms; "
              f"CPU p50 {used[len(used) // 2]:.1f} ms, p95 {used[int(len(used) * 0.95)]:.1f} ms (n={len(measured)})")


if __name__ == "__main__":
    logging.disable(logging.WARNING)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    asyncio.run(main(sys.argv[1], sys.argv[2]))
