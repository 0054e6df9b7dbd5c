"""Throw-away PostgreSQL and Redis servers (Debian's binaries) on free loopback ports, for benchmarks."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Optional


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Postgres:
    """initdb + pg_ctl in a temporary folder; `url` points at database `taalbrug`."""

    def __init__(self) -> None:
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
        if not bins:
            raise FileNotFoundError("PostgreSQL is not installed (apt install postgresql)")
        self.bin = Path(bins[-1])
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="taalbrug-bench-pg-"))
        os.chmod(self.folder, 0o755)
        self.data = self.folder / "data"
        self.data.mkdir()
        self.as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_pg:
            shutil.chown(self.data, "postgres")

    def __enter__(self) -> "Postgres":
        run = lambda *argv: subprocess.run([*self.as_pg, *argv], check=True, capture_output=True)  # noqa: E731
        run(str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "taalbrug", "-E", "UTF8")
        run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.data / "log"), "-w", "-o",
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.data} -c max_connections=200", "start")
        subprocess.run([str(self.bin / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "taalbrug",
                        "-d", "postgres", "-qc", "CREATE DATABASE taalbrug"], check=True, capture_output=True)
        return self

    def url(self, database: str = "taalbrug") -> str:
        return f"postgresql://taalbrug@127.0.0.1:{self.port}/{database}"

    def create(self, database: str) -> str:
        subprocess.run([str(self.bin / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "taalbrug",
                        "-d", "postgres", "-qc", f'CREATE DATABASE "{database}"'], check=True, capture_output=True)
        return self.url(database)

    def __exit__(self, *exc: object) -> None:
        subprocess.run([*self.as_pg, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "stop"],
                       capture_output=True)
        shutil.rmtree(self.folder, ignore_errors=True)


class Redis:
    def __init__(self) -> None:
        self.binary: Optional[str] = shutil.which("redis-server")
        if not self.binary:
            raise FileNotFoundError("Redis is not installed (apt install redis-server)")
        self.port = free_port()
        self.process: Optional[subprocess.Popen] = None

    def __enter__(self) -> "Redis":
        self.process = subprocess.Popen([self.binary, "--bind", "127.0.0.1", "--port", str(self.port),
                                         "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL)
        for _ in range(100):
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return self
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def __exit__(self, *exc: object) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(10)
