"""`make run` N times in a row (default 20): each must reach "Taalbrug is ready", stop on Ctrl-C, free its ports.

    make run-check            # RUNS=20
    make run-check RUNS=5

Each run is started as a user starts it (`make run`, in its own process group)
and stopped as a user stops it (SIGINT to that group, as Ctrl-C does). A run
passes when the stack prints that it is ready, /healthz answers 200 (Rasa's
model loaded, the action server and the database up), and after the stop every
port of the stack is free again within 30 s. The ports and URLs come from the
same TAALBRUG_* variables as `make run`. Not part of `make test`: each run takes
15 to 30 s on a 2-core machine. Exits non-zero when any run failed.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import List, Optional

from bot.config import Settings
from bot.stack import port_in_use, ports

ROOT = Path(__file__).resolve().parent.parent
READY = "Taalbrug is ready"


def _wait_ready(make: subprocess.Popen, ready: threading.Event, start: float, timeout: float) -> str:
    """"" once the stack says it is ready, else what went wrong."""
    while not ready.wait(0.5):
        if make.poll() is not None:
            return f"make run exited with code {make.returncode} before it was ready"
        if time.monotonic() - start > timeout:
            return f"not ready in {timeout:.0f} s"
    return ""


def _healthy(config: Settings) -> str:
    host = "127.0.0.1" if config.web_host in ("0.0.0.0", "::") else config.web_host
    try:
        with urllib.request.urlopen(f"http://{host}:{config.web_port}/healthz", timeout=10) as response:
            return "" if response.status == 200 else f"/healthz answered {response.status} after ready"
    except OSError as exc:
        return f"/healthz failed after ready: {exc}"


def _stop(make: subprocess.Popen) -> str:
    """Ctrl-C, as a person at the terminal would; "" when make stopped within 60 s."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(make.pid, signal.SIGINT)
    try:
        make.wait(60)
    except subprocess.TimeoutExpired:
        os.killpg(make.pid, signal.SIGKILL)
        make.wait()
        return "did not stop within 60 s of Ctrl-C"
    return ""


def _ports_free(config: Settings) -> str:
    deadline = time.monotonic() + 30
    while (busy := [p for _v, h, p in ports(config) if port_in_use(h, p)]) and time.monotonic() < deadline:
        time.sleep(0.2)
    return f"ports still in use 30 s after the stop: {busy}" if busy else ""


def one_run(number: int, timeout: float) -> Optional[float]:
    """Seconds until ready, or None when this run failed (its output is printed then)."""
    config = Settings.from_env()
    start = time.monotonic()
    make = subprocess.Popen(["make", "--no-print-directory", "run"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    output: List[str] = []
    ready = threading.Event()

    def read() -> None:
        for line in make.stdout:  # type: ignore[union-attr]
            output.append(line)
            if READY in line:
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    problem = _wait_ready(make, ready, start, timeout)
    took = time.monotonic() - start
    problem = problem or _healthy(config)
    stop = time.monotonic()
    stop_problem = _stop(make)  # always stop, whatever went wrong before
    problem = problem or stop_problem
    reader.join(5)
    problem = problem or _ports_free(config)
    if not problem and not any("stack INFO stopped" in line for line in output):
        problem = "the stack did not report that it stopped"
    stopped = time.monotonic() - stop
    if problem:
        print(f"run {number}: FAILED after {took:.1f} s: {problem}\n" + "".join(output[-40:]), flush=True)
        return None
    print(f"run {number}: ready in {took:.1f} s, stopped in {stopped:.1f} s", flush=True)
    return took


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds each run may take to be ready")
    args = parser.parse_args(argv)
    times: List[float] = []
    for number in range(1, args.runs + 1):
        took = one_run(number, args.timeout)
        if took is not None:
            times.append(took)
    failed = args.runs - len(times)
    summary = f"run-check: {len(times)} of {args.runs} runs ready"
    if times:
        summary += (f"; seconds to ready: min {min(times):.1f}, median {statistics.median(times):.1f}, "
                    f"max {max(times):.1f}")
    print(summary + (f"; {failed} FAILED" if failed else ""), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
