"""Start the real stack (python -m bot.stack, as `make run` does) on free loopback ports, for tests."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path
from typing import Any, Dict, List, Mapping

from bot import PROJECT_ROOT
from tests.conftest import free_port

READY_TIMEOUT = 300


class RunningStack:
    def __init__(self, process: subprocess.Popen, ports: Dict[str, int], env: Mapping[str, str]) -> None:
        self.process = process
        self.ports = ports
        self.env = dict(env)
        self.database_url = env["TAALBRUG_DATABASE_URL"]
        self.output: List[str] = []
        self.ready = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()

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

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(60)


def listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def model_path() -> Path:
    model = Path(os.environ.get("TAALBRUG_MODEL", PROJECT_ROOT / "models" / "taalbrug.tar.gz"))
    return model if model.is_absolute() else PROJECT_ROOT / model


def _ports(replicas: int) -> Dict[str, int]:
    """Free ports for the gateway, the actions and Rasa, whose replicas take the ports after
    it: all different, so that no two processes of the stack can share one."""
    while True:
        ports = {"web": free_port(), "rasa": free_port(), "actions": free_port()}
        rasa = {ports["rasa"] + i for i in range(replicas)}
        if len(set(ports.values()) | rasa) == 2 + replicas and not any(listening(p) for p in rasa):
            return ports


def start_stack(tmp: Path, **extra: str) -> RunningStack:
    """The whole stack on free ports with a throw-away database; raises if not ready in time."""
    model = model_path()
    assert model.exists(), f"no trained model at {model}: run `make train` (make test does)"
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
    if not running.ready.wait(READY_TIMEOUT):
        os.killpg(process.pid, signal.SIGKILL)
        raise RuntimeError("stack not ready in time:\n" + "".join(running.output[-60:]))
    return running
