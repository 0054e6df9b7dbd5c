"""`make bench-load`: a bounded load test on loopback, Taalbrug side by side with bare Rasa.

Three systems are started on free ports and measured with the same messages:
- baseline: the `rasa init` moodbot (REST channel, in-memory tracker, no
  actions), the anchor of the issue;
- Taalbrug with one Rasa process (SQLite), through the gateway (/api/chat) to
  Rasa, the action server and the database;
- Taalbrug with two Rasa replicas (PostgreSQL tracker store and database,
  Redis lock store), when Debian's PostgreSQL and Redis are installed.

Loads: 1, 20 and 100 concurrent conversations x 10 messages each, mixed
languages and topics from tests/nlu/heldout.tsv (fixed seed). For each run it
prints p50/p95/p99 latency, messages per second and errors, and checks that
every question Taalbrug answered as unmet is in the database. The result table
goes to docs/bench-load.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import aiohttp

from bench.servers import Postgres, Redis, free_port
from bot import PROJECT_ROOT

HELDOUT = PROJECT_ROOT / "tests" / "nlu" / "heldout.tsv"
NOTES = "## Notes"
MOODBOT = PROJECT_ROOT / "var" / "bench" / "moodbot"
REPORT = PROJECT_ROOT / "docs" / "bench-load.md"
READY = 420.0


@dataclass
class Result:
    system: str
    conversations: int
    latencies: List[float] = field(default_factory=list)
    errors: int = 0
    wall: float = 0.0
    unmet_sent: int = 0
    unmet_stored: Optional[int] = None

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else float("nan")

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.wall if self.wall else 0.0


def messages(count: int, per: int, seed: int = 7) -> List[List[str]]:
    rows = [line.split("\t")[2] for line in HELDOUT.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    rng = random.Random(seed)
    return [[rng.choice(rows) for _ in range(per)] for _ in range(count)]


# ---- the systems -----------------------------------------------------------


class LoggedProcess:
    """One process of a benchmarked system, its output in a log file; stopped with its process group."""

    def __init__(self, argv: Sequence[str], cwd: Path, env: Dict[str, str], log: Path) -> None:
        self.log = open(log, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(list(argv), cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()


async def wait_for(url: str, timeout: float = READY) -> None:
    deadline = time.monotonic() + timeout
    async with aiohttp.ClientSession() as session:
        while time.monotonic() < deadline:
            try:
                async with session.get(url, timeout=aiohttp.ClientTimeout(total=3)) as response:
                    if response.status == 200:
                        return
            except (aiohttp.ClientError, asyncio.TimeoutError):
                pass
            await asyncio.sleep(1)
    raise RuntimeError(f"{url} not ready after {timeout:.0f} s")


def rasa_cli() -> List[str]:
    return [sys.executable, "-m", "rasa"]


def ensure_moodbot() -> Path:
    """`rasa init`'s moodbot, trained once into var/bench/moodbot."""
    if not list((MOODBOT / "models").glob("*.tar.gz")):
        MOODBOT.mkdir(parents=True, exist_ok=True)
        print("training the baseline moodbot (rasa init) ...", flush=True)
        subprocess.run(rasa_cli() + ["init", "--no-prompt", "--init-dir", str(MOODBOT)], check=True,
                       cwd=MOODBOT, stdout=subprocess.DEVNULL, env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"})
    return MOODBOT


def base_env() -> Dict[str, str]:
    return {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2",
            "PYTHONPATH": str(PROJECT_ROOT)}


def start_moodbot(work: Path) -> Tuple[LoggedProcess, str]:
    folder = ensure_moodbot()
    port = free_port()
    process = LoggedProcess(rasa_cli() + ["run", "--interface", "127.0.0.1", "--port", str(port)],
                      folder, base_env(), work / "moodbot.log")
    return process, f"http://127.0.0.1:{port}"


def start_taalbrug(work: Path, name: str, **extra: str) -> Tuple[LoggedProcess, str, str]:
    web = free_port()
    folder = work / name
    folder.mkdir()
    database = extra.pop("TAALBRUG_DATABASE_URL", f"sqlite:///{folder / 'taalbrug.db'}")
    env = {
        **base_env(), "TAALBRUG_WEB_PORT": str(web), "TAALBRUG_RASA_PORT": str(free_port()),
        "TAALBRUG_ACTIONS_PORT": str(free_port()), "TAALBRUG_DATABASE_URL": database,
        "TAALBRUG_TRACKER_STORE_URL": f"sqlite:///{folder / 'tracker.db'}", "TAALBRUG_VAR_DIR": str(folder / "var"),
        "TAALBRUG_RATE_LIMIT": "0", "TAALBRUG_HASH_SALT": "bench", **extra,
    }
    env["TAALBRUG_RASA_PORT"] = str(_free_block(int(extra.get("TAALBRUG_RASA_REPLICAS", "1"))))
    process = LoggedProcess([sys.executable, "-m", "bot.stack"], PROJECT_ROOT, env, work / f"{name}.log")
    return process, f"http://127.0.0.1:{web}", database


def _free_block(size: int) -> int:
    """A first port whose `size` consecutive ports are free (Rasa replicas use port, port+1, ...)."""
    import socket

    while True:
        start = free_port()
        ok = True
        for port in range(start, start + size):
            with socket.socket() as sock:
                try:
                    sock.bind(("127.0.0.1", port))
                except OSError:
                    ok = False
                    break
        if ok:
            return start


# ---- the load --------------------------------------------------------------


async def converse_rasa(session: aiohttp.ClientSession, url: str, sender: str, texts: List[str],
                        result: Result) -> None:
    for text in texts:
        start = time.perf_counter()
        try:
            async with session.post(url + "/webhooks/rest/webhook", json={"sender": sender, "message": text},
                                    timeout=aiohttp.ClientTimeout(total=60)) as response:
                await response.read()
                ok = response.status == 200
        except (aiohttp.ClientError, asyncio.TimeoutError):
            ok = False
        result.latencies.append(time.perf_counter() - start)
        result.errors += 0 if ok else 1


async def converse_taalbrug(session: aiohttp.ClientSession, url: str, sender: str, texts: List[str],
                            result: Result) -> None:
    for text in texts:
        start = time.perf_counter()
        try:
            async with session.post(url + "/api/chat", json={"session": sender, "text": text, "languages": ["nl"]},
                                    timeout=aiohttp.ClientTimeout(total=60)) as response:
                body = await response.json(content_type=None)
                ok = response.status == 200 and not any(m.get("kind") == "error" for m in body.get("messages", []))
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
            ok, body = False, {}
        result.latencies.append(time.perf_counter() - start)
        result.errors += 0 if ok else 1
        if ok and body.get("topic") in (None, "out_of_scope") and not text.startswith("/"):
            result.unmet_sent += 1


async def run_level(system: str, url: str, conversations: int, per: int, taalbrug: bool) -> Result:
    result = Result(system, conversations)
    plan = messages(conversations, per, seed=conversations)
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        converse = converse_taalbrug if taalbrug else converse_rasa
        start = time.perf_counter()
        await asyncio.gather(*(
            converse(session, url, re.sub(r"[^A-Za-z0-9_-]+", "-", f"bench-{system}-{conversations}-{i}-{int(start)}"),
                     texts, result)
            for i, texts in enumerate(plan)
        ))
        result.wall = time.perf_counter() - start
    return result


def unmet_rows(database: str) -> int:
    from sqlalchemy import func, select

    from bot.storage.db import make_engine
    from bot.storage.models import UnmetQuestion

    engine = make_engine(database)
    try:
        with engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(UnmetQuestion)).scalar_one()
    finally:
        engine.dispose()


