"""Operator commands for Taalbrug's database (`python -m bot.storage.cli ...`).

- `purge`: empty the text of unmet questions older than TAALBRUG_RETENTION_MONTHS
  (12 by default; the counts stay), and delete Rasa's tracker-store events older
  than TAALBRUG_TRACKER_RETENTION_DAYS (30 by default). `make purge` runs it.
- `add-account USERNAME --role policy|staff|admin --municipalities a,b`: create
  an account of those municipalities; the password is read from standard input
  (never from the command line).
- `disable-account USERNAME` / `enable-account USERNAME`: a disabled account
  cannot sign in and its open sessions end at once.
- `reset-password USERNAME`: a new password from standard input; open sessions end.
- `set-municipalities USERNAME a,b`: the municipalities the account belongs to.
- `replay-spool`: write records spooled during a database outage.

`make account` runs the account commands (see the Makefile).
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import List, Optional, Sequence

from bot.config import Settings
from bot.storage.accounts import (
    AccountError,
    User,
    create_account,
    reset_password,
    set_disabled,
    set_municipalities,
)
from bot.storage.db import make_engine
from bot.storage.migrate import upgrade
from bot.storage.records import recorder
from bot.storage.unmet import purge
from bot.vocabulary import ROLES


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` earlier (the last day of a shorter month)."""
    total = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    days = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31,
            30, 31][month - 1]
    return moment.replace(year=year, month=month, day=min(moment.day, days))


def purge_tracker_store(url: str, before: datetime) -> int:
    """Rasa's tracker store, imported only here: the other commands do not load Rasa."""
    from bot.storage.trackers import purge_conversations

    return purge_conversations(url, before)


def known_municipalities(root: Path, slugs: Sequence[str]) -> List[str]:
    """The slugs, split at commas; AccountError naming any that has no folder in municipalities/."""
    wanted = [s.strip().lower() for s in ",".join(slugs).split(",") if s.strip()]
    unknown = [s for s in wanted if not (root / "municipalities" / s / "profile.yml").is_file()]
    if unknown:
        raise AccountError(f"unknown municipality {', '.join(map(repr, unknown))}: "
                           f"each must be a folder in {root / 'municipalities'} with a profile.yml")
    return wanted


def _account_command(args: argparse.Namespace, engine: object, root: Path, now: datetime) -> User:
    """Run one account command; AccountError when it cannot be done as asked."""
    if args.command == "add-account":
        municipalities = known_municipalities(root, [args.municipalities])
        return create_account(engine, args.username, args.role, sys.stdin.readline().rstrip("\n"), now,
                              municipalities)
    if args.command in ("disable-account", "enable-account"):
        return set_disabled(engine, args.username, args.command == "disable-account")
    if args.command == "reset-password":
        return reset_password(engine, args.username, sys.stdin.readline().rstrip("\n"))
    return set_municipalities(engine, args.username, known_municipalities(root, [args.municipalities]))


DONE = {"add-account": "Created", "disable-account": "Disabled", "enable-account": "Enabled",
        "reset-password": "New password for", "set-municipalities": "Municipalities set for"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot.storage.cli", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    purge_cmd = commands.add_parser("purge", help="empty unmet question texts past the retention period")
    purge_cmd.add_argument("--months", type=int, default=None, help="retention in months (default: setting)")
    purge_cmd.add_argument("--tracker-days", type=int, default=None,
                           help="tracker-store retention in days (default: setting)")
    add = commands.add_parser("add-account", help="create an account; password on standard input")
    add.add_argument("username")
    add.add_argument("--role", choices=ROLES, required=True)
    add.add_argument("--municipalities", required=True, help="comma-separated slugs (folders in municipalities/)")
    for name, text in (("disable-account", "disable an account and end its sessions"),
                       ("enable-account", "enable a disabled account again"),
                       ("reset-password", "set a new password (standard input) and end the account's sessions")):
        commands.add_parser(name, help=text).add_argument("username")
    towns = commands.add_parser("set-municipalities", help="set the municipalities an account belongs to")
    towns.add_argument("username")
    towns.add_argument("municipalities", help="comma-separated slugs (folders in municipalities/)")
    commands.add_parser("replay-spool", help="write records spooled during a database outage")
    return parser


def main(argv: Optional[List[str]] = None, settings: Optional[Settings] = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    settings = settings or Settings.from_env()
    upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    now = datetime.now(timezone.utc)
    try:
        if args.command == "purge":
            months = args.months if args.months is not None else settings.retention_months
            if months < 1:
                parser.error("--months must be at least 1")
            days = args.tracker_days if args.tracker_days is not None else settings.tracker_retention_days
            if days < 1:
                parser.error("--tracker-days must be at least 1")
            count = purge(engine, months_before(now, months), now)
            print(f"Emptied {count} unmet question texts older than {months} months; counts kept.")
            events = purge_tracker_store(settings.tracker_store_url, now - timedelta(days=days))
            print(f"Deleted {events} tracker-store events older than {days} days.")
        elif args.command in DONE:
            try:
                user = _account_command(args, engine, settings.project_root, now)
            except AccountError as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 2
            print(f"{DONE[args.command]} {user.role} account {user.username!r} "
                  f"(municipalities: {', '.join(user.municipalities)}).")
        else:
            print(f"Wrote {recorder(engine, settings.var_dir).replay()} spooled records.")
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
