"""`make audit`: pip-audit of requirements.lock in its own venv, strict, with the known advisories of
docs/audit-ignore.txt (each with a reason that holds) and nothing else ignored."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path
from typing import Dict, List

from bot import PROJECT_ROOT

IGNORE_FILE = PROJECT_ROOT / "docs" / "audit-ignore.txt"
ADVISORY_ID = re.compile(r"^(GHSA(-[23456789cfghjmpqrvwx]{4}){3}|PYSEC-\d{4}-\d+|CVE-\d{4}-\d{4,})$")


def ignored() -> Dict[str, List[str]]:
    """ID -> [package, reason words...] of every advisory docs/audit-ignore.txt lists."""
    entries = {}
    for line in IGNORE_FILE.read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split()
        if fields:
            entries[fields[0]] = fields[1:]
    return entries


def locked() -> Dict[str, str]:
    pins = {}
    for line in (PROJECT_ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        name, _, version = line.partition("==")
        if version:
            pins[name.strip().lower().replace("_", "-")] = version.strip()
    return pins


def audit_command() -> List[str]:
    """The pip-audit command line `make audit` runs (make -n: printed, not run)."""
    printed = subprocess.run(["make", "-n", "--no-print-directory", "audit"], cwd=PROJECT_ROOT,
                             capture_output=True, text=True, check=True).stdout
    joined = printed.replace("\\\n", " ")  # the recipe's continued lines, as one
    return next(shlex.split(line) for line in joined.splitlines() if "pip-audit " in line)


def test_the_audit_is_strict_over_the_lock_file_in_its_own_venv() -> None:
    command = audit_command()
    assert command[0] == ".venv-tools/bin/pip-audit"  # never installed into the project's .venv
    assert command[command.index("--requirement") + 1] == "requirements.lock"
    assert "--strict" in command  # a package the advisory source cannot answer for fails the audit
    assert command[command.index("--vulnerability-service") + 1] == "pypi"


def test_exactly_the_listed_advisories_are_ignored() -> None:
    command = audit_command()
    passed = [command[i + 1] for i, arg in enumerate(command) if arg == "--ignore-vuln"]
    assert sorted(passed) == sorted(ignored()) and passed


def test_every_listed_advisory_names_a_locked_package_and_a_reason() -> None:
    pins = locked()
    for advisory, (package, *reason) in ignored().items():
        assert ADVISORY_ID.match(advisory), advisory
        assert package in pins, f"{advisory}: {package} is not in requirements.lock"
        assert len(reason) >= 6, f"{advisory}: say why it cannot be reached here"


def test_the_aiohttp_advisories_cannot_be_reached_because_the_gateway_parses_with_llhttp() -> None:
    """The listed aiohttp advisories are in its pure-Python parser only; the C parser is the one in use,
    and aiohttp cannot move past them while rasa pins it below 3.10."""
    import aiohttp.web_protocol

    assert aiohttp.web_protocol.HttpRequestParser.__module__ == "aiohttp._http_parser"
    assert any(package == "aiohttp" for package, *_ in ignored().values())
    assert locked()["aiohttp"].startswith("3.9.")
    tools = (PROJECT_ROOT / "requirements-tools.txt").read_text(encoding="utf-8").splitlines()
    assert all("==" in line for line in tools if line and not line.startswith("#"))  # every tool pinned
    assert any(line.startswith("pip_audit==") or line.startswith("pip-audit==") for line in tools)


def test_the_tools_venv_is_not_committed() -> None:
    assert ".venv-tools" in Path(PROJECT_ROOT / ".gitignore").read_text(encoding="utf-8").split()