async def measure(system: str, url: str, levels: Sequence[int], per: int, taalbrug: bool,
                  database: Optional[str] = None) -> List[Result]:
    # Warm up: the first messages load lazy parts (TensorFlow graphs, spaCy, caches).
    await run_level(system, url, 2, 3, taalbrug)
    results = []
    for conversations in levels:
        before = unmet_rows(database) if database else 0
        result = await run_level(system, url, conversations, per, taalbrug)
        if database:
            result.unmet_stored = unmet_rows(database) - before
        results.append(result)
        print(f"  {system:<24} {conversations:>3} conversations: p50 {result.pct(.5):7.1f} ms  "
              f"p95 {result.pct(.95):7.1f} ms  p99 {result.pct(.99):7.1f} ms  {result.rate:5.1f} msg/s  "
              f"errors {result.errors}", flush=True)
    return results


# ---- report ----------------------------------------------------------------


def table(results: List[Result]) -> str:
    lines = ["| system | conversations | messages | p50 ms | p95 ms | p99 ms | msg/s | errors | unmet sent / stored |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        unmet = "" if r.unmet_stored is None else f"{r.unmet_sent} / {r.unmet_stored}"
        lines.append(f"| {r.system} | {r.conversations} | {len(r.latencies)} | {r.pct(.5):.1f} | {r.pct(.95):.1f} | "
                     f"{r.pct(.99):.1f} | {r.rate:.2f} | {r.errors} | {unmet} |")
    return "\n".join(lines)


def lost_records(results: List[Result]) -> int:
    """Unmet questions sent but not in the database. Stored may exceed sent: a complaint
    ("dit helpt niet") stores the question before it."""
    return sum(max(0, r.unmet_sent - (r.unmet_stored or 0)) for r in results if r.unmet_stored is not None)


def verdict(results: List[Result]) -> List[str]:
    by = {(r.system, r.conversations): r for r in results}
    out = []
    base1, tb1 = by.get(("baseline moodbot", 1)), by.get(("taalbrug, 1 replica", 1))
    if base1 and tb1:
        ratio = tb1.pct(.5) / base1.pct(.5)
        out.append(f"- 1 conversation, p50: Taalbrug {tb1.pct(.5):.1f} ms vs baseline {base1.pct(.5):.1f} ms "
                   f"= {ratio:.2f}x (target <= 1.3x): {'met' if ratio <= 1.3 else 'NOT met'}")
    for level in (20, 100):
        base, tb = by.get(("baseline moodbot", level)), by.get(("taalbrug, 1 replica", level))
        if base and tb:
            ratio = tb.rate / base.rate
            out.append(f"- {level} conversations, throughput: Taalbrug {tb.rate:.2f} vs baseline {base.rate:.2f} "
                       f"msg/s = {ratio:.2f}x (target >= 1.0x): {'met' if ratio >= 1.0 else 'NOT met'}")
    errors = sum(r.errors for r in results if r.system.startswith("taalbrug"))
    if errors:
        out.insert(0, f"- **{errors} Taalbrug messages failed: the latency and throughput figures do not count.**")
    lost = lost_records(results)
    out.append(f"- Taalbrug errors: {errors}; unmet questions sent but not stored: {lost}")
    return out


async def main_async(args: argparse.Namespace) -> int:
    levels = [int(x) for x in args.levels.split(",")]
    work = Path(tempfile.mkdtemp(prefix="taalbrug-bench-"))
    results: List[Result] = []
    print(f"logs in {work}", flush=True)

    process, url = start_moodbot(work)
    try:
        await wait_for(url + "/")
        results += await measure("baseline moodbot", url, levels, args.messages, taalbrug=False)
    finally:
        process.stop()

    process, url, database = start_taalbrug(work, "taalbrug-1")
    try:
        await wait_for(url + "/healthz")
        results += await measure("taalbrug, 1 replica", url, levels, args.messages, True, database)
    finally:
        process.stop()

    if not args.no_replicas:
        try:
            with Postgres() as postgres, Redis() as redis:
                tracker = postgres.create("tracker")
                process, url, database = start_taalbrug(
                    work, "taalbrug-2", TAALBRUG_RASA_REPLICAS="2", TAALBRUG_REDIS_URL=redis.url,
                    TAALBRUG_DATABASE_URL=postgres.url(), TAALBRUG_TRACKER_STORE_URL=tracker)
                try:
                    await wait_for(url + "/healthz")
                    results += await measure("taalbrug, 2 replicas", url, levels, args.messages, True, database)
                finally:
                    process.stop()
        except FileNotFoundError as exc:
            print(f"replicas not measured: {exc}")

    body = table(results)
    checks = verdict(results)
    print("\n" + body + "\n\n" + "\n".join(checks))
    if args.write:
        cores = os.cpu_count()
        # The hand-written analysis below the measurements ("## Notes") is kept.
        previous = REPORT.read_text(encoding="utf-8") if REPORT.exists() else ""
        notes = previous[previous.index(NOTES):] if NOTES in previous else ""
        REPORT.write_text(
            "# Load benchmark (`make bench-load`)\n\n"
            f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on loopback, {cores} cores, one run. "
            f"Each conversation sends {args.messages} messages one after the other (mixed languages and topics "
            "from tests/nlu/heldout.tsv); all conversations of a level run at once. Taalbrug is measured "
            "through the gateway (/api/chat), Rasa, the action server and the database; the baseline is "
            "`rasa init`'s moodbot (REST channel, in-memory tracker, no actions). The load generator runs "
            "on the same machine.\n\n" + body + "\n\n" + "\n".join(checks) + "\n"
            + ("\n" + notes if notes else ""), encoding="utf-8")
        print(f"\nwritten to {REPORT.relative_to(PROJECT_ROOT)}")
    return 1 if lost_records(results) else 0  # a lost record is a failure, whatever the speed


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default="1,20,100", help="concurrent conversations per run")
    parser.add_argument("--messages", type=int, default=10, help="messages per conversation")
    parser.add_argument("--no-replicas", action="store_true", help="skip the two-replica run")
    parser.add_argument("--write", action="store_true", help="write docs/bench-load.md")
    return asyncio.run(main_async(parser.parse_args(argv)))


if __name__ == "__main__":
    raise SystemExit(main())
