"""Start and stop the whole Taalbrug stack: action server, Rasa server and web gateway.

`python -m bot.stack` (what `make run` calls) migrates the database, starts the
three processes on loopback with ports and URLs from TAALBRUG_* variables,
waits until /healthz is green, prints the URL to open, and on Ctrl-C or
SIGTERM stops every process group, children and all. A process that dies is
restarted (Rasa resumes conversations from the SQL tracker store); one that
dies MAX_RESTARTS times within RESTART_WINDOW stops the stack with a non-zero
exit code. Rasa's HTTP API always needs a token: TAALBRUG_RASA_TOKEN, or a
random one made for the run; it reaches Rasa through the environment, never the
command line (bot/rasa_server.py). The action server checks the shared secret
Rasa sends it (TAALBRUG_ACTIONS_TOKEN, also random per run when unset;
bot/action_auth.py). Each child gets only the TAALBRUG_* variables it needs
(CHILD_VARIABLES), so the gateway never holds the tracker store's URL and the
action server never holds Rasa's token or the report token. Before anything
starts, every port must be free, so that a process left over from another run
is reported instead of answering for this one.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, List, Mapping, Optional, Sequence, Tuple
from urllib.parse import urlsplit

from bot import PROJECT_ROOT
from bot.channels.credentials import variables as channel_variables
from bot.config import ConfigError, Settings
from bot.storage.db import make_engine, private_dir, private_sqlite_file
from bot.storage.migrate import upgrade
from bot.storage.records import recorder

logger = logging.getLogger("taalbrug.stack")


# The TAALBRUG_* variables each kind of child process is started with, and no others:
# secrets only where they are used. Other variables (PATH, HOME, ...) pass through.
CHILD_VARIABLES: Dict[str, FrozenSet[str]] = {
    # rasa-sdk and actions/context.py: the database, the spool, conversation hashes, the
    # default municipality, the demo clock; the secret Rasa must send (bot/action_auth.py).
    "actions": frozenset({
        "TAALBRUG_ROOT", "TAALBRUG_VAR_DIR", "TAALBRUG_DATABASE_URL", "TAALBRUG_HASH_SALT",
        "TAALBRUG_MUNICIPALITY", "TAALBRUG_DESK_CLOCK", "TAALBRUG_ACTIONS_TOKEN",
    }),
    # bot/rasa_server.py (the effective credentials go to TAALBRUG_VAR_DIR), what endpoints*.yml
    # read, the channels' settings that credentials.yml reads; the redacting tracker store
    # (bot/storage/trackers.py) hashes sender ids with the unmet log's salt (or var/hash-salt).
    "rasa": frozenset({
        "TAALBRUG_RASA_TOKEN", "TAALBRUG_TRACKER_STORE_URL", "TAALBRUG_ACTIONS_URL", "TAALBRUG_ACTIONS_TOKEN",
        "TAALBRUG_REDIS_HOST", "TAALBRUG_REDIS_PORT", "TAALBRUG_REDIS_DB",
        "TAALBRUG_ROOT", "TAALBRUG_VAR_DIR", "TAALBRUG_HASH_SALT",
    }) | channel_variables(PROJECT_ROOT / "credentials.yml"),
    # bot/web: everything Settings gives the gateway; Rasa's replicas as TAALBRUG_RASA_URL.
    "gateway": frozenset({
        "TAALBRUG_ROOT", "TAALBRUG_WEB_HOST", "TAALBRUG_WEB_PORT", "TAALBRUG_RASA_PORT", "TAALBRUG_ACTIONS_PORT",
        "TAALBRUG_RASA_URL", "TAALBRUG_ACTIONS_URL", "TAALBRUG_RASA_REPLICAS", "TAALBRUG_RASA_CONCURRENCY",
        "TAALBRUG_UPSTREAM_TIMEOUT", "TAALBRUG_DATABASE_URL", "TAALBRUG_MUNICIPALITY", "TAALBRUG_ALLOWED_ORIGINS",
        "TAALBRUG_COOKIE_SECURE", "TAALBRUG_RATE_LIMIT", "TAALBRUG_TRUSTED_PROXY", "TAALBRUG_HSTS",
        "TAALBRUG_READ_TIMEOUT",
        "TAALBRUG_RASA_TOKEN", "TAALBRUG_ADMIN_PASSWORD", "TAALBRUG_REPORT_TOKEN",
    }),
}


def only_needed(env: Mapping[str, str], kind: str) -> Dict[str, str]:
    """`env` without the TAALBRUG_* variables that a process of this kind does not need."""
    allowed = CHILD_VARIABLES[kind]
    return {k: v for k, v in env.items() if not k.startswith("TAALBRUG_") or k in allowed}


@dataclass
class Process:
    """One child of the stack: how to start it, and the running process (`popen`) once started."""

    name: str
    argv: List[str]
    env: Dict[str, str]
    popen: Optional[subprocess.Popen] = field(default=None, repr=False)

    @property
    def started(self) -> subprocess.Popen:
        """The OS process, once the stack has launched it."""
        if self.popen is None:
            raise RuntimeError(f"{self.name} was never started")
        return self.popen


def processes(config: Settings, python: str = sys.executable) -> List[Process]:
    """The processes of one deployment (actions, each Rasa replica, gateway), in start order.
    Rasa's token is in `env` (TAALBRUG_RASA_TOKEN), never in `argv`; each `env` holds only
    the TAALBRUG_* variables of CHILD_VARIABLES for its kind."""
    env = config.child_env()
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(config.project_root), env.get("PYTHONPATH", "")) if p
    )
    endpoints = "endpoints.yml"
    if config.redis_url:
        redis = urlsplit(config.redis_url)
        env.update(TAALBRUG_REDIS_HOST=redis.hostname or "127.0.0.1", TAALBRUG_REDIS_PORT=str(redis.port or 6379),
                   TAALBRUG_REDIS_DB=(redis.path or "/0").strip("/") or "0")
        endpoints = "endpoints.replicas.yml"
    rasa: List[Process] = []
    for index, port in enumerate(config.rasa_ports):
        argv = [
            python, "-m", "bot.rasa_server", "run",
            "--model", str(config.model_path),
            "--interface", "127.0.0.1",
            "--port", str(port),
            "--enable-api",
            "--credentials", str(config.project_root / "credentials.yml"),
            "--endpoints", str(config.project_root / endpoints),
        ]
        rasa.append(Process("rasa" if index == 0 else f"rasa-{index + 1}", argv, only_needed(env, "rasa")))
    # The gateway learns the replicas' URLs, not the Redis URL Rasa's lock store uses.
    gateway = {**env, "TAALBRUG_RASA_URL": ",".join(config.rasa_urls)}
    return [
        Process(
            "actions",
            [python, "-m", "rasa_sdk", "--actions", "actions", "--port", str(config.actions_port)],
            {**only_needed(env, "actions"), "SANIC_HOST": "127.0.0.1"},
        ),
        *rasa,
        Process("gateway", [python, "-m", "bot.web"], only_needed(gateway, "gateway")),
    ]


def ports(config: Settings) -> List[Tuple[str, str, int]]:
    """(variable, host, port) of every port the stack listens on; ConfigError when two coincide."""
    wanted = [("TAALBRUG_WEB_PORT", config.web_host, config.web_port),
              ("TAALBRUG_ACTIONS_PORT", "127.0.0.1", config.actions_port)]
    wanted += [("TAALBRUG_RASA_PORT" + (f" + {i}" if i else ""), "127.0.0.1", port)
               for i, port in enumerate(config.rasa_ports)]
    seen: Dict[int, str] = {}
    for variable, _host, port in wanted:
        if port in seen:
            raise ConfigError(f"{variable} and {seen[port]} are both port {port}: give each process its own")
        seen[port] = variable
    return wanted


def port_in_use(host: str, port: int) -> bool:
    """Whether a server could not bind host:port now (bound as the servers bind: SO_REUSEADDR)."""
    family, kind, proto, _name, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError:
            return True
    return False


MAX_RESTARTS = 5  # per process, within RESTART_WINDOW seconds
RESTART_WINDOW = 300.0


class Stack:
    """Owns the child process groups of one running deployment."""

    def __init__(self, config: Settings, python: str = sys.executable) -> None:
        if config.rasa_url_list or config.actions_url_override:
            raise ConfigError("TAALBRUG_RASA_URL and TAALBRUG_ACTIONS_URL are for a gateway in front of Rasa "
                              "on other hosts (python -m bot.web); `make run` starts Rasa and the actions here")
        if not config.rasa_token:
            # Rasa's HTTP API is always token-protected: without TAALBRUG_RASA_TOKEN
            # a random token is made for this run (it may begin with "-": bot/rasa_server.py
            # hands it to Rasa as --auth-token=<token>).
            config = config.with_changes(rasa_token=secrets.token_urlsafe(32))
        if not config.actions_token:
            # The action server refuses calls without the secret Rasa sends it (bot/action_auth.py).
            config = config.with_changes(actions_token=secrets.token_urlsafe(32))
        self.config = config
        self.ports = ports(config)
        self.processes = processes(config, python)
        self._stopping = threading.Event()
        self._restarts: Dict[str, List[float]] = {}

    def start(self) -> None:
        if not self.config.model_path.exists():
            raise FileNotFoundError(
                f"No trained model at {self.config.model_path}: run `make train` first."
            )
        busy = [f"{port} ({variable})" for variable, host, port in self.ports if port_in_use(host, port)]
        if busy:
            several = len(busy) > 1
            raise ConfigError(f"{'ports' if several else 'port'} {', '.join(busy)} {'are' if several else 'is'} "
                              "in use already. Is Taalbrug running already? Stop it, or choose other ports "
                              "with these variables")
        private_dir(self.config.var_dir, tighten=True)  # databases, spool and hash salt: this user only
        private_sqlite_file(self.config.tracker_store_url)  # Rasa's, before Rasa creates it 0644
        upgrade(self.config.database_url)
        self._replay_spool()
        if self.config.rasa_replicas > 1:
            self._create_tracker_tables()
        for process in self.processes:
            self._launch(process)

    def _launch(self, process: Process) -> None:
        process.popen = subprocess.Popen(
            process.argv,
            cwd=str(self.config.project_root),
            env=process.env,
            start_new_session=True,  # own process group: stopped children and all
        )
        logger.info("started %s (pid %d)", process.name, process.popen.pid)

    def supervise(self) -> Optional[Process]:
        """Restart a crashed process (at most MAX_RESTARTS in RESTART_WINDOW s); the one that
        keeps crashing is returned so the whole stack can stop."""
        dead = self.crashed()
        if dead is None or self._stopping.is_set():
            return None
        now = time.monotonic()
        recent = [t for t in self._restarts.get(dead.name, []) if now - t < RESTART_WINDOW]
        if len(recent) >= MAX_RESTARTS:
            return dead
        logger.warning("%s exited with code %s; restarting it", dead.name, dead.started.returncode)
        _kill_group(dead.started)  # what is left of its group must let go of its port first
        self._restarts[dead.name] = recent + [now]
        self._launch(dead)
        return None

    def _create_tracker_tables(self) -> None:
        """Create Rasa's tracker tables once, so that replicas starting together do not race.

        Rasa's own metadata and engine options (SQLTrackerStore.Base, create_engine_kwargs), on
        the URL the replicas get (Rasa passes it as `host=`). Not through SQLTrackerStore's
        constructor: it only logs an error when the tables cannot be created."""
        import sqlalchemy
        from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs

        url = self.config.tracker_store_url
        engine = sqlalchemy.create_engine(url, **create_engine_kwargs(url))
        try:
            SQLTrackerStore.Base.metadata.create_all(engine)
        finally:
            engine.dispose()

    def _replay_spool(self) -> None:
        """Write records spooled during an earlier database outage (nothing is lost)."""
        engine = make_engine(self.config.database_url)
        try:
            replayed = recorder(engine, self.config.var_dir).replay()
            if replayed:
                logger.info("wrote %d records spooled during a database outage", replayed)
        finally:
            engine.dispose()

    def health_url(self) -> str:
        host = "127.0.0.1" if self.config.web_host in ("0.0.0.0", "::") else self.config.web_host
        return f"http://{host}:{self.config.web_port}"

    def wait_ready(self, timeout: float = 300.0) -> bool:
        """Poll /healthz until every part is up; False on timeout, crash or stop."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not self._stopping.is_set():
            if self.crashed():
                return False
            try:
                with urllib.request.urlopen(self.health_url() + "/healthz", timeout=3) as response:
                    if response.status == 200:
                        return True
            except (urllib.error.URLError, OSError):
                pass
            self._stopping.wait(1.0)
        return False

    def crashed(self) -> Optional[Process]:
        for process in self.processes:
            if process.popen is not None and process.popen.poll() is not None:
                return process
        return None

    def stop(self, grace: float = 15.0) -> None:
        """SIGTERM every process group, then SIGKILL what is left after `grace` seconds."""
        self._stopping.set()
        running = [p for p in reversed(self.processes) if p.popen and p.popen.poll() is None]
        for process in running:
            _signal_group(process.started, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for process in running:
            try:
                process.started.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                logger.warning("%s did not stop in %.0f s, killing it", process.name, grace)
        for process in self.processes:
            if process.popen is not None:
                # Also reaps grandchildren left in the group by a clean exit, so that the
                # next run finds every port free.
                _kill_group(process.popen)


def _signal_group(popen: subprocess.Popen, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):  # already gone
        os.killpg(popen.pid, sig)


def _kill_group(popen: subprocess.Popen, timeout: float = 10.0) -> None:
    """SIGKILL the process group and wait until none of it is left (its ports are free then)."""
    _signal_group(popen, signal.SIGKILL)
    popen.wait()
    deadline = time.monotonic() + timeout
    while _group_alive(popen.pid):
        if time.monotonic() > deadline:
            logger.warning("process group %d still has members %.0f s after SIGKILL", popen.pid, timeout)
            return
        time.sleep(0.05)


def _group_alive(pgid: int) -> bool:
    """Whether a process of group `pgid` still runs (zombies, which hold no ports, do not count)."""
    try:
        entries = os.listdir("/proc")
    except OSError:  # no /proc: ask the kernel, zombies included
        try:
            os.killpg(pgid, 0)
        except (ProcessLookupError, PermissionError):
            return False
        return True
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        if int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            return True
    return False


def main(argv: Sequence[str] = ()) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s stack %(levelname)s %(message)s")
    try:
        stack = Stack(Settings.from_env())
    except ConfigError as exc:
        logger.error("cannot start: %s", exc)
        return 1
    stop_requested = threading.Event()

    def request_stop(signum: int, _frame: object) -> None:
        logger.info("received %s, stopping", signal.Signals(signum).name)
        stop_requested.set()
        stack._stopping.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    try:
        stack.start()
    except Exception as exc:
        logger.error("cannot start: %s", exc)
        stack.stop()
        return 1
    code = 0
    try:
        if stack.wait_ready():
            print(f"\nTaalbrug is ready: open {stack.health_url()}/ in your browser. Ctrl-C stops it.\n", flush=True)
        elif not stop_requested.is_set():
            dead = stack.crashed()
            logger.error("not ready: %s", f"{dead.name} exited" if dead else "timed out")
            return 1
        while not stop_requested.wait(1.0):
            dead = stack.supervise()
            if dead:
                logger.error("%s keeps exiting (code %s); stopping the rest", dead.name, dead.started.returncode)
                code = 1
                break
    finally:
        stack.stop()
        logger.info("stopped")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
