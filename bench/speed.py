"""`make bench-speed`: where the CPU time of one `/model/parse` goes, per pipeline component, on a shared machine.

    python -m bench.speed [--model MODEL] [--limit N]
    python -m bench.speed --before REF [--model MODEL] [--before-model MODEL]   # two code versions, interleaved
    python -m bench.speed --before REF --set FILE.tsv    # another set (a `text` column), counts only

Parses the development messages (tests/safety tune, dev, dev5, dev6, dev7 and tests/nlu/dev.tsv; never a
held-out set) with the trained model, once each after a warm-up, in a worker process that times every node
of Rasa's graph (`GraphNode.__call__`) and, inside the safety net, the lexicon scan, the likeness and the
sentence encoder. CPU time, not wall clock: the machine is shared, and CPU time counts what this process
did, not how long it waited for a core. Two clocks: `thread` (time.thread_time, the parsing thread only)
and `process` (time.process_time, all threads: the BLAS threads numpy starts for a matrix product are
the encoder's cost too). Printed: p50/p95/p99 per component and for the whole parse, the wall p95 of the
parse (in-process `Agent.parse_message`, what the server's /model/parse runs), and how many messages
called the encoder.

`--before REF` compares this tree's code with the code of a git ref (e.g. `main`): a second worker runs
the same messages from an export of REF (`git archive`) and the parent hands them out message by message,
alternating which worker goes first, so both see the same load. It also checks that both versions decide
the same (intent, safety level and reason) for every message, and lists the messages where they do not.
`--set FILE.tsv` (repeatable) times the messages of other sets instead, e.g. a validation set no one may
read: then no message is printed, only counts (of differing decisions too, per kind).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parent.parent
SAFETY_SETS = ("tune", "dev", "dev5", "dev6", "dev7")
NLU_DEV = ROOT / "tests" / "nlu" / "dev.tsv"
MODEL = ROOT / "models" / "taalbrug.tar.gz"
# Inside the safety net's node: its parts, timed separately (also counted in the node's own time).
PARTS = ("lexicon scan", "likeness", "encoder", "nearest examples")


def development_texts() -> List[str]:
    """The development messages, in a fixed order: the safety sets, then the NLU development set."""
    return set_texts([ROOT / "tests" / "safety" / f"{name}.tsv" for name in SAFETY_SETS] + [NLU_DEV])


def set_texts(paths: Sequence[Path]) -> List[str]:
    """The `text` column of each tab-separated file, in order. A file without a `text` column in its header,
    or a line without text, is refused naming the file (and the line), never the text."""
    texts: List[str] = []
    for path in paths:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t")
            if "text" not in (reader.fieldnames or []):
                raise ValueError(f"{path}: needs a tab-separated header line with a `text` column")
            for row in reader:
                if not row["text"]:
                    raise ValueError(f"{path}, line {reader.line_num}: no text")
                texts.append(row["text"])
    return texts


def quantiles(values: Sequence[float]) -> Tuple[float, float, float]:
    """p50, p95, p99 (statistics.quantiles, exclusive method); zeros for an empty list."""
    if len(values) < 2:
        return (values[0],) * 3 if values else (0.0, 0.0, 0.0)  # type: ignore[return-value]
    q = statistics.quantiles(values, n=100)
    return q[49], q[94], q[98]


# ---------- worker: one process, one code version, one model ----------

class _Clock:
    """CPU time spent inside timed calls, per name, for the message being parsed."""

    def __init__(self) -> None:
        self.spent: Dict[str, List[float]] = {}
        self.calls: Dict[str, int] = {}

    def reset(self) -> None:
        self.spent, self.calls = {}, {}

    def wrap(self, name: str, function: Any) -> Any:
        def timed(*args: Any, **kwargs: Any) -> Any:
            thread, process = time.thread_time(), time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent = self.spent.setdefault(name, [0.0, 0.0])
                spent[0] += (time.thread_time() - thread) * 1000
                spent[1] += (time.process_time() - process) * 1000
                self.calls[name] = self.calls.get(name, 0) + 1
        return timed


def _instrument(clock: _Clock) -> None:
    """Times every graph node and the safety net's parts, by wrapping the classes' methods."""
    from rasa.engine.graph import GraphNode

    call = GraphNode.__call__

    def node_call(self: Any, *inputs: Any) -> Any:
        return clock.wrap(str(getattr(self, "_node_name", "?")), call)(self, *inputs)

    GraphNode.__call__ = node_call  # type: ignore[method-assign]
    from bot.nlu import encoder
    from bot.safety.lexicon import DangerLexicon
    from bot.safety.likeness import EmergencyLikeness

    DangerLexicon.scan = clock.wrap("lexicon scan", DangerLexicon.scan)  # type: ignore[method-assign]
    EmergencyLikeness.score = clock.wrap("likeness", EmergencyLikeness.score)  # type: ignore[method-assign]
    encoder.encode = clock.wrap("encoder", encoder.encode)
    from bot.safety.meaning import EmergencyMeaning

    EmergencyMeaning._nearest_share = clock.wrap(  # type: ignore[method-assign]
        "nearest examples", EmergencyMeaning._nearest_share)


def _component(node: str) -> str:
    """`run_bot.safety.safety_net.SafetyNet8` -> `SafetyNet`."""
    name = node[4:] if node.startswith("run_") else node
    return name.rsplit(".", 1)[-1].rstrip("0123456789") or name


def worker(model: str) -> None:
    """Reads one JSON text a line on stdin, parses it, writes its timings and decision as one JSON line."""
    import asyncio
    import logging

    logging.disable(logging.WARNING)
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    clock = _Clock()
    _instrument(clock)
    agent = Agent.load(model)
    loop = asyncio.new_event_loop()
    loop.run_until_complete(agent.parse_message("hallo"))
    from bot.nlu import encoder

    encoder.encode(["."])  # its weights load on the first encoding (main's code did not do this when loading)
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        text = json.loads(line)
        clock.reset()
        wall, thread, process = time.perf_counter(), time.thread_time(), time.process_time()
        data = loop.run_until_complete(agent.parse_message(text))
        wall, thread, process = ((time.perf_counter() - wall) * 1000, (time.thread_time() - thread) * 1000,
                                 (time.process_time() - process) * 1000)
        safety = data.get("safety") or {}
        components: Dict[str, List[float]] = {}
        for name, spent in clock.spent.items():
            key = name if name in PARTS else _component(name)
            total = components.setdefault(key, [0.0, 0.0])
            total[0] += spent[0]
            total[1] += spent[1]
        print(json.dumps({
            "wall": wall, "thread": thread, "process": process, "components": components,
            "encoder_calls": clock.calls.get("encoder", 0),
            "decision": [(data.get("intent") or {}).get("name"), safety.get("level"), safety.get("reason")],
        }), flush=True)


# ---------- parent: hands out the messages, prints the figures ----------

class Worker:
    """A worker process of one code tree."""

    def __init__(self, label: str, tree: Path, model: Path) -> None:
        self.label = label
        env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONDONTWRITEBYTECODE": "1", "TF_CPP_MIN_LOG_LEVEL": "3",
               "RASA_TELEMETRY_ENABLED": "false", "PYTHONWARNINGS": "ignore"}
        # This file, run as a script, with the tree's `bot` first on the path.
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--worker", str(model)], cwd=ROOT, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")
        self.results: List[Dict[str, Any]] = []

    def wait_ready(self) -> None:
        for line in self._lines():
            if json.loads(line).get("ready"):
                return

    def _lines(self) -> Iterator[str]:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("{"):
                yield line
        raise SystemExit(f"{self.label}: the worker stopped (exit code {self.process.wait()})")

    def parse(self, text: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(text) + "\n")
        self.process.stdin.flush()
        self.results.append(json.loads(next(self._lines())))

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait(timeout=60)


def _row(name: str, values: Sequence[float], digits: int = 2) -> str:
    p50, p95, p99 = quantiles(values)
    return f"| {name} | {p50:.{digits}f} | {p95:.{digits}f} | {p99:.{digits}f} |"


def table(worker: Worker) -> str:
    """The breakdown of one worker's parses, as a markdown table (ms; CPU = process clock)."""
    results = worker.results
    names: List[str] = []
    for result in results:
        names += [name for name in result["components"] if name not in names and name not in PARTS]
    lines = [f"{worker.label}: {len(results)} messages; CPU ms (process clock) unless said",
             "| component | p50 | p95 | p99 |", "|---|---|---|---|"]
    for name in names:
        lines.append(_row(name, [r["components"].get(name, [0.0, 0.0])[1] for r in results], 3))
    for name in PARTS:
        lines.append(_row(f"  in SafetyNet: {name}", [r["components"].get(name, [0.0, 0.0])[1] for r in results], 3))
    lines.append(_row("whole parse, CPU (thread clock)", [r["thread"] for r in results]))
    lines.append(_row("whole parse, CPU (process clock)", [r["process"] for r in results]))
    lines.append(_row("whole parse, wall", [r["wall"] for r in results]))
    calls = sum(r["encoder_calls"] > 0 for r in results)
    lines.append(f"messages that called the encoder: {calls}/{len(results)} ({100 * calls / len(results):.1f}%); "
                 f"encodings: {sum(r['encoder_calls'] for r in results)}")
    return "\n".join(lines)


