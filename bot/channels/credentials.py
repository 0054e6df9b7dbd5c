"""The effective credentials.yml: each channel on only when the variables its settings need are set.

credentials.yml names every channel Taalbrug offers, with values such as
`${TAALBRUG_TELEGRAM_TOKEN}`. Rasa expands those itself but refuses to start
when one is unset, and would start every channel listed. `effective()` keeps
a channel whose required settings (the channel class's REQUIRED) all have their
variables set, drops a setting whose variable is unset, and drops a channel
whose required variables are all unset (off). A channel with some required
variables but not all is a mistake, refused with the names of the missing
ones. The values stay `${...}` references: no secret is written to disk.
bot/rasa_server.py hands Rasa the result instead of credentials.yml.
"""

from __future__ import annotations

import importlib
import os
import re
from pathlib import Path
from typing import Any, Dict, FrozenSet, List, Mapping

import yaml

VARIABLE = re.compile(r"\$\{([^}]+)\}")


class CredentialsError(ValueError):
    """A channel is half configured: some of its required variables are set, others not."""


def _required(channel: str) -> List[str]:
    if "." not in channel:
        return []  # one of Rasa's own channels (rest, ...): no variables of ours
    module, _, name = channel.rpartition(".")
    try:
        return list(getattr(importlib.import_module(module), "REQUIRED", ()))
    except ImportError:
        return []  # Rasa reports the dotted path itself


def _unset(value: Any, env: Mapping[str, str]) -> List[str]:
    return [v for v in VARIABLE.findall(value) if not env.get(v, "").strip()] if isinstance(value, str) else []


def effective(channels: Mapping[str, Any], env: Mapping[str, str]) -> Dict[str, Any]:
    """The channels of a credentials mapping that are on in `env`, without their unset settings."""
    result: Dict[str, Any] = {}
    for channel, settings in channels.items():
        if not isinstance(settings, dict):
            result[channel] = settings
            continue
        required = _required(channel)
        from_env = [key for key in required if VARIABLE.search(str(settings.get(key) or ""))]
        if from_env and all(_unset(settings[key], env) for key in from_env):
            continue  # off: none of its required variables is set
        missing = [v for key in required for v in _unset(settings.get(key), env)]
        missing += [key for key in required if not settings.get(key)]
        if missing:
            raise CredentialsError(f"credentials.yml: {channel} is half configured; also set {', '.join(missing)}")
        result[channel] = {key: value for key, value in settings.items() if not _unset(value, env)}
    return result


def variables(source: Path) -> FrozenSet[str]:
    """Every ${VARIABLE} that `source` (credentials.yml) reads: what Rasa's process must be given."""
    settings = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    values = [str(v) for channel in settings.values() if isinstance(channel, dict) for v in channel.values()]
    return frozenset(name for value in values for name in VARIABLE.findall(value))


def write_effective(source: Path, target: Path, env: Mapping[str, str]) -> Path:
    """Write the effective credentials of `source` to `target` (replaced whole); `target`."""
    channels = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    if not isinstance(channels, dict):
        raise CredentialsError(f"{source}: expected a mapping of channel names")
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")  # replicas write it too
    temporary.write_text("# Written by bot/rasa_server.py from credentials.yml: the channels that are on.\n"
                         + yaml.safe_dump(effective(channels, env), sort_keys=False), encoding="utf-8")
    temporary.replace(target)
    return target
