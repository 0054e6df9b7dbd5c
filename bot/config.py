"""Typed settings for every Taalbrug process, read once from the environment.

Processes build a `Settings` at start-up (`Settings.from_env()`) and pass it
down explicitly; nothing else reads `os.environ` for configuration.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Mapping, Optional, Tuple
from urllib.parse import urlsplit

from bot import PROJECT_ROOT


class ConfigError(ValueError):
    """A TAALBRUG_* variable holds a value that cannot be used."""


def _whole(env: Mapping[str, str], name: str, default: int, lowest: int, highest: Optional[int] = None) -> int:
    """A whole number from `name`, at least `lowest` (and at most `highest`), or a ConfigError naming it."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None
    if value < lowest or (highest is not None and value > highest):
        bounds = f"between {lowest} and {highest}" if highest is not None else f"at least {lowest}"
        raise ConfigError(f"{name} must be {bounds}, got {value}")
    return value


def _port(env: Mapping[str, str], name: str, default: int) -> int:
    return _whole(env, name, default, 1, 65535)


def parse_limit(raw: str) -> Tuple[int, float]:
    """TAALBRUG_RATE_LIMIT: "30/60" -> (30, 60.0); "0" -> no limit."""
    raw = (raw or "").strip()
    if raw in ("0", "off"):
        return (0, 1.0)
    if not raw:
        return (30, 60.0)
    messages, _, seconds = raw.partition("/")
    count, period = int(messages), float(seconds or 60)
    if count < 0 or period <= 0:
        raise ValueError(raw)
    return count, period


def _trusted_proxies(env: Mapping[str, str]) -> int:
    """TAALBRUG_TRUSTED_PROXY: how many reverse proxies in front of the gateway append to X-Forwarded-For."""
    raw = env.get("TAALBRUG_TRUSTED_PROXY", "").strip().lower()
    if raw in ("true", "yes"):
        return 1
    if raw in ("false", "no"):
        return 0
    return _whole(env, "TAALBRUG_TRUSTED_PROXY", 0, 0, 10)


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        raise ConfigError(f"{name} must be a number of seconds, got {raw!r}") from None
    if not 0 < value <= 3600:
        raise ConfigError(f"{name} must be between 0 and 3600 seconds, got {raw!r}")
    return value


def _http_url(name: str, raw: str) -> str:
    """An http(s) base URL without a trailing slash, or a ConfigError naming the variable."""
    url = raw.strip().rstrip("/")
    parts = urlsplit(url)
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
        usable = parts.scheme in ("http", "https") and parts.hostname and not parts.path and not parts.query
    except ValueError:
        usable = False
    if not usable:
        raise ConfigError(f"{name} must be base URLs like http://rasa:5005, got {raw.strip()!r}")
    return url


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