def export(ref: str, into: Path) -> Path:
    """The files of git ref `ref` (the code, not the models) in `into`."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def _texts(parser: argparse.ArgumentParser, sets: Sequence[Path]) -> List[str]:
    """The messages to time: the given sets' (a bad file stops with its name, via `parser.error`) or the
    development messages."""
    try:
        return set_texts(sets) if sets else development_texts()
    except (OSError, ValueError) as error:
        parser.error(str(error))


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--before", metavar="REF", help="also time the code of this git ref, interleaved")
    parser.add_argument("--before-model", type=Path, help="the model for --before (default: --model)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N messages (0: all)")
    parser.add_argument("--set", dest="sets", type=Path, action="append", default=[], metavar="TSV",
                        help="time this set's messages instead (counts only, no message printed); repeatable")
    parser.add_argument("--worker", metavar="MODEL", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker)
        return
    texts = _texts(parser, args.sets)
    texts = texts[: args.limit] if args.limit else texts
    with tempfile.TemporaryDirectory() as tmp:
        workers = []
        if args.before:  # one Rasa model load at a time: the machine is shared
            before = export(args.before, Path(tmp))
            workers.append(Worker(f"before ({args.before})", before, (args.before_model or args.model).resolve()))
            workers[-1].wait_ready()
        workers.append(Worker("this tree", ROOT, args.model.resolve()))
        workers[-1].wait_ready()
        for index, text in enumerate(texts):
            for one in workers[index % 2:] + workers[: index % 2]:  # who goes first alternates
                one.parse(text)
        for one in workers:
            one.close()
    for one in workers:
        print(table(one) + "\n")
    if len(workers) == 2:
        differ = [(text, a["decision"], b["decision"]) for text, a, b
                  in zip(texts, workers[0].results, workers[1].results, strict=True) if a["decision"] != b["decision"]]
        print(f"decisions (intent, safety level, reason) identical for {len(texts) - len(differ)}/{len(texts)} messages; "
              f"intent and level identical for {len(texts) - sum(a[:2] != b[:2] for _, a, b in differ)}/{len(texts)}")
        if args.sets:  # messages of another set are not printed: how many changed, per kind
            for (a, b), count in Counter((tuple(a), tuple(b)) for _, a, b in differ).most_common():
                print(f"  {count}: {list(a)} -> {list(b)}")
        else:
            for text, a, b in differ:
                print(f"  {a} -> {b}: {text[:100]}")


if __name__ == "__main__":
    if "--worker" in sys.argv:  # run as a script in a worker: the tree's `bot` comes from PYTHONPATH
        sys.path[0] = os.environ.get("PYTHONPATH", sys.path[0])
    main()
