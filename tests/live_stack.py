"""Start the real stack (python -m bot.stack, as `make run` does) on free loopback ports, for tests.

The ports are picked below the kernel's range of ephemeral ports, so that no
outgoing connection can take one while Rasa loads (it binds its port 20 to
60 s after the stack starts). A start that still loses a port to another
process is tried again on new ports. A stack that exits before it is ready
is reported at once with its output, and a stack that is stopped or given up
on leaves no process behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any, Dict, List, Mapping, Tuple

from bot import PROJECT_ROOT

READY_TIMEOUT = 300
ATTEMPTS = 3  # starts on new ports when a port was taken meanwhile


class RunningStack:
    def __init__(self, process: subprocess.Popen, ports: Dict[str, int], env: Mapping[str, str]) -> None:
        self.process = process
        self.ports = ports
        self.env = dict(env)
        self.database_url = env["TAALBRUG_DATABASE_URL"]
        self.output: List[str] = []
        self.ready = threading.Event()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:  # type: ignore[union-attr]
            self.output.append(line)
            if "Taalbrug is ready" in line:
                self.ready.set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.ports['web']}"

    def problems(self, last: int = 40) -> str:
        """The stack's last warnings, errors and tracebacks: the message of a failing assertion."""
        keys = ("WARNING", "ERROR", "Error", "Exception", "Traceback", "exited", "started ")
        lines = [line.rstrip() for line in self.output if any(k in line for k in keys)]
        return "stack log:\n" + "\n".join(lines[-last:])

    def chat(self, session: str, text: str, languages: List[str] = ()) -> Dict[str, Any]:
        body = json.dumps({"session": session, "text": text, "languages": list(languages)}).encode()
        request = urllib.request.Request(
            self.url + "/api/chat", data=body, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status == 200
            return json.loads(response.read())

    def pid(self, service: str) -> int:
        """The pid of a child (actions, rasa, gateway), as the stack last started it."""
        marker = f"started {service} (pid "
        lines = [line for line in self.output if marker in line]
        return int(lines[-1].split(marker)[1].split(")")[0])

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(self.url + "/healthz", timeout=3) as response:
                return response.status == 200
        except OSError:
            return False

    def children(self) -> List[int]:
        """Pids of every child the stack reported starting (each leads its own process group)."""
        marker = " (pid "
        return [int(line.split(marker)[1].split(")")[0]) for line in self.output
                if "started " in line and marker in line]

    def stop(self, grace: float = 60) -> None:
        """SIGTERM the stack, which stops its children; if it has not exited after `grace` s, kill all."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(grace)
            except subprocess.TimeoutExpired:
                self.kill()

    def kill(self) -> None:
        """SIGKILL the stack and every child process group it started: a killed stack cannot stop them."""
        for pid in [self.process.pid, *self.children()]:
            with contextlib.suppress(ProcessLookupError, PermissionError):  # already gone
                os.killpg(pid, signal.SIGKILL)
        self.process.wait()


def listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def model_path() -> Path:
    model = Path(os.environ.get("TAALBRUG_MODEL", PROJECT_ROOT / "models" / "taalbrug.tar.gz"))
    return model if model.is_absolute() else PROJECT_ROOT / model


def _ephemeral_range() -> Tuple[int, int]:
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range", encoding="ascii") as handle:
            low, high = (int(n) for n in handle.read().split())
            return low, high
    except (OSError, ValueError):
        return 32768, 60999  # Linux's default


def bindable(port: int) -> bool:
    """Whether a server could bind 127.0.0.1:port now (as the stack's servers bind: SO_REUSEADDR)."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _ports(replicas: int) -> Dict[str, int]:
    """Free ports for the gateway, the actions and Rasa, whose replicas take the ports after it:
    all different, all outside the ephemeral range (which outgoing connections draw from)."""
    low, high = _ephemeral_range()
    candidates = range(10000, low - replicas) if low - replicas > 11000 else range(high + 1, 65536 - replicas)
    while True:
        ports = {"web": random.choice(candidates), "rasa": random.choice(candidates),
                 "actions": random.choice(candidates)}
        every = set(ports.values()) | {ports["rasa"] + i for i in range(replicas)}
        if len(every) == 2 + replicas and all(bindable(p) for p in every):
            return ports


def start_stack(tmp: Path, **extra: str) -> RunningStack:
    """The whole stack on free ports with a throw-away database; raises if not ready in time."""
    model = model_path()
    assert model.exists(), f"no trained model at {model}: run `make train` (make test does)"
    for attempt in range(1, ATTEMPTS + 1):
        running = _start(tmp, model, **extra)
        if running.ready.is_set():
            return running
        output = "".join(running.output)
        if attempt == ATTEMPTS or "in use already" not in output and "ddress already in use" not in output:
            raise RuntimeError("stack not ready:\n" + "".join(running.output[-60:]))
    raise AssertionError("unreachable")


def _start(tmp: Path, model: Path, **extra: str) -> RunningStack:
    """One start on new ports: the stack ready, or exited (or killed after READY_TIMEOUT)."""
    ports = _ports(int(extra.get("TAALBRUG_RASA_REPLICAS", "1")))
    env = {
        **os.environ,
        "TAALBRUG_WEB_PORT": str(ports["web"]),
        "TAALBRUG_RASA_PORT": str(ports["rasa"]),
        "TAALBRUG_ACTIONS_PORT": str(ports["actions"]),
        "TAALBRUG_DATABASE_URL": f"sqlite:///{tmp / 'taalbrug.db'}",
        "TAALBRUG_TRACKER_STORE_URL": f"sqlite:///{tmp / 'tracker.db'}",
        "TAALBRUG_VAR_DIR": str(tmp / "var"),
        "TAALBRUG_MODEL": str(model),
        "TAALBRUG_MUNICIPALITY": "voorbeeldegem",
        "PYTHONPATH": str(PROJECT_ROOT),
        **extra,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.stack"], cwd=PROJECT_ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    running = RunningStack(process, ports, env)
    deadline = time.monotonic() + READY_TIMEOUT
    while not running.ready.wait(0.5):
        if process.poll() is not None or time.monotonic() > deadline:
            if process.poll() is None:
                running.output.append(f"not ready in {READY_TIMEOUT} s\n")
            running.stop(grace=30)
            running.reader.join(5)  # the rest of its output
            break
    return running