@dataclass(frozen=True)
class Settings:
    """Ports, URLs and secrets of one Taalbrug deployment."""

    project_root: Path = PROJECT_ROOT
    web_host: str = "127.0.0.1"
    web_port: int = 8080
    rasa_port: int = 5005
    actions_port: int = 5055
    database_url: str = ""
    tracker_store_url: str = ""
    rasa_token: Optional[str] = None
    # Shared secret Rasa sends to the action server (endpoints*.yml `action_endpoint.headers`).
    actions_token: Optional[str] = None
    admin_password: Optional[str] = None
    report_token: Optional[str] = None
    # Salt for the hashes of conversation ids that are stored. Unset: a random
    # salt kept in var/hash-salt (bot.privacy.hash_salt). Replicas share one.
    hash_salt: Optional[str] = None
    municipality: str = "voorbeeldegem"
    allowed_origins: Tuple[str, ...] = ()
    model_path: Path = field(default=PROJECT_ROOT / "models" / "taalbrug.tar.gz")
    # How long the gateway waits for Rasa before it answers with an error.
    upstream_timeout: float = 8.0

    # Session cookies carry the Secure flag (switch off only for plain-http tests).
    cookie_secure: bool = True
    # Unmet question texts are emptied after this many months (`make purge`).
    retention_months: int = 12
    # Rasa's tracker-store events are deleted after this many days (`make purge`).
    tracker_retention_days: int = 30
    # Rasa replicas behind the gateway (they need a shared SQL tracker store and
    # TAALBRUG_REDIS_URL for Rasa's Redis lock store when there is more than one).
    rasa_replicas: int = 1
    redis_url: Optional[str] = None
    # Resident messages inside each Rasa replica at once; more wait at the
    # gateway, first come first served (0: no limit). docs/bench-load.md.
    rasa_concurrency: int = 4
    # Where the gateway finds Rasa and the action server when they run on other
    # hosts (TAALBRUG_RASA_URL: comma-separated replicas or one load-balanced
    # service; TAALBRUG_ACTIONS_URL). Empty: this host, on the ports above.
    rasa_url_list: Tuple[str, ...] = ()
    actions_url_override: Optional[str] = None
    # Messages per period per client on /api/chat (0: no limit).
    rate_limit: Tuple[int, float] = (30, 60.0)
    # Reverse proxies in front of the gateway that append to X-Forwarded-For (0: none, the
    # peer address is the client); the client is the entry the outermost of them appended.
    trusted_proxy: int = 0
    # Send Strict-Transport-Security on every answer (also sent when the request came in
    # over TLS, or through a trusted proxy that says X-Forwarded-Proto: https).
    hsts: bool = False
    # Seconds a client may take to send a request's headers, and its body.
    read_timeout: float = 10.0
    # Fixed clock for the actions (tests and demos of opening hours only).
    desk_clock: Optional[datetime] = None
    # Runtime files (SQLite databases, the spool, the hash salt); default <root>/var.
    var_path: Optional[Path] = None

    @property
    def var_dir(self) -> Path:
        return self.var_path or self.project_root / "var"

    @property
    def rasa_url(self) -> str:
        return self.rasa_urls[0]

    @property
    def rasa_ports(self) -> Tuple[int, ...]:
        """One port per Rasa replica: TAALBRUG_RASA_PORT, +1, +2, ..."""
        return tuple(self.rasa_port + i for i in range(self.rasa_replicas))

    @property
    def rasa_urls(self) -> Tuple[str, ...]:
        if self.rasa_url_list:
            return self.rasa_url_list
        return tuple(f"http://127.0.0.1:{port}" for port in self.rasa_ports)

    @property
    def actions_url(self) -> str:
        return self.actions_url_override or f"http://127.0.0.1:{self.actions_port}"

    @property
    def rasa_capacity(self) -> int:
        """Resident messages inside Rasa at once, all replicas together (0: no limit)."""
        return self.rasa_concurrency * max(self.rasa_replicas, len(self.rasa_urls))

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> "Settings":
        """Build settings from TAALBRUG_* variables, with DESIGN.md's defaults."""
        env = os.environ if env is None else env
        root = Path(env.get("TAALBRUG_ROOT", str(PROJECT_ROOT)))
        var = Path(env["TAALBRUG_VAR_DIR"]) if env.get("TAALBRUG_VAR_DIR") else root / "var"
        origins = tuple(
            o.strip().rstrip("/")
            for o in env.get("TAALBRUG_ALLOWED_ORIGINS", "").split(",")
            if o.strip()
        )
        model = Path(env.get("TAALBRUG_MODEL", str(root / "models" / "taalbrug.tar.gz")))
        if not model.is_absolute():
            model = root / model
        try:
            timeout = float(env.get("TAALBRUG_UPSTREAM_TIMEOUT", "8"))
        except ValueError:
            raise ConfigError("TAALBRUG_UPSTREAM_TIMEOUT must be a number of seconds") from None
        retention = _whole(env, "TAALBRUG_RETENTION_MONTHS", 12, 1)
        tracker_retention = _whole(env, "TAALBRUG_TRACKER_RETENTION_DAYS", 30, 1)
        clock_raw = env.get("TAALBRUG_DESK_CLOCK", "").strip()
        try:
            clock = datetime.fromisoformat(clock_raw) if clock_raw else None
        except ValueError:
            raise ConfigError("TAALBRUG_DESK_CLOCK must be an ISO time with offset") from None
        if clock is not None and clock.tzinfo is None:
            raise ConfigError("TAALBRUG_DESK_CLOCK must carry an offset, e.g. 2026-11-24T10:00:00+01:00")
        try:
            rate_limit = parse_limit(env.get("TAALBRUG_RATE_LIMIT", "30/60"))
        except ValueError:
            raise ConfigError("TAALBRUG_RATE_LIMIT must be <messages>/<seconds>, e.g. 30/60, or 0") from None
        replicas = _whole(env, "TAALBRUG_RASA_REPLICAS", 1, 1, 16)
        redis_url = env.get("TAALBRUG_REDIS_URL") or None
        concurrency = _whole(env, "TAALBRUG_RASA_CONCURRENCY", 4, 0, 1000)  # 0: no limit
        rasa_urls = tuple(_http_url("TAALBRUG_RASA_URL", u) for u in env.get("TAALBRUG_RASA_URL", "").split(",") if u.strip())
        actions_url = env.get("TAALBRUG_ACTIONS_URL", "").strip()
        if replicas > 1 and not redis_url and not env.get("TAALBRUG_RASA_URL", "").strip():
            raise ConfigError("TAALBRUG_RASA_REPLICAS > 1 needs TAALBRUG_REDIS_URL (Rasa's Redis lock store)")
        return cls(
            rasa_replicas=replicas,
            rasa_concurrency=concurrency,
            rasa_url_list=rasa_urls,
            actions_url_override=_http_url("TAALBRUG_ACTIONS_URL", actions_url) if actions_url else None,
            redis_url=redis_url,
            rate_limit=rate_limit,
            trusted_proxy=_trusted_proxies(env),
            hsts=env.get("TAALBRUG_HSTS", "0").strip().lower() in ("1", "true", "yes"),
            read_timeout=_seconds(env, "TAALBRUG_READ_TIMEOUT", 10.0),
            desk_clock=clock,
            cookie_secure=env.get("TAALBRUG_COOKIE_SECURE", "1").strip().lower() not in ("0", "false", "no"),
            retention_months=retention,
            tracker_retention_days=tracker_retention,
            project_root=root,
            web_host=env.get("TAALBRUG_WEB_HOST", "127.0.0.1"),
            web_port=_port(env, "TAALBRUG_WEB_PORT", 8080),
            rasa_port=_port(env, "TAALBRUG_RASA_PORT", 5005),
            actions_port=_port(env, "TAALBRUG_ACTIONS_PORT", 5055),
            database_url=env.get("TAALBRUG_DATABASE_URL") or _sqlite_url(var / "taalbrug.db"),
            tracker_store_url=env.get("TAALBRUG_TRACKER_STORE_URL")
            or _sqlite_url(var / "tracker.db"),
            rasa_token=env.get("TAALBRUG_RASA_TOKEN") or None,
            actions_token=env.get("TAALBRUG_ACTIONS_TOKEN") or None,
            admin_password=env.get("TAALBRUG_ADMIN_PASSWORD") or None,
            report_token=env.get("TAALBRUG_REPORT_TOKEN") or None,
            hash_salt=env.get("TAALBRUG_HASH_SALT") or None,
            municipality=env.get("TAALBRUG_MUNICIPALITY", "voorbeeldegem").strip() or "voorbeeldegem",
            allowed_origins=origins,
            model_path=model,
            upstream_timeout=timeout,
            var_path=var,
        )

    def with_changes(self, **changes: object) -> "Settings":
        return replace(self, **changes)  # type: ignore[arg-type]

    def child_env(self, base: Optional[Mapping[str, str]] = None) -> dict:
        """Environment for child processes: these settings, spelled as variables (bot.stack passes each
        process only the TAALBRUG_* variables it needs)."""
        env = dict(os.environ if base is None else base)
        env.update(
            TAALBRUG_ROOT=str(self.project_root),
            TAALBRUG_WEB_HOST=self.web_host,
            TAALBRUG_WEB_PORT=str(self.web_port),
            TAALBRUG_RASA_PORT=str(self.rasa_port),
            TAALBRUG_ACTIONS_PORT=str(self.actions_port),
            TAALBRUG_DATABASE_URL=self.database_url,
            TAALBRUG_TRACKER_STORE_URL=self.tracker_store_url,
            TAALBRUG_MUNICIPALITY=self.municipality,
            TAALBRUG_MODEL=str(self.model_path),
            TAALBRUG_ALLOWED_ORIGINS=",".join(self.allowed_origins),
            TAALBRUG_VAR_DIR=str(self.var_dir),
            TAALBRUG_COOKIE_SECURE="1" if self.cookie_secure else "0",
            TAALBRUG_RETENTION_MONTHS=str(self.retention_months),
            TAALBRUG_TRACKER_RETENTION_DAYS=str(self.tracker_retention_days),
            TAALBRUG_UPSTREAM_TIMEOUT=f"{self.upstream_timeout:g}",
        )
        env["TAALBRUG_RATE_LIMIT"] = f"{self.rate_limit[0]}/{self.rate_limit[1]:g}" if self.rate_limit[0] else "0"
        env["TAALBRUG_TRUSTED_PROXY"] = str(self.trusted_proxy)
        env["TAALBRUG_HSTS"] = "1" if self.hsts else "0"
        env["TAALBRUG_READ_TIMEOUT"] = f"{self.read_timeout:g}"
        env["TAALBRUG_RASA_REPLICAS"] = str(self.rasa_replicas)
        env["TAALBRUG_RASA_CONCURRENCY"] = str(self.rasa_concurrency)
        env["TAALBRUG_ACTIONS_URL"] = self.actions_url  # endpoints.yml: where Rasa calls the actions
        # credentials.yml: where Rasa's messaging channels reach the staff desk (this host's gateway unless set)
        env.setdefault("TAALBRUG_DESK_URL", f"http://127.0.0.1:{self.web_port}")
        if self.rasa_url_list:
            env["TAALBRUG_RASA_URL"] = ",".join(self.rasa_url_list)
        if self.redis_url:
            env["TAALBRUG_REDIS_URL"] = self.redis_url
        if self.desk_clock is not None:
            env["TAALBRUG_DESK_CLOCK"] = self.desk_clock.isoformat()
        for key, value in (
            ("TAALBRUG_RASA_TOKEN", self.rasa_token),
            ("TAALBRUG_ACTIONS_TOKEN", self.actions_token),
            ("TAALBRUG_ADMIN_PASSWORD", self.admin_password),
            ("TAALBRUG_REPORT_TOKEN", self.report_token),
            ("TAALBRUG_HASH_SALT", self.hash_salt),
        ):
            if value:
                env[key] = value
        return env
