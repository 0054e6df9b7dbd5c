"""Every kind of record the action server writes, by name, for the spooling Recorder."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from sqlalchemy.engine import Engine

from bot.storage.counts import record_safety, record_topic
from bot.storage.referrals import add_note, record_referral
from bot.storage.spool import Recorder, Writer
from bot.storage.unmet import record_conversation, record_unmet

WRITERS: Dict[str, Writer] = {
    "topic": record_topic,
    "referral": record_referral,
    "note": add_note,
    "unmet": record_unmet,
    "conversation": record_conversation,
    "safety": record_safety,
}


def recorder(engine: Engine, var_dir: Path) -> Recorder:
    """The recorder of one process, spooling to var/spool/ while the database is down."""
    return Recorder(engine, var_dir / "spool", WRITERS)
